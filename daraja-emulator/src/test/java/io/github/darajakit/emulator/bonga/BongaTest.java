package io.github.darajakit.emulator.bonga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lipa na Bonga (REFERENCE §16): its envelope, its checks and the customers' points. */
class BongaTest {

  private static final String CALCULATE = "/v1/lipa/na/bonga/calculate-points";
  private static final String REDEEM = "/v1/lipa/na/bonga/redeem-paybill";
  private static final String CUSTOMER = "254708374149";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static ObjectNode redemption(long amount, long points, String rate) {
    ObjectNode body = DarajaHttp.object();
    body.put("msisdn", CUSTOMER)
        .put("amount", amount)
        .put("bongaPoints", points)
        .put("conversionRate", new BigDecimal(rate))
        .put("shortCode", "600992")
        .put("accountNumber", "test");
    return body;
  }

  @Test
  void calculateAnswersTheDocumentedEnvelopeWithStrings() {
    Reply reply = h.daraja().post(CALCULATE, DarajaHttp.object().put("points", "40"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("header").path("responseCode").isInt()).isTrue();
    assertThat(reply.json().path("header").path("responseCode").asInt()).isEqualTo(200);
    assertThat(reply.json().path("header").path("responseMessage").asText()).isEqualTo("Success");
    assertThat(reply.json().path("header").path("customerMessage").asText())
        .isEqualTo("Request executed successfully.");
    assertThat(reply.json().path("header").path("requestRefId").asText()).isNotBlank();
    assertThat(reply.json().path("body").path("amount").textValue()).isEqualTo("8");
    assertThat(reply.json().path("body").path("points").textValue()).isEqualTo("40");
    assertThat(reply.json().path("body").path("rate").textValue()).isEqualTo("0.2");
  }

  @Test
  void missingOrMalformedPartsAre6006() {
    for (ObjectNode body :
        new ObjectNode[] {
          DarajaHttp.object(),
          DarajaHttp.object().put("points", "forty"),
          DarajaHttp.object().put("points", 0)
        }) {
      Reply reply = h.daraja().post(CALCULATE, body);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.json().path("header").path("responseCode").asInt()).isEqualTo(6006);
      assertThat(reply.json().path("header").path("responseMessage").asText())
          .isEqualTo("Missing parts in body");
    }
    Reply reply = h.daraja().post(REDEEM, redemption(2, 10, "0.2").put("msisdn", "0708"));
    assertThat(reply.json().path("header").path("responseCode").asInt()).isEqualTo(6006);
  }

  @Test
  void aRedemptionIsAcknowledgedWithANullBody() {
    Reply reply = h.daraja().post(REDEEM, redemption(2, 10, "0.2"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("header").path("responseCode").asInt()).isEqualTo(200);
    assertThat(reply.json().path("header").path("responseMessage").asText())
        .isEqualTo("Operation Successfully.");
    assertThat(reply.json().has("body")).isTrue();
    assertThat(reply.json().get("body").isNull()).isTrue();
  }

  @Test
  void anAmountThatIsNotThePointsWorthAWrongRateOrTooFewPointsAre6001() {
    h.daraja().admin("PUT", "customers/" + CUSTOMER + "/bonga", "{\"points\":5}");
    for (ObjectNode body :
        new ObjectNode[] {
          // Daraja's own sample: 20 points at 0.2 are KES 4, not 50 (⚠).
          redemption(50, 20, "0.2"), redemption(2, 10, "0.5"), redemption(2, 10, "0.2")
        }) {
      Reply reply = h.daraja().post(REDEEM, body);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.json().path("header").path("responseCode").asInt()).isEqualTo(6001);
      assertThat(reply.json().path("header").path("responseMessage").asText()).isEqualTo("Fail");
    }
  }

  @Test
  void pointsDefaultTo1000AndAreSetAndReadThroughTheAdminApi() {
    assertThat(h.daraja().adminGet("customers/" + CUSTOMER + "/bonga").path("points").asLong())
        .isEqualTo(1000);
    Reply set = h.daraja().admin("PUT", "customers/" + CUSTOMER + "/bonga", "{\"points\":500}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().path("points").asLong()).isEqualTo(500);
    assertThat(set.json().path("rate").asText()).isEqualTo("0.2");
    assertThat(
            h.daraja().admin("PUT", "customers/" + CUSTOMER + "/bonga", "{\"points\":-1}").status())
        .isEqualTo(400);
    assertThat(h.daraja().admin("PUT", "customers/254711999888/bonga", "{\"points\":1}").status())
        .isEqualTo(404);
  }
}
