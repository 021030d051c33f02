package io.github.darajakit.client.stk;

import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;

/**
 * Where an STK push stands. While the customer has not answered, {@link #outcome()} is {@link
 * Outcome#PENDING} — whether Daraja said so with ResultCode 4999 or with HTTP 500 "The transaction
 * is being processed".
 *
 * @param checkoutRequestId the push queried
 * @param merchantRequestId its MerchantRequestID, or {@code ""} when pending in the legacy style
 * @param resultCode the ResultCode with its meaning
 * @param resultDesc Daraja's ResultDesc (or the pending message)
 * @param rawJson the answer as received
 */
public record StkQueryResult(
    String checkoutRequestId,
    String merchantRequestId,
    ResultCode resultCode,
    String resultDesc,
    String rawJson) {

  /** What it means for the money. */
  public Outcome outcome() {
    return resultCode.outcome();
  }

  /** True while the customer may still answer. */
  public boolean isPending() {
    return resultCode.outcome() == Outcome.PENDING;
  }

  /** True if the customer paid. */
  public boolean isPaid() {
    return resultCode.outcome() == Outcome.SUCCESS;
  }
}
