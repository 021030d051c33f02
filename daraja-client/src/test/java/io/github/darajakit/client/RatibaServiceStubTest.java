package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.ratiba.StandingOrderAcknowledgement;
import io.github.darajakit.client.ratiba.StandingOrderFrequency;
import io.github.darajakit.client.ratiba.StandingOrderRequest;
import io.github.darajakit.client.support.StubDaraja;
import java.time.Duration;
import java.time.LocalDate;
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

  private StubDaraja stub;

  @BeforeEach
  void start() {
    stub = new StubDaraja(PATH);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private DarajaClient client(Duration readTimeout) {
    // Retries never sleep here.
    return stub.clientBuilder("174379", readTimeout).sleeper(duration -> {}).build();
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
    stub.alwaysAnswer(
        new StubDaraja.Reply(
            200,
            "{\"ResponseHeader\":{\"responseRefID\":\"4dd9b5d9\",\"responseCode\":\"200\","
                + "\"responseDescription\":\"Request accepted for processing\","
                + "\"ResultDesc\":\"The service request is processed successfully.\"},"
                + "\"ResponseBody\":{\"responseDescription\":\"Request accepted for processing\","
                + "\"responseCode\":\"200\"}}",
            Duration.ZERO));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      StandingOrderAcknowledgement ack = daraja.ratiba().createAsync(request()).get();
      assertThat(ack.accepted()).isTrue();
      assertThat(ack.responseRefId()).isEqualTo("4dd9b5d9");
    }
    assertThat(stub.received()).hasSize(1);
    assertThat(stub.authorizations()).containsExactly("Bearer stub-token");
    JsonNode body = stub.received().get(0);
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
      stub.received().clear();
      stub.alwaysAnswer(
          new StubDaraja.Reply(
              200,
              "{\"ResponseHeader\":{\"responseRefID\":\"r-1\",\"responseCode\":\""
                  + code
                  + "\",\"responseDescription\":\"Refused\"}}",
              Duration.ZERO));
      try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
        assertThatThrownBy(() -> daraja.ratiba().create(request()))
            .isInstanceOfSatisfying(
                DarajaApiException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(code);
                  assertThat(e.errorMessage()).isEqualTo("Refused");
                });
      }
      assertThat(stub.received()).hasSize(1);
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
    stub.alwaysAnswer(new StubDaraja.Reply(400, body, Duration.ZERO));
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
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void aLostAnswerIsAnUnknownOutcomeWithTheIdentifiersAndIsSentExactlyOnce() {
    stub.alwaysAnswer(new StubDaraja.Reply(200, "{}", Duration.ofSeconds(2)));
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
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void aServerErrorWithoutARefusalIsAnUnknownOutcomeAndNotResent() {
    stub.alwaysAnswer(new StubDaraja.Reply(503, "", Duration.ZERO));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.ratiba().create(request()))
          .isInstanceOf(DarajaOutcomeUnknownException.class);
    }
    assertThat(stub.received()).hasSize(1);
  }
}
