package io.github.darajakit.gateway.checkout;

/**
 * A payment link, as stored: a public URL anyone can pay through, a fixed amount or one the
 * customer enters within limits.
 *
 * @param id {@code plink_…}
 * @param code the unguessable public code of its URL ({@code /pay/<code>})
 * @param deactivated whether its creator deactivated it
 * @param amount the fixed amount in whole KES, or {@code null} when the customer enters one
 * @param minAmount the least a customer may enter (when {@code amount} is null)
 * @param maxAmount the most a customer may enter (when {@code amount} is null)
 * @param reference the AccountReference of its payments' prompts
 * @param description the TransactionDesc of its payments
 * @param expiresAt when it stops taking payments (epoch ms), or {@code null}
 * @param maxUses how many payments it takes (1 for a one-off invoice), or {@code null} for no limit
 * @param uses payments that succeeded through it
 * @param pendingUses payments through it whose outcome is not yet final
 * @param paymentsCount payments started through it
 * @param paidAmount the sum of its succeeded payments
 * @param metadata the merchant's JSON object, or {@code null}
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 */
public record PaymentLink(
    String id,
    String code,
    boolean deactivated,
    Long amount,
    Long minAmount,
    Long maxAmount,
    String reference,
    String description,
    Long expiresAt,
    Integer maxUses,
    int uses,
    int pendingUses,
    int paymentsCount,
    long paidAmount,
    String metadata,
    long createdAt,
    long updatedAt) {

  /** What is paid through it. */
  public Terms terms() {
    return new Terms(amount, minAmount, maxAmount, reference, description);
  }
}
