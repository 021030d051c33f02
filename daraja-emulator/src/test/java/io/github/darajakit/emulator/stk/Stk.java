package io.github.darajakit.emulator.stk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** STK calls and admin look-ups shared by the STK tests; plain HTTP underneath. */
final class Stk {

  static final String PUSH = "/mpesa/stkpush/v1/processrequest";
  static final String QUERY = "/mpesa/stkpushquery/v1/query";
  static final String CALLBACK = "/stk";
  static final ZoneId EAT = ZoneId.of("Africa/Nairobi");
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

  private final EmulatorHarness h;

  Stk(EmulatorHarness h) {
    this.h = h;
  }

  /** A valid PayBill push to 174379 with the callback on the receiver. */
  ObjectNode pushBody(String phone, long amount) {
    return Requests.stkPush(phone, amount, h.url(CALLBACK));
  }

  Reply push(JsonNode body) {
    return h.daraja().post(PUSH, body);
  }

  /** Pushes and asserts the acknowledgement; returns the CheckoutRequestID. */
  String accepted(JsonNode body) {
    Reply ack = push(body);
    assertThat(ack.status()).as("push answer %s", ack.raw()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    return ack.text("CheckoutRequestID");
  }

  String accepted(String phone, long amount) {
    return accepted(pushBody(phone, amount));
  }

  Reply query(String checkoutRequestId) {
    return h.daraja().post(QUERY, Requests.stkQuery(checkoutRequestId));
  }

  /** A query signed by another STK shortcode (which shares the sandbox passkey). */
  Reply queryAs(String shortCode, String checkoutRequestId) {
    ObjectNode body = Requests.stkQuery(checkoutRequestId);
    body.put("BusinessShortCode", shortCode)
        .put("Password", Requests.password(shortCode, Requests.PASSKEY, Requests.TIMESTAMP));
    return h.daraja().post(QUERY, body);
  }

  /** Waits for the callback of one push and returns its {@code Body.stkCallback}. */
  JsonNode awaitCallback(String checkoutRequestId) {
    return h.receiver()
        .awaitOne(
            CALLBACK,
            body -> checkoutRequestId.equals(stkCallback(body).path("CheckoutRequestID").asText()))
        .body()
        .path("Body")
        .path("stkCallback");
  }

  /** Callbacks received for one push so far. */
  long callbacksFor(String checkoutRequestId) {
    return h.receiver().on(CALLBACK).stream()
        .filter(
            r -> checkoutRequestId.equals(stkCallback(r.body()).path("CheckoutRequestID").asText()))
        .count();
  }

  static JsonNode stkCallback(JsonNode body) {
    return body.path("Body").path("stkCallback");
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

  JsonNode prompts() {
    return h.daraja().adminGet("stk").path("prompts");
  }

  JsonNode pendingPrompts() {
    return h.daraja().adminGet("stk?status=pending").path("prompts");
  }

  JsonNode transactions() {
    return h.daraja().adminGet("transactions").path("transactions");
  }

  JsonNode deliveries(String kind) {
    return h.daraja().adminGet("deliveries?kind=" + kind).path("deliveries");
  }

  /** PATCHes runtime settings; the harness restores them before the next test. */
  void settings(String json) {
    Reply reply = h.daraja().admin("PATCH", "settings", json);
    assertThat(reply.status()).as("settings answer %s", reply.raw()).isEqualTo(200);
  }

  /** A push body whose Timestamp and Password use the given wall-clock time. */
  ObjectNode pushAt(String phone, long amount, LocalDateTime wallClock) {
    String timestamp = TIMESTAMP.format(wallClock);
    ObjectNode body = pushBody(phone, amount);
    body.put("Timestamp", timestamp)
        .put("Password", Requests.password(Requests.STK_SHORTCODE, Requests.PASSKEY, timestamp));
    return body;
  }

  static LocalDateTime nowEat() {
    return LocalDateTime.now(EAT);
  }

  static LocalDateTime nowUtc() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }

  /** Asserts a Daraja error envelope. */
  static void assertError(Reply reply, int status, String code, String message) {
    assertThat(reply.status()).as("HTTP status of %s", reply.raw()).isEqualTo(status);
    assertThat(reply.text("errorCode")).as("errorCode of %s", reply.raw()).isEqualTo(code);
    assertThat(reply.text("errorMessage")).as("errorMessage of %s", reply.raw()).isEqualTo(message);
    assertThat(reply.text("requestId")).isNotBlank();
  }
}
