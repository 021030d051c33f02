package io.github.darajakit.client.callbacks;

import java.math.BigDecimal;

/**
 * One account of a shortcode, from Daraja's pipe format {@code Working
 * Account|KES|700000.00|700000.00|0.00|0.00} (REFERENCE §10).
 *
 * @param name the account's alias, e.g. {@code Working Account}, {@code Utility Account}
 * @param currency e.g. {@code KES}
 * @param current the current balance (may be negative: {@code Charges Paid Account})
 * @param available the available balance
 * @param reserved the reserved balance
 * @param unclear the uncleared balance
 */
public record Account(
    String name,
    String currency,
    BigDecimal current,
    BigDecimal available,
    BigDecimal reserved,
    BigDecimal unclear) {}
