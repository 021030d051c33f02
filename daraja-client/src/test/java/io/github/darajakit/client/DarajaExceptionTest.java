package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.stk.StkPushRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What the SDK's exceptions answer beyond their message. */
class DarajaExceptionTest {

  private static DarajaOutcomeUnknownException unknown(Map<String, String> identifiers) {
    return new DarajaOutcomeUnknownException("b2c.pay", identifiers, null);
  }

  @Test
  void anUnknownOutcomeGivesItsIdsTypedAndEmptyWhereTheCallHasNone() {
    DarajaOutcomeUnknownException b2c =
        unknown(Map.of("originatorConversationId", "payout-7731", "amount", "2500"));
    assertThat(b2c.originatorConversationId()).contains("payout-7731");
    assertThat(b2c.callbackToken()).isEmpty();
    assertThat(b2c.requestRefId()).isEmpty();
    assertThat(b2c.standingOrderName()).isEmpty();
    assertThat(b2c.transactionId()).isEmpty();
    assertThat(b2c.billRefNumber()).isEmpty();
    assertThat(b2c.identifiers()).containsEntry("amount", "2500");

    DarajaOutcomeUnknownException others =
        unknown(
            Map.of(
                "callbackToken", "order-1042-1",
                "requestRefId", "ref-1",
                "standingOrderName", "Rent flat 4B",
                "transactionId", "SKC82PACB8",
                "billRefNumber", "ACC-1042"));
    assertThat(others.callbackToken()).contains("order-1042-1");
    assertThat(others.requestRefId()).contains("ref-1");
    assertThat(others.standingOrderName()).contains("Rent flat 4B");
    assertThat(others.transactionId()).contains("SKC82PACB8");
    assertThat(others.billRefNumber()).contains("ACC-1042");
    assertThat(others.originatorConversationId()).isEmpty();
  }

  @Test
  void moneyMayHaveMovedOnlyWhereNothingProvesItDidNot() {
    assertThat(unknown(Map.of()).moneyMayHaveMoved()).isTrue();
    assertThat(new DarajaCallbackParseException("not JSON", "{", null).moneyMayHaveMoved())
        .isTrue();
    assertThat(
            new DarajaApiException(
                    500, "500.002.1001", "Duplicate OriginatorConversationID.", "", "")
                .moneyMayHaveMoved())
        .isTrue();

    assertThat(new DarajaValidationException("amount", "must be 1 to 250000").moneyMayHaveMoved())
        .isFalse();
    assertThat(
            new DarajaAuthenticationException(400, "400.008.01", "Invalid Authentication passed")
                .moneyMayHaveMoved())
        .isFalse();
    assertThat(
            new DarajaRateLimitException("500.003.02", "Spike arrest violation")
                .moneyMayHaveMoved())
        .isFalse();
    assertThat(new DarajaUnavailableException("connection refused", null).moneyMayHaveMoved())
        .isFalse();
    assertThat(
            new DarajaApiException(400, "400.002.02", "Bad Request - Invalid PhoneNumber", "", "")
                .moneyMayHaveMoved())
        .isFalse();
  }

  @Test
  void aRequestRefusedBeforeSendingSaysNothingMoved() {
    assertThatThrownBy(() -> StkPushRequest.builder().phone("0712 34").build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.moneyMayHaveMoved()).isFalse());
  }

  @Test
  void unwrapFindsTheSdkFailureInsideWhatAFutureFailedWith() {
    DarajaOutcomeUnknownException lost = unknown(Map.of("originatorConversationId", "p-1"));
    CompletableFuture<String> failed =
        CompletableFuture.supplyAsync(
            () -> {
              throw lost;
            });

    Throwable fromJoin = catchThrowable(failed::join);
    assertThat(fromJoin).isInstanceOf(CompletionException.class);
    assertThat(DarajaException.unwrap(fromJoin)).containsSame(lost);

    Throwable fromGet = catchThrowable(failed::get);
    assertThat(fromGet).isInstanceOf(ExecutionException.class);
    assertThat(DarajaException.unwrap(fromGet)).containsSame(lost);

    Throwable seenByAStage = failed.handle((value, failure) -> failure).join();
    assertThat(seenByAStage).isInstanceOf(CompletionException.class);
    assertThat(DarajaException.unwrap(seenByAStage)).containsSame(lost);

    assertThat(DarajaException.unwrap(lost)).containsSame(lost);
    assertThat(DarajaException.unwrap(new CompletionException(new IllegalStateException("bug"))))
        .isEmpty();
    assertThat(DarajaException.unwrap(new CompletionException(null))).isEmpty();
  }

  @Test
  void anAsyncCallFailsWithTheSynchronousCallsExceptionInsideACompletionException() {
    try (DarajaClient client =
        DarajaClient.builder()
            .baseUrl("http://127.0.0.1:9")
            .consumerKey("k")
            .consumerSecret("s")
            .build()) {
      B2cPaymentRequest request =
          B2cPaymentRequest.builder()
              .phone("0712345678")
              .amount(100)
              .remarks("Payout")
              .resultUrl("http://127.0.0.1:9/result")
              .queueTimeOutUrl("http://127.0.0.1:9/timeout")
              .build();
      Throwable failure = catchThrowable(() -> client.b2c().payAsync(request).join());
      assertThat(failure).isInstanceOf(CompletionException.class);
      // No initiator configured: refused before sending, so nothing moved.
      assertThat(DarajaException.unwrap(failure))
          .get()
          .isInstanceOf(DarajaValidationException.class)
          .satisfies(e -> assertThat(e.moneyMayHaveMoved()).isFalse());
    }
  }
}
