package io.github.darajakit.emulator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Transaction Status (REFERENCE §9): finds a ledger entry by receipt or by the conversation ids of
 * the request that made it, and tells only a party to it.
 */
class TransactionStatusTest {

  static final String STATUS = "/mpesa/transactionstatus/v1/query";
  static final String JOHN = Requests.TEST_MSISDN;
  static final String JOHN_NAME = "254708374149 - JOHN DOE";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  ObjectNode status(String receipt, String conversationId, String partyA) {
    return Requests.status(h.credential(), receipt, conversationId, partyA, h.url("/ts/result"));
  }

  JsonNode query(ObjectNode body) {
    return steps.initiator(STATUS, body).result();
  }

  /** Queries and requires success; returns the parameters by key. */
  Map<String, JsonNode> found(ObjectNode body) {
    JsonNode result = query(body);
    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).as(result.toString()).isZero();
    assertThat(result.path("ResultType").asInt()).isZero();
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The service request is processed successfully.");
    JsonNode items = result.path("ResultParameters").path("ResultParameter");
    assertThat(items.isArray()).isTrue();
    Map<String, JsonNode> byKey = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (JsonNode item : items) {
      keys.add(item.path("Key").asText());
      byKey.put(item.path("Key").asText(), item);
    }
    assertThat(keys)
        .containsExactly(
            "DebitPartyName",
            "CreditPartyName",
            "OriginatorConversationID",
            "InitiatedTime",
            "DebitAccountType",
            "DebitPartyCharges",
            "TransactionReason",
            "ReasonType",
            "TransactionStatus",
            "FinalisedTime",
            "Amount",
            "ConversationID",
            "ReceiptNo");
    String receipt = byKey.get("ReceiptNo").path("Value").asText();
    assertThat(result.path("TransactionID").asText())
        .as("placeholder TransactionID")
        .isEqualTo(receipt.substring(0, 3) + "0000000");
    assertThat(byKey.get("TransactionReason").has("Value")).isFalse();
    assertThat(byKey.get("InitiatedTime").path("Value").asText()).matches("20\\d{12}");
    assertThat(byKey.get("FinalisedTime").path("Value").asText()).matches("20\\d{12}");
    JsonNode reference = result.path("ReferenceData").path("ReferenceItem");
    assertThat(reference.isObject()).isTrue();
    assertThat(reference.path("Key").asText()).isEqualTo("Occasion");
    assertThat(reference.has("Value")).isFalse();
    Map<String, JsonNode> values = new HashMap<>();
    byKey.forEach((k, v) -> values.put(k, v.path("Value")));
    return values;
  }

  static String text(Map<String, JsonNode> p, String key) {
    return p.get(key).asText();
  }

  JsonNode failed(ObjectNode body, int code, String desc) {
    JsonNode result = query(body);
    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isEqualTo(code);
    assertThat(result.path("ResultDesc").asText()).isEqualTo(desc);
    assertThat(result.has("ResultParameters")).isFalse();
    assertThat(result.path("TransactionID").asText()).matches("[A-Z][A-L][0-9A-Z]0000000");
    return result;
  }

  PaymentSteps.Completed b2c(String originatorConversationId, long amount) {
    return steps.succeeded(
        "/mpesa/b2c/v3/paymentrequest",
        Requests.b2c(
            originatorConversationId,
            h.credential(),
            amount,
            JOHN,
            h.url("/b2c/result"),
            h.url("/b2c/timeout")));
  }

  @Test
  void acknowledgementIsTheStandardInitiatorOne() {
    Reply ack = h.daraja().post(STATUS, status("SKE0000000", null, "600992"));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Accept the service request successfully.");
    assertThat(ack.text("ConversationID")).matches("AG_\\d{8}_[0-9a-f]{20}");
    assertThat(ack.text("OriginatorConversationID")).isNotBlank();
    assertThat(steps.awaitResult(h.url("/ts/result"), ack).path("ResultCode").asInt())
        .isEqualTo(2032);
  }

  @Test
  void stkPaymentIsFoundByReceipt() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 10);

    Map<String, JsonNode> p = found(status(paid.receipt(), null, "174379"));

    assertThat(text(p, "DebitPartyName")).isEqualTo(JOHN_NAME);
    assertThat(text(p, "CreditPartyName")).isEqualTo("174379 - Safaricom Daraja LNM");
    assertThat(text(p, "ReceiptNo")).isEqualTo(paid.receipt());
    assertThat(p.get("Amount").isTextual()).isTrue();
    assertThat(text(p, "Amount")).isEqualTo("10");
    assertThat(text(p, "TransactionStatus")).isEqualTo("Completed");
    assertThat(text(p, "ReasonType")).isEqualTo("Customer Pay Bill Online");
  }

  @Test
  void stkPaymentIsFoundByItsMerchantRequestId() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 25);

    Map<String, JsonNode> p = found(status(null, paid.merchantRequestId(), "174379"));

    assertThat(text(p, "ReceiptNo")).isEqualTo(paid.receipt());
    assertThat(text(p, "Amount")).isEqualTo("25");
    assertThat(text(p, "ConversationID")).isEqualTo(paid.merchantRequestId());
  }

  @Test
  void stkPaymentIsFoundByItsCheckoutRequestId() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 35);

    Map<String, JsonNode> p = found(status(null, paid.checkoutRequestId(), "174379"));

    assertThat(text(p, "ReceiptNo")).isEqualTo(paid.receipt());
    assertThat(text(p, "OriginatorConversationID")).isEqualTo(paid.checkoutRequestId());
  }

  @Test
  void simulatedC2bPaymentIsFoundByTheSimulationsOriginatorConversationId() {
    h.daraja()
        .post(
            "/mpesa/c2b/v2/registerurl",
            Requests.c2bRegister("600992", "Completed", h.url("/c2b/confirm"), null));
    Reply ack =
        h.daraja()
            .post("/mpesa/c2b/v2/simulate", Requests.c2bSimulate("600992", 45, JOHN, "ACC-9"));
    String originatorId = ack.text("OriginatorCoversationID");
    JsonNode confirmation = h.receiver().awaitOne("/c2b/confirm").body();

    Map<String, JsonNode> p = found(status(null, originatorId, "600992"));

    assertThat(text(p, "ReceiptNo")).isEqualTo(confirmation.path("TransID").asText());
    assertThat(text(p, "Amount")).isEqualTo("45");
  }

  @Test
  void c2bPaymentIsFoundByReceipt() {
    String receipt = steps.c2b(JOHN, "600992", 75);

    Map<String, JsonNode> p = found(status(receipt, null, "600992"));

    assertThat(text(p, "DebitPartyName")).isEqualTo(JOHN_NAME);
    assertThat(text(p, "CreditPartyName")).isEqualTo("600992 - Safaricom Daraja 992");
    assertThat(text(p, "ReceiptNo")).isEqualTo(receipt);
    assertThat(text(p, "Amount")).isEqualTo("75");
    assertThat(text(p, "TransactionStatus")).isEqualTo("Completed");
    assertThat(text(p, "ReasonType")).isEqualTo("Pay Bill");
  }

  @Test
  void b2cPaymentIsFoundByReceipt() {
    PaymentSteps.Completed paid = b2c("status-b2c-receipt", 300);

    Map<String, JsonNode> p = found(status(paid.transactionId(), null, "600992"));

    assertThat(text(p, "DebitPartyName")).isEqualTo("600992 - Safaricom Daraja 992");
    assertThat(text(p, "CreditPartyName")).isEqualTo(JOHN_NAME);
    assertThat(text(p, "DebitAccountType")).isEqualTo("Utility Account");
    assertThat(text(p, "ReasonType")).isEqualTo("Business Payment to Customer via API");
    assertThat(text(p, "OriginatorConversationID")).isEqualTo("status-b2c-receipt");
    assertThat(text(p, "ConversationID")).isEqualTo(paid.ack().path("ConversationID").asText());
    assertThat(text(p, "Amount")).isEqualTo("300");
    assertThat(text(p, "TransactionStatus")).isEqualTo("Completed");
    assertThat(text(p, "ReceiptNo")).isEqualTo(paid.transactionId());
  }

  @Test
  void b2cPaymentIsFoundByItsOriginatorConversationId() {
    PaymentSteps.Completed paid = b2c("status-b2c-originator", 300);

    Map<String, JsonNode> p = found(status(null, "status-b2c-originator", "600992"));

    assertThat(text(p, "ReceiptNo")).isEqualTo(paid.transactionId());
  }

  @Test
  void b2cPaymentIsFoundByItsConversationId() {
    PaymentSteps.Completed paid = b2c("status-b2c-conversation", 300);

    Map<String, JsonNode> p =
        found(status(null, paid.ack().path("ConversationID").asText(), "600992"));

    assertThat(text(p, "ReceiptNo")).isEqualTo(paid.transactionId());
  }

  @Test
  void olderFieldNameOriginatorConversationIdIsUnderstood() {
    PaymentSteps.Completed paid = b2c("status-legacy-field", 300);
    ObjectNode body =
        status(null, null, "600992").put("OriginatorConversationID", "status-legacy-field");

    assertThat(text(found(body), "ReceiptNo")).isEqualTo(paid.transactionId());
  }

  @Test
  void customerCanAskAboutAPaymentToThemByMsisdn() {
    PaymentSteps.Completed paid = b2c("status-by-customer", 300);

    Map<String, JsonNode> p =
        found(status(paid.transactionId(), null, JOHN).put("IdentifierType", "1"));

    assertThat(text(p, "ReceiptNo")).isEqualTo(paid.transactionId());
  }

  @Test
  void reversedPaymentAndItsReversalAreBothFound() {
    PaymentSteps.StkPaid paid = steps.stk(JOHN, 40);
    PaymentSteps.Completed reversal =
        steps.succeeded(
            "/mpesa/reversal/v1/request",
            Requests.reversal(h.credential(), paid.receipt(), 40, "174379", h.url("/rev/result")));

    Map<String, JsonNode> original = found(status(paid.receipt(), null, "174379"));
    Map<String, JsonNode> byReceipt = found(status(reversal.transactionId(), null, "174379"));
    Map<String, JsonNode> byConversation =
        found(status(null, reversal.ack().path("OriginatorConversationID").asText(), "174379"));

    assertThat(text(original, "TransactionStatus")).isEqualTo("Reversed");
    assertThat(text(byReceipt, "TransactionStatus")).isEqualTo("Completed");
    assertThat(text(byReceipt, "ReasonType")).isEqualTo("Transaction Reversal");
    assertThat(text(byReceipt, "DebitPartyName")).isEqualTo("174379 - Safaricom Daraja LNM");
    assertThat(text(byReceipt, "CreditPartyName")).isEqualTo(JOHN_NAME);
    assertThat(text(byReceipt, "Amount")).isEqualTo("40");
    assertThat(text(byConversation, "ReceiptNo")).isEqualTo(reversal.transactionId());
  }

  @Test
  void reversedC2bPaymentReportsReversed() {
    String receipt = steps.c2b(JOHN, "600992", 60);
    steps.succeeded(
        "/mpesa/reversal/v1/request",
        Requests.reversal(h.credential(), receipt, 60, "600992", h.url("/rev/result")));

    assertThat(text(found(status(receipt, null, "600992")), "TransactionStatus"))
        .isEqualTo("Reversed");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NLJ7RT61SV", "SKE0000000", "XXXXXXXXXX"})
  void unknownReceiptGives2032(String receipt) {
    failed(status(receipt, null, "600992"), 2032, "The transaction receipt number does not exist.");
  }

  @Test
  void unknownConversationIdGives2033() {
    failed(
        status(null, "AG_20240706_20106e9209f64bebd05b", "600992"),
        2033,
        "The transaction receipt number cannot be found by the specified"
            + " OriginatorConversationID or ConversationID.");
  }

  @Test
  void partyAThatIsNotAPartyToTheTransactionIsToldItDoesNotExist() {
    PaymentSteps.Completed paid = b2c("status-stranger", 300);

    failed(
        status(paid.transactionId(), null, "600000"),
        2032,
        "The transaction receipt number does not exist.");
    failed(
        status(null, "status-stranger", "600000"),
        2032,
        "The transaction receipt number does not exist.");
  }

  @Test
  void wrongPasswordGives2001() {
    PaymentSteps.Completed paid = b2c("status-wrong-password", 300);
    ObjectNode body =
        status(paid.transactionId(), null, "600992")
            .put("SecurityCredential", h.emulator().securityCredential("wrong"));

    failed(body, 2001, "The initiator information is invalid.");
  }

  @Test
  void queryWithNeitherReceiptNorConversationIdIsRejectedAsInvalidTransactionId() {
    assertInvalid(status(null, null, "600992"), "TransactionID");
    assertInvalid(status("", "  ", "600992"), "TransactionID");
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "CommandID       | TransactionStatus",
        "PartyA          | 60099X",
        "PartyA          | 1234",
        "IdentifierType  | 3",
        "IdentifierType  | 11",
        "ResultURL       | nowhere",
        "QueueTimeOutURL | ''",
        "Initiator       | ''",
        "Remarks         | "
            + "a123456789a123456789a123456789a123456789a123456789"
            + "a123456789a123456789a123456789a123456789a123456789x",
      })
  void malformedFieldIsNamed(String field, String value) {
    assertInvalid(status("NLJ7RT61SV", null, "600992").put(field, value), field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Initiator",
        "SecurityCredential",
        "CommandID",
        "PartyA",
        "IdentifierType",
        "ResultURL",
        "QueueTimeOutURL"
      })
  void missingRequiredFieldIsNamed(String field) {
    ObjectNode body = status("NLJ7RT61SV", null, "600992");
    body.remove(field);

    assertInvalid(body, field);
  }

  void assertInvalid(ObjectNode body, String field) {
    Reply reply = h.daraja().post(STATUS, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.02");
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid " + field);
    assertThat(world.deliveries("result")).isEmpty();
  }
}
