package io.github.darajakit.archfixture.payouts;

import io.github.darajakit.archfixture.http.Reply;
import io.github.darajakit.archfixture.payments.Payment;

/** A payout that knows payments (the other half of the cycle) and answers in HTTP. */
public record Payout(String id, Payment source) {

  /** Domain code speaking HTTP. */
  public Reply reply() {
    return new Reply(200);
  }
}
