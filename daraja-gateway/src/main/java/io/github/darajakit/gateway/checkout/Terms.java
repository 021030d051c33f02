package io.github.darajakit.gateway.checkout;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a link or session asks the customer to pay: a fixed amount, or limits for one the customer
 * enters, and what the prompt shows.
 *
 * @param amount whole KES, or {@code null} when the customer enters the amount
 * @param minAmount the least the customer may enter, when {@code amount} is null
 * @param maxAmount the most the customer may enter, when {@code amount} is null
 * @param reference the AccountReference of the prompt
 * @param description the TransactionDesc of the payment
 */
public record Terms(
    Long amount, Long minAmount, Long maxAmount, String reference, String description) {

  /** Writes these terms into an answer, as every view of a link or session shows them. */
  public ObjectNode into(ObjectNode node) {
    return node.put("amount", amount)
        .put("min_amount", minAmount)
        .put("max_amount", maxAmount)
        .put("currency", "KES")
        .put("reference", reference)
        .put("description", description);
  }
}
