package io.github.darajakit.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;

/**
 * Multi-step flows that put money in the ledger over the public API, for tests that need a payment
 * to exist before they look at it (status, reversal, ledger). Every step checks that it did what it
 * was asked, so a broken precondition fails loudly instead of testing nothing.
 */
public final class PaymentSteps {

  /**
   * A completed STK payment.
   *
   * @param receipt the MpesaReceiptNumber
   * @param merchantRequestId the push's MerchantRequestID
   * @param checkoutRequestId the push's CheckoutRequestID
   */
  public record StkPaid(String receipt, String merchantRequestId, String checkoutRequestId) {}

  /**
   * An initiator request and the Result it produced.
   *
   * @param ack the synchronous acknowledgement
   * @param result the {@code Result} object of the asynchronous envelope
   */
  public record Completed(JsonNode ack, JsonNode result) {
    /** The Result's TransactionID. */
    public String transactionId() {
      return result.path("TransactionID").asText();
    }
  }

  private final EmulatorHarness h;

  public PaymentSteps(EmulatorHarness h) {
    this.h = h;
  }

  /** A successful STK push from {@code msisdn} to the sandbox PayBill 174379. */
  public StkPaid stk(String msisdn, long amount) {
    String path = "/steps/stk/" + msisdn + "/" + amount;
    Reply ack =
        h.daraja()
            .post(
                "/mpesa/stkpush/v1/processrequest", Requests.stkPush(msisdn, amount, h.url(path)));
    require(ack.status() == 200 && ack.text("ResponseCode").equals("0"), "STK push", ack.raw());
    String checkoutRequestId = ack.text("CheckoutRequestID");
    JsonNode callback =
        h.receiver()
            .awaitOne(
                path,
                body ->
                    body.path("Body")
                        .path("stkCallback")
                        .path("CheckoutRequestID")
                        .asText()
                        .equals(checkoutRequestId))
            .body()
            .path("Body")
            .path("stkCallback");
    require(callback.path("ResultCode").asInt(-1) == 0, "STK payment", callback.toString());
    return new StkPaid(
        callback.path("CallbackMetadata").path("Item").get(1).path("Value").asText(),
        ack.text("MerchantRequestID"),
        checkoutRequestId);
  }

  /** A completed C2B payment made through the admin API; returns the receipt. */
  public String c2b(String msisdn, String shortCode, long amount) {
    ObjectNode body = DarajaHttp.object();
    body.put("msisdn", msisdn)
        .put("shortCode", shortCode)
        .put("amount", amount)
        .put("billRefNumber", "INV-" + amount);
    Reply reply = h.daraja().admin("POST", "c2b/payments", body.toString());
    require(
        reply.status() == 201 && reply.text("status").equals("completed"),
        "C2B payment",
        reply.raw());
    return reply.text("transId");
  }

  /** Posts an initiator request that must be acknowledged and waits for its Result. */
  public Completed initiator(String apiPath, ObjectNode body) {
    Reply ack = h.daraja().post(apiPath, body);
    require(ack.status() == 200 && ack.text("ResponseCode").equals("0"), apiPath, ack.raw());
    return new Completed(ack.json(), awaitResult(body.path("ResultURL").asText(), ack));
  }

  /** Like {@link #initiator} but also requires ResultCode 0. */
  public Completed succeeded(String apiPath, ObjectNode body) {
    Completed completed = initiator(apiPath, body);
    require(
        completed.result().path("ResultCode").asText().equals("0"),
        apiPath + " result",
        completed.result().toString());
    return completed;
  }

  /** Waits for the Result whose ConversationID is the acknowledgement's. */
  public JsonNode awaitResult(String resultUrl, Reply ack) {
    String path = resultUrl.substring(resultUrl.indexOf('/', "http://".length()));
    String conversationId = ack.text("ConversationID");
    return h.receiver()
        .awaitOne(
            path,
            body -> body.path("Result").path("ConversationID").asText().equals(conversationId))
        .body()
        .path("Result");
  }

  private static void require(boolean condition, String step, String detail) {
    if (!condition) {
      throw new AssertionError("precondition failed: " + step + " did not succeed: " + detail);
    }
  }
}
