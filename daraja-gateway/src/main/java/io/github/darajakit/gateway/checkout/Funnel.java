package io.github.darajakit.gateway.checkout;

/**
 * How far checkout sessions got: each step counts the sessions that reached it.
 *
 * @param created sessions created (by a shop, or by a link's page for a visitor)
 * @param opened sessions whose page the customer opened
 * @param prompted sessions with at least one STK prompt sent
 * @param paid sessions paid
 * @param paidAmount what the paid sessions brought in, whole KES
 */
public record Funnel(long created, long opened, long prompted, long paid, long paidAmount) {}
