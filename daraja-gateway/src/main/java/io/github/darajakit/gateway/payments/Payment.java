package io.github.darajakit.gateway.payments;

/**
 * One STK collection, as stored. Immutable: a change is a new value with {@code version + 1},
 * written only if the stored version is still the one it was read at.
 *
 * @param id {@code pay_…}
 * @param status where it stands
 * @param amount whole KES asked for
 * @param phone {@code 2547…} that got the prompt
 * @param reference AccountReference shown to the customer
 * @param description TransactionDesc
 * @param metadata the merchant's JSON object, or {@code null}
 * @param shortCode the BusinessShortCode used
 * @param checkoutRequestId Daraja's id for the push, once accepted
 * @param merchantRequestId Daraja's MerchantRequestID, once accepted
 * @param receipt M-Pesa receipt when paid
 * @param paidAmount amount M-Pesa reported paid
 * @param paidPhone phone M-Pesa reported paying
 * @param paidAt when M-Pesa says it was paid (epoch ms)
 * @param resultCode Daraja's code for the outcome (or the error code that refused the push)
 * @param resultDesc Daraja's words for it
 * @param failureReason a human reason for failed/cancelled/expired/unknown
 * @param attention why a person must look at it, or {@code null}
 * @param nextCheckAt when the reconciler looks next (epoch ms), or {@code null}
 * @param checkAttempts how many times the reconciler has looked
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 * @param version optimistic-lock version
 */
public record Payment(
    String id,
    PaymentStatus status,
    long amount,
    String phone,
    String reference,
    String description,
    String metadata,
    String shortCode,
    String checkoutRequestId,
    String merchantRequestId,
    String receipt,
    Long paidAmount,
    String paidPhone,
    Long paidAt,
    String resultCode,
    String resultDesc,
    String failureReason,
    String attention,
    Long nextCheckAt,
    int checkAttempts,
    long createdAt,
    long updatedAt,
    int version) {

  /**
   * A payment just recorded, before its push: version 1, nothing yet known of Daraja's side.
   *
   * @param nextCheckAt when the reconciler looks at it if the push's answer is never recorded
   */
  public static Payment created(
      String id,
      long amount,
      String phone,
      String reference,
      String description,
      String metadata,
      String shortCode,
      long nextCheckAt,
      long now) {
    return new Payment(
        id,
        PaymentStatus.CREATED,
        amount,
        phone,
        reference,
        description,
        metadata,
        shortCode,
        null, // checkoutRequestId
        null, // merchantRequestId
        null, // receipt
        null, // paidAmount
        null, // paidPhone
        null, // paidAt
        null, // resultCode
        null, // resultDesc
        null, // failureReason
        null, // attention
        nextCheckAt,
        0,
        now,
        now,
        1);
  }

  /** A mutable copy for building the next version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds the next version of a payment. */
  public static final class Builder {
    private final Payment base;
    private PaymentStatus status;
    private String checkoutRequestId;
    private String merchantRequestId;
    private String receipt;
    private Long paidAmount;
    private String paidPhone;
    private Long paidAt;
    private String resultCode;
    private String resultDesc;
    private String failureReason;
    private String attention;
    private Long nextCheckAt;
    private int checkAttempts;

    private Builder(Payment p) {
      base = p;
      status = p.status;
      checkoutRequestId = p.checkoutRequestId;
      merchantRequestId = p.merchantRequestId;
      receipt = p.receipt;
      paidAmount = p.paidAmount;
      paidPhone = p.paidPhone;
      paidAt = p.paidAt;
      resultCode = p.resultCode;
      resultDesc = p.resultDesc;
      failureReason = p.failureReason;
      attention = p.attention;
      nextCheckAt = p.nextCheckAt;
      checkAttempts = p.checkAttempts;
    }

    public Builder status(PaymentStatus status) {
      this.status = status;
      return this;
    }

    public Builder submitted(String checkoutRequestId, String merchantRequestId) {
      this.checkoutRequestId = checkoutRequestId;
      this.merchantRequestId = merchantRequestId;
      return this;
    }

    public Builder paid(String receipt, Long amount, String phone, Long at) {
      this.receipt = receipt;
      this.paidAmount = amount;
      this.paidPhone = phone;
      this.paidAt = at;
      return this;
    }

    public Builder result(String code, String desc) {
      this.resultCode = code;
      this.resultDesc = desc;
      return this;
    }

    public Builder failureReason(String reason) {
      this.failureReason = reason;
      return this;
    }

    public Builder attention(String attention) {
      this.attention = attention;
      return this;
    }

    /**
     * Takes the payment off a person's list: evidence settled what the flag asked a person to find
     * out. (The flag stays in its {@code payment.needs_attention} event.)
     */
    public Builder clearAttention() {
      this.attention = null;
      return this;
    }

    /**
     * Adds a reason for a person to look, keeping any earlier one (each says something the person
     * needs: an amount that disagreed, then a schedule that ran out).
     */
    public Builder addAttention(String reason) {
      if (attention == null || attention.isBlank()) {
        attention = reason;
      } else if (!attention.contains(reason)) {
        attention = attention + " Also: " + reason;
      }
      return this;
    }

    public Builder nextCheck(Long at, int attempts) {
      this.nextCheckAt = at;
      this.checkAttempts = attempts;
      return this;
    }

    /** The next version, stamped at {@code now}. */
    public Payment build(long now) {
      return new Payment(
          base.id,
          status,
          base.amount,
          base.phone,
          base.reference,
          base.description,
          base.metadata,
          base.shortCode,
          checkoutRequestId,
          merchantRequestId,
          receipt,
          paidAmount,
          paidPhone,
          paidAt,
          resultCode,
          resultDesc,
          failureReason,
          attention,
          nextCheckAt,
          checkAttempts,
          base.createdAt,
          now,
          base.version + 1);
    }
  }
}
