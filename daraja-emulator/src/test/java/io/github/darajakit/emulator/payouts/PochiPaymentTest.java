package io.github.darajakit.emulator.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Business to Pochi (REFERENCE §6.4): B2C v3's shape and rules with its own CommandID. */
class PochiPaymentTest {

  static final String POCHI = "/mpesa/b2pochi/v1/paymentrequest";
  static final String JOHN = Requests.TEST_MSISDN;

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  ObjectNode pochi(String id, long amount, String phone) {
    return Requests.b2c(
            id, h.credential(), amount, phone, h.url("/pochi/result"), h.url("/pochi/timeout"))
        .put("CommandID", "BusinessPayToPochi");
  }

  @Test
  void businessPayToPochiPaysTheCustomerFromUtilityWithTheB2cResultShape() {
    Reply ack = h.daraja().post(POCHI, pochi("pochi-1", 700, JOHN));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Accept the service request successfully.");
    assertThat(ack.text("OriginatorConversationID")).isEqualTo("pochi-1");
    assertThat(ack.text("ConversationID")).matches("AG_\\d{8}_[0-9a-f]{20}");
    JsonNode result = steps.awaitResult(h.url("/pochi/result"), ack);
    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isZero();
    Map<String, JsonNode> p = B2cPaymentTest.parameters(result);
    assertThat(p.get("TransactionAmount").decimalValue()).isEqualByComparingTo("700");
    assertThat(p.get("ReceiverPartyPublicName").asText()).isEqualTo("254708374149 - JOHN DOE");
    assertThat(p.get("B2CUtilityAccountAvailableFunds").decimalValue())
        .isEqualByComparingTo("9999300.00");
    assertThat(result.path("ReferenceData").path("ReferenceItem").isObject()).isTrue();

    assertThat(world.customer(JOHN)).isEqualByComparingTo("250700.00");
    assertThat(world.account("600992", "Utility Account")).isEqualByComparingTo("9999300.00");
    JsonNode entry = world.transaction(result.path("TransactionID").asText());
    assertThat(entry.path("kind").asText()).isEqualTo("b2pochi");
    assertThat(entry.path("originatorConversationId").asText()).isEqualTo("pochi-1");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"BusinessPayment", "SalaryPayment", "PromotionPayment"})
  void pochiEndpointAlsoAcceptsTheB2cCommands(String commandId) {
    JsonNode result =
        steps
            .succeeded(POCHI, pochi("pochi-" + commandId, 50, JOHN).put("CommandID", commandId))
            .result();

    assertThat(world.transaction(result.path("TransactionID").asText()).path("kind").asText())
        .startsWith("b2c_");
    assertThat(world.customer(JOHN)).isEqualByComparingTo("250050.00");
  }

  @Test
  void duplicateOriginatorConversationIdIsRejectedAndPaysOnlyOnce() {
    steps.succeeded(POCHI, pochi("pochi-once", 100, JOHN));
    Map<String, BigDecimal> afterFirst = world.snapshot();

    Reply duplicate = h.daraja().post(POCHI, pochi("pochi-once", 100, JOHN));

    assertThat(duplicate.status()).isEqualTo(500);
    assertThat(duplicate.text("errorCode")).isEqualTo("500.002.1001");
    assertThat(duplicate.text("errorMessage")).isEqualTo("Duplicate OriginatorConversationID.");
    assertThat(world.snapshot()).isEqualTo(afterFirst);
    assertThat(world.transactions()).hasSize(1);
  }

  @Test
  void pochiFollowsTheScenarioNumbersToo() {
    Map<String, BigDecimal> before = world.snapshot();

    JsonNode result = steps.initiator(POCHI, pochi("pochi-2040", 100, "254700002040")).result();

    assertThat(result.path("ResultCode").asInt()).isEqualTo(2040);
    assertThat(world.snapshot()).isEqualTo(before);
  }

  @Test
  void pochiFromAnEmptyUtilityAccountGivesResultCode1() {
    Map<String, BigDecimal> before = world.snapshot();

    JsonNode result =
        steps.initiator(POCHI, pochi("pochi-poor", 500, JOHN).put("PartyA", "600100")).result();

    assertThat(result.path("ResultCode").asInt()).isEqualTo(1);
    assertThat(world.snapshot()).isEqualTo(before);
  }

  @Test
  void pochiRejectsACommandFromAnotherApi() {
    Reply reply =
        h.daraja().post(POCHI, pochi("pochi-b2b", 100, JOHN).put("CommandID", "BusinessPayBill"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid CommandID");
    assertThat(world.transactions()).isEmpty();
  }
}
