package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.gateway.store.Instances;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.GatewayProcess;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import io.github.darajakit.gateway.support.Postgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §6.1 and §6.3: an acknowledgement is a promise, and a duplicate changes nothing. The
 * gateway runs in its own JVM ({@link GatewayProcess}) and is killed with {@code SIGKILL} while STK
 * callbacks are in flight; after a restart on the same SQLite file, every callback it answered 200
 * has been applied exactly once, the ones it never answered are applied or not (a commit may land
 * just before the answer is lost), and posting every callback again changes nothing but the ones
 * still pending.
 *
 * <p>The emulator keeps every prompt pending (manual mode, a long prompt timeout) and the gateway's
 * background workers are off, so the callbacks this test posts are the only writers of payment
 * outcomes.
 */
class CrashRecoveryTest {

  private static final int PAYMENTS = 200;
  private static final int SENDERS = 16;

  /** The gateway is killed by the sender whose acknowledgement is this one. */
  private static final int KILL_AT_ACK = PAYMENTS / 3;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /** One payment the test created, and the success callback Daraja would send for it. */
  private record Payment(
      String id,
      String phone,
      long amount,
      String checkoutRequestId,
      String merchantRequestId,
      String receipt) {
    String callback() {
      return Callbacks.stkSuccess(merchantRequestId, checkoutRequestId, amount, phone, receipt);
    }
  }

  /** A running gateway process. */
  private record Gateway(Process process, int port, Path output) {
    String baseUrl() {
      return "http://127.0.0.1:" + port;
    }
  }

  @TempDir Path dir;

  @RegisterExtension
  final TestExecutionExceptionHandler printGatewayOutput =
      (context, failure) -> {
        printGatewayOutput();
        throw failure;
      };

  private final List<Gateway> gateways = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private DarajaEmulator emulator;
  private Path settings;

