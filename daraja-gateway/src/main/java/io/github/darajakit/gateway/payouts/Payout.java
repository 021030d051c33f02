package io.github.darajakit.gateway.payouts;

/**
 * One B2C payment to a customer, as stored. Immutable: a change is a new value with {@code version
 * + 1}, written only if the stored version is still the one it was read at.
 *
 * @param id {@code po_…}
 * @param status where it stands
 * @param amount whole KES to pay
 * @param phone {@code 2547…} to pay
 * @param type {@code business}, {@code salary} or {@code promotion} (Daraja's CommandID)
 * @param remarks Daraja's Remarks
 * @param occasion Daraja's Occassion, or {@code null}
 * @param metadata the merchant's JSON object, or {@code null}
 * @param shortCode the B2C shortcode paying
 * @param batchId the batch it is a row of, or {@code null}
 * @param batchRow its row in that batch (1-based), or {@code null}
 * @param originatorConversationId our id for the request, sent to Daraja and committed before
 * @param conversationId Daraja's ConversationID, once accepted
 * @param receipt M-Pesa receipt when paid
 * @param recipientName the registered name M-Pesa reported, when paid
 * @param completedAt when M-Pesa completed it (epoch ms)
 * @param resultCode Daraja's code for the outcome (or the error code that refused the request)
 * @param resultDesc Daraja's words for it
 * @param failureReason a human reason for failed and unknown
 * @param attention why a person must look at it, or {@code null}
 * @param nextCheckAt when the reconciler looks next (epoch ms), or {@code null}
 * @param checkAttempts how many times the reconciler has looked
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 * @param version optimistic-lock version
 */
public record Payout(
    String id,
    PayoutStatus status,
    long amount,
    String phone,
    String type,
    String remarks,
    String occasion,
    String metadata,
    String shortCode,
    String batchId,
    Integer batchRow,
    String originatorConversationId,
    String conversationId,
    String receipt,
    String recipientName,
    Long completedAt,
    String resultCode,
    String resultDesc,
    String failureReason,
    String attention,
    Long nextCheckAt,
    int checkAttempts,
    long createdAt,
    long updatedAt,
    int version) {

  /** A mutable copy for building the next version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds the next version of a payout; what it does not set stays as it was. */
  public static final class Builder {
    private final Payout base;
    private PayoutStatus status;
    private String conversationId;
    private String receipt;
    private String recipientName;
    private Long completedAt;
    private String resultCode;
    private String resultDesc;
    private String failureReason;
    private String attention;
    private Long nextCheckAt;
    private int checkAttempts;

    private Builder(Payout p) {
      base = p;
      status = p.status;
      conversationId = p.conversationId;
      receipt = p.receipt;
      recipientName = p.recipientName;
      completedAt = p.completedAt;
      resultCode = p.resultCode;
      resultDesc = p.resultDesc;
      failureReason = p.failureReason;
      attention = p.attention;
      nextCheckAt = p.nextCheckAt;
      checkAttempts = p.checkAttempts;
    }

    public Builder status(PayoutStatus status) {
      this.status = status;
      return this;
    }

    /** Daraja's ConversationID, if it gave one (a blank one changes nothing). */
    public Builder conversationId(String conversationId) {
      if (conversationId != null && !conversationId.isBlank()) {
        this.conversationId = conversationId;
      }
      return this;
    }

    /** What M-Pesa reported of the payment made. */
    public Builder paid(String receipt, String recipientName, Long completedAt) {
      this.receipt = receipt;
      this.recipientName = recipientName;
      this.completedAt = completedAt;
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

    /** Flags it for a person; a reason already there is kept and this one added. */
    public Builder addAttention(String reason) {
      this.attention = attention == null ? reason : attention + " Also: " + reason;
      return this;
    }

    /** When the reconciler looks next ({@code null}: never), and how many looks so far. */
    public Builder nextCheck(Long at, int attempts) {
      this.nextCheckAt = at;
      this.checkAttempts = attempts;
      return this;
    }

    /** The next version, updated at {@code now}. */
    public Payout build(long now) {
      return new Payout(
          base.id,
          status,
          base.amount,
          base.phone,
          base.type,
          base.remarks,
          base.occasion,
          base.metadata,
          base.shortCode,
          base.batchId,
          base.batchRow,
          base.originatorConversationId,
          conversationId,
          receipt,
          recipientName,
          completedAt,
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
