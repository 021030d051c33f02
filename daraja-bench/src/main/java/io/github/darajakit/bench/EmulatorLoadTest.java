package io.github.darajakit.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Closed-loop load generator for STK push: keeps {@code --connections} requests in flight against a
 * Daraja base URL for {@code --duration}, and runs its own callback receiver to count the STK
 * callbacks that come back. Prints accepted pushes per second, latency percentiles and callbacks
 * delivered.
 *
 * <p>With {@code --ceiling}, it posts the same body to a do-nothing server (nginx answering a
 * constant) instead, to measure what this machine's HTTP stack can do at all.
 *
 * <pre>
 * java -jar daraja-bench/target/daraja-bench.jar --base-url http://127.0.0.1:8090 \
 *     --connections 64 --duration 30s --warmup 10s
 * java -jar daraja-bench/target/daraja-bench.jar --ceiling http://127.0.0.1:8099/ --duration 30s
 * </pre>
 */
public final class EmulatorLoadTest {

  private static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
  private static final String TIMESTAMP = "20250101120000";

  private final Options options;
  private final HttpClient client;
  private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(30), 3);
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder callbacks = new LongAdder();
  private final LongAdder successfulCallbacks = new LongAdder();
  private final AtomicLong nextPhone = new AtomicLong();
  private final AtomicBoolean recording = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile String lastError = "";

  private EmulatorLoadTest(Options options) throws Exception {
    this.options = options;
    QueuedThreadPool threads = new QueuedThreadPool(16, 4);
    threads.setName("load-client");
    threads.setDaemon(true);
    client = new HttpClient();
    client.setExecutor(threads);
    client.setMaxConnectionsPerDestination(options.connections);
    client.setMaxRequestsQueuedPerDestination(options.connections * 4);
    client.setIdleTimeout(60_000);
    client.start();
  }

  /** Runs one measurement and prints the result. */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    EmulatorLoadTest test = new EmulatorLoadTest(options);
    try {
      test.run();
    } finally {
      test.client.stop();
    }
  }

  private void run() throws Exception {
    Server receiver = null;
    String callbackUrl = "http://127.0.0.1:9/unused";
    String token = "none";
    String target;
    if (options.ceilingUrl != null) {
      target = options.ceilingUrl;
    } else {
      receiver = startReceiver();
      callbackUrl =
          "http://127.0.0.1:"
              + ((ServerConnector) receiver.getConnectors()[0]).getLocalPort()
              + "/stk";
      token = token();
      target = options.baseUrl + "/mpesa/stkpush/v1/processrequest";
    }
    String password =
        Base64.getEncoder()
            .encodeToString(("174379" + PASSKEY + TIMESTAMP).getBytes(StandardCharsets.US_ASCII));
    String prefix =
        "{\"BusinessShortCode\":174379,\"Password\":\""
            + password
            + "\",\"Timestamp\":\""
            + TIMESTAMP
            + "\",\"TransactionType\":\"CustomerPayBillOnline\",\"Amount\":\"1\",\"PartyA\":\"";
    String middle = "\",\"PartyB\":\"174379\",\"PhoneNumber\":\"";
    String suffix =
        "\",\"CallBackURL\":\""
            + callbackUrl
            + "\",\"AccountReference\":\"bench\",\"TransactionDesc\":\"load\"}";
    String authorization = "Bearer " + token;

    System.out.printf(
        Locale.ROOT,
        "target %s, %d connections, warm-up %ds, measure %ds%n",
        target,
        options.connections,
        options.warmup.toSeconds(),
        options.duration.toSeconds());
    CountDownLatch done = new CountDownLatch(options.connections);
    for (int i = 0; i < options.connections; i++) {
      loop(target, authorization, prefix, middle, suffix, done);
    }
    Thread.sleep(options.warmup.toMillis());
    accepted.reset();
    rejected.reset();
    failed.reset();
    callbacks.reset();
    successfulCallbacks.reset();
    latencies.reset();
    recording.set(true);
    long startedNanos = System.nanoTime();
    Thread.sleep(options.duration.toMillis());
    long acceptedCount = accepted.sum();
    long rejectedCount = rejected.sum();
    long failedCount = failed.sum();
    long callbacksAtEnd = callbacks.sum();
    Histogram histogram = latencies.getIntervalHistogram();
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    recording.set(false);
    running.set(false);
    done.await(30, TimeUnit.SECONDS);

    long callbacksTotal = callbacksAtEnd;
    if (receiver != null) {
      // Pushes accepted in the window may still have callbacks in flight: give them time.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (callbacks.sum() < acceptedCount && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      callbacksTotal = callbacks.sum();
    }
    System.out.printf(
        Locale.ROOT,
        "date=%s%n"
            + "accepted=%d rejected=%d failed=%d in %.1fs%n"
            + "throughput=%.0f req/s%n"
            + "latency_ms p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f%n",
        Instant.now(),
        acceptedCount,
        rejectedCount,
        failedCount,
        seconds,
        acceptedCount / seconds,
        histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(90) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6,
        histogram.getValueAtPercentile(99.9) / 1e6,
        histogram.getMaxValue() / 1e6);
    if (receiver != null) {
      System.out.printf(
          Locale.ROOT,
          "callbacks_during_window=%d (%.0f/s) callbacks_for_window_after_drain=%d of %d accepted"
              + " (%.2f%%), successful=%d%n",
          callbacksAtEnd,
          callbacksAtEnd / seconds,
          callbacksTotal,
          acceptedCount,
          100.0 * callbacksTotal / Math.max(1, acceptedCount),
          successfulCallbacks.sum());
      receiver.stop();
    }
    if (!lastError.isEmpty()) {
      System.out.println("last_error=" + lastError);
    }
  }

  private void loop(
      String target,
      String authorization,
      String prefix,
      String middle,
      String suffix,
      CountDownLatch done) {
    if (!running.get()) {
      done.countDown();
      return;
    }
    // A distinct subscriber per push (Daraja locks a subscriber while a prompt is pending), from
    // the 25471 range so no scenario number is hit by accident.
    String phone =
        "25471"
            + String.format(Locale.ROOT, "%07d", nextPhone.incrementAndGet() % options.subscribers);
    byte[] body = (prefix + phone + middle + phone + suffix).getBytes(StandardCharsets.US_ASCII);
    long started = System.nanoTime();
    Request request =
        client
            .newRequest(target)
            .method(HttpMethod.POST)
            .timeout(30, TimeUnit.SECONDS)
            .headers(h -> h.put(HttpHeader.AUTHORIZATION, authorization))
            .body(new BytesRequestContent("application/json", body));
    request.send(
        new BufferingResponseListener(16 * 1024) {
          @Override
          public void onComplete(Result result) {
            long elapsed = System.nanoTime() - started;
            if (result.isFailed()) {
              failed.increment();
              lastError = String.valueOf(result.getFailure());
            } else if (result.getResponse().getStatus() == 200) {
              if (recording.get()) {
                latencies.recordValue(Math.min(elapsed, TimeUnit.SECONDS.toNanos(30)));
              }
              accepted.increment();
            } else {
              rejected.increment();
              lastError =
                  phone + ": " + result.getResponse().getStatus() + " " + getContentAsString();
            }
            loop(target, authorization, prefix, middle, suffix, done);
          }
        });
  }

  private String token() throws Exception {
    ContentResponse response =
        client
            .newRequest(options.baseUrl + "/oauth/v1/generate?grant_type=client_credentials")
            .headers(
                h ->
                    h.put(
                        HttpHeader.AUTHORIZATION,
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString("bench:bench".getBytes(StandardCharsets.US_ASCII))))
            .send();
    String body = response.getContentAsString();
    int start = body.indexOf("\"access_token\":\"") + 16;
    return body.substring(start, body.indexOf('"', start));
  }

  private Server startReceiver() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("load-receiver");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    byte[] ack =
        "{\"ResultCode\":0,\"ResultDesc\":\"Success\"}".getBytes(StandardCharsets.US_ASCII);
    // Non-blocking, so a callback is answered on the thread that read it (as the emulator does).
    server.setHandler(
        new Handler.Abstract.NonBlocking() {
          @Override
          public boolean handle(
              org.eclipse.jetty.server.Request request, Response response, Callback callback) {
            Content.Source.asByteArrayAsync(
                request,
                1 << 20,
                new Promise.Invocable<byte[]>() {
                  @Override
                  public void succeeded(byte[] body) {
                    callbacks.increment();
                    if (new String(body, StandardCharsets.UTF_8).contains("\"ResultCode\":0,")) {
                      successfulCallbacks.increment();
                    }
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(true, ByteBuffer.wrap(ack), callback);
                  }

                  @Override
                  public void failed(Throwable failure) {
                    callback.failed(failure);
                  }

                  @Override
                  public InvocationType getInvocationType() {
                    return InvocationType.NON_BLOCKING;
                  }
                });
            return true;
          }
        });
    server.start();
    return server;
  }

  /** Command-line options. */
  private record Options(
      String baseUrl,
      String ceilingUrl,
      int connections,
      Duration duration,
      Duration warmup,
      long subscribers) {

    static Options parse(String[] args) {
      String baseUrl = "http://127.0.0.1:8090";
      String ceiling = null;
      int connections = 64;
      Duration duration = Duration.ofSeconds(30);
      Duration warmup = Duration.ofSeconds(10);
      long subscribers = 200_000;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--base-url" -> baseUrl = value;
          case "--ceiling" -> ceiling = value;
          case "--connections" -> connections = Integer.parseInt(value);
          case "--duration" -> duration = seconds(value);
          case "--warmup" -> warmup = seconds(value);
          case "--subscribers" -> subscribers = Long.parseLong(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; use --base-url URL | --ceiling URL, --connections N, --duration 30s,"
                      + " --warmup 10s, --subscribers 200000");
        }
        i++;
      }
      return new Options(baseUrl, ceiling, connections, duration, warmup, subscribers);
    }

    private static Duration seconds(String text) {
      return Duration.ofSeconds(Long.parseLong(text.replace("s", "")));
    }
  }
}
