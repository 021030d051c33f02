package io.github.darajakit.bench;

import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentStatus;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.store.Database;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Load generator for the gateway, and the tools that prepare and check a wrk run against it.
 *
 * <ul>
 *   <li>{@code seed}: writes {@code --count} pending STK payments straight into a gateway database
 *       (with the gateway's own store, so the rows are exactly what the gateway writes), each with
 *       checkout id {@code ws_CO_<run>_<n>}, so a callback run has a real payment to apply every
 *       callback to. Their first reconciler check is two hours away, so the reconciler stays out of
 *       the measurement. With {@code --bodies PREFIX} it also writes the STK callback for each of
 *       them, one JSON body a line, for {@code daraja-bench/wrk/callbacks.lua}: round robin over
 *       {@code --files} files {@code PREFIX.00}, {@code PREFIX.01}…, one per wrk thread.
 *   <li>{@code bodies}: writes those callback bodies only, with no payments behind them, for a
 *       ceiling run.
 *   <li>{@code applied}: counts, straight from the database, the payments of a run that a callback
 *       settled as succeeded, and those still waiting: what wrk's acknowledgements are checked
 *       against.
 *   <li>{@code callbacks}: posts one successful STK callback per seeded payment to the gateway's
 *       callback URL; either closed loop ({@code --rate 0}: as fast as {@code --connections} allow)
 *       or open loop at {@code --rate} per second, where latency is measured from when each
 *       callback was due, so a stalled gateway cannot hide its queue (no coordinated omission).
 *       Only {@code 200} answers count: the gateway answers them after the commit.
 *   <li>{@code payments}: creates payments through {@code POST /v1/payments}, closed loop, one new
 *       subscriber per payment; the gateway pushes each to Daraja (the emulator) before answering
 *       {@code 201}.
 * </ul>
 *
 * <p>With {@code --ceiling URL} the callbacks mode posts the same bodies to a do-nothing server
 * instead. This generator saturates far below what nginx or the gateway can answer on two cores, so
 * {@code daraja-bench/run-gateway-bench.sh} takes its ceilings and the closed-loop ingest with wrk
 * ({@code seed --bodies}, {@code bodies} and {@code applied} prepare and check those runs), and
 * uses this one for the open-loop latency and for payment creation.
 */
public final class GatewayLoadTest {

  private final Options options;
  private final HttpClient client;
  private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
  private final LongAdder ok = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicLong next = new AtomicLong();
  private final AtomicBoolean recording = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile String lastError = "";

  private GatewayLoadTest(Options options) throws Exception {
    this.options = options;
    QueuedThreadPool threads = new QueuedThreadPool(16, 4);
    threads.setName("load-client");
    threads.setDaemon(true);
    client = new HttpClient();
    client.setExecutor(threads);
    client.setMaxConnectionsPerDestination(options.connections);
    client.setMaxRequestsQueuedPerDestination(1 << 20);
    client.setIdleTimeout(120_000);
    client.start();
  }

  /** Runs one mode and prints its figures. */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    switch (options.mode) {
      case "seed" -> {
        seed(options);
        if (options.bodies != null) {
          writeBodies(options);
        }
        return;
      }
      case "bodies" -> {
        writeBodies(options);
        return;
      }
      case "applied" -> {
        applied(options);
        return;
      }
      default -> {}
    }
    GatewayLoadTest test = new GatewayLoadTest(options);
    try {
      test.run();
    } finally {
      test.client.stop();
    }
  }

  private static void seed(Options options) {
    long started = System.nanoTime();
    long now = System.currentTimeMillis();
    long checkLater = now + Duration.ofHours(2).toMillis();
    int batch = 10_000;
    try (Database database = Database.open(options.db, Clock.systemUTC())) {
      PaymentStore store = new PaymentStore(database);
      for (long from = 0; from < options.count; from += batch) {
        long start = from;
        long end = Math.min(options.count, from + batch);
        database.write(
            c -> {
              for (long n = start; n < end; n++) {
                store.insert(c, pending(options.run, n, now, checkLater));
              }
              return null;
            });
      }
    }
    System.out.printf(
        Locale.ROOT,
        "seeded %d pending payments (run %s) in %.1fs%n",
        options.count,
        options.run,
        (System.nanoTime() - started) / 1e9);
  }

  /**
   * Writes the callback of each of the run's {@code --count} payments, one a line, payment {@code
   * n} to file {@code n % files}: each wrk thread reads a file of its own.
   */
  private static void writeBodies(Options options) throws IOException {
    List<OutputStream> files = new ArrayList<>();
    try {
      for (int i = 0; i < options.files; i++) {
        Path file = Path.of(String.format(Locale.ROOT, "%s.%02d", options.bodies, i));
        files.add(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      }
      for (long n = 0; n < options.count; n++) {
        OutputStream out = files.get((int) (n % options.files));
        out.write(callbackBody(options.run, n));
        out.write('\n');
      }
    } finally {
      for (OutputStream out : files) {
        out.close();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "wrote %d callback bodies (run %s) to %s.00..%02d%n",
        options.count,
        options.run,
        options.bodies,
        options.files - 1);
  }

  /**
   * Counts the run's payments by what became of them, with plain JDBC and a read only: the gateway
   * may still be running. Prints {@code applied=N waiting=N other=N}.
   */
  private static void applied(Options options) throws SQLException {
    String prefix = "pay_" + options.run + "_";
    String sql =
        """
        SELECT status, count(*) FROM payments
        WHERE substr(id, 1, ?) = ?
        GROUP BY status
        """;
    long applied = 0;
    long waiting = 0;
    long other = 0;
    try (Connection connection = DriverManager.getConnection(options.db);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, prefix.length());
      statement.setString(2, prefix);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          PaymentStatus status = PaymentStatus.valueOf(rows.getString(1));
          long count = rows.getLong(2);
          switch (status) {
            case SUCCEEDED -> applied += count;
            case SUBMITTED -> waiting += count;
            default -> other += count;
          }
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "applied=%d waiting=%d other=%d run=%s%n",
        applied,
        waiting,
        other,
        options.run);
  }

  private static Payment pending(String run, long n, long now, long checkAt) {
    return new Payment(
        "pay_" + run + "_" + n,
        PaymentStatus.SUBMITTED,
        1,
        phone(n),
        "bench",
        "load",
        null,
        "174379",
        checkoutId(run, n),
        "mr_" + run + "_" + n,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        checkAt,
        0,
        now,
        now,
        1);
  }

  private static String checkoutId(String run, long n) {
    return "ws_CO_" + run + "_" + n;
  }

  private static String phone(long n) {
    return "25471" + String.format(Locale.ROOT, "%07d", n % 10_000_000);
  }

  /**
   * A receipt of M-Pesa's shape (ten upper-case letters and digits, REFERENCE §2) that no other
   * payment of any run has: the gateway credits a receipt once, and refuses a malformed one.
   * Counted from 1: payment 0 of a run whose prefix is two letters would otherwise get three
   * letters and seven zeros, Daraja's placeholder for "no receipt" ({@code OAK0000000}), which the
   * gateway rightly refuses as a mismatch.
   */
  static String receipt(String run, long n) {
    String prefix = Integer.toString(Math.floorMod(run.hashCode(), 36 * 36), 36);
    String number = Long.toString(n + 1, 36);
    return ("B"
            + "0".repeat(2 - prefix.length())
            + prefix
            + "0".repeat(7 - number.length())
            + number)
        .toUpperCase(Locale.ROOT);
  }

  private static byte[] callbackBody(String run, long n) {
    String body =
        "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"mr_"
            + run
            + "_"
            + n
            + "\",\"CheckoutRequestID\":\""
            + checkoutId(run, n)
            + "\",\"ResultCode\":0,\"ResultDesc\":\"The service request is processed"
            + " successfully.\",\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":1.00},"
            + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\""
            + receipt(run, n)
            + "\"},{\"Name\":\"Balance\"},{\"Name\":\"TransactionDate\",\"Value\":20261128101500},"
            + "{\"Name\":\"PhoneNumber\",\"Value\":"
            + phone(n)
            + "}]}}}}";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private void run() throws Exception {
    String target = options.ceilingUrl != null ? options.ceilingUrl : options.url;
    System.out.printf(
        Locale.ROOT,
        "mode %s, target %s, %d connections, rate %s, warm-up %ds, measure %ds%n",
        options.mode,
        target,
        options.connections,
        options.rate == 0 ? "closed loop" : options.rate + "/s",
        options.warmup.toSeconds(),
        options.duration.toSeconds());
    CountDownLatch done = new CountDownLatch(options.connections);
    ScheduledExecutorService pacer = null;
    if (options.rate > 0) {
      pacer = Executors.newSingleThreadScheduledExecutor();
      pace(target, pacer);
    } else {
      for (int i = 0; i < options.connections; i++) {
        loop(target, done);
      }
    }
    Thread.sleep(options.warmup.toMillis());
    ok.reset();
    refused.reset();
    failed.reset();
    latencies.reset();
    recording.set(true);
    long startedNanos = System.nanoTime();
    Thread.sleep(options.duration.toMillis());
    long okCount = ok.sum();
    long refusedCount = refused.sum();
    long failedCount = failed.sum();
    Histogram histogram = latencies.getIntervalHistogram();
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    recording.set(false);
    running.set(false);
    if (pacer != null) {
      pacer.shutdownNow();
    } else {
      done.await(30, TimeUnit.SECONDS);
    }
    System.out.printf(
        Locale.ROOT,
        "date=%s%n"
            + "ok=%d refused=%d failed=%d in %.1fs (sent in total %d)%n"
            + "throughput=%.0f/s%n"
            + "latency_ms p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
        Instant.now(),
        okCount,
        refusedCount,
        failedCount,
        seconds,
        next.get(),
        okCount / seconds,
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(90) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6,
        histogram.getValueAtPercentile(99.9) / 1e6,
        histogram.getMaxValue() / 1e6);
    if (!lastError.isEmpty()) {
      System.out.println("last_error=" + lastError);
    }
  }

  /** Open loop: one callback every 1/rate seconds, however slowly the gateway answers. */
  private void pace(String target, ScheduledExecutorService pacer) {
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / options.rate;
    long origin = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    // Every millisecond, send what is due by now, each timed from when it was due.
    pacer.scheduleAtFixedRate(
        () -> {
          long due = (System.nanoTime() - origin) / intervalNanos;
          for (long i = sent.get(); i < due && running.get(); i++) {
            long dueAt = origin + i * intervalNanos;
            send(target, dueAt, () -> {});
          }
          sent.set(Math.max(sent.get(), due));
        },
        0,
        1,
        TimeUnit.MILLISECONDS);
  }

  private void loop(String target, CountDownLatch done) {
    if (!running.get()) {
      done.countDown();
      return;
    }
    send(target, System.nanoTime(), () -> loop(target, done));
  }

  private void send(String target, long startedNanos, Runnable then) {
    long n = next.getAndIncrement();
    if (options.mode.equals("callbacks") && options.ceilingUrl == null && n >= options.count) {
      lastError = "ran out of seeded payments at " + n + ": seed more";
      running.set(false);
      then.run();
      return;
    }
    Request request =
        client.newRequest(target).method(HttpMethod.POST).timeout(60, TimeUnit.SECONDS);
    int expected;
    if (options.mode.equals("payments")) {
      expected = 201;
      String body =
          "{\"phone\":\""
              + phone(n)
              + "\",\"amount\":1,\"reference\":\"bench-"
              + n
              + "\",\"description\":\"load\"}";
      request
          .headers(h -> h.put(HttpHeader.AUTHORIZATION, "Bearer " + options.apiKey))
          .body(
              new BytesRequestContent(
                  "application/json", body.getBytes(StandardCharsets.US_ASCII)));
    } else {
      expected = 200;
      request.body(new BytesRequestContent("application/json", callbackBody(options.run, n)));
    }
    request.send(
        new BufferingResponseListener(16 * 1024) {
          @Override
          public void onComplete(Result result) {
            long elapsed = System.nanoTime() - startedNanos;
            if (result.isFailed()) {
              failed.increment();
              lastError = String.valueOf(result.getFailure());
            } else if (result.getResponse().getStatus() == expected) {
              if (recording.get()) {
                latencies.recordValue(Math.min(elapsed, TimeUnit.SECONDS.toNanos(60)));
              }
              ok.increment();
            } else {
              refused.increment();
              lastError = result.getResponse().getStatus() + " " + getContentAsString();
            }
            then.run();
          }
        });
  }

  /** Command-line options. */
  private record Options(
      String mode,
      String url,
      String ceilingUrl,
      String db,
      String apiKey,
      String run,
      long count,
      String bodies,
      int files,
      int rate,
      int connections,
      Duration duration,
      Duration warmup) {

    static Options parse(String[] args) {
      if (args.length == 0) {
        throw new IllegalArgumentException(usage());
      }
      String mode = args[0];
      if (!List.of("seed", "bodies", "applied", "callbacks", "payments").contains(mode)) {
        throw new IllegalArgumentException("unknown mode " + mode + "; " + usage());
      }
      String url = null;
      String ceiling = null;
      String db = null;
      String apiKey = null;
      String run = "bench";
      long count = 0;
      String bodies = null;
      int files = 1;
      int rate = 0;
      int connections = 64;
      Duration duration = Duration.ofSeconds(30);
      Duration warmup = Duration.ofSeconds(10);
      for (int i = 1; i < args.length; i += 2) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--url" -> url = value;
          case "--ceiling" -> ceiling = value;
          case "--db" -> db = value;
          case "--api-key" -> apiKey = value;
          case "--run" -> run = value;
          case "--count" -> count = Long.parseLong(value);
          case "--bodies" -> bodies = value;
          case "--files" -> files = Integer.parseInt(value);
          case "--rate" -> rate = Integer.parseInt(value);
          case "--connections" -> connections = Integer.parseInt(value);
          case "--duration" ->
              duration = Duration.ofSeconds(Long.parseLong(value.replace("s", "")));
          case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value.replace("s", "")));
          default ->
              throw new IllegalArgumentException("unknown option " + args[i] + "; " + usage());
        }
      }
      boolean needsUrl = (mode.equals("callbacks") || mode.equals("payments")) && ceiling == null;
      if ((needsUrl && url == null)
          || (mode.equals("seed") && (db == null || count <= 0))
          || (mode.equals("bodies") && (bodies == null || count <= 0))
          || (mode.equals("applied") && db == null)
          || files < 1
          || (mode.equals("payments") && apiKey == null)) {
        throw new IllegalArgumentException(usage());
      }
      return new Options(
          mode,
          url,
          ceiling,
          db,
          apiKey,
          run,
          count,
          bodies,
          files,
          rate,
          connections,
          duration,
          warmup);
    }

    private static String usage() {
      return "usage: seed --db JDBC_URL --count N [--run ID] [--bodies PREFIX [--files T]]"
          + " | bodies --bodies PREFIX --count N [--run ID] [--files T]"
          + " | applied --db JDBC_URL --run ID"
          + " | callbacks (--url CALLBACK_URL | --ceiling URL) --count N [--run ID] [--rate R]"
          + " | payments --url GATEWAY --api-key KEY; common: --connections 64 --duration 30s"
          + " --warmup 10s";
    }
  }
}
