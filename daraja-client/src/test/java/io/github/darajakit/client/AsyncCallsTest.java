package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.client.b2b.B2bPaymentRequest;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.support.Payouts;
import io.github.darajakit.client.support.Pushes;
import io.github.darajakit.client.support.StubDaraja;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous calls over real HTTP against a stub Daraja that holds its answers until the test
 * releases them: what is in flight stays in flight while the test looks. Nothing here waits for
 * time to pass except the per-call timeouts under test, whose length no assertion depends on.
 */
class AsyncCallsTest {

  private static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
  private static final StubDaraja.Reply PUSH_ACCEPTED =
      StubDaraja.Reply.now(
          200,
          "{\"MerchantRequestID\":\"29115-34620561-1\",\"CheckoutRequestID\":\"ws_CO_1\","
              + "\"ResponseCode\":\"0\",\"ResponseDescription\":\"Success. Request accepted\","
              + "\"CustomerMessage\":\"Success. Request accepted\"}");
  private static final StubDaraja.Reply ACKNOWLEDGED =
      StubDaraja.Reply.now(
          200,
          "{\"ConversationID\":\"AG_20261207_1\",\"OriginatorConversationID\":\"payout-7731\","
              + "\"ResponseCode\":\"0\",\"ResponseDescription\":\"Accept the service request"
              + " successfully.\"}");

  private StubDaraja stub;
  private DarajaClient daraja;

  @BeforeEach
  void start() {
    stub = new StubDaraja("/mpesa/");
    stub.alwaysAnswer(PUSH_ACCEPTED);
    daraja =
        stub.clientBuilder("174379", Duration.ofSeconds(30))
            .passkey(PASSKEY)
            .securityCredential("testapi", "Q1JFREVOVElBTA==")
            .sleeper(duration -> {})
            .build();
  }

  @AfterEach
  void stop() {
    stub.releaseAnswers();
    daraja.close();
    stub.close();
  }

  private static B2cPaymentRequest.Builder payout() {
    return Payouts.sample();
  }

  /** A short timeout for a payout under the caller's id, whose answer the stub will hold. */
  private RequestOptions heldPayout(String originatorConversationId) {
    daraja.authenticate();
    stub.alwaysAnswer(ACKNOWLEDGED);
    stub.holdAnswers();
    return RequestOptions.builder()
        .timeout(Duration.ofMillis(200))
        .originatorConversationId(originatorConversationId)
        .build();
  }

  private static RequestOptions timeout(long millis) {
    return RequestOptions.builder().timeout(Duration.ofMillis(millis)).build();
  }

