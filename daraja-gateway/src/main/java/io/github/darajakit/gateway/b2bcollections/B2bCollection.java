package io.github.darajakit.gateway.b2bcollections;

import io.github.darajakit.gateway.initiator.Operation;
import io.github.darajakit.gateway.initiator.OperationBuilder;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.initiator.Stage;

/**
 * A B2B collection as stored: money asked of a till with a B2B Express Checkout push. Immutable: a
 * change is a new value with {@code version + 1}, written only if the stored version is still the
 * one it was read at.
 *
 * @param id {@code b2bc_…}
 * @param status where it stands
 * @param primaryShortCode the till that pays (Daraja's primaryShortCode); its operator gets the
 *     prompt
 * @param receiverShortCode the shortcode paid (Daraja's receiverShortCode): this business's
 * @param amount whole KES asked for
 * @param paymentReference shown in the prompt (Daraja's paymentRef)
 * @param partnerName this business's name as the prompt shows it
 * @param metadata the merchant's JSON object, or {@code null}
 * @param progress what Daraja and the reconciler have said of it so far: its {@code
 *     originatorConversationId} is the RequestRefID it was sent with (chosen before sending), its
 *     receipt the callback's {@code transactionId}
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 * @param version optimistic-lock version
 */
public record B2bCollection(
    String id,
    B2bCollectionStatus status,
    String primaryShortCode,
    String receiverShortCode,
    long amount,
    String paymentReference,
    String partnerName,
    String metadata,
    Progress progress,
    long createdAt,
    long updatedAt,
    int version)
    implements Operation {

  /** The RequestRefID it was pushed with, which its callback's {@code requestId} echoes (⚠). */
  public String requestRefId() {
    return progress.originatorConversationId();
  }

  @Override
  public Stage stage() {
    return switch (status) {
      case CREATED -> Stage.CREATED;
      case PENDING -> Stage.SUBMITTED;
      case UNKNOWN -> Stage.UNKNOWN;
      case SUCCEEDED, FAILED -> Stage.FINAL;
    };
  }

  @Override
  public String statusName() {
    return status.apiName();
  }

  /** Its next version: what was asked never changes, only where it stands. */
  private B2bCollection next(B2bCollectionStatus nextStatus, Progress nextProgress, long now) {
    return new B2bCollection(
        id,
        nextStatus,
        primaryShortCode,
        receiverShortCode,
        amount,
        paymentReference,
        partnerName,
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
  public static final class Builder extends OperationBuilder<B2bCollectionStatus, Builder> {
    private final B2bCollection base;

    private Builder(B2bCollection c) {
      super(c.status, c.progress);
      base = c;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The next version, updated at {@code now}. */
    public B2bCollection build(long now) {
      return base.next(status(), progress(), now);
    }
  }
}
