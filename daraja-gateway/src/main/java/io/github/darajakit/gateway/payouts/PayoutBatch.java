package io.github.darajakit.gateway.payouts;

import java.util.Locale;

/**
 * A batch of payouts: validated together, sent only once confirmed, at the configured rate.
 *
 * @param id {@code pob_…}
 * @param status where it stands
 * @param itemCount how many payouts it holds
 * @param totalAmount their total, whole KES
 * @param description the merchant's words for it, or {@code null}
 * @param createdBy the id of the API key that created it
 * @param confirmedAt when it was confirmed (epoch ms), or {@code null}
 * @param completedAt when its last payout was settled (epoch ms), or {@code null}
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 * @param version optimistic-lock version
 */
public record PayoutBatch(
    String id,
    Status status,
    int itemCount,
    long totalAmount,
    String description,
    String createdBy,
    Long confirmedAt,
    Long completedAt,
    long createdAt,
    long updatedAt,
    int version) {

  /**
   * A batch's states:
   *
   * <pre>
   * AWAITING_CONFIRMATION ──confirm──▶ SENDING ⇄ PAUSED
   *          │                            │ └──every payout settled──▶ COMPLETED
   *          └──────────cancel────────────┴──▶ CANCELLED (rows not yet sent are cancelled)
   * </pre>
   */
  public enum Status {
    AWAITING_CONFIRMATION,
    SENDING,
    PAUSED,
    CANCELLED,
    COMPLETED;

    /** The name the API shows. */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the table above allows going from this state to {@code next}. */
    public boolean canMoveTo(Status next) {
      return switch (this) {
        case AWAITING_CONFIRMATION -> next == SENDING || next == CANCELLED;
        case SENDING -> next == PAUSED || next == CANCELLED || next == COMPLETED;
        case PAUSED -> next == SENDING || next == CANCELLED;
        case CANCELLED, COMPLETED -> false;
      };
    }
  }

  /** The next version in another state. */
  public PayoutBatch moveTo(Status next, long now) {
    if (!status.canMoveTo(next)) {
      throw new IllegalStateException(
          "batch " + id + " cannot move from " + status + " to " + next);
    }
    return new PayoutBatch(
        id,
        next,
        itemCount,
        totalAmount,
        description,
        createdBy,
        next == Status.SENDING && confirmedAt == null ? Long.valueOf(now) : confirmedAt,
        next == Status.COMPLETED ? Long.valueOf(now) : completedAt,
        createdAt,
        now,
        version + 1);
  }
}
