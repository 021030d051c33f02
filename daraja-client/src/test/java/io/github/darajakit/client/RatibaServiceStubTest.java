package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.ratiba.StandingOrderAcknowledgement;
import io.github.darajakit.client.ratiba.StandingOrderFrequency;
import io.github.darajakit.client.ratiba.StandingOrderRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ratiba over real HTTP against a stub Daraja (the JDK's HttpServer), so the SDK's behaviour does
 * not wait on the emulator's Ratiba: what is sent, how answers are read, and that a lost answer is
 * never re-sent.
 */
class RatibaServiceStubTest {

  private static final String PATH = "/standingorder/v1/createStandingOrderExternal";

  /** What the stub answers to a create. */
  private record Reply(int status, String body, Duration delay) {}

  private HttpServer server;
  private ExecutorService threads;
  private volatile Reply reply;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext(
        "/oauth/v1/generate",
        exchange ->
            respond(exchange, 200, "{\"access_token\":\"stub-token\",\"expires_in\":\"3599\"}"));
    server.createContext(PATH, this::create);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void create(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      received.add(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    Reply now = reply;
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
        .shortCode("174379")
        .readTimeout(readTimeout)
        .sleeper(duration -> {})
        .build();
  }

  private static StandingOrderRequest request() {
    return StandingOrderRequest.builder()
        .name("Rent flat 4B")
        .startDate(LocalDate.of(2026, 11, 1))
        .endDate(LocalDate.of(2027, 10, 31))
        .frequency(StandingOrderFrequency.MONTHLY)
        .amount(4500)
        .phone("0708374149")
        .accountReference("FLAT-4B")
        .description("Rent")
        .callbackUrl("http://127.0.0.1:9/ratiba")
        .callbackToken("so-4b-2026")
        .build();
  }

  @Test
  void anAcceptedRequestIsSentOnceWithTheBearerTokenAndAcknowledged() throws Exception {
    reply =
        new Reply(
            200,
            "{\"ResponseHeader\":{\"responseRefID\":\"4dd9b5d9\",\"responseCode\":\"200\","
                + "\"responseDescription\":\"Request accepted for processing\","
                + "\"ResultDesc\":\"The service request is processed successfully.\"},"
                + "\"ResponseBody\":{\"responseDescription\":\"Request accepted for processing\","
                + "\"responseCode\":\"200\"}}",
            Duration.ZERO);
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      StandingOrderAcknowledgement ack = daraja.ratiba().createAsync(request()).get();
      assertThat(ack.accepted()).isTrue();
      assertThat(ack.responseRefId()).isEqualTo("4dd9b5d9");
    }
    assertThat(received).hasSize(1);
    assertThat(authorizations).containsExactly("Bearer stub-token");
    JsonNode body = received.get(0);
    assertThat(body.get("StandingOrderName").textValue()).isEqualTo("Rent flat 4B");
    assertThat(body.get("BusinessShortCode").textValue()).isEqualTo("174379");
    assertThat(body.get("Amount").textValue()).isEqualTo("4500");
    assertThat(body.get("Frequency").textValue()).isEqualTo("4");
    assertThat(body.get("CallBackURL").textValue())
        .isEqualTo("http://127.0.0.1:9/ratiba/so-4b-2026");
  }

  @Test
  void a401or500ResponseCodeIsAnApiErrorAndNotResent() {
    for (String code : new String[] {"401", "500"}) {
      received.clear();
      reply =
          new Reply(
              200,
              "{\"ResponseHeader\":{\"responseRefID\":\"r-1\",\"responseCode\":\""
                  + code
                  + "\",\"responseDescription\":\"Refused\"}}",
              Duration.ZERO);
      try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
        assertThatThrownBy(() -> daraja.ratiba().create(request()))
            .isInstanceOfSatisfying(
                DarajaApiException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(code);
                  assertThat(e.errorMessage()).isEqualTo("Refused");
                });
      }
      assertThat(received).hasSize(1);
    }
  }

  @ParameterizedTest(name = "HTTP 400 {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"requestId\":\"1c5b-4ba8\",\"errorCode\":\"400.002.02\",\"errorMessage\":\"Bad"
            + " Request - Invalid StartDate\"}|400.002.02|Bad Request - Invalid StartDate|1c5b-4ba8",
        "{\"responseHeader\":{\"responseRefID\":\"r-2\",\"responseCode\":\"1051\","
            + "\"responseDescription\":\"Invalid Frequency\"}}|1051|Invalid Frequency|r-2"
      })
  void aClassicOrRatibaErrorBodyOnA4xxIsAnApiErrorAndNotResent(
      String body, String code, String message, String requestId) {
    reply = new Reply(400, body, Duration.ZERO);
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.ratiba().create(request()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.errorCode()).isEqualTo(code);
                assertThat(e.errorMessage()).isEqualTo(message);
                assertThat(e.requestId()).isEqualTo(requestId);
              });
    }
    assertThat(received).hasSize(1);
  }

  @Test
  void aLostAnswerIsAnUnknownOutcomeWithTheIdentifiersAndIsSentExactlyOnce() {
    reply = new Reply(200, "{}", Duration.ofSeconds(2));
    try (DarajaClient daraja = client(Duration.ofMillis(300))) {
      assertThatThrownBy(() -> daraja.ratiba().create(request()))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("ratiba.create");
                assertThat(e.identifiers())
                    .containsEntry("callbackToken", "so-4b-2026")
                    .containsEntry("standingOrderName", "Rent flat 4B")
                    .containsEntry("businessShortCode", "174379")
                    .containsEntry("phone", "2547****4149")
                    .containsEntry("amount", "4500")
                    .containsEntry("accountReference", "FLAT-4B");
                assertThat(e.getMessage()).contains(DarajaOutcomeUnknownException.RECOVERY);
              });
    }
    assertThat(received).hasSize(1);
  }

  @Test
  void aServerErrorWithoutARefusalIsAnUnknownOutcomeAndNotResent() {
    reply = new Reply(503, "", Duration.ZERO);
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.ratiba().create(request()))
          .isInstanceOf(DarajaOutcomeUnknownException.class);
    }
    assertThat(received).hasSize(1);
  }
}
