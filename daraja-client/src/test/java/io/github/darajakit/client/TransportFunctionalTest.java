package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.events.DarajaEventListener;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.stk.StkQueryResult;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transport's promises, checked against the emulator's own request counters. */
@ExtendWith(DarajaEmulatorExtension.class)
class TransportFunctionalTest {

  private static StkPushRequest push(String phone) {
    return StkPushRequest.builder()
        .phone(phone)
        .amount(10)
        .accountReference("INV-1")
        .description("Invoice 1")
        .callbackUrl("http://127.0.0.1:9/callback")
        .build();
  }

  @Test
  void twoHundredConcurrentCallsOnAColdCacheCostOneOAuthRequest(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try (DarajaClient client = TestClients.builder(emulator).executor(pool).build()) {
      List<CompletableFuture<StkPushResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        calls.add(client.stk().pushAsync(push(String.format("2547%08d", 20_000_000 + i))));
      }
      calls.forEach(CompletableFuture::join);
      assertThat(calls).allSatisfy(c -> assertThat(c.join().responseCode()).isEqualTo("0"));
      assertThat(admin.count("oauth")).isEqualTo(1);
      assertThat(admin.count("stk_push")).isEqualTo(200);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void expiredTokenMidRunIsRenewedOnceAndTheRequestRetriedOnce(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = TestClients.client(emulator)) {
      client.stk().push(push("254708374149"));
      // The emulator's clock jumps past the token's life; the client's does not notice.
      admin.advanceClock("3600s");
      StkPushResponse second = client.stk().push(push("254711000001"));
      assertThat(second.responseCode()).isEqualTo("0");
      assertThat(admin.count("oauth")).isEqualTo(2);
      // One refused by the gateway, one accepted: the push itself happened once.
      assertThat(admin.count("stk_push")).isEqualTo(3);
      assertThat(admin.get("stk").path("prompts")).hasSize(2);
    }
  }

  @Test
  void spikeArrestOnAQueryBacksOffAndSucceeds(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    List<String> retries = new CopyOnWriteArrayList<>();
    DarajaEventListener listener =
        new DarajaEventListener() {
          @Override
          public void retryScheduled(
              String operation, int nextAttempt, Duration delay, String reason) {
            retries.add(operation + ": " + reason);
          }
        };
    try (DarajaClient client =
        TestClients.builder(emulator).listener(listener).maxRetries(8).build()) {
      StkPushResponse push = client.stk().push(push("254708374149"));
      admin.faults("{\"spikeArrest\":{\"ratePerSecond\":4,\"burst\":1}}");
      StkQueryResult first = client.stk().query(push.checkoutRequestId());
      StkQueryResult second = client.stk().query(push.checkoutRequestId());
      assertThat(first.resultCode().code()).isIn("4999", "0");
      assertThat(second.resultCode().code()).isIn("4999", "0");
      assertThat(retries)
          .anySatisfy(r -> assertThat(r).contains("stk.query").contains("500.003.02"));
    }
  }

  @Test
  void pushTimeoutIsOutcomeUnknownAndSentExactlyOnce(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.faults("{\"latency\":{\"stk_push\":\"2s\"}}");
    try (DarajaClient client =
        TestClients.builder(emulator).readTimeout(Duration.ofMillis(300)).build()) {
      assertThatThrownBy(() -> client.stk().push(push("254708374149")))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("stk.push");
                assertThat(e.identifiers().get("amount")).isEqualTo("10");
                assertThat(e.identifiers().get("accountReference")).isEqualTo("INV-1");
                assertThat(e.getMessage()).contains(DarajaOutcomeUnknownException.RECOVERY);
              });
      assertThat(admin.count("stk_push")).isEqualTo(1);
    }
  }

  @Test
  void serverErrorOnAPushIsNotRetried(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"stk_push\",\"mode\":\"accept_then_error\",\"count\":1}]}");
    try (DarajaClient client = TestClients.client(emulator)) {
      assertThatThrownBy(() -> client.stk().push(push("254708374149")))
          .isInstanceOf(DarajaOutcomeUnknownException.class);
      assertThat(admin.count("stk_push")).isEqualTo(1);
      // It was in fact accepted: reconciliation, not a re-send, is the way to find out.
      assertThat(admin.get("stk").path("prompts")).hasSize(1);
    }
  }

  @Test
  void droppedConnectionAfterAcceptIsOutcomeUnknown(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"stk_push\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    try (DarajaClient client = TestClients.client(emulator)) {
      assertThatThrownBy(() -> client.stk().push(push("254708374149")))
          .isInstanceOf(DarajaOutcomeUnknownException.class);
      assertThat(admin.count("stk_push")).isEqualTo(1);
      assertThat(admin.get("stk").path("prompts")).hasSize(1);
    }
  }

  @Test
  void serverErrorOnAQueryIsRetried(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = TestClients.client(emulator)) {
      StkPushResponse push = client.stk().push(push("254708374149"));
      admin.faults("{\"errors\":[{\"endpoint\":\"stk_query\",\"mode\":\"reject\",\"count\":1}]}");
      StkQueryResult result = client.stk().query(push.checkoutRequestId());
      assertThat(result.resultCode().code()).isIn("4999", "0");
      assertThat(admin.count("stk_query")).isEqualTo(2);
    }
  }

  @Test
  void unreachableDarajaOnAQueryIsUnavailableAfterBoundedRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    DarajaEventListener listener =
        new DarajaEventListener() {
          @Override
          public void requestStarted(String operation, String path, int attempt) {
            attempts.add(attempt);
          }
        };
    try (DarajaClient client =
        DarajaClient.builder()
            .baseUrl("http://127.0.0.1:" + closedPort)
            .consumerKey(TestClients.CONSUMER_KEY)
            .consumerSecret(TestClients.CONSUMER_SECRET)
            .shortCode("174379")
            .passkey("x")
            .maxRetries(2)
            .listener(listener)
            .build()) {
      assertThatThrownBy(() -> client.stk().query("ws_CO_1"))
          .isInstanceOf(DarajaUnavailableException.class)
          .hasMessageContaining("access token");
      assertThat(attempts).containsExactly(1, 2, 3);
    }
  }
}
