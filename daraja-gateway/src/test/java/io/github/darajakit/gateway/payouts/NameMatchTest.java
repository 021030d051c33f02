package io.github.darajakit.gateway.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The name rule of {@code payouts.nameCheck}, case by case. */
class NameMatchTest {

  @ParameterizedTest(name = "{0} matches {1} {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Hakikisha's own sample shape: the first name plain, the others a letter and six stars.
        "Wanjiku Njeri Kamau     | wanjiku | N****** | K******",
        "WANJIKU NJERI KAMAU     | Wanjiku | N****** | K******",
        // Any order: surname first, as on many Kenyan documents.
        "Kamau Wanjiku Njeri     | wanjiku | N****** | K******",
        // Whitespace, diacritics, apostrophes and hyphens.
        "  Zoë   O'Neil-Kamau    | zoe     | O****** | K******",
        "Zoe Oneil Kamau         | Zoë     | O****** | K******",
        // An initial for a masked name is enough: only its initial is shown.
        "Wanjiku N. Kamau        | wanjiku | N****** | K******",
        // More names than M-Pesa holds, and names M-Pesa left empty.
        "Wanjiku Njeri Kamau     | wanjiku | ''      | K******",
        "Otieno                  | otieno  | ''      | ''",
        // Two masked names with one initial need two names with it.
        "John Mwangi Maina       | john    | M****** | M******",
        // Another masking: letters shown on both sides of the stars, any number of stars.
        "Wanjiku Njeri Kamau     | wanjiku | Nj***   | K***u",
      })
  void matches(String expected, String first, String middle, String last) {
    assertThat(NameMatch.mismatch(expected, first, middle, last)).isEmpty();
  }

  @ParameterizedTest(name = "{0} does not match {1} {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Another first name.
        "Akinyi Njeri Kamau      | wanjiku | N****** | K******  | wanjiku",
        // A masked name whose initial is nobody in the expected name.
        "Wanjiku Kamau           | wanjiku | N****** | K******  | n******",
        "Wanjiku Njeri Otieno    | wanjiku | N****** | K******  | k******",
        // One expected name cannot stand for two names M-Pesa holds.
        "John Mwangi             | john    | M****** | M******  | different name",
        // The first name is a whole name, not a prefix.
        "Wanjikus Njeri Kamau    | wanjiku | N****** | K******  | wanjiku",
        // Letters shown after the stars must end the name.
        "Wanjiku Njeri Kamau     | wanjiku | Nj***   | K***a    | k***a",
        // No first name: nobody is confirmed.
        "Wanjiku Njeri Kamau     | ''      | N****** | K******  | no first name",
      })
  void doesNotMatch(String expected, String first, String middle, String last, String reason) {
    assertThat(NameMatch.mismatch(expected, first, middle, last))
        .hasValueSatisfying(why -> assertThat(why).contains(reason));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Zoë O'Neil-Kamau | zoe oneil kamau",
        "  MARY\tJANE,  WANJIRU  | mary jane wanjiru",
        "Ngũgĩ wa Thiong’o | ngugi wa thiongo",
        "N****** | n******",
      })
  void wordsAreComparedPlain(String name, String words) {
    assertThat(String.join(" ", NameMatch.words(name))).isEqualTo(words);
  }
}
