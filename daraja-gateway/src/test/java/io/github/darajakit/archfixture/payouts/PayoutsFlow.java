package io.github.darajakit.archfixture.payouts;

/** Payouts' wiring: only the composition root may build it. */
public final class PayoutsFlow {}