  @BeforeEach
  void startEmulator() throws IOException {
    // Manual mode: no prompt is answered, so the emulator never calls the gateway back; the long
    // prompt timeout keeps it from sending 1037s while the test runs.
    emulator =
        DarajaEmulator.builder()
            .config(
                EmulatorConfig.builder()
                    .stkManualMode(true)
                    .stkPromptTimeout(Duration.ofHours(1))
                    .build())
            .port(0)
            .start();
    Path certificate = dir.resolve("emulator.pem");
    Files.writeString(certificate, emulator.certificatePem(), StandardCharsets.UTF_8);
    Properties values = new Properties();
    values.setProperty(GatewayProcess.EMULATOR_URL, emulator.baseUrl());
    values.setProperty(GatewayProcess.CERTIFICATE_FILE, certificate.toString());
    values.setProperty(GatewayProcess.DATABASE_URL, "jdbc:sqlite:" + dir.resolve("gateway.db"));
    values.setProperty(GatewayProcess.PORT, "0");
    values.setProperty(GatewayProcess.API_KEY, GatewayHarness.API_KEY);
    values.setProperty(GatewayProcess.CALLBACK_SECRET, GatewayHarness.CALLBACK_SECRET);
    settings = dir.resolve("gateway.properties");
    GatewayProcess.writeSettings(settings, values);
  }

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (Gateway gateway : gateways) {
      gateway.process().destroyForcibly();
      gateway.process().waitFor(10, TimeUnit.SECONDS);
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void everyAcknowledgedCallbackSurvivesSigkillAndIsAppliedExactlyOnce() throws Exception {
    Gateway first = startGateway();
    List<Payment> payments =
        createPayments(new MerchantClient(first.baseUrl(), GatewayHarness.API_KEY));

    // Daraja's side: every payment's success callback, 16 at a time; the sender that receives the
    // KILL_AT_ACK-th acknowledgement kills the gateway at once, with more callbacks in flight.
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger acks = new AtomicInteger();
    Queue<Payment> toSend = new ConcurrentLinkedQueue<>(payments);
    runSenders(
        () -> {
          Payment payment;
          while (first.process().isAlive() && (payment = toSend.poll()) != null) {
            if (post(first, payment.callback()) == 200) {
              acknowledged.add(payment.id());
              if (acks.incrementAndGet() == KILL_AT_ACK) {
                first.process().destroyForcibly();
              }
            }
          }
        });
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS))
        .as("killed at acknowledgement %d (%d acknowledged)", KILL_AT_ACK, acks.get())
        .isTrue();
    assertThat(first.process().exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
    assertThat(acknowledged)
        .as("callbacks acknowledged before the kill")
        .hasSizeGreaterThanOrEqualTo(KILL_AT_ACK)
        .hasSizeLessThan(PAYMENTS);

    Gateway second = startGateway();
    MerchantClient merchant = new MerchantClient(second.baseUrl(), GatewayHarness.API_KEY);
    Map<String, JsonNode> afterCrash = paymentsById(merchant);
    Map<String, Integer> succeededEvents = succeededEventsByPayment(merchant);
    int landedUnacknowledged = 0;
    for (Payment payment : payments) {
      JsonNode stored = afterCrash.get(payment.id());
      assertThat(stored).as(payment.id()).isNotNull();
      String status = stored.path("status").asText();
      if (acknowledged.contains(payment.id())) {
        assertThat(status).as("acknowledged %s", payment.id()).isEqualTo("succeeded");
      } else {
        assertThat(status).as("unacknowledged %s", payment.id()).isIn("pending", "succeeded");
      }
      if (status.equals("succeeded")) {
        assertPaidBy(stored, payment);
        landedUnacknowledged += acknowledged.contains(payment.id()) ? 0 : 1;
      }
      assertThat(succeededEvents.getOrDefault(payment.id(), 0))
          .as("payment.succeeded events of %s (%s)", payment.id(), status)
          .isEqualTo(status.equals("succeeded") ? 1 : 0);
    }
    assertThat(succeededEvents.keySet()).isSubsetOf(afterCrash.keySet());
    System.out.printf(
        "CrashRecoveryTest: %d of %d callbacks acknowledged before SIGKILL; %d more were committed"
            + " but never acknowledged%n",
        acknowledged.size(), PAYMENTS, landedUnacknowledged);

    // Every callback once more, as a replay would send them: a duplicate for each one already
    // applied, the first to land for the rest.
    Queue<Payment> again = new ConcurrentLinkedQueue<>(payments);
    Map<String, Integer> answers = new ConcurrentHashMap<>();
    runSenders(
        () -> {
          Payment payment;
          while ((payment = again.poll()) != null) {
            answers.put(payment.id(), post(second, payment.callback()));
          }
        });
    assertThat(answers)
        .hasSize(PAYMENTS)
        .allSatisfy((id, status) -> assertThat(status).as(id).isEqualTo(200));

    Map<String, JsonNode> settled = paymentsById(merchant);
    Map<String, Integer> eventsAtTheEnd = succeededEventsByPayment(merchant);
    for (Payment payment : payments) {
      JsonNode stored = settled.get(payment.id());
      assertThat(stored.path("status").asText()).as(payment.id()).isEqualTo("succeeded");
      assertPaidBy(stored, payment);
      if (afterCrash.get(payment.id()).path("status").asText().equals("succeeded")) {
        assertThat(stored)
            .as("a duplicate changes nothing: %s", payment.id())
            .isEqualTo(afterCrash.get(payment.id()));
      }
      assertThat(eventsAtTheEnd.get(payment.id()))
          .as("payment.succeeded events of %s", payment.id())
          .isEqualTo(1);
    }
    assertThat(eventsAtTheEnd).hasSize(PAYMENTS);
    assertThat(all(merchant, "/v1/callbacks?outcome=applied"))
        .as("callbacks that changed a payment")
        .hasSize(PAYMENTS);
  }

  /**
   * The same promise for Bill Manager's payment push, whose answer is its own {@code rescode 200}:
   * every push answered before the kill is recorded after it, once, and pushing everything again
   * (as Bill Manager does until answered) records each receipt once.
   */
  @Test
  void everyAcknowledgedBillManagerPushSurvivesSigkillAndIsRecordedOnce() throws Exception {
    Gateway first = startGateway();
    List<String> pushes = new ArrayList<>();
    for (int i = 0; i < PAYMENTS; i++) {
      // From BMK0000001: BMK0000000 has the shape of a placeholder receipt.
      pushes.add(
          "{\"transactionId\":\"BMK"
              + String.format("%07d", i + 1)
              + "\",\"paidAmount\":\""
              + (10 + i)
              + "\",\"msisdn\":\"2547114"
              + String.format("%05d", i)
              + "\",\"dateCreated\":\"2026-10-01\",\"accountReference\":\"ACC-"
              + i
              + "\",\"shortCode\":\"600992\"}");
    }
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger acks = new AtomicInteger();
    Queue<String> toSend = new ConcurrentLinkedQueue<>(pushes);
    runSenders(
        () -> {
          String push;
          while (first.process().isAlive() && (push = toSend.poll()) != null) {
            if (post(first, "bill-manager/payment", push) == 200) {
              acknowledged.add(push.substring(18, 28));
              if (acks.incrementAndGet() == KILL_AT_ACK) {
                first.process().destroyForcibly();
              }
            }
          }
        });
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AT_ACK).hasSizeLessThan(PAYMENTS);

