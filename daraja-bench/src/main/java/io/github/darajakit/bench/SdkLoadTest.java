package io.github.darajakit.bench;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.stk.StkPushRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Concurrent STK pushes through one {@link DarajaClient} against a running emulator: pushes per
 * second, latency, and how many OAuth requests the emulator saw for them (the token is fetched once
 * and shared).
 *
 * <pre>
 * java -cp daraja-bench/target/daraja-bench.jar io.github.darajakit.bench.SdkLoadTest \
 *     --base-url http://127.0.0.1:8090 --concurrency 64 --duration 30 --warmup 30
 * </pre>
 */
public final class SdkLoadTest {

  private static final String CONSUMER_KEY = "sdk-load-test";

  private SdkLoadTest() {}

  /** Runs one measurement and prints it. */
  public static void main(String[] args) throws Exception {
    String baseUrl = "http://127.0.0.1:8090";
    int concurrency = 64;
    long durationSeconds = 30;
    long warmupSeconds = 30;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--base-url" -> baseUrl = args[i + 1];
        case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
        case "--duration" -> durationSeconds = Long.parseLong(args[i + 1].replace("s", ""));
        case "--warmup" -> warmupSeconds = Long.parseLong(args[i + 1].replace("s", ""));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(30), 3);
    LongAdder accepted = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicLong phones = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicBoolean recording = new AtomicBoolean();
    try (DarajaClient client =
        DarajaClient.builder()
            .baseUrl(baseUrl)
            .consumerKey(CONSUMER_KEY)
            .consumerSecret("not-a-secret")
            .shortCode("174379")
            .passkey("bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919")
            .build()) {
      for (int i = 0; i < concurrency; i++) {
        workers.execute(
            () -> {
              while (running.get()) {
                String phone =
                    "25471"
                        + String.format(Locale.ROOT, "%07d", phones.incrementAndGet() % 1_000_000);
                long started = System.nanoTime();
                try {
                  client
                      .stk()
                      .push(
                          StkPushRequest.builder()
                              .phone(phone)
                              .amount(1)
                              .accountReference("bench")
                              .description("load")
                              .callbackUrl("http://127.0.0.1:9/stk")
                              .build());
                  if (recording.get()) {
                    latencies.recordValue(System.nanoTime() - started);
                  }
                  accepted.increment();
                } catch (RuntimeException e) {
                  failed.increment();
                }
              }
            });
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
      accepted.reset();
      failed.reset();
      latencies.reset();
      long oauthBefore = count(baseUrl, "oauth");
      long pushesBefore = count(baseUrl, "stk_push");
      recording.set(true);
      long started = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds));
      long acceptedCount = accepted.sum();
      long failedCount = failed.sum();
      double seconds = (System.nanoTime() - started) / 1e9;
      Histogram histogram = latencies.getIntervalHistogram();
      running.set(false);
      workers.shutdown();
      workers.awaitTermination(30, TimeUnit.SECONDS);
      long oauth = count(baseUrl, "oauth");
      long pushes = count(baseUrl, "stk_push");
      System.out.printf(
          Locale.ROOT,
          "date=%s%nconcurrency=%d accepted=%d failed=%d in %.1fs%nthroughput=%.0f pushes/s%n"
              + "latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f%n"
              + "emulator saw %d OAuth requests for %d pushes in the whole run"
              + " (%d during the window): %.2f per 10,000 calls%n",
          Instant.now(),
          concurrency,
          acceptedCount,
          failedCount,
          seconds,
          acceptedCount / seconds,
          histogram.getValueAtPercentile(50) / 1e6,
          histogram.getValueAtPercentile(90) / 1e6,
          histogram.getValueAtPercentile(99) / 1e6,
          histogram.getMaxValue() / 1e6,
          oauth,
          pushes,
          oauth - oauthBefore,
          10_000.0 * oauth / Math.max(1, pushes));
    }
  }

  /** Requests the emulator counted for this consumer key on an endpoint. */
  private static long count(String baseUrl, String endpoint) throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/counters"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String consumer = "\"" + CONSUMER_KEY + "\":{";
    int at = body.indexOf(consumer);
    if (at < 0) {
      return 0;
    }
    int end = body.indexOf('}', at);
    String counts = body.substring(at, end);
    String key = "\"" + endpoint + "\":";
    int k = counts.indexOf(key);
    if (k < 0) {
      return 0;
    }
    int from = k + key.length();
    int to = from;
    while (to < counts.length() && Character.isDigit(counts.charAt(to))) {
      to++;
    }
    return Long.parseLong(counts.substring(from, to));
  }
}
