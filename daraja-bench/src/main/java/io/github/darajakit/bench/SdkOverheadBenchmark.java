package io.github.darajakit.bench;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SDK's own cost of one STK push: build and validate the request, compute the Password, write
 * the JSON, go through the transport (token cache, retry policy, events) and parse the answer —
 * with an in-memory {@link StubHttpClient} instead of the network.
 *
 * <pre>
 * java -cp daraja-bench/target/daraja-bench.jar org.openjdk.jmh.Main SdkOverheadBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
public class SdkOverheadBenchmark {

  private static final String OAUTH =
      "{\"access_token\":\"SGWcJPtNtYNPGm6uSYR9yPYrAI3Bm\",\"expires_in\":\"3599\"}";
  private static final String ACCEPTED =
      "{\"MerchantRequestID\":\"2654-4b64-97ff-b827b542881d3130\","
          + "\"CheckoutRequestID\":\"ws_CO_1007202409152617172396192\",\"ResponseCode\":\"0\","
          + "\"ResponseDescription\":\"Success. Request accepted for processing\","
          + "\"CustomerMessage\":\"Success. Request accepted for processing\"}";

  private DarajaClient client;

  @Setup(Level.Trial)
  public void setUp() {
    client =
        DarajaClient.builder()
            .baseUrl("http://127.0.0.1:1")
            .consumerKey("bench-key")
            .consumerSecret("bench-secret")
            .shortCode("174379")
            .passkey("bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919")
            .httpClient(
                new StubHttpClient(
                    request -> request.uri().getPath().startsWith("/oauth") ? OAUTH : ACCEPTED))
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
  }

  /** Build + validate + Password + serialise + transport + parse: the per-push overhead. */
  @Benchmark
  public StkPushResponse stkPush() {
    return client
        .stk()
        .push(
            StkPushRequest.builder()
                .phone("0712 345 678")
                .amount(150)
                .accountReference("INV-1042")
                .description("Invoice 1042")
                .callbackUrl("https://shop.example.com/daraja/stk")
                .build());
  }

  /** Only building and validating the request. */
  @Benchmark
  public StkPushRequest buildRequest() {
    return StkPushRequest.builder()
        .phone("0712 345 678")
        .amount(150)
        .accountReference("INV-1042")
        .description("Invoice 1042")
        .callbackUrl("https://shop.example.com/daraja/stk")
        .build();
  }
}
