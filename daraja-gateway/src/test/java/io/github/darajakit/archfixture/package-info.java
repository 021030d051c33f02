/**
 * A miniature gateway that breaks every rule of {@code ArchitectureTest} once, so that the test can
 * show each rule fails when the structure it guards is broken: payments and payouts import each
 * other (a cycle), a payout service answers with an HTTP reply, reversals use payouts' web adapter
 * (another feature's internals) and payouts (not a declared dependency), and the callback intake
 * knows a feature.
 */
package io.github.darajakit.archfixture;