  /** What the future failed with, unwrapped from its CompletionException. */
  private static DarajaException failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.join();
    } catch (CompletionException e) {
      return DarajaException.unwrap(e).orElseThrow(() -> new AssertionError("not the SDK's", e));
    }
    throw new AssertionError("completed normally");
  }

  private static long liveThreadsOutsideTheStub() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> !thread.getName().startsWith(StubDaraja.THREAD_PREFIX))
        .count();
  }

  /**
   * 200 pushes are in flight at once (the stub has every one and answers none) while the client
   * holds a handful of threads: a blocking implementation holds one per push, 200 or more.
   */
  @Test
  void twoHundredPushesInFlightHoldNoThreadEach() {
    daraja.authenticate();
    long before = liveThreadsOutsideTheStub();
    stub.holdAnswers();
    List<CompletableFuture<StkPushResponse>> pushes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      pushes.add(daraja.stk().pushAsync(Pushes.numbered(i)));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                stub.received().size() == 200
                    || pushes.stream().anyMatch(CompletableFuture::isDone));
    long during = liveThreadsOutsideTheStub();
    assertThat(pushes)
        .as("pushes that ended before an answer")
        .noneMatch(CompletableFuture::isDone);
    assertThat(stub.received()).hasSize(200);
    stub.releaseAnswers();
    assertThat(pushes)
        .allSatisfy(push -> assertThat(push.join().checkoutRequestId()).isEqualTo("ws_CO_1"));
    assertThat(during - before).as("threads added while 200 pushes were in flight").isLessThan(50);
    assertThat(stub.received()).hasSize(200);
  }

  @Test
  void fiftyConcurrentCallsOnAColdCacheFetchOneToken() {
    stub.holdAnswers();
    List<CompletableFuture<StkPushResponse>> pushes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      pushes.add(daraja.stk().pushAsync(Pushes.numbered(i)));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> stub.oauthRequests() == 1);
    assertThat(stub.received()).isEmpty();
    stub.releaseAnswers();
    pushes.forEach(CompletableFuture::join);
    assertThat(stub.oauthRequests()).isEqualTo(1);
    assertThat(stub.received()).hasSize(50);
    assertThat(stub.authorizations()).containsOnly("Bearer stub-token");
  }

  @Test
  void cancellingAPushInFlightEndsItAsUnknownWithItsIdsAndNeverResendsIt() {
    daraja.authenticate();
    stub.holdAnswers();
    CompletableFuture<StkPushResponse> pushed = daraja.stk().pushAsync(Pushes.numbered(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> stub.received().size() == 1);

    // cancel() may find the call already ended by its aborted exchange (seen once in CI): either
    // way it must end as unknown, with its ids, and never be sent again.
    pushed.cancel(true);

    assertThat(pushed).isDone();
    assertThat(pushed.isCancelled()).isFalse();
    DarajaException e = failure(pushed);
    assertThat(e).isInstanceOf(DarajaOutcomeUnknownException.class);
    assertThat(e.moneyMayHaveMoved()).isTrue();
    DarajaOutcomeUnknownException unknown = (DarajaOutcomeUnknownException) e;
    assertThat(unknown.callbackToken()).contains("order-1");
    assertThat(unknown.identifiers()).containsEntry("accountReference", "INV-1");
    stub.releaseAnswers();
    daraja
        .stk()
        .push(Pushes.numbered(2)); // the client still works, and sends only what it was asked to
    assertThat(stub.received()).hasSize(2);
    assertThat(stub.received().get(1).get("AccountReference").textValue()).isEqualTo("INV-2");
  }

  @Test
  void cancellingAPushBeforeItIsSentSaysNothingMovedAndItIsNeverSent() {
    stub.holdAnswers(); // the token is still on its way: nothing can have been sent
    CompletableFuture<StkPushResponse> pushed = daraja.stk().pushAsync(Pushes.numbered(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> stub.oauthRequests() == 1);

    pushed.cancel(true);

    DarajaException e = failure(pushed);
    assertThat(e).isInstanceOf(DarajaUnavailableException.class);
    assertThat(e.moneyMayHaveMoved()).isFalse();
    assertThat(e).hasMessageContaining("before it was sent");
    stub.releaseAnswers();
    daraja.stk().push(Pushes.numbered(2));
    assertThat(stub.received()).hasSize(1);
    assertThat(stub.received().get(0).get("AccountReference").textValue()).isEqualTo("INV-2");
  }

  @Test
  void orTimeoutOnAPushInFlightEndsItAsUnknownRatherThanABareTimeout() {
    daraja.authenticate();
    stub.holdAnswers();
    CompletableFuture<StkPushResponse> pushed =
        daraja.stk().pushAsync(Pushes.numbered(1)).orTimeout(100, TimeUnit.MILLISECONDS);
    await().atMost(Duration.ofSeconds(30)).until(pushed::isDone);
    DarajaException e = failure(pushed);
    assertThat(e).isInstanceOf(DarajaOutcomeUnknownException.class);
    assertThat(((DarajaOutcomeUnknownException) e).callbackToken()).contains("order-1");
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void aPayoutThatRunsOutOfItsTimeoutIsUnknownUnderTheCallersOwnId() {
    RequestOptions options = heldPayout("payout-7731");

    CompletableFuture<InitiatorAcknowledgement> paid =
        daraja.b2c().payAsync(payout().build(), options);
    await().atMost(Duration.ofSeconds(30)).until(paid::isDone);

    DarajaException e = failure(paid);
    assertThat(e).isInstanceOf(DarajaOutcomeUnknownException.class);
    assertThat(((DarajaOutcomeUnknownException) e).originatorConversationId())
        .contains("payout-7731");
    assertThat(e).hasMessageContaining("timeout");
    assertThat(stub.received()).hasSize(1);
    assertThat(stub.received().get(0).get("OriginatorConversationID").textValue())
        .isEqualTo("payout-7731");
  }

  @Test
  void theSynchronousCallTimesOutTheSameWay() {
    RequestOptions options = heldPayout("payout-7732");
    assertThatThrownBy(() -> daraja.b2c().pay(payout().build(), options))
        .isInstanceOfSatisfying(
            DarajaOutcomeUnknownException.class,
            e -> assertThat(e.originatorConversationId()).contains("payout-7732"));
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void interruptingAThreadBlockedInAPushEndsItAsUnknownAndKeepsTheInterrupt() throws Exception {
    daraja.authenticate();
    stub.holdAnswers();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                daraja.stk().push(Pushes.numbered(1));
                thrown.complete(null);
              } catch (RuntimeException e) {
                thrown.complete(e);
              }
              stillInterrupted.complete(Thread.currentThread().isInterrupted());
            },
            "blocked-caller");
    caller.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> stub.received().size() == 1);

    caller.interrupt();

    assertThat(thrown.get(30, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            DarajaOutcomeUnknownException.class,
            e -> assertThat(e.callbackToken()).contains("order-1"));
    assertThat(stillInterrupted.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void aQueryThatRunsOutOfItsTimeoutIsUnavailableAndMovedNothing() {
    daraja.authenticate();
    stub.holdAnswers();
    CompletableFuture<?> queried = daraja.stk().queryAsync("ws_CO_1", null, timeout(200));
    await().atMost(Duration.ofSeconds(30)).until(queried::isDone);
    DarajaException e = failure(queried);
    assertThat(e).isInstanceOf(DarajaUnavailableException.class);
    assertThat(e.moneyMayHaveMoved()).isFalse();
    assertThat(e).hasMessageContaining("stk.query").hasMessageContaining("timeout");
  }

  @Test
  void anOptionsIdAndADifferentRequestIdAreRefusedBeforeSending() {
    B2cPaymentRequest request = payout().originatorConversationId("payout-1").build();
    RequestOptions options = RequestOptions.builder().originatorConversationId("payout-2").build();
    assertThatThrownBy(() -> daraja.b2c().pay(request, options))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> assertThat(e.field()).isEqualTo("originatorConversationId"));
    DarajaException e = failure(daraja.b2c().payAsync(request, options));
    assertThat(e).isInstanceOf(DarajaValidationException.class);
    assertThat(stub.received()).isEmpty();
  }

  @Test
  void anOptionsIdIsRefusedWhereDarajaAssignsTheId() {
    B2bPaymentRequest request =
        B2bPaymentRequest.builder()
            .partyB("600000")
            .amount(100)
            .accountReference("ACC-1")
            .remarks("Supplies")
            .resultUrl("https://shop.example.com/b2b/result")
            .queueTimeOutUrl("https://shop.example.com/b2b/timeout")
            .build();
    RequestOptions options = RequestOptions.builder().originatorConversationId("b2b-1").build();
    assertThatThrownBy(() -> daraja.b2b().payBill(request, options))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("originatorConversationId");
              assertThat(e).hasMessageContaining("b2b.payBill");
            });
    assertThat(stub.received()).isEmpty();
  }

  @Test
  void optionsAreCheckedAsTheyAreSet() {
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ZERO))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("timeout"));
    assertThatThrownBy(() -> RequestOptions.builder().originatorConversationId("payout 1"))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> assertThat(e.field()).isEqualTo("originatorConversationId"));
    assertThat(RequestOptions.DEFAULT.timeout()).isEmpty();
  }
}
