package io.github.darajakit.emulator.ratiba;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Ratiba calls and admin look-ups shared by the standing-order tests; plain HTTP underneath. */
final class Ratiba {

  static final String PATH = "/standingorder/v1/createStandingOrderExternal";
  static final String CALLBACK = "/ratiba";
  static final String CONFIRM = "/c2b/confirm";
  static final ZoneId EAT = ZoneId.of("Africa/Nairobi");
  static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

  private final EmulatorHarness h;

  Ratiba(EmulatorHarness h) {
    this.h = h;
  }

  /** Today in Nairobi, by the emulator's clock (no offset after a reset). */
  static LocalDate today() {
    return LocalDate.now(EAT);
  }

  /** A valid request: daily, KES 4500, from tomorrow for a year, to the sandbox PayBill 600992. */
  ObjectNode body(String name, String phone) {
    return Requests.standingOrder(
        name,
        phone,
        Requests.SHORTCODE,
        today().plusDays(1).format(YYYYMMDD),
        today().plusYears(1).format(YYYYMMDD),
        "2",
        h.url(CALLBACK));
  }

  Reply create(JsonNode body) {
    return h.daraja().post(PATH, body);
  }

  /** Creates a standing order, asserts the acknowledgement, returns its responseRefID. */
  String accepted(JsonNode body) {
    Reply ack = create(body);
    assertThat(ack.status()).as("ack %s", ack.raw()).isEqualTo(200);
    return ack.json().path("ResponseHeader").path("responseRefID").asText();
  }

  /** Waits for the consent callback of a request (either casing). */
  JsonNode awaitCallback(String responseRefId) {
    return h.receiver()
        .awaitOne(CALLBACK, b -> responseRefId.equals(header(b).path("responseRefID").asText()))
        .body();
  }

  /** Creates a standing order and waits until the customer has consented; returns its id. */
  String active(JsonNode body) {
    JsonNode callback = awaitCallback(accepted(body));
    assertThat(callback.path("responseHeader").path("responseCode").asText())
        .as("consent callback %s", callback)
        .isEqualTo("0");
    return callback.path("responseBody").path("responseData").get(0).path("value").asText();
  }

  static JsonNode header(JsonNode callback) {
    return callback.has("responseHeader")
        ? callback.path("responseHeader")
        : callback.path("ResponseHeader");
  }

  /** {@code POST /__admin/clock {"to": <date> at <time> EAT}}, which must answer 200. */
  void clockTo(LocalDate date, LocalTime time) {
    String to = date.atTime(time).atZone(EAT).toOffsetDateTime().toString();
    Reply reply = h.daraja().admin("POST", "clock", "{\"to\":\"" + to + "\"}");
    assertThat(reply.status()).as("clock answer %s", reply.raw()).isEqualTo(200);
  }

  void clockBy(String by) {
    Reply reply = h.daraja().admin("POST", "clock", "{\"by\":\"" + by + "\"}");
    assertThat(reply.status()).as("clock answer %s", reply.raw()).isEqualTo(200);
  }

  JsonNode order(String id) {
    return h.daraja().adminGet("standing-orders/" + id);
  }

  JsonNode orders() {
    return h.daraja().adminGet("standing-orders").path("standingOrders");
  }

  /** Registers C2B URLs for a shortcode through v1 or v2. */
  void registerC2b(int version, String shortCode) {
    Reply reply =
        h.daraja()
            .post(
                "/mpesa/c2b/v" + version + "/registerurl",
                Requests.c2bRegister(shortCode, "Completed", h.url(CONFIRM), null));
    assertThat(reply.status()).as("register %s", reply.raw()).isEqualTo(200);
  }

  /** Ledger entries made by standing orders, oldest first. */
  List<JsonNode> debitsInLedger() {
    List<JsonNode> list = new ArrayList<>();
    for (JsonNode t : h.daraja().adminGet("transactions?limit=10000").path("transactions")) {
      if (t.path("kind").asText().startsWith("standing_order")) {
        list.add(0, t);
      }
    }
    return list;
  }

  /** Confirmations received so far, in the order they arrived. */
  List<JsonNode> confirmations() {
    return h.receiver().on(CONFIRM).stream().map(CallbackReceiver.Received::body).toList();
  }

  void settings(String json) {
    Reply reply = h.daraja().admin("PATCH", "settings", json);
    assertThat(reply.status()).as("settings answer %s", reply.raw()).isEqualTo(200);
  }
}
