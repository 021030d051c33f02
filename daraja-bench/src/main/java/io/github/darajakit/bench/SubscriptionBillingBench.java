package io.github.darajakit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.GatewayConfig;
import io.github.darajakit.gateway.subscriptions.Billing;
import io.github.darajakit.gateway.subscriptions.Interval;
import io.github.darajakit.gateway.subscriptions.Plan;
import io.github.darajakit.gateway.subscriptions.QuietHours;
import io.github.darajakit.gateway.subscriptions.Rail;
import io.github.darajakit.gateway.subscriptions.SubscriptionSettings;
import io.github.darajakit.gateway.subscriptions.Subscriptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code count} subscriptions due at the same instant, on one database: how long the billing run
 * takes to invoice them all (the scheduler's own work, per due subscription), how long until every
 * customer has been prompted at an unthrottled pace, against the rate the same SDK pushes to the
 * same emulator with the same eight pushes in flight and no gateway at all (the ceiling), and how
 * many were charged twice, by the emulator's count of the gateway's pushes and the database.
 *
 * <p>The gateway, its emulator and the ceiling's callback sink run in this JVM; the gateway's
 * background workers are off, so the billing run measured is the only one. Usage: {@code
 * SubscriptionBillingBench <jdbcUrl> <count>}; {@code daraja-bench/run-subscriptions-bench.sh} runs
 * it on SQLite and PostgreSQL.
 */
public final class SubscriptionBillingBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int IN_FLIGHT = 8;
  private static final String API_KEY = "bench-api-key-0123456789abcdef";

  private SubscriptionBillingBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SubscriptionBillingBench <jdbcUrl> <count>");
      System.exit(2);
    }
    String jdbcUrl = args[0];
    int count = Integer.parseInt(args[1]);
    HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    sink.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    sink.setExecutor(Executors.newFixedThreadPool(4));
    sink.start();
    try (DarajaEmulator emulator =
            DarajaEmulator.builder()
                .config(EmulatorConfig.builder().resultDelay(Duration.ofMillis(50)).build())
                .port(0)
                .start();
        DarajaClient gatewayClient = client(emulator, "bench-gateway");
        DarajaClient ceilingClient = client(emulator, "bench-ceiling");
        DarajaGateway gateway =
            DarajaGateway.builder()
                .config(
                    GatewayConfig.builder(jdbcUrl)
                        .port(0)
                        .apiKey(API_KEY)
                        .callbackSecret("bench-callback-secret-0123456789")
                        .subscriptions(
                            SubscriptionSettings.defaults()
                                .withRatePerSecond(0)
                                .withQuietHours(QuietHours.NONE))
                        .build())
                .daraja(gatewayClient)
                .backgroundWorkers(false)
                .start()) {
      System.out.printf(
          "database=%s subscriptions=%d in_flight=%d%n",
          gateway.databaseDescription(), count, IN_FLIGHT);

      double ceiling = ceiling(ceilingClient, sink, Math.max(1_000, count / 10));
      System.out.printf("ceiling: sdk_to_emulator_pushes=%.0f/s%n", ceiling);

      Subscriptions service = gateway.subscriptions().service();
      Plan plan =
          service.createPlan(
              new Subscriptions.NewPlan("Bench", 100, Interval.MONTH, 1, 0, null, null));
      long setupStarted = System.nanoTime();
      parallel(
          count,
          i ->
              service.create(
                  new Subscriptions.NewSubscription(
                      String.format("25479%07d", i),
                      plan.id(),
                      "BENCH-" + i,
                      null,
                      null,
                      null,
                      Rail.STK,
                      null,
                      null)));
      System.out.printf(
          "setup: %d subscriptions created in %.1fs (all due at 00:00 today, EAT)%n",
          count, (System.nanoTime() - setupStarted) / 1e9);

      Billing billing = gateway.subscriptions().billing();
      long invoicing = System.nanoTime();
      int invoiced = billing.invoiceDuePeriods();
      double invoiceSeconds = (System.nanoTime() - invoicing) / 1e9;
      long charging = System.nanoTime();
      int charged = billing.chargeDue();
      double chargeSeconds = (System.nanoTime() - charging) / 1e9;
      System.out.printf(
          "invoicing: %d invoices in %.2fs = %.0f/s, %.1f us per due subscription%n",
          invoiced, invoiceSeconds, invoiced / invoiceSeconds, invoiceSeconds * 1e6 / invoiced);
      System.out.printf(
          "prompting: %d prompts in %.2fs = %.0f/s (%.2f of the ceiling); due to all prompted:"
              + " %.2fs%n",
          charged,
          chargeSeconds,
          charged / chargeSeconds,
          charged / chargeSeconds / ceiling,
          invoiceSeconds + chargeSeconds);
      System.out.println(
          "second run: " + billing.runOnce() + " (nothing more may be invoiced or charged)");

      long pushes =
          JSON.readTree(get(emulator.adminUrl() + "/counters"))
              .path("consumers")
              .path("bench-gateway")
              .path("stk_push")
              .asLong();
      try (Connection c = DriverManager.getConnection(jdbcUrl)) {
        long invoices = scalar(c, "SELECT COUNT(*) FROM invoices");
        long periods =
            scalar(
                c,
                "SELECT COUNT(*) FROM (SELECT DISTINCT subscription_id, period_start FROM"
                    + " invoices) p");
        long oneAttempt = scalar(c, "SELECT COUNT(*) FROM invoices WHERE attempts = 1");
        long payments = scalar(c, "SELECT COUNT(*) FROM invoice_attempts");
        System.out.printf(
            "oracle: emulator_pushes_from_gateway=%d invoices=%d distinct_periods=%d"
                + " invoices_with_one_attempt=%d payments_of_invoices=%d double_charges=%d%n",
            pushes,
            invoices,
            periods,
            oneAttempt,
            payments,
            Math.max(0, pushes - count) + (invoices - periods) + (invoices - oneAttempt));
      }
      // The same gateway asked for the same kind of payment one at a time through the merchant
      // API, eight clients at once: what billing's charges are compared with.
      int direct = Math.max(1_000, count / 10);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      long apiStarted = System.nanoTime();
      parallel(
          direct,
          i -> {
            HttpResponse<String> answer =
                http.send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/payments"))
                        .header("Authorization", "Bearer " + API_KEY)
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                String.format(
                                    "{\"phone\":\"25476%07d\",\"amount\":100,\"reference\":\"API-%d\","
                                        + "\"description\":\"Subscription\"}",
                                    i, i)))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
              throw new IllegalStateException("POST /v1/payments: " + answer.body());
            }
          });
      double apiRate = direct / ((System.nanoTime() - apiStarted) / 1e9);
      System.out.printf(
          "merchant API: %d POST /v1/payments from 8 clients = %.0f/s; billing's prompts are %.2f"
              + " of it%n",
          direct, apiRate, charged / chargeSeconds / apiRate);
    } finally {
      sink.stop(0);
      ((ExecutorService) sink.getExecutor()).shutdownNow();
    }
  }

  /** Pushes per second from the SDK straight to the emulator, {@code IN_FLIGHT} at a time. */
  private static double ceiling(DarajaClient daraja, HttpServer sink, int pushes) throws Exception {
    String callback = "http://127.0.0.1:" + sink.getAddress().getPort() + "/stk";
    // Warm up the client, the emulator and the JIT first.
    parallel(pushes / 5, i -> daraja.stk().push(push(String.format("25477%07d", i), callback)));
    long started = System.nanoTime();
    parallel(pushes, i -> daraja.stk().push(push(String.format("25478%07d", i), callback)));
    return pushes / ((System.nanoTime() - started) / 1e9);
  }

  private static StkPushRequest push(String phone, String callback) {
    return StkPushRequest.builder()
        .phone(phone)
        .amount(100)
        .accountReference("CEILING")
        .description("Subscription")
        .callbackUrl(callback)
        .build();
  }

  private interface Job {
    void run(int i) throws Exception;
  }

  /** Runs {@code job} for 0 … count-1 on {@code IN_FLIGHT} threads. */
  private static void parallel(int count, Job job) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
    try {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < IN_FLIGHT; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    job.run(i);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static DarajaClient client(DarajaEmulator emulator, String consumerKey) {
    return DarajaClient.builder()
        .baseUrl(emulator.baseUrl())
        .consumerKey(consumerKey)
        .consumerSecret(consumerKey + "-secret")
        .shortCode(Sandbox.STK_SHORTCODE)
        .passkey(Sandbox.STK_PASSKEY)
        .build();
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(url + ": " + answer.body());
    }
    return answer.body();
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
