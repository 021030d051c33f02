package io.github.darajakit.gateway.reversals;

import io.github.darajakit.gateway.initiator.Operation;
import io.github.darajakit.gateway.initiator.OperationBuilder;
import io.github.darajakit.gateway.initiator.Progress;
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
 * @param progress what Daraja and the reconciler have said of it so far: Daraja's ids once it
 *     acknowledged it; its receipt is the reversal's own, when it succeeded (absent when only
 *     Transaction Status told us)
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
    Progress progress,
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

  /**
   * Its next version: what a reversal is (its receipt, amount, shortcode…) never changes, only
   * where it stands and what Daraja said of it.
   */
  private Reversal next(ReversalStatus nextStatus, Progress nextProgress, long now) {
    return new Reversal(
        id,
        nextStatus,
        originalReceipt,
        originalObject,
        originalId,
        amount,
        shortCode,
        remarks,
        metadata,
        nextProgress,
        createdAt,
        now,
        version + 1);
  }

  /** A mutable copy for building the next version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds the next version; what it does not set stays as it was. */
  public static final class Builder extends OperationBuilder<ReversalStatus, Builder> {
    private final Reversal base;

    private Builder(Reversal r) {
      super(r.status, r.progress);
      base = r;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Daraja's ids for the request; blank ones change nothing. */
    public Builder conversation(String originatorConversationId, String conversationId) {
      return originatorConversationId(originatorConversationId).conversationId(conversationId);
    }

    /** What M-Pesa reported of the reversal made: its own receipt, if known, and when. */
    public Builder reversed(String receipt, Long completedAt) {
      return completed(receipt, completedAt);
    }

    /** The next version, updated at {@code now}. */
    public Reversal build(long now) {
      return base.next(status(), progress(), now);
    }
  }
}
