/**
 * Lipa na Bonga (REFERENCE §16): what Safaricom Bonga points are worth, and paying a PayBill with
 * them. Sent through {@link io.github.darajakit.client.BongaService}.
 */
package io.github.darajakit.client.bonga;
