package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCodes.Family;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The emulator posts callbacks in Daraja's exact shapes; every one of them must parse into the
 * right type with the right facts. Requests are sent as raw HTTP (the services for most of these
 * APIs live elsewhere); callback bodies are read back from {@code /__admin/deliveries}, since the
 * URLs given point nowhere.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class EmulatorCallbacksFunctionalTest {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();
  private static final String NOWHERE = "http://127.0.0.1:9/hooks/";

  private final HttpClient http = HttpClient.newHttpClient();
  private DarajaEmulator emulator;
  private String token;

  @BeforeEach
  void token(DarajaEmulator emulator) throws Exception {
    this.emulator = emulator;
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (TestClients.CONSUMER_KEY + ":" + TestClients.CONSUMER_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        emulator.baseUrl() + "/oauth/v1/generate?grant_type=client_credentials"))
                .header("Authorization", "Basic " + basic)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    token = JSON.readTree(answer.body()).get("access_token").asText();
  }

  private JsonNode post(String path, ObjectNode body) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + " answered " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  /** The bodies posted to URLs containing {@code hook}, oldest first, once there are {@code n}. */
  private List<String> delivered(String hook, int n) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              HttpResponse<String> answer =
                  http.send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  emulator.adminUrl()
                                      + "/deliveries?url="
                                      + URLEncoder.encode(hook, StandardCharsets.UTF_8)))
                          .GET()
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              List<String> bodies = new ArrayList<>();
              for (JsonNode delivery : JSON.readTree(answer.body()).get("deliveries")) {
                bodies.add(0, JSON.writeValueAsString(delivery.get("body")));
              }
              return bodies;
            },
            bodies -> bodies.size() >= n);
  }

  private static String hook(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private ObjectNode initiator() {
    ObjectNode body = JSON.createObjectNode();
    body.put("SecurityCredential", emulator.securityCredential(Sandbox.INITIATOR_PASSWORD));
    return body;
  }

  private ObjectNode b2c(String originator, String phone, String result, String timeout) {
    ObjectNode body = initiator();
    body.put("OriginatorConversationID", originator)
        .put("InitiatorName", Sandbox.INITIATOR_NAME)
        .put("CommandID", "BusinessPayment")
        .put("Amount", "100")
        .put("PartyA", Sandbox.SHORTCODE_1)
        .put("PartyB", phone)
        .put("Remarks", "payout test")
        .put("QueueTimeOutURL", NOWHERE + timeout)
        .put("ResultURL", NOWHERE + result)
        .put("Occassion", "test");
    return body;
  }

  @Test
  void stkCallbacksForAPaymentAndACancelParse() {
    String paidHook = hook("stk-paid");
    String cancelHook = hook("stk-cancel");
    try (DarajaClient client = TestClients.client(emulator)) {
      StkPushResponse paid = client.stk().push(push("0708374149", paidHook));
      StkPushResponse cancelled = client.stk().push(push("254700001032", cancelHook));

      StkCallback ok = DarajaCallbacks.parseStkCallback(delivered(paidHook, 1).get(0));
      assertThat(ok.checkoutRequestId()).isEqualTo(paid.checkoutRequestId());
      assertThat(ok.merchantRequestId()).isEqualTo(paid.merchantRequestId());
      assertThat(ok.isPaid()).isTrue();
      StkPayment payment = ok.payment().orElseThrow();
      assertThat(payment.amount()).isEqualTo(new BigDecimal("10.00"));
      assertThat(payment.mpesaReceiptNumber()).hasSize(10);
      assertThat(payment.msisdn()).contains(Msisdn.parse("0708374149"));

      DarajaCallback no = DarajaCallbacks.parse(delivered(cancelHook, 1).get(0));
      assertThat(no)
          .isInstanceOfSatisfying(
              StkCallback.class,
              stk -> {
                assertThat(stk.checkoutRequestId()).isEqualTo(cancelled.checkoutRequestId());
                assertThat(stk.outcome()).isEqualTo(Outcome.CANCELLED);
                assertThat(stk.payment()).isEmpty();
              });
    }
  }

  private static StkPushRequest push(String phone, String hook) {
    return StkPushRequest.builder()
        .phone(phone)
        .amount(10)
        .accountReference("INV-7")
        .description("Invoice 7")
        .callbackUrl(NOWHERE + hook)
        .build();
  }

  @Test
  void c2bV2ValidationAndConfirmationParseAndTheMaskedSenderMatches() throws Exception {
    String validate = hook("c2b-validate");
    String confirm = hook("c2b-confirm");
    // Validation is sent only once Safaricom has enabled External Validation for the shortcode.
    new EmulatorAdmin(emulator).enableExternalValidation("600984");
    register(2, "600984", validate, confirm);
    simulate(2, "600984", "INV-42");

    String validationBody = delivered(validate, 1).get(0);
    assertThat(DarajaCallbacks.parse(validationBody)).isInstanceOf(C2bValidation.class);
    C2bValidation validation = DarajaCallbacks.parseC2bValidation(validationBody);
    assertThat(validation.orgAccountBalance()).isEmpty();
    assertThat(validation.billRefNumber()).isEqualTo("INV-42");
    assertThat(validation.transAmount()).isEqualTo(new BigDecimal("25.00"));

    C2bConfirmation confirmation =
        (C2bConfirmation) DarajaCallbacks.parse(delivered(confirm, 1).get(0));
    assertThat(confirmation.transId()).isEqualTo(validation.transId());
    assertThat(confirmation.businessShortCode()).isEqualTo("600984");
    assertThat(confirmation.orgAccountBalance()).isPresent();
    assertThat(confirmation.sender()).isInstanceOf(C2bSender.Masked.class);
    assertThat(confirmation.sender().couldBe(Msisdn.parse(Sandbox.TEST_MSISDN))).isTrue();
  }

  @Test
  void c2bV1ConfirmationCarriesAHashOfTheNumberTheSdkCanMatch() throws Exception {
    String confirm = hook("c2b-v1-confirm");
    register(1, "600996", null, confirm);
    simulate(1, "600996", "INV-43");
    C2bConfirmation confirmation =
        DarajaCallbacks.parseC2bConfirmation(delivered(confirm, 1).get(0));
    assertThat(confirmation.sender()).isInstanceOf(C2bSender.Hashed.class);
    assertThat(confirmation.sender().couldBe(Msisdn.parse(Sandbox.TEST_MSISDN))).isTrue();
    assertThat(confirmation.sender().couldBe(Msisdn.parse("0708374148"))).isFalse();
  }

  private void register(int version, String shortCode, String validate, String confirm)
      throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("ShortCode", shortCode)
        .put("ResponseType", "Completed")
        .put("ConfirmationURL", NOWHERE + confirm);
    if (validate != null) {
      body.put("ValidationURL", NOWHERE + validate);
    }
    assertThat(post("/mpesa/c2b/v" + version + "/registerurl", body).get("ResponseCode").asText())
        .isEqualTo("0");
  }

  private void simulate(int version, String shortCode, String billRef) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("ShortCode", shortCode)
        .put("CommandID", "CustomerPayBillOnline")
        .put("Amount", 25)
        .put("Msisdn", Sandbox.TEST_MSISDN)
        .put("BillRefNumber", billRef);
    post("/mpesa/c2b/v" + version + "/simulate", body);
  }

  @Test
  void b2cResultsParseBySuccessFailureAndQueueTimeout() throws Exception {
    String okHook = hook("b2c-ok");
    String okId = UUID.randomUUID().toString();
    post("/mpesa/b2c/v3/paymentrequest", b2c(okId, Sandbox.TEST_MSISDN, okHook, hook("b2c-q")));
    B2cResult ok = (B2cResult) DarajaCallbacks.parse(delivered(okHook, 1).get(0));
    assertThat(ok.originatorConversationId()).isEqualTo(okId);
    assertThat(ok.resultCode().isSuccess()).isTrue();
    assertThat(ok.receipt()).contains(ok.transactionId());
    assertThat(ok.amount()).contains(new BigDecimal("100.00"));
    assertThat(ok.completedTime()).isPresent();
    assertThat(ok.utilityAccountAvailableFunds()).isPresent();
    assertThat(ok.recipientIsRegisteredCustomer()).contains(true);

    String failHook = hook("b2c-fail");
    post(
        "/mpesa/b2c/v3/paymentrequest",
        b2c(UUID.randomUUID().toString(), "254700002040", failHook, hook("b2c-q")));
    String failure = delivered(failHook, 1).get(0);
    assertThat(DarajaCallbacks.parse(failure)).isInstanceOf(UnknownResult.class);
    B2cResult failed = (B2cResult) DarajaCallbacks.parseResult(failure, Family.B2C);
    assertThat(failed.resultCode().code()).isEqualTo("2040");
    assertThat(failed.resultCode().known()).isTrue();
    assertThat(failed.receipt()).isEmpty();

    String queueHook = hook("b2c-timeout");
    String queuedId = UUID.randomUUID().toString();
    post(
        "/mpesa/b2c/v3/paymentrequest",
        b2c(queuedId, "254700000408", hook("b2c-never"), queueHook));
    QueueTimeout timeout = DarajaCallbacks.parseQueueTimeout(delivered(queueHook, 1).get(0));
    assertThat(timeout.originatorConversationId()).isEqualTo(queuedId);
    assertThat(timeout.resultCode()).isEqualTo("26");
  }

  @Test
  void b2pochiResultIsAB2cResult() throws Exception {
    String okHook = hook("pochi");
    ObjectNode body = b2c(UUID.randomUUID().toString(), Sandbox.TEST_MSISDN, okHook, hook("q"));
    body.put("CommandID", "BusinessPayToPochi");
    post("/mpesa/b2pochi/v1/paymentrequest", body);
    B2cResult pochi = (B2cResult) DarajaCallbacks.parse(delivered(okHook, 1).get(0));
    assertThat(pochi.resultCode().isSuccess()).isTrue();
    assertThat(pochi.amount()).contains(new BigDecimal("100.00"));
  }

  private ObjectNode b2b(String command, String partyB, String reference, String result) {
    ObjectNode body = initiator();
    body.put("Initiator", Sandbox.INITIATOR_NAME)
        .put("CommandID", command)
        .put("SenderIdentifierType", "4")
        .put("RecieverIdentifierType", "4")
        .put("Amount", "239")
        .put("PartyA", Sandbox.SHORTCODE_1)
        .put("PartyB", partyB)
        .put("AccountReference", reference)
        .put("Requester", Sandbox.TEST_MSISDN)
        .put("Remarks", "OK")
        .put("QueueTimeOutURL", NOWHERE + hook("q"))
        .put("ResultURL", NOWHERE + result);
    return body;
  }

  @Test
  void b2bPayBillTopUpAndTaxResultsAreB2bResults() throws Exception {
    String payBill = hook("b2b-paybill");
    post(
        "/mpesa/b2b/v1/paymentrequest",
        b2b("BusinessPayBill", Sandbox.SHORTCODE_2, "353353", payBill));
    B2bResult paid = (B2bResult) DarajaCallbacks.parse(delivered(payBill, 1).get(0));
    assertThat(paid.resultCode().isSuccess()).isTrue();
    assertThat(paid.amount()).contains(new BigDecimal("239.00"));
    assertThat(paid.billReferenceNumber()).contains("353353");
    assertThat(paid.debitAccountBalance().orElseThrow().name()).isEqualTo("Working Account");
    assertThat(paid.completedTime()).isPresent();

    String topUp = hook("b2b-topup");
    post(
        "/mpesa/b2b/v1/paymentrequest",
        b2b("BusinessPayToBulk", Sandbox.SHORTCODE_2, "353353", topUp));
    B2bResult toppedUp = (B2bResult) DarajaCallbacks.parse(delivered(topUp, 1).get(0));
    assertThat(toppedUp.resultCode().isSuccess()).isTrue();
    assertThat(toppedUp.billReferenceNumber()).isEmpty();

    String tax = hook("b2b-tax");
    ObjectNode taxBody = b2b("PayTaxToKRA", Sandbox.KRA_SHORTCODE, "PRN1234XN", tax);
    taxBody.remove("Requester");
    post("/mpesa/b2b/v1/remittax", taxBody);
    B2bResult remitted = (B2bResult) DarajaCallbacks.parse(delivered(tax, 1).get(0));
    assertThat(remitted.resultCode().isSuccess()).isTrue();
    assertThat(remitted.billReferenceNumber()).contains("PRN1234XN");
  }

  @Test
  void transactionStatusBalanceAndReversalResultsParse() throws Exception {
    String payout = hook("status-payout");
    post(
        "/mpesa/b2c/v3/paymentrequest",
        b2c(UUID.randomUUID().toString(), Sandbox.TEST_MSISDN, payout, hook("q")));
    String receipt =
        ((B2cResult) DarajaCallbacks.parse(delivered(payout, 1).get(0))).transactionId();

    String statusHook = hook("status");
    ObjectNode status = initiator();
    status
        .put("Initiator", Sandbox.INITIATOR_NAME)
        .put("CommandID", "TransactionStatusQuery")
        .put("TransactionID", receipt)
        .put("PartyA", Sandbox.SHORTCODE_1)
        .put("IdentifierType", "4")
        .put("ResultURL", NOWHERE + statusHook)
        .put("QueueTimeOutURL", NOWHERE + hook("q"))
        .put("Remarks", "OK")
        .put("Occasion", "OK");
    post("/mpesa/transactionstatus/v1/query", status);
    TransactionStatusResult found =
        (TransactionStatusResult) DarajaCallbacks.parse(delivered(statusHook, 1).get(0));
    assertThat(found.receiptNo()).contains(receipt);
    assertThat(found.transactionStatus()).contains("Completed");
    assertThat(found.amount()).contains(new BigDecimal("100.00"));

    String balanceHook = hook("balance");
    ObjectNode balance = initiator();
    balance
        .put("Initiator", Sandbox.INITIATOR_NAME)
        .put("CommandID", "AccountBalance")
        .put("PartyA", Sandbox.SHORTCODE_1)
        .put("IdentifierType", "4")
        .put("Remarks", "ok")
        .put("QueueTimeOutURL", NOWHERE + hook("q"))
        .put("ResultURL", NOWHERE + balanceHook);
    post("/mpesa/accountbalance/v1/query", balance);
    AccountBalanceResult accounts =
        (AccountBalanceResult) DarajaCallbacks.parse(delivered(balanceHook, 1).get(0));
    assertThat(accounts.accounts()).isNotEmpty();
    assertThat(accounts.account("Utility").orElseThrow().currency()).isEqualTo("KES");

    String confirm = hook("reversal-c2b");
    register(2, "600999", null, confirm);
    simulate(2, "600999", "INV-44");
    String paid = DarajaCallbacks.parseC2bConfirmation(delivered(confirm, 1).get(0)).transId();
    String reversalHook = hook("reversal");
    post("/mpesa/reversal/v1/request", reversal(paid, "600999", reversalHook));
    ReversalResult reversed =
        (ReversalResult) DarajaCallbacks.parse(delivered(reversalHook, 1).get(0));
    assertThat(reversed.resultCode().isSuccess()).isTrue();
    assertThat(reversed.originalTransactionId()).contains(paid);

    String badHook = hook("reversal-bad");
    post("/mpesa/reversal/v1/request", reversal("SKE0000000", "600999", badHook));
    ReversalResult refused =
        (ReversalResult) DarajaCallbacks.parseResult(delivered(badHook, 1).get(0), Family.REVERSAL);
    assertThat(refused.resultCode().code()).isEqualTo("R000002");
    assertThat(refused.resultCode().known()).isTrue();
  }

  private ObjectNode reversal(String receipt, String shortCode, String result) {
    ObjectNode body = initiator();
    body.put("Initiator", Sandbox.INITIATOR_NAME)
        .put("CommandID", "TransactionReversal")
        .put("TransactionID", receipt)
        .put("Amount", "25")
        .put("ReceiverParty", shortCode)
        .put("RecieverIdentifierType", "11")
        .put("ResultURL", NOWHERE + result)
        .put("QueueTimeOutURL", NOWHERE + hook("q"))
        .put("Remarks", "reverse it");
    return body;
  }
}
