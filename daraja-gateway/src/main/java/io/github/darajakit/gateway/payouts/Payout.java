package io.github.darajakit.gateway.payouts;

import io.github.darajakit.gateway.initiator.Operation;
import io.github.darajakit.gateway.initiator.OperationBuilder;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.initiator.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * One payment out of the business, as stored: a B2C payment to a customer (a payout) or a B2B
 * payment to another business's PayBill or till. Both follow the same exactly-once rules.
 * Immutable: a change is a new value with {@code version + 1}, written only if the stored version
 * is still the one it was read at.
 *
 * @param id {@code po_…}
 * @param status where it stands
 * @param amount whole KES to pay
 * @param kind B2C or B2B
 * @param recipient {@code 2547…} to pay (B2C), or the receiving PayBill or till (B2B)
 * @param type B2C: {@code business}, {@code salary} or {@code promotion}; B2B: {@code paybill} or
 *     {@code till} (each is a Daraja CommandID)
 * @param accountReference B2B: the account number at the PayBill, or {@code null}
 * @param requester B2B: the customer on whose behalf it is paid, or {@code null}
 * @param remarks Daraja's Remarks
 * @param occasion Daraja's Occassion, or {@code null}
 * @param metadata the merchant's JSON object, or {@code null}
 * @param shortCode the shortcode paying
 * @param batchId the batch it is a row of, or {@code null}
 * @param batchRow its row in that batch (1-based), or {@code null}
 * @param resubmissions how many times it was sent again after failing (proven unpaid)
 * @param recipientName the registered name M-Pesa reported, when paid
 * @param expectedName B2C: the recipient's name as the merchant knows it, which {@code
 *     payouts.nameCheck} compares with Hakikisha's answer before sending; or {@code null}
 * @param createdBy the id of the API key that created it (a batch's row: the batch's), the maker a
 *     held payout's approver must differ from; {@code null} for payouts made before it was kept
 * @param checks what the checks before sending found, oldest first (empty when none ran)
 * @param review a person's approval or rejection of its current sending once held, or {@code null}
 * @param progress what Daraja and the reconciler have said of it so far; its
 *     OriginatorConversationID is committed before the request is sent: for B2C ours, sent to
 *     Daraja; for B2B ours until Daraja's acknowledgement gives its own
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 * @param version optimistic-lock version
 */
public record Payout(
    String id,
    PayoutStatus status,
    Kind kind,
    long amount,
    String recipient,
    String type,
    String accountReference,
    String requester,
    String remarks,
    String occasion,
    String metadata,
    String shortCode,
    String batchId,
    Integer batchRow,
    int resubmissions,
    String recipientName,
    String expectedName,
    String createdBy,
    List<PayoutCheck> checks,
    Review review,
    Progress progress,
    long createdAt,
    long updatedAt,
    int version)
    implements Operation {

  public Payout {
    checks = List.copyOf(checks);
  }

  @Override
  public Stage stage() {
    return switch (status) {
      // Neither is sent until its turn comes or a person approves it: nothing to reconcile.
      case QUEUED, HELD -> Stage.WAITING;
      case CREATED -> Stage.CREATED;
      case SUBMITTED -> Stage.SUBMITTED;
      case UNKNOWN -> Stage.UNKNOWN;
      case SUCCEEDED, FAILED, CANCELLED -> Stage.FINAL;
    };
  }

  @Override
  public String statusName() {
    return status.apiName();
  }

  /** Each resubmission is a new sending, under a new OriginatorConversationID. */
  @Override
  public int sending() {
    return resubmissions;
  }

  /**
   * A person's decision on a held payout.
   *
   * @param decision approved (sent) or rejected (cancelled)
   * @param by the id of the API key that decided ({@code dashboard} for a password session)
   * @param at epoch ms
   */
  public record Review(Decision decision, String by, long at) {

    /** What was decided. */
    public enum Decision {
      APPROVED,
      REJECTED;

      /** {@code approved}, {@code rejected}. */
      public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }
  }

  /** Which Daraja API pays it. */
  public enum Kind {
    /** B2C v3 to a customer's phone: {@code /v1/payouts}. */
    B2C,
    /** B2B to a PayBill or till: {@code /v1/b2b-payments}. */
    B2B;

    /** The stored and API name: {@code b2c}, {@code b2b}. */
    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The API object and event prefix: {@code payout}, {@code b2b_payment}. */
    public String object() {
      return this == B2C ? "payout" : "b2b_payment";
    }

    /** What people call one, in messages: {@code payout}, {@code B2B payment}. */
    public String noun() {
      return this == B2C ? "payout" : "B2B payment";
    }
  }

  /** A mutable copy for building the next version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds the next version of a payout; what it does not set stays as it was. */
  public static final class Builder extends OperationBuilder<PayoutStatus, Builder> {
    private final Payout base;
    private int resubmissions;
    private String recipientName;
    private final List<PayoutCheck> checks;
    private Review review;

    private Builder(Payout p) {
      super(p.status, p.progress);
      base = p;
      resubmissions = p.resubmissions;
      recipientName = p.recipientName;
      checks = new ArrayList<>(p.checks);
      review = p.review;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Readies a failed payout to be sent again under a new OriginatorConversationID, with what the
     * failed attempt left behind cleared.
     */
    public Builder resubmit(String newOriginatorConversationId) {
      resubmissions++;
      // A decision was about the sending it held; the new sending is checked, and decided, anew.
      review = null;
      return newSending(newOriginatorConversationId);
    }

    /** What M-Pesa reported of the payment made. */
    public Builder paid(String receipt, String recipientName, Long completedAt) {
      this.recipientName = recipientName;
      return completed(receipt, completedAt);
    }

    /** Adds what the checks before a sending found. */
    public Builder checked(List<PayoutCheck> found) {
      checks.addAll(found);
      return this;
    }

    /** Records a person's decision on it. */
    public Builder reviewed(Review.Decision decision, String by, long at) {
      review = new Review(decision, by, at);
      return this;
    }

    /** The next version, updated at {@code now}. */
    public Payout build(long now) {
      return new Payout(
          base.id,
          status(),
          base.kind,
          base.amount,
          base.recipient,
          base.type,
          base.accountReference,
          base.requester,
          base.remarks,
          base.occasion,
          base.metadata,
          base.shortCode,
          base.batchId,
          base.batchRow,
          resubmissions,
          recipientName,
          base.expectedName,
          base.createdBy,
          checks,
          review,
          progress(),
          base.createdAt,
          now,
          base.version + 1);
    }
  }
}
