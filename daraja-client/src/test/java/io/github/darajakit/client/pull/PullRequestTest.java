package io.github.darajakit.client.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every Pull request rule, without I/O. */
class PullRequestTest {

  private static final Instant START = Instant.parse("2024-07-06T05:00:00Z");

  private static void refused(ThrowingCallable call, String field, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(field + ": ").contains(fragments);
            });
  }

  private static PullRegisterRequest.Builder registration() {
    return PullRegisterRequest.builder()
        .nominatedNumber("0722000000")
        .callbackUrl("https://shop.example.com/payments/pull");
  }

  @Test
  void registrationNormalisesTheNominatedNumber() {
    PullRegisterRequest request = registration().nominatedNumber("+254 722 000 000").build();
    assertThat(request.nominatedNumber().value()).isEqualTo("254722000000");
    assertThat(request.nominatedNumber().local()).isEqualTo("0722000000");
    assertThat(request.shortCode()).isNull();
    assertThat(PullRegisterRequest.REQUEST_TYPE).isEqualTo("Pull");
  }

  @Test
  void registrationNeedsAKenyanNominatedNumber() {
    refused(
        () -> registration().nominatedNumber((Msisdn) null).build(),
        "nominatedNumber",
        "is required",
        "KYC");
    refused(
        () -> registration().nominatedNumber("600992"),
        "nominatedNumber",
        "'600992' is not a Kenyan mobile number");
  }

  @Test
  void registrationNeedsAnAbsoluteCallbackUrl() {
    refused(
        () -> PullRegisterRequest.builder().nominatedNumber("0722000000").build(),
        "callbackUrl",
        "is required");
    refused(() -> registration().callbackUrl("pull"), "callbackUrl", "absolute http(s) URL");
  }

  @Test
  void registrationShortCodeIsFiveToNineDigits() {
    refused(() -> registration().shortCode("12").build(), "shortCode", "not a shortcode");
  }

  @Test
  void localTimesAreEastAfricaTime() {
    PullQueryRequest request =
        PullQueryRequest.builder()
            .start(LocalDateTime.of(2024, 7, 6, 8, 0))
            .end(LocalDateTime.of(2024, 7, 6, 20, 30))
            .build();
    assertThat(request.start()).isEqualTo(Instant.parse("2024-07-06T05:00:00Z"));
    assertThat(request.end()).isEqualTo(Instant.parse("2024-07-06T17:30:00Z"));
    assertThat(request.offset()).isZero();
  }

  @Test
  void queryNeedsBothEnds() {
    refused(() -> PullQueryRequest.builder().end(START).build(), "start", "is required");
    refused(() -> PullQueryRequest.builder().start(START).build(), "end", "is required");
    refused(
        () -> PullQueryRequest.builder().start((LocalDateTime) null).end(START).build(),
        "start",
        "is required");
  }

  @Test
  void queryEndMustNotPrecedeStart() {
    refused(
        () -> PullQueryRequest.builder().start(START).end(START.minusSeconds(1)).build(),
        "end",
        "is before start",
        "2024-07-06T04:59:59Z");
  }

  @Test
  void queryWindowIsAtMost48Hours() {
    Instant limit = START.plus(PullQueryRequest.MAX_WINDOW);
    assertThat(PullQueryRequest.builder().start(START).end(limit).build().end()).isEqualTo(limit);
    assertThat(PullQueryRequest.builder().start(START).end(START).build().end()).isEqualTo(START);
    refused(
        () -> PullQueryRequest.builder().start(START).end(limit.plusSeconds(1)).build(),
        "end",
        "longer than Daraja's 48 hours",
        "split it");
  }

  @Test
  void queryOffsetIsNotNegative() {
    assertThat(PullQueryRequest.builder().start(START).end(START).offset(200).build().offset())
        .isEqualTo(200);
    refused(
        () -> PullQueryRequest.builder().start(START).end(START).offset(-1).build(),
        "offset",
        "-1 is negative");
  }

  @Test
  void queryShortCodeIsFiveToNineDigits() {
    refused(
        () -> PullQueryRequest.builder().shortCode("abc").start(START).end(START).build(),
        "shortCode",
        "'abc' is not a shortcode");
  }

  @Test
  void pulledAmountsConvertToCentsExactly() {
    PulledTransaction transaction =
        new PulledTransaction(
            "NLJ7RT61SV",
            START,
            "254708374149",
            "JOHN DOE",
            "c2b-pay-bill-debit",
            "A1",
            new BigDecimal("168.5"),
            "Org");
    assertThat(transaction.amountCents()).isEqualTo(16_850);
    assertThat(transaction.toString())
        .contains("msisdn=2547****149")
        .doesNotContain("254708374149")
        .contains("amount=168.5");
    assertThatThrownBy(() -> new PulledTransaction("NLJ7RT61SV", START, "", "", "", "", null, ""))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("amount");
  }

  @Test
  void queryResponsesAreImmutable() {
    PullQueryResponse response = new PullQueryResponse("r", "1001", "none", List.of(), "{}");
    assertThat(response.isEmpty()).isTrue();
    assertThatThrownBy(() -> response.transactions().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
