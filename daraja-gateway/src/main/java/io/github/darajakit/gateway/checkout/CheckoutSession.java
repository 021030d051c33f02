package io.github.darajakit.gateway.checkout;

import io.github.darajakit.gateway.store.Ids;

/**
 * A checkout session, as stored: one order (or one visit to a payment link) the customer pays on
 * the hosted page, in as many attempts as it takes, one at a time.
 *
 * @param id {@code cs_…}
 * @param code the unguessable public code of its URL ({@code /pay/s/<code>})
 * @param status where it stands
 * @param paymentLinkId the link it was opened from, or {@code null}
 * @param amount whole KES, or {@code null} when the customer enters it within the limits
 * @param minAmount the least the customer may enter, when {@code amount} is null
 * @param maxAmount the most the customer may enter, when {@code amount} is null
 * @param reference the AccountReference of its prompts
 * @param description the TransactionDesc of its payments
 * @param successUrl where the page sends the customer once paid, or {@code null}
 * @param cancelUrl where the page sends a customer who gives up, or {@code null}
 * @param phone the phone number to prefill, {@code 2547…}, or {@code null}
 * @param metadata the merchant's JSON object, or {@code null}
 * @param expiresAt when it stops taking payments (epoch ms)
 * @param attempts payments started from it
 * @param paymentId the newest attempt's payment, or {@code null}
 * @param attemptOpen whether that payment is pending or unknown: no other may start meanwhile
 * @param receipt the M-Pesa receipt, once complete
 * @param completedAt when it completed (epoch ms), or {@code null}
 * @param openedAt when the customer's page first showed it (epoch ms), or {@code null}: the first
 *     step of the checkout funnel
 * @param createdAt epoch ms
 * @param updatedAt epoch ms
 */
public record CheckoutSession(
    String id,
    String code,
    CheckoutSessionStatus status,
    String paymentLinkId,
    Long amount,
    Long minAmount,
    Long maxAmount,
    String reference,
    String description,
    String successUrl,
    String cancelUrl,
    String phone,
    String metadata,
    long expiresAt,
    int attempts,
    String paymentId,
    boolean attemptOpen,
    String receipt,
    Long completedAt,
    Long openedAt,
    long createdAt,
    long updatedAt) {

  /**
   * A session just opened: a new id and public code, no attempt yet.
   *
   * @param paymentLinkId the link it is opened from, or {@code null}
   * @param terms what is paid: the amount (or limits), reference and description
   * @param expiresAt when it stops taking payments (epoch ms)
   */
  static CheckoutSession opened(
      String paymentLinkId,
      Terms terms,
      String successUrl,
      String cancelUrl,
      String phone,
      String metadata,
      long expiresAt,
      long now) {
    return new CheckoutSession(
        Ids.next("cs"),
        Ids.random(Checkout.CODE_LENGTH),
        CheckoutSessionStatus.OPEN,
        paymentLinkId,
        terms.amount(),
        terms.minAmount(),
        terms.maxAmount(),
        terms.reference(),
        terms.description(),
        successUrl,
        cancelUrl,
        phone,
        metadata,
        expiresAt,
        0, // attempts
        null, // paymentId
        false, // attemptOpen
        null, // receipt
        null, // completedAt
        paymentLinkId == null ? null : now, // a link's session is opened by its page
        now,
        now);
  }

  /** What is paid. */
  public Terms terms() {
    return new Terms(amount, minAmount, maxAmount, reference, description);
  }
}
