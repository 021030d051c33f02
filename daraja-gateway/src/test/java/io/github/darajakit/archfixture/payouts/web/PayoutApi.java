package io.github.darajakit.archfixture.payouts.web;

import io.github.darajakit.archfixture.http.Reply;

/** Payouts' web adapter: allowed to speak HTTP, but no other feature may use it. */
public final class PayoutApi {

  /** An HTTP answer. */
  public Reply get() {
    return new Reply(200);
  }
}
