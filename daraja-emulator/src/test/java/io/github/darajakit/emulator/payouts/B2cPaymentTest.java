package io.github.darajakit.emulator.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** B2C v3 and v1 (REFERENCE §6.1–6.3): acknowledgement, Result envelope and money. */
class B2cPaymentTest {

  static final String B2C_V3 = "/mpesa/b2c/v3/paymentrequest";
  static final String B2C_V1 = "/mpesa/b2c/v1/paymentrequest";
  static final String PAYER = "600992";
  static final String JOHN = Requests.TEST_MSISDN;
  static final String UTILITY = "Utility Account";
  static final String WORKING = "Working Account";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  ObjectNode b2c(String originatorConversationId, long amount, String phone) {
    return Requests.b2c(
        originatorConversationId,
        h.credential(),
        amount,
        phone,
        h.url("/b2c/result"),
        h.url("/b2c/timeout"));
  }

  @Test
  void v3AcknowledgementEchoesTheCallersIdAndAssignsAnAgConversationId() {
    Reply ack = h.daraja().post(B2C_V3, b2c("600997_Test_32et3241ed8yu", 10, JOHN));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.json().path("ResponseCode").isTextual()).isTrue();
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Accept the service request successfully.");
    assertThat(ack.text("OriginatorConversationID")).isEqualTo("600997_Test_32et3241ed8yu");
    String conversationId = ack.text("ConversationID");
    assertThat(conversationId).matches("AG_\\d{8}_[0-9a-f]{20}");
    LocalDate day =
        LocalDate.parse(conversationId.substring(3, 11), DateTimeFormatter.BASIC_ISO_DATE);
    assertThat(day).isBetween(LocalDate.now().minusDays(1), LocalDate.now().plusDays(1));
    awaitResult(ack);
  }

  @Test
  void everyAcknowledgementGetsItsOwnConversationId() {
    Reply first = h.daraja().post(B2C_V3, b2c("conversation-a", 10, JOHN));
    Reply second = h.daraja().post(B2C_V3, b2c("conversation-b", 10, JOHN));

    assertThat(first.text("ConversationID")).isNotEqualTo(second.text("ConversationID"));
    awaitResult(first);
    awaitResult(second);
  }

  @Test
  void successResultCarriesEveryDocumentedParameterWithDarajasJsonTypes() {
    Reply ack = h.daraja().post(B2C_V3, b2c("result-shape-1", 10, JOHN));
    CallbackReceiver.Received received = awaitResult(ack);
    JsonNode result = received.body().path("Result");

    assertThat(result.path("ResultType").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultType").asInt()).isZero();
    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isZero();
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The service request is processed successfully.");
    assertThat(result.path("OriginatorConversationID").asText()).isEqualTo("result-shape-1");
    assertThat(result.path("ConversationID").asText()).isEqualTo(ack.text("ConversationID"));
    String receipt = result.path("TransactionID").asText();
    assertThat(receipt).matches("[A-Z][A-L][0-9A-Z]{8}");

    Map<String, JsonNode> p = parameters(result);
    assertThat(p)
        .containsOnlyKeys(
            "TransactionAmount",
            "TransactionReceipt",
            "ReceiverPartyPublicName",
            "TransactionCompletedDateTime",
            "B2CUtilityAccountAvailableFunds",
            "B2CWorkingAccountAvailableFunds",
            "B2CRecipientIsRegisteredCustomer",
            "B2CChargesPaidAccountAvailableFunds");
    assertThat(p.get("TransactionAmount").isNumber()).isTrue();
    assertThat(p.get("TransactionAmount").decimalValue()).isEqualByComparingTo("10");
    assertThat(p.get("TransactionReceipt").asText()).isEqualTo(receipt);
    assertThat(p.get("ReceiverPartyPublicName").asText()).isEqualTo("254708374149 - JOHN DOE");
    String completed = p.get("TransactionCompletedDateTime").asText();
    assertThat(completed).matches("\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}:\\d{2}");
    LocalDateTime completedAt =
        LocalDateTime.parse(completed, DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss"));
    LocalDate accepted =
        LocalDate.parse(
            ack.text("ConversationID").substring(3, 11), DateTimeFormatter.BASIC_ISO_DATE);
    assertThat(completedAt.toLocalDate()).isBetween(accepted, accepted.plusDays(1));
    assertThat(p.get("B2CUtilityAccountAvailableFunds").isNumber()).isTrue();
    assertThat(p.get("B2CUtilityAccountAvailableFunds").decimalValue())
        .isEqualByComparingTo("9999990.00");
    assertThat(p.get("B2CWorkingAccountAvailableFunds").isNumber()).isTrue();
    assertThat(p.get("B2CWorkingAccountAvailableFunds").decimalValue())
        .isEqualByComparingTo("1000000.00");
    assertThat(p.get("B2CChargesPaidAccountAvailableFunds").isNumber()).isTrue();
    assertThat(p.get("B2CChargesPaidAccountAvailableFunds").decimalValue())
        .isEqualByComparingTo("0");
    assertThat(p.get("B2CRecipientIsRegisteredCustomer").asText()).isEqualTo("Y");
    assertThat(received.raw())
        .contains("\"Value\":9999990.00")
        .contains("\"Value\":1000000.00")
        .contains("\"TransactionAmount\",\"Value\":10}");

    JsonNode reference = result.path("ReferenceData").path("ReferenceItem");
    assertThat(reference.isObject()).isTrue();
    assertThat(reference.path("Key").asText()).isEqualTo("QueueTimeoutURL");
    assertThat(reference.path("Value").asText())
        .isEqualTo("https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit");
  }

  @Test
  void paymentMovesMoneyFromTheUtilityAccountToTheCustomer() {
    BigDecimal utilityBefore = world.account(PAYER, UTILITY);
    BigDecimal workingBefore = world.account(PAYER, WORKING);
    BigDecimal johnBefore = world.customer(JOHN);

    PaymentSteps.Completed paid = steps.succeeded(B2C_V3, b2c("moves-money", 1500, JOHN));

    assertThat(world.account(PAYER, UTILITY))
        .isEqualByComparingTo(utilityBefore.subtract(bd(1500)));
    assertThat(world.account(PAYER, WORKING)).isEqualByComparingTo(workingBefore);
    assertThat(world.customer(JOHN)).isEqualByComparingTo(johnBefore.add(bd(1500)));
    JsonNode entry = world.transaction(paid.transactionId());
    assertThat(entry.path("kind").asText()).isEqualTo("b2c_business_payment");
    assertThat(entry.path("amount").asText()).isEqualTo("1500.00");
    assertThat(entry.path("debitAccount").asText()).isEqualTo(UTILITY);
    assertThat(entry.path("creditParty").asText()).isEqualTo("254708374149 - JOHN DOE");
    assertThat(entry.path("originatorConversationId").asText()).isEqualTo("moves-money");
  }

  @Test
  void salaryAndPromotionPaymentsAreRecordedAsSuchAndPay() {
    ObjectNode salary = b2c("salary-1", 100, JOHN).put("CommandID", "SalaryPayment");
    ObjectNode promotion = b2c("promotion-1", 100, JOHN).put("CommandID", "PromotionPayment");

    String salaryReceipt = steps.succeeded(B2C_V3, salary).transactionId();
    String promotionReceipt = steps.succeeded(B2C_V3, promotion).transactionId();

    assertThat(world.transaction(salaryReceipt).path("kind").asText())
        .isEqualTo("b2c_salary_payment");
    assertThat(world.transaction(promotionReceipt).path("kind").asText())
        .isEqualTo("b2c_promotion_payment");
    assertThat(world.customer(JOHN)).isEqualByComparingTo("250200.00");
  }

  @Test
  void duplicateOriginatorConversationIdIsRejectedAndPaysOnlyOnce() {
    steps.succeeded(B2C_V3, b2c("pay-once", 100, JOHN));
    Map<String, BigDecimal> afterFirst = world.snapshot();

    Reply duplicate = h.daraja().post(B2C_V3, b2c("pay-once", 100, JOHN));

    assertThat(duplicate.status()).isEqualTo(500);
    assertThat(duplicate.text("errorCode")).isEqualTo("500.002.1001");
    assertThat(duplicate.text("errorMessage")).isEqualTo("Duplicate OriginatorConversationID.");
    assertThat(duplicate.text("requestId")).isNotBlank();
    assertThat(world.snapshot()).isEqualTo(afterFirst);
    assertThat(world.transactionsOf(JOHN)).hasSize(1);
    assertThat(world.deliveries("result")).hasSize(1);
  }

  @Test
  void duplicateIsDetectedEvenWhenTheFirstRequestFailed() {
    // The id guards against double disbursement whatever the first attempt's outcome was.
    steps.initiator(B2C_V3, b2c("failed-first", 5, JOHN));

    Reply retry = h.daraja().post(B2C_V3, b2c("failed-first", 10, JOHN));

    assertThat(retry.status()).isEqualTo(500);
    assertThat(retry.text("errorCode")).isEqualTo("500.002.1001");
    assertThat(world.transactions()).isEmpty();
  }

  @Test
  void paymentIsMadeWhenAcceptedSoALostAcknowledgementStillPaysAndARetryIsRefused() {
    Reply faults =
        h.daraja()
            .admin(
                "PUT",
                "faults",
                "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    assertThat(faults.status()).isEqualTo(200);

    assertThatThrownBy(() -> h.daraja().post(B2C_V3, b2c("lost-ack", 500, JOHN)))
        .isInstanceOf(UncheckedIOException.class);

    assertThat(world.customer(JOHN)).isEqualByComparingTo("250500.00");
    JsonNode result =
        h.receiver()
            .awaitOne(
                "/b2c/result",
                b -> b.path("Result").path("OriginatorConversationID").asText().equals("lost-ack"))
            .body()
            .path("Result");
    assertThat(result.path("OriginatorConversationID").asText()).isEqualTo("lost-ack");
    assertThat(result.path("ResultCode").asInt()).isZero();
    Reply retry = h.daraja().post(B2C_V3, b2c("lost-ack", 500, JOHN));
    assertThat(retry.status()).isEqualTo(500);
    assertThat(retry.text("errorCode")).isEqualTo("500.002.1001");
    JsonNode status =
        steps
            .initiator(
                "/mpesa/transactionstatus/v1/query",
                Requests.status(h.credential(), null, "lost-ack", PAYER, h.url("/ts/result")))
            .result();
    assertThat(parameters(status).get("ReceiptNo").asText())
        .isEqualTo(result.path("TransactionID").asText());
    assertThat(world.customer(JOHN)).isEqualByComparingTo("250500.00");
  }

  @Test
  void requestRejectedByValidationDoesNotUseUpItsOriginatorConversationId() {
    Reply rejected = h.daraja().post(B2C_V3, b2c("fix-and-retry", 10, JOHN).put("Amount", "ten"));
    assertThat(rejected.status()).isEqualTo(400);

    Reply retried = h.daraja().post(B2C_V3, b2c("fix-and-retry", 10, JOHN));

    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.text("OriginatorConversationID")).isEqualTo("fix-and-retry");
    assertThat(steps.awaitResult(h.url("/b2c/result"), retried).path("ResultCode").asInt())
        .isZero();
  }

  @Test
  void v1AssignsTheOriginatorConversationIdItselfAndPays() {
    ObjectNode body = b2c("ignored", 250, JOHN);
    body.remove("OriginatorConversationID");
    body.remove("Occassion");
    body.put("Occasion", "legacy spelling");

    Reply ack = h.daraja().post(B2C_V1, body);

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    String assigned = ack.text("OriginatorConversationID");
    assertThat(assigned).matches("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\d{7,}");
    assertThat(ack.text("ConversationID")).matches("AG_\\d{8}_[0-9a-f]{20}");
    JsonNode result = steps.awaitResult(h.url("/b2c/result"), ack);
    assertThat(result.path("ResultCode").asInt()).isZero();
    assertThat(result.path("OriginatorConversationID").asText()).isEqualTo(assigned);
    assertThat(world.customer(JOHN)).isEqualByComparingTo("250250.00");
  }

  @Test
  void v1GivesEveryRequestADifferentOriginatorConversationId() {
    ObjectNode body = b2c("ignored", 10, JOHN);
    body.remove("OriginatorConversationID");

    Reply first = h.daraja().post(B2C_V1, body);
    Reply second = h.daraja().post(B2C_V1, body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(first.text("OriginatorConversationID"))
        .isNotEqualTo(second.text("OriginatorConversationID"));
    awaitResult(first);
    awaitResult(second);
    assertThat(world.customer(JOHN)).isEqualByComparingTo("250020.00");
  }

  @Test
  void v3DoesNotAcceptThePochiCommand() {
    Map<String, BigDecimal> before = world.snapshot();

    Reply reply =
        h.daraja()
            .post(B2C_V3, b2c("pochi-on-b2c", 10, JOHN).put("CommandID", "BusinessPayToPochi"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.02");
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid CommandID");
    assertThat(world.snapshot()).isEqualTo(before);
  }

  @Test
  void newRecipientIsOpenedWithTheDefaultBalanceAndNamedAfterTheNumber() {
    JsonNode result = steps.succeeded(B2C_V3, b2c("new-customer", 10, "254711223344")).result();

    assertThat(parameters(result).get("ReceiverPartyPublicName").asText())
        .isEqualTo("254711223344 - CUSTOMER 3344");
    assertThat(world.customer("254711223344")).isEqualByComparingTo("100010.00");
  }

  /** The Result envelope answering this acknowledgement (not a late one from another test). */
  CallbackReceiver.Received awaitResult(Reply ack) {
    String conversationId = ack.text("ConversationID");
    return h.receiver()
        .awaitOne(
            "/b2c/result",
            b -> b.path("Result").path("ConversationID").asText().equals(conversationId));
  }

  static Map<String, JsonNode> parameters(JsonNode result) {
    JsonNode items = result.path("ResultParameters").path("ResultParameter");
    assertThat(items.isArray()).as("ResultParameter is an array").isTrue();
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode item : items) {
      byKey.put(item.path("Key").asText(), item.path("Value"));
    }
    assertThat(byKey).hasSize(items.size());
    return byKey;
  }

  static BigDecimal bd(long shillings) {
    return BigDecimal.valueOf(shillings);
  }
}
