package io.github.darajakit.gateway.payouts;

import java.util.Set;

/**
 * Safety rails on payouts, each off when {@code null} (or empty). Checked before anything is
 * recorded or sent; a payout or batch that breaks one is refused whole.
 *
 * @param maxPerPayout the most one payout may pay, whole KES
 * @param maxPerBatch the most one batch may pay in total, whole KES
 * @param maxPerDay the most all payouts created on one day (East Africa Time) may pay in total, not
 *     counting failed and cancelled ones, nor the rows of batches not yet confirmed
 * @param allowList the only recipients that may be paid: phones ({@code 2547…}) for payouts,
 *     PayBills and tills for B2B payments; empty for any
 * @param approvalThreshold batches paying more than this in total need a second API key to approve
 *     them before they are sent (maker-checker)
 */
public record PayoutRails(
    Long maxPerPayout,
    Long maxPerBatch,
    Long maxPerDay,
    Set<String> allowList,
    Long approvalThreshold) {

  /** No rails. */
  public static final PayoutRails NONE = new PayoutRails(null, null, null, Set.of(), null);

  public PayoutRails {
    allowList = Set.copyOf(allowList);
    for (Long limit : new Long[] {maxPerPayout, maxPerBatch, maxPerDay, approvalThreshold}) {
      if (limit != null && limit < 1) {
        throw new IllegalArgumentException("payout limits must be at least 1 KES, got " + limit);
      }
    }
  }

  /**
   * The maker-checker refusal: {@code what} (e.g. "Batch pob_… was created with this API key") asks
   * another API key to approve it.
   */
  static io.github.darajakit.gateway.core.GatewayError approverIsMaker(String what) {
    return io.github.darajakit.gateway.core.GatewayError.conflict(
        "approver_is_maker", what + "; another API key must approve it (maker-checker).");
  }

  /** A rail a payout breaks: the request field at fault, and what is wrong. */
  record Refusal(String param, String message) {}

  /** Why this payout breaks a per-payout rail, or {@code null}. */
  Refusal refusal(String recipient, String recipientParam, long amount) {
    if (maxPerPayout != null && amount > maxPerPayout) {
      return new Refusal(
          "amount",
          "amount "
              + amount
              + " is above the most one payout may pay here (payouts.maxPerPayout = "
              + maxPerPayout
              + ")");
    }
    if (!allowList.isEmpty() && !allowList.contains(recipient)) {
      return new Refusal(
          recipientParam,
          recipientParam
              + " "
              + recipient
              + " is not on the recipient allow-list (payouts.allowList)");
    }
    return null;
  }
}
