package io.github.darajakit.archfixture.reversals;

import io.github.darajakit.archfixture.payouts.Payout;
import io.github.darajakit.archfixture.payouts.web.PayoutApi;

/** Uses another feature's web adapter, and a feature it does not declare. */
public record Reversal(PayoutApi api, Payout payout) {}