    Gateway second = startGateway();
    MerchantClient merchant = new MerchantClient(second.baseUrl(), GatewayHarness.API_KEY);
    Map<String, Integer> recorded = countBy(all(merchant, "/v1/c2b-payments"), "trans_id");
    for (String receipt : acknowledged) {
      assertThat(recorded.get(receipt)).as("acknowledged push %s", receipt).isEqualTo(1);
    }

    Queue<String> again = new ConcurrentLinkedQueue<>(pushes);
    runSenders(
        () -> {
          String push;
          while ((push = again.poll()) != null) {
            assertThat(post(second, "bill-manager/payment", push)).isEqualTo(200);
          }
        });
    assertThat(countBy(all(merchant, "/v1/c2b-payments"), "trans_id"))
        .hasSize(PAYMENTS)
        .allSatisfy((receipt, count) -> assertThat(count).as(receipt).isEqualTo(1));
    Map<String, Integer> received = new HashMap<>();
    for (JsonNode event : all(merchant, "/v1/events?type=bill_payment.received")) {
      received.merge(event.path("data").path("object").path("id").asText(), 1, Integer::sum);
    }
    assertThat(received)
        .hasSize(PAYMENTS)
        .allSatisfy((receipt, count) -> assertThat(count).as(receipt).isEqualTo(1));
  }

  private static Map<String, Integer> countBy(List<JsonNode> items, String field) {
    Map<String, Integer> counts = new HashMap<>();
    items.forEach(item -> counts.merge(item.path(field).asText(), 1, Integer::sum));
    return counts;
  }

  /** Creates the payments, each for its own customer so no subscriber lock refuses a push. */
  private List<Payment> createPayments(MerchantClient merchant) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Payment>> created = new ArrayList<>();
      for (int i = 0; i < PAYMENTS; i++) {
        String phone = "2547113" + String.format("%05d", i);
        long amount = 10 + i;
        // From TKR0000001: TKR0000000 has the shape of a placeholder Daraja sends where no money
        // moved.
        String receipt = "TKR" + String.format("%07d", i + 1);
        created.add(
            pool.submit(
                () -> {
                  Reply reply = merchant.post("/v1/payments", payment(phone, amount));
                  assertThat(reply.status()).as(reply.json().toString()).isEqualTo(201);
                  assertThat(reply.text("status")).isEqualTo("pending");
                  return new Payment(
                      reply.text("id"),
                      phone,
                      amount,
                      reply.text("checkout_request_id"),
                      reply.text("merchant_request_id"),
                      receipt);
                }));
      }
      List<Payment> payments = new ArrayList<>();
      for (Future<Payment> payment : created) {
        payments.add(payment.get(60, TimeUnit.SECONDS));
      }
      return payments;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String payment(String phone, long amount) {
    return "{\"phone\":\""
        + phone
        + "\",\"amount\":"
        + amount
        + ",\"reference\":\"INV-9\",\"description\":\"Invoice 9\"}";
  }

  private static void assertPaidBy(JsonNode stored, Payment payment) {
    assertThat(stored.path("mpesa_receipt").asText()).as(payment.id()).isEqualTo(payment.receipt());
    assertThat(stored.path("paid_amount").asLong()).as(payment.id()).isEqualTo(payment.amount());
  }

  @Test
  void anIdempotencyKeyHeldAtAKillIsFreeAfterTheRestartOnSqlite() throws Exception {
    retryAfterAKillGetsThePaymentNotAConflict(Duration.ZERO);
  }

  @Test
  void anIdempotencyKeyHeldAtAKillIsFreeAfterTheRestartOnPostgresql() throws Exception {
    String schema = Postgres.freshSchema();
    try {
      Properties values = new Properties();
      try (var in = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
        values.load(in);
      }
      values.setProperty(GatewayProcess.DATABASE_URL, schema);
      GatewayProcess.writeSettings(settings, values);
      // Instances on PostgreSQL learn that another died from its missing heartbeat.
      retryAfterAKillGetsThePaymentNotAConflict(Instances.DEAD_AFTER);
    } finally {
      for (Gateway gateway : gateways) {
        gateway.process().destroyForcibly();
        gateway.process().waitFor(10, TimeUnit.SECONDS);
      }
      Postgres.drop(schema);
    }
  }

  /**
   * A payment request is in flight (Daraja slow to answer the push) when the gateway is killed: the
   * same request with the same Idempotency-Key, after a restart, gets the payment the first attempt
   * recorded — at once on SQLite, within {@code deadAfter} on PostgreSQL, not a 409 "still running"
   * for minutes — and the push is never sent again.
   */
  private void retryAfterAKillGetsThePaymentNotAConflict(Duration deadAfter) throws Exception {
    emulatorAdmin("PUT", "/faults", "{\"latency\":{\"stk_push\":\"20s\"}}");
    Gateway first = startGateway();
    MerchantClient merchant = new MerchantClient(first.baseUrl(), GatewayHarness.API_KEY);
    String body = payment("254711300001", 25);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      caller.submit(() -> merchant.post("/v1/payments", body, "order-killed-1"));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> stkPushes() == 1); // counted when it arrives, before the latency
      first.process().destroyForcibly();
      assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      caller.shutdownNow();
    }
    emulatorAdmin("DELETE", "/faults", null);

    Gateway second = startGateway();
    MerchantClient again = new MerchantClient(second.baseUrl(), GatewayHarness.API_KEY);
    long restarted = System.nanoTime();
    Reply retried = again.post("/v1/payments", body, "order-killed-1");
    while (retried.status() == 409
        && System.nanoTime() - restarted < deadAfter.plusSeconds(1).toNanos()) {
      Thread.sleep(250);
      retried = again.post("/v1/payments", body, "order-killed-1");
    }
    assertThat(retried.status()).as(retried.json().toString()).isIn(200, 201);
    assertThat(retried.text("id")).startsWith("pay_");
    assertThat(again.get("/v1/payments").json().path("data")).hasSize(1);
    assertThat(again.post("/v1/payments", body, "order-killed-1").text("id"))
        .as("and the answer is kept")
        .isEqualTo(retried.text("id"));
    assertThat(stkPushes()).as("the push is never sent again").isEqualTo(1);
  }

  private long stkPushes() {
    return emulatorAdmin("GET", "/counters", null).path("endpoints").path("stk_push").asLong();
  }

  private JsonNode emulatorAdmin(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(emulator.adminUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json");
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    try {
      String answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
      return answer.isBlank()
          ? MerchantClient.JSON.createObjectNode()
          : MerchantClient.JSON.readTree(answer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs the same sending loop on {@link #SENDERS} threads and waits for all of them. */
  private static void runSenders(Runnable loop) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < SENDERS; i++) {
        running.add(pool.submit(loop));
      }
      for (Future<?> sender : running) {
        sender.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Posts an STK callback as Daraja does; the HTTP status, or -1 if no answer came (refused, reset:
   * not acknowledged).
   */
  private int post(Gateway gateway, String body) {
    return post(gateway, "stk", body);
  }

  /** Posts a callback of the kind at {@code kindPath}; as {@link #post(Gateway, String)}. */
  private int post(Gateway gateway, String kindPath, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    gateway.baseUrl()
                        + "/daraja/"
                        + GatewayHarness.CALLBACK_SECRET
                        + "/"
                        + kindPath))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Map<String, JsonNode> paymentsById(MerchantClient merchant) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode payment : all(merchant, "/v1/payments")) {
      byId.put(payment.path("id").asText(), payment);
    }
    return byId;
  }

  private static Map<String, Integer> succeededEventsByPayment(MerchantClient merchant) {
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode event : all(merchant, "/v1/events?type=payment.succeeded")) {
      assertThat(event.path("type").asText()).isEqualTo("payment.succeeded");
      counts.merge(event.path("data").path("object").path("id").asText(), 1, Integer::sum);
    }
    return counts;
  }

  /** Every item of a list, following {@code starting_after} cursors 100 at a time. */
  private static List<JsonNode> all(MerchantClient merchant, String path) {
    List<JsonNode> items = new ArrayList<>();
    String separator = path.contains("?") ? "&" : "?";
    String cursor = null;
    while (true) {
      Reply page =
          merchant.get(
              path + separator + "limit=100" + (cursor == null ? "" : "&starting_after=" + cursor));
      assertThat(page.status()).as(page.json().toString()).isEqualTo(200);
      for (JsonNode item : page.json().path("data")) {
        items.add(item);
      }
      if (!page.json().path("has_more").asBoolean()) {
        return items;
      }
      JsonNode data = page.json().path("data");
      cursor = data.get(data.size() - 1).path("id").asText();
    }
  }

  /** Starts a gateway process on the test's database and waits until it says it listens. */
  private Gateway startGateway() throws IOException {
    Path output = dir.resolve("gateway-" + (gateways.size() + 1) + ".log");
    GatewayProcess.Launched launched = GatewayProcess.launch(settings, output, START_TIMEOUT);
    Gateway gateway = new Gateway(launched.process(), launched.port(), output);
    gateways.add(gateway);
    return gateway;
  }

  private void printGatewayOutput() {
    for (Gateway gateway : gateways) {
      try {
        List<String> lines = Files.readAllLines(gateway.output());
        System.err.printf(
            "---- last lines of %s (pid %d) ----%n",
            gateway.output().getFileName(), gateway.process().pid());
        lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.err::println);
      } catch (IOException e) {
        System.err.println("cannot read " + gateway.output() + ": " + e);
      }
    }
  }
}
