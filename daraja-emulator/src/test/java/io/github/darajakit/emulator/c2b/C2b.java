package io.github.darajakit.emulator.c2b;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import java.util.List;

/** C2B calls and admin look-ups shared by the C2B tests; plain HTTP underneath. */
final class C2b {

  static final String PAYBILL = "600992";
  static final String TILL = "600501";
  static final String CONFIRM = "/c2b/confirm";
  static final String VALIDATE = "/c2b/validate";

  /** The keys of a validation or confirmation, in Daraja's order (REFERENCE §5.3). */
  static final List<String> NOTIFICATION_KEYS =
      List.of(
          "TransactionType",
          "TransID",
          "TransTime",
          "TransAmount",
          "BusinessShortCode",
          "BillRefNumber",
          "InvoiceNumber",
          "OrgAccountBalance",
          "ThirdPartyTransID",
          "MSISDN",
          "FirstName",
          "MiddleName",
          "LastName");

  private final EmulatorHarness h;

  C2b(EmulatorHarness h) {
    this.h = h;
  }

  Reply register(int version, JsonNode body) {
    return h.daraja().post("/mpesa/c2b/v" + version + "/registerurl", body);
  }

  /** Registers URLs through v1 or v2 and asserts success. */
  void registered(int version, String shortCode, String responseType, boolean withValidation) {
    Reply reply =
        register(
            version,
            Requests.c2bRegister(
                shortCode, responseType, h.url(CONFIRM), withValidation ? h.url(VALIDATE) : null));
    assertThat(reply.status()).as("register answer %s", reply.raw()).isEqualTo(200);
    assertThat(reply.text("ResponseCode")).isEqualTo("0");
  }

  Reply simulate(int version, JsonNode body) {
    return h.daraja().post("/mpesa/c2b/v" + version + "/simulate", body);
  }

  /** Simulates a PayBill payment through v2 and asserts the acknowledgement. */
  void simulated(String shortCode, long amount, String msisdn, String billRef) {
    Reply ack = simulate(2, Requests.c2bSimulate(shortCode, amount, msisdn, billRef));
    assertThat(ack.status()).as("simulate answer %s", ack.raw()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
  }

  /** {@code POST /__admin/c2b/payments}: the same flow, synchronously. */
  Reply adminPayment(String msisdn, String shortCode, long amount, String billRef) {
    ObjectNode body = DarajaHttp.object();
    body.put("msisdn", msisdn)
        .put("shortCode", shortCode)
        .put("amount", amount)
        .put("billRefNumber", billRef);
    return h.daraja().admin("POST", "c2b/payments", body.toString());
  }

  /** Scripts the merchant's validation answer. */
  void validationAnswers(int status, String body, Duration delay) {
    h.receiver().answer(VALIDATE, status, body, delay);
  }

  CallbackReceiver.Received awaitConfirmation() {
    return h.receiver().awaitOne(CONFIRM);
  }

  CallbackReceiver.Received awaitConfirmation(String transId) {
    return h.receiver().awaitOne(CONFIRM, b -> transId.equals(b.path("TransID").asText()));
  }

  String customerBalance(String msisdn) {
    return h.daraja().adminGet("customers/" + msisdn).path("balance").asText();
  }

  String utilityBalance(String shortCode) {
    return h.daraja()
        .adminGet("organisations/" + shortCode)
        .path("accounts")
        .path("Utility Account")
        .asText();
  }

  JsonNode registrations() {
    return h.daraja().adminGet("c2b/registrations");
  }

  JsonNode transactions() {
    return h.daraja().adminGet("transactions").path("transactions");
  }

  JsonNode deliveries(String kind) {
    return h.daraja().adminGet("deliveries?kind=" + kind).path("deliveries");
  }

  void settings(String json) {
    Reply reply = h.daraja().admin("PATCH", "settings", json);
    assertThat(reply.status()).as("settings answer %s", reply.raw()).isEqualTo(200);
  }

  static void assertError(Reply reply, int status, String code, String message) {
    assertThat(reply.status()).as("HTTP status of %s", reply.raw()).isEqualTo(status);
    assertThat(reply.text("errorCode")).as("errorCode of %s", reply.raw()).isEqualTo(code);
    assertThat(reply.text("errorMessage")).as("errorMessage of %s", reply.raw()).isEqualTo(message);
  }
}
