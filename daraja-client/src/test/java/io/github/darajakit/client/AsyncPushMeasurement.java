package io.github.darajakit.client;

import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.support.Pushes;
import io.github.darajakit.client.support.StubDaraja;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A measurement, not a test (BENCHMARKS.md): {@code pushes} concurrent {@code pushAsync} calls
 * against a stub Daraja that answers each after {@code latencyMs}; prints the wall time and the
 * peak number of the client's threads (named {@code daraja-…} or {@code HttpClient-…}), sampled
 * every 2 ms while they run. Uses only API that existed before the asynchronous transport, so the
 * same file measures both.
 *
 * <p>{@code java -cp … io.github.darajakit.client.AsyncPushMeasurement [pushes] [latencyMs]}
 */
public final class AsyncPushMeasurement {

  private AsyncPushMeasurement() {}

  public static void main(String[] args) throws Exception {
    int pushes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    long latency = args.length > 1 ? Long.parseLong(args[1]) : 300;
    try (StubDaraja stub = new StubDaraja("/mpesa/");
        DarajaClient daraja =
            stub.clientBuilder("174379", Duration.ofSeconds(30))
                .passkey("bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919")
                .build()) {
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
    }
  }

  private static int clientThreads() {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> name.startsWith("daraja-") || name.startsWith("HttpClient-"))
            .count();
  }
}
