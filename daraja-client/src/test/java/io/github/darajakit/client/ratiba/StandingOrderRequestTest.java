package io.github.darajakit.client.ratiba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import java.net.URI;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a standing-order request accepts, and how each refusal names its field. */
class StandingOrderRequestTest {

  private static StandingOrderRequest.Builder valid() {
    return StandingOrderRequest.builder()
        .name("Rent flat 4B")
        .startDate(LocalDate.of(2026, 11, 1))
        .endDate(LocalDate.of(2027, 10, 31))
        .frequency(StandingOrderFrequency.MONTHLY)
        .amount(4500)
        .phone("0712 345 678")
        .accountReference("FLAT-4B")
        .description("Rent")
        .callbackUrl("https://shop.example.com/daraja/ratiba");
  }

  private static void refused(String field, ThrowingCallable build) {
    assertThatThrownBy(build)
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(field + ": ");
            });
  }

  private static void refused(String field, UnaryOperator<StandingOrderRequest.Builder> change) {
    refused(field, () -> change.apply(valid()).build());
  }

  @Test
  void aValidRequestKeepsWhatItWasGivenAndDefaultsToPayBill() {
    StandingOrderRequest request = valid().build();
    assertThat(request.name()).isEqualTo("Rent flat 4B");
    assertThat(request.phone().value()).isEqualTo("254712345678");
    assertThat(request.type()).isEqualTo(StandingOrderType.PAY_BILL);
    assertThat(request.frequency()).isEqualTo(StandingOrderFrequency.MONTHLY);
    assertThat(request.callbackToken()).isNull();
    assertThat(request.shortCode()).isNull();
    assertThat(request.darajaCallbackUrl())
        .isEqualTo(URI.create("https://shop.example.com/daraja/ratiba"));
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    StandingOrderRequest request =
        valid()
            .name("n".repeat(StandingOrderRequest.MAX_NAME))
            .amount(StandingOrderRequest.MAX_AMOUNT)
            .accountReference("a".repeat(StandingOrderRequest.MAX_ACCOUNT_REFERENCE))
            .description("d".repeat(StandingOrderRequest.MAX_DESCRIPTION))
            .endDate(LocalDate.of(2026, 11, 1))
            .phone(Msisdn.parse("0112345678"))
            .callbackUrl(URI.create("http://127.0.0.1:8080/ratiba"))
            .shortCode("600000")
            .build();
    assertThat(request.amount()).isEqualTo(250_000);
    assertThat(request.endDate()).isEqualTo(request.startDate());
    assertThat(request.phone().value()).isEqualTo("254112345678");
    assertThat(valid().amount(1).build().amount()).isEqualTo(1);
  }

  @Test
  void nameIsRequiredAndAtMost64Characters() {
    refused("name", b -> b.name(null));
    refused("name", b -> b.name(" "));
    refused("name", b -> b.name("n".repeat(65)));
  }

  @Test
  void datesAreRequiredAndTheEndMayNotPrecedeTheStart() {
    refused("startDate", b -> b.startDate(null));
    refused("endDate", b -> b.endDate(null));
    assertThatThrownBy(() -> valid().endDate(LocalDate.of(2026, 10, 31)).build())
        .hasMessage(
            "endDate: 2026-10-31 is before startDate 2026-11-01: the last day must be on or after"
                + " the first");
  }

  @Test
  void amountIsWholeKesFromOneTo250000() {
    refused("amount", b -> b.amount(0));
    refused("amount", b -> b.amount(-5));
    refused("amount", b -> b.amount(250_001));
  }

  @Test
  void phoneMustBeAKenyanMobileNumber() {
    refused("phone", () -> valid().phone("0712 34"));
    refused("phone", () -> valid().phone((String) null));
    refused("phone", b -> b.phone((Msisdn) null));
  }

  @Test
  void callbackUrlIsRequiredAndAbsolute() {
    refused("callbackUrl", () -> valid().callbackUrl("not a url"));
    refused("callbackUrl", () -> valid().callbackUrl("/relative"));
    refused("callbackUrl", () -> valid().callbackUrl((String) null));
    refused("callbackUrl", () -> valid().callbackUrl(URI.create("ftp://shop.example.com/x")));
    refused("callbackUrl", () -> valid().callbackUrl((URI) null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "a/b", "é", "x?y"})
  void callbackTokenIsOnePlainPathSegment(String token) {
    refused("callbackToken", b -> b.callbackToken(token));
  }

  @Test
  void callbackTokenBecomesTheLastPathSegmentOfTheCallbackUrl() {
    refused("callbackToken", b -> b.callbackToken("t".repeat(65)));
    assertThat(valid().callbackToken("so-4b_2026").build().darajaCallbackUrl())
        .isEqualTo(URI.create("https://shop.example.com/daraja/ratiba/so-4b_2026"));
    assertThat(
            valid()
                .callbackUrl("https://shop.example.com/ratiba/?v=1")
                .callbackToken("t1")
                .build()
                .darajaCallbackUrl())
        .isEqualTo(URI.create("https://shop.example.com/ratiba/t1?v=1"));
  }

  @Test
  void accountReferenceIsOneTo12Characters() {
    refused("accountReference", b -> b.accountReference(null));
    refused("accountReference", b -> b.accountReference(""));
    refused("accountReference", b -> b.accountReference("a".repeat(13)));
  }

  @Test
  void descriptionIsOneTo13Characters() {
    refused("description", b -> b.description(null));
    refused("description", b -> b.description("d".repeat(14)));
  }

  @Test
  void frequencyIsRequired() {
    refused("frequency", b -> b.frequency(null));
  }

  @Test
  void shortCodeOverrideMustBeAShortcode() {
    refused("shortCode", b -> b.shortCode("12a45"));
    refused("shortCode", b -> b.shortCode("1234"));
  }

  @Test
  void aNullTypeMeansPayBill() {
    assertThat(valid().type(null).build().type()).isEqualTo(StandingOrderType.PAY_BILL);
  }

  @Test
  void typesCarryDarajasWireNamesMisspellingIncluded() {
    assertThat(StandingOrderType.PAY_BILL.wireName()).isEqualTo("Standing Order Customer Pay Bill");
    assertThat(StandingOrderType.PAY_BILL.receiverIdentifierType()).isEqualTo("4");
    assertThat(StandingOrderType.BUY_GOODS.wireName())
        .isEqualTo("Standing Order Customer Pay Marchant");
    assertThat(StandingOrderType.BUY_GOODS.receiverIdentifierType()).isEqualTo("2");
  }

  @Test
  void frequenciesAreDarajasCodesOneToEight() {
    assertThat(StandingOrderFrequency.values())
        .extracting(StandingOrderFrequency::code)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    for (StandingOrderFrequency frequency : StandingOrderFrequency.values()) {
      assertThat(StandingOrderFrequency.fromCode(frequency.code())).isSameAs(frequency);
    }
    assertThat(StandingOrderFrequency.fromCode(5)).isEqualTo(StandingOrderFrequency.BI_MONTHLY);
    for (int code : new int[] {0, 9, -1}) {
      refused("frequency", () -> StandingOrderFrequency.fromCode(code));
    }
  }
}
