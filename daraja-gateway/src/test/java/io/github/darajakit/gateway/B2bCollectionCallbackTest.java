package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A B2B Express Checkout callback is evidence, not truth. Duplicated and reordered callbacks never
 * credit twice or undo a settled collection; forged ones (an unknown requestId, another amount or
 * payment reference, another collection's URL, no receipt or one another record owns) never credit
 * anything; malformed ones are kept and acknowledged, never answered 5xx. The emulator runs in
 * manual mode, so the only callbacks are the ones these tests send as Daraja would.
 */
class B2bCollectionCallbackTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  @BeforeEach
  void manualPrompts() {
    assertThat(h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}").status())
        .isEqualTo(200);
  }

  private int operators;

  /**
   * A collection whose prompt waits on the till's operator; each gets a number of its own, since a
   * phone holds one prompt at a time.
   */
  private Reply pending(long amount, String reference) {
    h.admin(
        "PUT",
        "/b2b-express/nominated-numbers/" + B2bCollectionTest.TILL,
        "{\"msisdn\":\"2547112000" + String.format("%02d", ++operators) + "\"}");
    Reply created =
        h.merchant()
            .post("/v1/b2b-collections", B2bCollectionTest.collection(h, amount, reference));
    assertThat(created.text("status")).isEqualTo("pending");
    return created;
  }

  /** Posts a callback to the collection's own URL, as Daraja does; it is always acknowledged. */
  private void callback(Reply collection, String body) {
    callback("b2b-collections/callback/" + collection.text("id"), body);
  }

  private void callback(String path, String body) {
    Reply ack = h.merchant().postRaw(h.callbackUrl(path), body);
    assertThat(ack.status()).as("Daraja always gets a 200 for %s", body).isEqualTo(200);
    assertThat(ack.text("ResultCode")).isEqualTo("0");
  }

  private Reply fetch(Reply collection) {
    return h.merchant().get("/v1/b2b-collections/" + collection.text("id"));
  }

  private List<String> outcomes(Reply collection) {
    List<String> outcomes = new ArrayList<>();
    h.merchant()
        .get("/v1/callbacks?object_id=" + collection.text("id"))
        .json()
        .path("data")
        .forEach(c -> outcomes.add(c.path("outcome").asText()));
    return outcomes;
  }

  private long events(Reply collection, String type) {
    return h.merchant().eventTypes(collection.text("id")).stream().filter(type::equals).count();
  }

  @Test
  void aDuplicatedSuccessCreditsOnce() {
    Reply c = pending(400, "DUP-1");
    String success = Callbacks.b2bExpressSuccess(c.text("request_ref_id"), "400.0", "SL7DUP0001");
    callback(c, success);
    callback(c, success);
    callback(c, success);

    Reply paid = fetch(c);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).isEqualTo("SL7DUP0001");
    assertThat(paid.text("conversation_id")).isEqualTo("AG_20261128_2010434680d9f5a73766");
    assertThat(outcomes(c)).containsExactly("duplicate", "duplicate", "applied");
    assertThat(events(c, "b2b_collection.succeeded")).isEqualTo(1);
  }

  @Test
  void aFailureAfterASuccessChangesNothingAndASuccessAfterAFailureWinsBeforeAPerson() {
    Reply first = pending(500, "ORD-1");
    callback(first, Callbacks.b2bExpressSuccess(first.text("request_ref_id"), "500", "SL7ORD0001"));
    callback(
        first,
        Callbacks.b2bExpressFailure(
            first.text("request_ref_id"), "4001", "User cancelled transaction", "500.0", "ORD-1"));
    assertThat(fetch(first).text("status")).isEqualTo("succeeded");
    assertThat(outcomes(first)).containsExactly("late", "applied");

    Reply second = pending(600, "ORD-2");
    String failure =
        Callbacks.b2bExpressFailure(
            second.text("request_ref_id"), "4201", "USSD network error", "600.0", "ORD-2");
    callback(second, failure);
    callback(second, failure);
    Reply failed = fetch(second);
    assertThat(failed.text("status")).isEqualTo("failed");
    assertThat(failed.text("result_code")).isEqualTo("4201");
    callback(
        second, Callbacks.b2bExpressSuccess(second.text("request_ref_id"), "600.0", "SL7ORD0002"));
    Reply paid = fetch(second);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).isEqualTo("SL7ORD0002");
    assertThat(paid.text("needs_attention")).contains("recorded failed (4201)").contains("twice");
    assertThat(outcomes(second)).containsExactly("applied", "duplicate", "applied");
  }

  @Test
  void forgedCallbacksNeverCreditAnything() {
    Reply c = pending(1000, "INV-F1");
    String requestRefId = c.text("request_ref_id");
    Reply other = pending(1000, "INV-F2");

    // A requestId nobody sent, at the bare path and at the collection's own URL.
    callback(
        "b2b-collections/callback",
        Callbacks.b2bExpressSuccess("c2a9ba32-9e11-4b90-892c-7bc54944609a", "1000", "SL7FRG0001"));
    callback(
        c,
        Callbacks.b2bExpressSuccess("c2a9ba32-9e11-4b90-892c-7bc54944609a", "1000", "SL7FRG0002"));
    // The right requestId, but another amount, another reference, no receipt, or another URL.
    callback(c, Callbacks.b2bExpressSuccess(requestRefId, "10.0", "SL7FRG0003"));
    callback(
        c,
        Callbacks.b2bExpressFailure(
            requestRefId, "4001", "User cancelled transaction", "1000.0", "INV-OTHER"));
    callback(
        c,
        """
        {"resultCode":"0","resultDesc":"The service request is processed successfully.",\
        "amount":"1000.0","requestId":"%s","status":"SUCCESS"}"""
            .formatted(requestRefId));
    callback(other, Callbacks.b2bExpressSuccess(requestRefId, "1000.0", "SL7FRG0004"));
    // A real receipt that belongs to another record: an STK payment's.
    Reply payment =
        h.merchant().post("/v1/payments", StkScenariosTest.payment("254708374149", 1000));
    h.admin("POST", "/stk/" + payment.text("checkout_request_id") + "/approve", "{}");
    String paymentId = payment.text("id");
    String stkReceipt = h.merchant().awaitSettled(paymentId).text("mpesa_receipt");
    callback(c, Callbacks.b2bExpressSuccess(requestRefId, "1000.0", stkReceipt));

    Reply still = fetch(c);
    assertThat(still.text("status")).isEqualTo("pending");
    assertThat(still.json().path("mpesa_receipt").isNull()).isTrue();
    assertThat(still.text("needs_attention"))
        .contains("gave requestId c2a9ba32-9e11-4b90-892c-7bc54944609a")
        .contains("amount 10.00 instead of 1000")
        .contains("payment reference INV-OTHER instead of INV-F1")
        .contains("a success without a transactionId")
        .contains("already belongs to payment " + paymentId);
    assertThat(outcomes(c))
        .containsExactlyInAnyOrder(
            "unmatched", "mismatch", "mismatch", "mismatch", "mismatch", "mismatch");
    Reply untouched = fetch(other);
    assertThat(untouched.text("status")).isEqualTo("pending");
    assertThat(untouched.json().path("mpesa_receipt").isNull()).isTrue();
    assertThat(h.merchant().get("/v1/payments/" + paymentId).text("needs_attention"))
        .contains("b2b collection " + c.text("id"));
    assertThat(
            h.merchant()
                .get("/v1/callbacks?outcome=unmatched")
                .json()
                .path("data")
                .findValuesAsText("detail"))
        .anyMatch(d -> d.contains("naming no B2B collection we sent"));
    assertThat(events(c, "b2b_collection.succeeded")).isZero();
    assertThat(events(c, "b2b_collection.needs_attention")).isEqualTo(1);

    // The real callback still settles it; the forgeries stay on record.
    callback(c, Callbacks.b2bExpressSuccess(requestRefId, "1000.0", "SL7FRG0005"));
    Reply paid = fetch(c);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(paid.text("mpesa_receipt")).isEqualTo("SL7FRG0005");
    assertThat(h.merchant().get("/v1/callbacks?outcome=mismatch").json().path("data"))
        .hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void malformedCallbacksAreKeptAndAcknowledgedNeverAnswered5xx() {
    Reply c = pending(250, "MAL-1");
    List<String> bodies =
        List.of(
            "",
            "not json",
            "[]",
            "{}",
            "{\"resultCode\":\"0\"}",
            "{\"requestId\":\"" + c.text("request_ref_id") + "\"}",
            "{\"resultCode\":{\"x\":1},\"requestId\":\"" + c.text("request_ref_id") + "\"}",
            "{\"resultCode\":\"0\",\"requestId\":\""
                + c.text("request_ref_id")
                + "\",\"amount\":\"two hundred\",\"transactionId\":\"SL7MAL0001\"}",
            "{\"resultCode\":\"0\",\"requestId\":\"" + "x".repeat(5000) + "\"}");
    for (String body : bodies) {
      callback(c, body);
    }
    assertThat(fetch(c).text("status")).isEqualTo("pending");
    List<String> kept = new ArrayList<>();
    h.merchant()
        .all("/v1/callbacks?outcome=unparseable")
        .forEach(k -> kept.add(k.path("kind").asText()));
    assertThat(kept).hasSize(bodies.size()).containsOnly("b2b_collection");
  }
}
