package io.github.darajakit.gateway.billmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.callbacks.PhoneEvidence;
import io.github.darajakit.gateway.core.Json;

/**
 * A payment Bill Manager pushed, and its acknowledgement.
 *
 * @param id the M-Pesa receipt (the push's {@code transactionId})
 * @param c2bPaymentId the C2B payment the money is recorded as
 * @param shortCode the PayBill paid
 * @param accountReference the invoice's account reference the customer paid with
 * @param amount whole KES
 * @param msisdn who paid, as pushed: the acknowledgement carries it; shown masked
 * @param paymentDate the push's {@code dateCreated}, as pushed
 * @param pushes how many times Bill Manager pushed it (it retries until it is answered)
 * @param ackStatus where the acknowledgement stands
 * @param ackAttempts how many times it was sent without success
 * @param nextAckAt when it is (re)sent, epoch ms; {@code null} once terminal
 * @param lastError why the last attempt failed, or {@code null}
 * @param attention why a person must look, or {@code null}
 * @param createdAt when first recorded, epoch ms
 * @param acknowledgedAt when Bill Manager took the acknowledgement, or {@code null}
 */
public record BillPayment(
    String id,
    String c2bPaymentId,
    String shortCode,
    String accountReference,
    long amount,
    String msisdn,
    String paymentDate,
    int pushes,
    AckStatus ackStatus,
    int ackAttempts,
    Long nextAckAt,
    String lastError,
    String attention,
    long createdAt,
    Long acknowledgedAt) {

  /** As events show it. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("id", id)
        .put("object", "bill_payment")
        .put("transaction_id", id)
        .put("c2b_payment_id", c2bPaymentId)
        .put("short_code", shortCode)
        .put("account_reference", accountReference)
        .put("amount", amount)
        .put("currency", "KES")
        .put("msisdn", PhoneEvidence.masked(msisdn))
        .put("payment_date", paymentDate)
        .put("pushes", pushes)
        .put("acknowledgement", ackStatus.name().toLowerCase(java.util.Locale.ROOT))
        .put("acknowledgement_attempts", ackAttempts)
        .put("acknowledged_at", Json.time(acknowledgedAt))
        .put("last_error", lastError)
        .put("needs_attention", attention)
        .put("created_at", Json.time(createdAt));
    return node;
  }
}
