package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.bonga.BongaCalculation;
import io.github.darajakit.client.bonga.BongaRedeemRequest;
import io.github.darajakit.client.bonga.BongaRedemption;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.support.StubDaraja;
import java.math.BigDecimal;
import java.time.Duration;
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

  private StubDaraja stub;

  @BeforeEach
  void start() {
    stub = new StubDaraja("/v1/lipa/na/bonga/");
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private DarajaClient client(Duration readTimeout) {
    // Retries never sleep here.
    return stub.clientBuilder("888880", readTimeout).sleeper(duration -> {}).build();
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
    stub.replies().add(new StubDaraja.Reply(200, CALCULATED, Duration.ZERO));
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
    assertThat(stub.paths()).containsExactly("/v1/lipa/na/bonga/calculate-points");
    assertThat(Json.text(stub.received().get(0))).isEqualTo("{\"points\":\"40\"}");
  }

  @Test
  void calculateIsRetriedAfterAServerErrorLikeAQuery() {
    stub.replies().add(new StubDaraja.Reply(503, "", Duration.ZERO));
    stub.replies().add(new StubDaraja.Reply(200, CALCULATED, Duration.ZERO));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThat(daraja.bonga().calculate(40).amount()).isEqualByComparingTo("8");
    }
    assertThat(stub.received()).hasSize(2);
  }

  @Test
  void calculateBelowOnePointIsRefusedBeforeSending() {
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.bonga().calculate(0))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("points"));
    }
    assertThat(stub.received()).isEmpty();
  }

  @Test
  void redeemSendsTheDocumentedBodyOnceWithTheRateAsAnExactNumber() {
    stub.replies().add(new StubDaraja.Reply(200, REDEEMED, Duration.ZERO));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      BongaRedemption accepted = daraja.bonga().redeem(request());
      assertThat(accepted.requestRefId()).isEqualTo("c3d4");
      assertThat(accepted.responseCode()).isEqualTo("200");
      assertThat(accepted.responseMessage()).isEqualTo("Operation Successfully.");
    }
    assertThat(stub.paths()).containsExactly("/v1/lipa/na/bonga/redeem-paybill");
    assertThat(Json.text(stub.received().get(0)))
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
      stub.received().clear();
      stub.replies().clear();
      stub.replies().add(new StubDaraja.Reply(status, refused, Duration.ZERO));
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
      assertThat(stub.received()).hasSize(2);
    }
    assertThat(ResultCodes.lookup(ResultCodes.Family.BONGA, "6001").outcome())
        .isEqualTo(Outcome.FAILED);
  }

  @Test
  void aLostRedemptionAnswerIsAnUnknownOutcomeWithTheIdentifiersAndIsSentExactlyOnce() {
    stub.replies().add(new StubDaraja.Reply(200, REDEEMED, Duration.ofSeconds(2)));
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
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void aRedemptionServerErrorOrAnUnreadableAcceptanceIsAnUnknownOutcomeAndNotResent() {
    for (StubDaraja.Reply reply :
        new StubDaraja.Reply[] {StubDaraja.Reply.now(503, ""), StubDaraja.Reply.now(200, "{}")}) {
      stub.received().clear();
      stub.replies().clear();
      stub.replies().add(reply);
      try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
        assertThatThrownBy(() -> daraja.bonga().redeem(request()))
            .isInstanceOf(DarajaOutcomeUnknownException.class);
      }
      assertThat(stub.received()).hasSize(1);
    }
  }
}
