package io.github.darajakit.archfixture.callbacks;

import io.github.darajakit.archfixture.payments.Payment;

/** A shared part that knows a feature. */
public record Intake(Payment payment) {}
