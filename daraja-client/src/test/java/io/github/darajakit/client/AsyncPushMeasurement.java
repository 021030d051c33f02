package io.github.darajakit.client;

import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.support.Pushes;
import io.github.darajakit.client.support.StubDaraja;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A measurement, not a test (BENCHMARKS.md): {@code pushes} concurrent {@code pushAsync} calls
 * against a stub Daraja that answers each after {@code latencyMs}; prints the wall time and the
 * peak number of the client's threads (named {@code daraja-…} or {@code HttpClient-…}), sampled
 * every 2 ms while they run. A third argument gives the client a fixed pool of that many threads as
 * its executor ({@code caller-pool-…} threads, counted too). Uses only API that existed before the
 * asynchronous transport, so the same file measures both.
 *
 * <p>{@code java -cp … io.github.darajakit.client.AsyncPushMeasurement [pushes] [latencyMs]
 * [poolSize]}
 */
public final class AsyncPushMeasurement {

  private AsyncPushMeasurement() {}

  public static void main(String[] args) throws Exception {
    int pushes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long latency = args.length > 1 ? Long.parseLong(args[1]) : 300;
    int poolSize = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    AtomicInteger poolThreads = new AtomicInteger();
    ExecutorService pool =
        poolSize == 0
            ? null
            : Executors.newFixedThreadPool(
                poolSize,
                runnable -> {
                  Thread thread =
                      new Thread(runnable, "caller-pool-" + poolThreads.incrementAndGet());
                  thread.setDaemon(true);
                  return thread;
                });
    try (StubDaraja stub = new StubDaraja("/mpesa/");
        DarajaClient daraja = client(stub, pool)) {
      stub.alwaysAnswer(
          new StubDaraja.Reply(
              200,
              "{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"ws_CO_1\","
                  + "\"ResponseCode\":\"0\",\"ResponseDescription\":\"Success\","
                  + "\"CustomerMessage\":\"Success\"}",
              Duration.ofMillis(latency)));
      daraja.authenticate();
      for (int round = 1; round <= 3; round++) {
        int baseline = clientThreads();
        long started = System.nanoTime();
        List<CompletableFuture<StkPushResponse>> calls = new ArrayList<>();
        for (int i = 0; i < pushes; i++) {
          calls.add(daraja.stk().pushAsync(Pushes.numbered(round * pushes + i)));
        }
        CompletableFuture<Void> all =
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
        int peak = baseline;
        while (!all.isDone()) {
          peak = Math.max(peak, clientThreads());
          Thread.sleep(2);
        }
        all.join();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf(
            "round %d: %d pushes at %d ms latency: %d ms wall, client threads %d before, %d at"
                + " peak%n",
            round, pushes, latency, millis, baseline, peak);
      }
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  /** A client of the stub; {@code pool}, if any, as its executor (the caller's fixed pool). */
  private static DarajaClient client(StubDaraja stub, ExecutorService pool) {
    DarajaClient.Builder builder =
        stub.clientBuilder("174379", Duration.ofSeconds(30))
            .passkey("bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919");
    return pool == null ? builder.build() : builder.executor(pool).build();
  }

  private static int clientThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(
                name ->
                    name.startsWith("daraja-")
                        || name.startsWith("HttpClient-")
                        || name.startsWith("caller-pool-"))
            .count();
  }
}
