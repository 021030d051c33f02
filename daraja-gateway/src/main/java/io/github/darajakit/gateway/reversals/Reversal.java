package io.github.darajakit.gateway.reversals;

import io.github.darajakit.gateway.initiator.Operation;
import io.github.darajakit.gateway.initiator.Stage;

/**
 * A reversal of collected money (an STK payment or a C2B payment), as stored. Immutable: a change
 * is a new value with {@code version + 1}, written only if the stored version is still the one it
 * was read at.
 *
 * @param id {@code rev_…}
 * @param status where it stands
 * @param originalReceipt the M-Pesa receipt reversed
 * @param originalObject {@code payment} or {@code c2b_payment}
 * @param originalId the id of that payment
 * @param amount whole KES given back: the original's full amount
 * @param shortCode the shortcode that received the original (Daraja's ReceiverParty)
 * @param remarks Daraja's Remarks
 * @param metadata the merchant's JSON object, or {@code null}
 * @param originatorConversationId Daraja's id for the request, once it acknowledged it
 * @param conversationId Daraja's ConversationID, once it acknowledged it
 * @param reversalReceipt the reversal's own M-Pesa receipt, when it succeeded (absent when only
 *     Transaction Status told us)
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
public record Reversal(
    String id,
    ReversalStatus status,
    String originalReceipt,
    String originalObject,
    String originalId,
    long amount,
    String shortCode,
    String remarks,
    String metadata,
    String originatorConversationId,
    String conversationId,
    String reversalReceipt,
    Long completedAt,
    String resultCode,
    String resultDesc,
    String failureReason,
    String attention,
    Long nextCheckAt,
    int checkAttempts,
    long createdAt,
    long updatedAt,
    int version)
    implements Operation {

  @Override
  public Stage stage() {
    return switch (status) {
      case CREATED -> Stage.CREATED;
      case SUBMITTED -> Stage.SUBMITTED;
      case UNKNOWN -> Stage.UNKNOWN;
      case SUCCEEDED, FAILED -> Stage.FINAL;
    };
  }

  @Override
  public String statusName() {
    return status.apiName();
  }

  /** A mutable copy for building the next version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds the next version; what it does not set stays as it was. */
  public static final class Builder {
    private final Reversal base;
    private ReversalStatus status;
    private String originatorConversationId;
    private String conversationId;
    private String reversalReceipt;
    private Long completedAt;
    private String resultCode;
    private String resultDesc;
    private String failureReason;
    private String attention;
    private Long nextCheckAt;
    private int checkAttempts;

    private Builder(Reversal r) {
      base = r;
      status = r.status;
      originatorConversationId = r.originatorConversationId;
      conversationId = r.conversationId;
      reversalReceipt = r.reversalReceipt;
      completedAt = r.completedAt;
      resultCode = r.resultCode;
      resultDesc = r.resultDesc;
      failureReason = r.failureReason;
      attention = r.attention;
      nextCheckAt = r.nextCheckAt;
      checkAttempts = r.checkAttempts;
    }

    public Builder status(ReversalStatus status) {
      this.status = status;
      return this;
    }

    /** Daraja's ids for the request; blank ones change nothing. */
    public Builder conversation(String originatorConversationId, String conversationId) {
      if (originatorConversationId != null && !originatorConversationId.isBlank()) {
        this.originatorConversationId = originatorConversationId;
      }
      if (conversationId != null && !conversationId.isBlank()) {
        this.conversationId = conversationId;
      }
      return this;
    }

    /** What M-Pesa reported of the reversal made. */
    public Builder reversed(String receipt, Long completedAt) {
      this.reversalReceipt = receipt;
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
    /**
     * Takes the reversal off a person's list: evidence settled what the flag asked a person to find
     * out. (The flag stays in its {@code reversal.needs_attention} event.)
     */
    public Builder clearAttention() {
      this.attention = null;
      return this;
    }

    public Builder nextCheck(Long at, int attempts) {
      this.nextCheckAt = at;
      this.checkAttempts = attempts;
      return this;
    }

    /** The next version, updated at {@code now}. */
    public Reversal build(long now) {
      return new Reversal(
          base.id,
          status,
          base.originalReceipt,
          base.originalObject,
          base.originalId,
          base.amount,
          base.shortCode,
          base.remarks,
          base.metadata,
          originatorConversationId,
          conversationId,
          reversalReceipt,
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
