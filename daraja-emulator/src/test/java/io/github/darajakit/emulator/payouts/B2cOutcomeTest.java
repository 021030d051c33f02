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

/**
 * What decides a B2C payment's Result (REFERENCE §6.3, §17.2, §21): the magic scenario numbers and
 * the natural rules — Utility balance, minimum and maximum amounts, the recipient's maximum
 * balance. Every failure leaves every balance as it was.
 */
class B2cOutcomeTest {

  static final String B2C_V3 = "/mpesa/b2c/v3/paymentrequest";
  static final String JOHN = Requests.TEST_MSISDN;

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  ObjectNode b2c(String id, long amount, String phone) {
    return Requests.b2c(
        id, h.credential(), amount, phone, h.url("/b2c/result"), h.url("/b2c/timeout"));
  }

  /** Sends a payment expected to fail, and checks that it changed nothing. */
  JsonNode failedResult(ObjectNode body) {
    Map<String, BigDecimal> before = world.snapshot();
    JsonNode result = steps.initiator(B2C_V3, body).result();
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.transactions()).isEmpty();
    assertThat(result.path("OriginatorConversationID").asText())
        .isEqualTo(body.path("OriginatorConversationID").asText());
    assertThat(result.has("ResultParameters")).as("failures carry no ResultParameters").isFalse();
    assertThat(result.path("ReferenceData").path("ReferenceItem").path("Key").asText())
        .isEqualTo("QueueTimeoutURL");
    return result;
  }

  @Test
  void unregisteredRecipientGets2040AndIsNotPaid() {
    JsonNode result = failedResult(b2c("scenario-2040", 100, "254700002040"));

    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isEqualTo(2040);
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo(
            "Credit Party customer type (Unregistered or Registered Customer) can't be supported"
                + " by the service.");
    assertThat(world.customer("254700002040")).isEqualByComparingTo("1000.00");
  }

  @Test
  void invalidRecipientGetsTheStringCodeSfcIc0003() {
    JsonNode result = failedResult(b2c("scenario-ic0003", 100, "254700000003"));

    assertThat(result.path("ResultCode").isTextual()).isTrue();
    assertThat(result.path("ResultCode").asText()).isEqualTo("SFC_IC0003");
    assertThat(result.path("ResultDesc").asText()).isEqualTo("The operator does not exist.");
    assertThat(result.path("ResultType").isIntegralNumber()).isTrue();
  }

  @Test
  void queueTimeoutPaysNothingAndCallsOnlyTheQueueTimeOutUrl() {
    Map<String, BigDecimal> before = world.snapshot();

    Reply ack = h.daraja().post(B2C_V3, b2c("scenario-408", 100, "254700000408"));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    JsonNode timeout =
        h.receiver()
            .awaitOne(
                "/b2c/timeout",
                b ->
                    b.path("Result")
                        .path("OriginatorConversationID")
                        .asText()
                        .equals("scenario-408"))
            .body()
            .path("Result");
    assertThat(timeout.path("OriginatorConversationID").asText()).isEqualTo("scenario-408");
    assertThat(timeout.path("ConversationID").asText()).isEqualTo(ack.text("ConversationID"));
    assertThat(timeout.path("ResultCode").asText()).isNotEqualTo("0");
    assertThat(world.deliveries("result")).isEmpty();
    assertThat(world.deliveries("queue_timeout")).hasSize(1);
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.transactions()).isEmpty();
  }

  @Test
  void queueTimedOutPaymentIsUnknownToTransactionStatus() {
    h.daraja().post(B2C_V3, b2c("scenario-408-status", 100, "254700000408"));
    h.receiver()
        .awaitOne(
            "/b2c/timeout",
            b ->
                b.path("Result")
                    .path("OriginatorConversationID")
                    .asText()
                    .equals("scenario-408-status"));

    JsonNode status =
        steps
            .initiator(
                "/mpesa/transactionstatus/v1/query",
                Requests.status(
                    h.credential(), null, "scenario-408-status", "600992", h.url("/ts/result")))
            .result();

    assertThat(status.path("ResultCode").asInt()).isEqualTo(2033);
  }

  @Test
  void lostResultStillPaysAndTransactionStatusFindsThePayment() {
    BigDecimal before = world.customer("254700000404");

    Reply ack = h.daraja().post(B2C_V3, b2c("scenario-404", 300, "254700000404"));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(world.deliveries("result")).isEmpty();
    assertThat(world.customer("254700000404")).isEqualByComparingTo(before.add(bd(300)));
    JsonNode status =
        steps
            .initiator(
                "/mpesa/transactionstatus/v1/query",
                Requests.status(
                    h.credential(), null, "scenario-404", "600992", h.url("/ts/result")))
            .result();
    assertThat(status.path("ResultCode").asInt()).isZero();
    Map<String, JsonNode> p = B2cPaymentTest.parameters(status);
    assertThat(p.get("CreditPartyName").asText()).isEqualTo("254700000404 - LOST CALLBACK");
    assertThat(p.get("Amount").asText()).isEqualTo("300");
    assertThat(p.get("TransactionStatus").asText()).isEqualTo("Completed");
    String receipt = p.get("ReceiptNo").asText();
    assertThat(world.transaction(receipt).path("originatorConversationId").asText())
        .isEqualTo("scenario-404");
    // Only the status query's own result was ever delivered.
    assertThat(world.deliveries("result")).hasSize(1);
    assertThat(world.deliveries("result").get(0).path("url").asText()).endsWith("/ts/result");
  }

  @Test
  void insufficientUtilityGivesResultCode1EvenWithMoneyInWorking() {
    ObjectNode body = b2c("low-utility", 101, JOHN).put("PartyA", "600100");

    JsonNode result = failedResult(body);

    assertThat(result.path("ResultCode").asInt()).isEqualTo(1);
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The balance is insufficient for the transaction.");
    assertThat(world.account("600100", "Working Account")).isEqualByComparingTo("100.00");
  }

  @Test
  void paymentOfExactlyTheUtilityBalanceEmptiesIt() {
    steps.succeeded(B2C_V3, b2c("exact-utility", 100, JOHN).put("PartyA", "600100"));

    assertThat(world.account("600100", "Utility Account")).isEqualByComparingTo("0.00");
    assertThat(world.customer(JOHN)).isEqualByComparingTo("250100.00");
  }

  @ParameterizedTest(name = "KES {0}")
  @ValueSource(longs = {1, 5, 9})
  void amountBelowTheMinimumGivesResultCode2(long amount) {
    JsonNode result = failedResult(b2c("below-min-" + amount, amount, JOHN));

    assertThat(result.path("ResultCode").asInt()).isEqualTo(2);
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("Declined due to limit rule: less than the minimum transaction amount.");
  }

  @Test
  void theMinimumAmountItselfIsPaid() {
    steps.succeeded(B2C_V3, b2c("at-min", 10, JOHN));

    assertThat(world.customer(JOHN)).isEqualByComparingTo("250010.00");
  }

  @ParameterizedTest(name = "KES {0}")
  @ValueSource(longs = {250_001, 1_000_000})
  void amountAboveTheMaximumGivesResultCode3(long amount) {
    JsonNode result = failedResult(b2c("above-max-" + amount, amount, JOHN));

    assertThat(result.path("ResultCode").asInt()).isEqualTo(3);
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("Declined due to limit rule: greater than the maximum transaction amount.");
  }

  @Test
  void theMaximumAmountItselfIsPaid() {
    steps.succeeded(B2C_V3, b2c("at-max", 250_000, "254711000250"));

    assertThat(world.customer("254711000250")).isEqualByComparingTo("350000.00");
    assertThat(world.account("600992", "Utility Account")).isEqualByComparingTo("9750000.00");
  }

  @Test
  void paymentThatWouldTakeTheRecipientAboveTheMaximumBalanceGivesResultCode8() {
    world.setCustomer(JOHN, "499990.00");

    JsonNode result = failedResult(b2c("max-balance", 11, JOHN));

    assertThat(result.path("ResultCode").asInt()).isEqualTo(8);
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("Declined due to limit rule: would exceed the maximum balance.");
    assertThat(world.customer(JOHN)).isEqualByComparingTo("499990.00");
  }

  @Test
  void paymentThatFillsTheRecipientExactlyToTheMaximumBalanceIsPaid() {
    world.setCustomer(JOHN, "499990.00");

    steps.succeeded(B2C_V3, b2c("fill-to-max", 10, JOHN));

    assertThat(world.customer(JOHN)).isEqualByComparingTo("500000.00");
  }

  @Test
  void unknownPayingShortcodeGivesResultCode2028() {
    JsonNode result = failedResult(b2c("unknown-payer", 100, JOHN).put("PartyA", "123456"));

    assertThat(result.path("ResultCode").asInt()).isEqualTo(2028);
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The request is not permitted according to product assignment.");
  }

  static BigDecimal bd(long shillings) {
    return BigDecimal.valueOf(shillings);
  }
}
