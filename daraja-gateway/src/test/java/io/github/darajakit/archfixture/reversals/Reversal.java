package io.github.darajakit.archfixture.reversals;

import io.github.darajakit.archfixture.payouts.Payout;
import io.github.darajakit.archfixture.payouts.PayoutsFlow;
import io.github.darajakit.archfixture.payouts.web.PayoutApi;

/** Uses another feature's web adapter and wiring, and a feature it does not declare. */
public record Reversal(PayoutApi api, PayoutsFlow wiring, Payout payout) {}
