package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Normalising Kenyan mobile numbers to Daraja's {@code 2547…}/{@code 2541…} form, no I/O. */
class MsisdnTest {

  private static final String ACCEPTED_FORMS =
      "expected 07XXXXXXXX, 01XXXXXXXX, +2547XXXXXXXX or 2547XXXXXXXX";

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0712345678         | 254712345678",
        "0112345678         | 254112345678",
        "+254712345678      | 254712345678",
        "+254112345678      | 254112345678",
        "254712345678       | 254712345678",
        "254112345678       | 254112345678",
        "712345678          | 254712345678",
        "112345678          | 254112345678",
        "'0712 345 678'     | 254712345678",
        "'+254 712 345 678' | 254712345678",
        "0712-345-678       | 254712345678",
        "+254-112-345-678   | 254112345678",
        "0712.345.678       | 254712345678",
        "(0712) 345 678     | 254712345678",
        "(+254) 712-345.678 | 254712345678",
        "' 0712345678 '     | 254712345678",
        "0700000000         | 254700000000",
        "0799999999         | 254799999999",
        "0100000000         | 254100000000",
        "0708374149         | 254708374149",
      })
  void everyCommonWayOfWritingANumberNormalisesToDarajasForm(String text, String expected) {
    assertThat(Msisdn.parse(text).value()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(
      strings = {
        "0712 34",
        "071234567",
        "07123456789",
        "25471234567",
        "2547123456789",
        "71234567",
        "7123456789",
        "0812345678",
        "0212345678",
        "0012345678",
        "254812345678",
        "254012345678",
        "255712345678",
        "+255712345678",
        "+0712345678",
        "+712345678",
        "812345678",
        "07l2345678",
        "O712345678",
        "0712345678x",
        "phone",
        "++254712345678",
        "+254+712345678",
        "254+712345678",
        "0712_345_678",
        "0712/345/678",
        "+254(0)712345678",
        "0712\t345678",
        "0712345678\n",
        "٠٧١٢٣٤٥٦٧٨",
        "+",
        "-.-",
      })
  void anythingElseIsRefusedNamingTheFieldAndTheAcceptedForms(String text) {
    assertThatThrownBy(() -> Msisdn.parse(text))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("phone");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "phone: '" + text + "' is not a Kenyan mobile number: " + ACCEPTED_FORMS);
            });
  }

  @ParameterizedTest(name = "\"{0}\" is required")
  @NullAndEmptySource
  @ValueSource(strings = {" ", "   ", "\t"})
  void aMissingNumberIsRequiredAndTheMessageListsTheAcceptedForms(String text) {
    assertThatThrownBy(() -> Msisdn.parse(text))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("phone");
              assertThat(e.getMessage())
                  .startsWith("phone: is required")
                  .contains("07XXXXXXXX", "01XXXXXXXX", "+2547XXXXXXXX", "2547XXXXXXXX");
            });
  }

  @Test
  void errorsNameTheFieldTheCallerPassed() {
    assertThatThrownBy(() -> Msisdn.parse("partyB", "0812345678"))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("partyB");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "partyB: '0812345678' is not a Kenyan mobile number: " + ACCEPTED_FORMS);
            });
    assertThatThrownBy(() -> Msisdn.parse("requester", null))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("requester"));
  }

  @Test
  void localFormStartsWithZero() {
    assertThat(Msisdn.parse("+254 712 345 678").local()).isEqualTo("0712345678");
    assertThat(Msisdn.parse("112345678").local()).isEqualTo("0112345678");
  }

  @Test
  void maskedFormKeepsTheCountryPrefixAndTheLastFourDigits() {
    assertThat(Msisdn.parse("0712345678").masked()).isEqualTo("2547****5678");
    assertThat(Msisdn.parse("0112345678").masked()).isEqualTo("2541****5678");
    assertThat(Msisdn.parse("0708374149").masked()).isEqualTo("2547****4149");
  }

  @Test
  void toStringIsMaskedSoANumberPrintedByAccidentNeverLandsInALogInFull() {
    Msisdn msisdn = Msisdn.parse("0712345678");
    assertThat(msisdn.toString()).isEqualTo("2547****5678").doesNotContain("12345678");
    assertThat("paying " + msisdn).isEqualTo("paying 2547****5678");
  }

  @Test
  void numbersWrittenDifferentlyAreEqualAndHashAlike() {
    Msisdn a = Msisdn.parse("0712 345 678");
    Msisdn b = Msisdn.parse("+254712345678");
    Msisdn c = Msisdn.parse("712-345-678");
    assertThat(a).isEqualTo(b).isEqualTo(c).hasSameHashCodeAs(b).hasSameHashCodeAs(c);
    assertThat(a).isNotEqualTo(Msisdn.parse("0712345679"));
    assertThat(a).isNotEqualTo(Msisdn.parse("0112345678"));
    assertThat(a).isNotEqualTo("254712345678");
    assertThat(a).isNotEqualTo(null);
  }

  // ---- seeded generator --------------------------------------------------------------------

  private static final int NUMBERS_PER_SEED = 500;

  /** Fixed seeds, so a failure is reproducible from its name alone. */
  static Stream<Arguments> seeds() {
    return LongStream.of(1L, 42L, 20240706L, 7_777_777L, -3L, 0xDA7A_1A7AL).mapToObj(Arguments::of);
  }

  /**
   * Random valid numbers, each written in a random style (prefix, separators, brackets): every one
   * normalises to the same {@code 254…} value, and its local and international forms parse back to
   * an equal {@link Msisdn}. Numbers whose first national digit is not 7 or 1 are always refused.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomlyFormattedNumbersRoundTrip(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < NUMBERS_PER_SEED; i++) {
      String national = (random.nextBoolean() ? "7" : "1") + digits(random, 8);
      String expected = "254" + national;
      String written = write(random, national);
      Msisdn msisdn = Msisdn.parse(written);
      assertThat(msisdn.value()).as("seed %d: '%s'", seed, written).isEqualTo(expected);
      assertThat(Msisdn.parse(msisdn.local())).as("seed %d: local", seed).isEqualTo(msisdn);
      assertThat(Msisdn.parse(msisdn.value())).as("seed %d: value", seed).isEqualTo(msisdn);
      assertThat(Msisdn.parse("+" + msisdn.value()).value()).isEqualTo(expected);
      assertThat(msisdn.masked())
          .isEqualTo(expected.substring(0, 4) + "****" + expected.substring(8));

      char wrongFirst = "02345689".charAt(random.nextInt(8));
      String invalid = write(random, wrongFirst + national.substring(1));
      assertThatThrownBy(() -> Msisdn.parse(invalid))
          .as("seed %d: '%s'", seed, invalid)
          .isInstanceOf(DarajaValidationException.class)
          .hasMessageContaining(ACCEPTED_FORMS);
    }
  }

  private static String digits(Random random, int count) {
    StringBuilder digits = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  private static final List<String> PREFIXES = List.of("0", "+254", "254", "");
  private static final List<String> SEPARATORS = List.of("", "", " ", "-", ".", "  ", " - ");

  /** The national number with a random prefix, random separators and perhaps brackets. */
  private static String write(Random random, String national) {
    String prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
    StringBuilder text = new StringBuilder();
    if (random.nextInt(4) == 0) {
      text.append(' ');
    }
    boolean bracketPrefix = !prefix.isEmpty() && random.nextInt(4) == 0;
    text.append(bracketPrefix ? "(" + prefix + ")" : prefix);
    int[] groups = random.nextBoolean() ? new int[] {3, 3, 3} : new int[] {1, 2, 3, 3};
    int at = 0;
    for (int g = 0; g < groups.length; g++) {
      String group = national.substring(at, at + groups[g]);
      at += groups[g];
      text.append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
      text.append(g == 0 && !bracketPrefix && random.nextInt(5) == 0 ? "(" + group + ")" : group);
    }
    return text.toString();
  }
}
