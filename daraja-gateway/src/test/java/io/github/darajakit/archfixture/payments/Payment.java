package io.github.darajakit.archfixture.payments;

import io.github.darajakit.archfixture.payouts.Payout;

/** A payment that knows payouts: one half of a cycle. */
public record Payment(String id, Payout refund) {}
