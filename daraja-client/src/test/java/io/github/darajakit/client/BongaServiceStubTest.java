package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.darajakit.client.bonga.BongaCalculation;
import io.github.darajakit.client.bonga.BongaRedeemRequest;
import io.github.darajakit.client.bonga.BongaRedemption;
import io.github.darajakit.client.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lipa na Bonga over real HTTP against a stub Daraja (the JDK's HttpServer): what is sent, how the
 * header/body envelope is read, that a calculation is retried like a query and that a redemption
 * whose answer is lost is never re-sent.
 */
class BongaServiceStubTest {

  private static final String CALCULATED =
      "{\"header\":{\"requestRefId\":\"a1b2\",\"responseCode\":200,"
          + "\"responseMessage\":\"Success\",\"customerMessage\":\"Request executed"
          + " successfully.\",\"timestamp\":\"2025-02-24T12:29:05.484864516\"},"
          + "\"body\":{\"amount\":\"8\",\"points\":\"40\",\"rate\":\"0.2\"}}";
  private static final String REDEEMED =
      "{\"header\":{\"requestRefId\":\"c3d4\",\"responseCode\":200,"
          + "\"responseMessage\":\"Operation Successfully.\",\"customerMessage\":\"\","
          + "\"timestamp\":\"2025-02-24T12:30:00.1\"},\"body\":null}";

  /** What the stub answers. */
  private record Reply(int status, String body, Duration delay) {}

  private HttpServer server;
  private ExecutorService threads;
  private final List<Reply> replies = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext(
        "/oauth/v1/generate",
        exchange ->
            respond(exchange, 200, "{\"access_token\":\"stub-token\",\"expires_in\":\"3599\"}"));
    server.createContext("/v1/lipa/na/bonga/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      received.add(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
    paths.add(exchange.getRequestURI().getPath());
    // The last reply repeats once the list is used up.
    Reply now = replies.size() > 1 ? replies.remove(0) : replies.get(0);
    if (!now.delay().isZero()) {
      try {
        Thread.sleep(now.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    respond(exchange, now.status(), now.body());
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client gave up waiting (the lost-answer test): nobody is left to answer.
    }
  }

  private DarajaClient client(Duration readTimeout) {
    return DarajaClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .consumerKey("key")
        .consumerSecret("secret")
        .shortCode("888880")
        .readTimeout(readTimeout)
        .sleeper(duration -> {})
        .build();
  }

  private static BongaRedeemRequest request() {
    return BongaRedeemRequest.builder()
        .msisdn("0720 776 155")
        .amount(50)
        .bongaPoints(250)
        .conversionRate(new BigDecimal("0.20"))
        .accountNumber("INV-1042")
        .build();
  }

  @Test
  void calculateSendsThePointsAsTextAndReadsExactDecimals() {
    replies.add(new Reply(200, CALCULATED, Duration.ZERO));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      BongaCalculation worth = daraja.bonga().calculate(40);
      assertThat(worth.amount()).isEqualByComparingTo("8");
      assertThat(worth.points()).isEqualTo(40);
      assertThat(worth.rate()).isEqualTo(new BigDecimal("0.2"));
      assertThat(worth.requestRefId()).isEqualTo("a1b2");
      assertThat(worth.responseCode()).isEqualTo("200");
      assertThat(worth.responseMessage()).isEqualTo("Success");
      assertThat(worth.customerMessage()).isEqualTo("Request executed successfully.");
      assertThat(worth.rawJson()).isEqualTo(CALCULATED);
    }
    assertThat(paths).containsExactly("/v1/lipa/na/bonga/calculate-points");
    assertThat(Json.text(received.get(0))).isEqualTo("{\"points\":\"40\"}");
  }

  @Test
  void calculateIsRetriedAfterAServerErrorLikeAQuery() {
    replies.add(new Reply(503, "", Duration.ZERO));
    replies.add(new Reply(200, CALCULATED, Duration.ZERO));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThat(daraja.bonga().calculate(40).amount()).isEqualByComparingTo("8");
    }
    assertThat(received).hasSize(2);
  }

  @Test
  void calculateBelowOnePointIsRefusedBeforeSending() {
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.bonga().calculate(0))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("points"));
    }
    assertThat(received).isEmpty();
  }

  @Test
  void redeemSendsTheDocumentedBodyOnceWithTheRateAsAnExactNumber() {
    replies.add(new Reply(200, REDEEMED, Duration.ZERO));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      BongaRedemption accepted = daraja.bonga().redeem(request());
      assertThat(accepted.requestRefId()).isEqualTo("c3d4");
      assertThat(accepted.responseCode()).isEqualTo("200");
      assertThat(accepted.responseMessage()).isEqualTo("Operation Successfully.");
    }
    assertThat(paths).containsExactly("/v1/lipa/na/bonga/redeem-paybill");
    assertThat(Json.text(received.get(0)))
        .isEqualTo(
            "{\"msisdn\":\"254720776155\",\"amount\":50,\"bongaPoints\":250,"
                + "\"conversionRate\":0.2,\"shortCode\":\"888880\",\"accountNumber\":\"INV-1042\"}");
  }

  @Test
  void aNon200ResponseCodeIsAnApiErrorWithTheEnvelopesCodeMessageAndRefAndIsNotResent() {
    String refused =
        "{\"header\":{\"requestRefId\":\"e5f6\",\"responseCode\":6001,"
            + "\"responseMessage\":\"Fail\",\"customerMessage\":\"Insufficient Bonga points\"},"
            + "\"body\":null}";
    for (int status : new int[] {200, 400}) {
      received.clear();
      replies.clear();
      replies.add(new Reply(status, refused, Duration.ZERO));
      try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
        assertThatThrownBy(() -> daraja.bonga().redeem(request()))
            .isInstanceOfSatisfying(
                DarajaApiException.class,
                e -> {
                  assertThat(e.httpStatus()).isEqualTo(status);
                  assertThat(e.errorCode()).isEqualTo("6001");
                  assertThat(e.errorMessage()).isEqualTo("Fail");
                  assertThat(e.requestId()).isEqualTo("e5f6");
                });
        assertThatThrownBy(() -> daraja.bonga().calculate(40))
            .isInstanceOfSatisfying(
                DarajaApiException.class, e -> assertThat(e.errorCode()).isEqualTo("6001"));
      }
      assertThat(received).hasSize(2);
    }
    assertThat(ResultCodes.lookup(ResultCodes.Family.BONGA, "6001").outcome())
        .isEqualTo(Outcome.FAILED);
  }

  @Test
  void aLostRedemptionAnswerIsAnUnknownOutcomeWithTheIdentifiersAndIsSentExactlyOnce() {
    replies.add(new Reply(200, REDEEMED, Duration.ofSeconds(2)));
    try (DarajaClient daraja = client(Duration.ofMillis(300))) {
      assertThatThrownBy(() -> daraja.bonga().redeem(request()))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("bonga.redeem");
                assertThat(e.identifiers())
                    .containsEntry("msisdn", "2547****6155")
                    .containsEntry("amount", "50")
                    .containsEntry("bongaPoints", "250")
                    .containsEntry("shortCode", "888880")
                    .containsEntry("accountNumber", "INV-1042")
                    .doesNotContainValue("254720776155");
                assertThat(e.getMessage()).contains(DarajaOutcomeUnknownException.RECOVERY);
              });
    }
    assertThat(received).hasSize(1);
  }

  @Test
  void aRedemptionServerErrorOrAnUnreadableAcceptanceIsAnUnknownOutcomeAndNotResent() {
    for (Reply reply :
        new Reply[] {new Reply(503, "", Duration.ZERO), new Reply(200, "{}", Duration.ZERO)}) {
      received.clear();
      replies.clear();
      replies.add(reply);
      try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
        assertThatThrownBy(() -> daraja.bonga().redeem(request()))
            .isInstanceOf(DarajaOutcomeUnknownException.class);
      }
      assertThat(received).hasSize(1);
    }
  }
}
