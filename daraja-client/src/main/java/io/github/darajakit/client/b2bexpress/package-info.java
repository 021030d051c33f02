/**
 * B2B Express Checkout (REFERENCE §8): a USSD prompt that asks a till's operator to pay a PayBill.
 * Sent with {@code client.b2bExpress()}; its callback is read by {@code
 * DarajaCallbacks.parseB2bExpressCheckoutCallback}.
 */
package io.github.darajakit.client.b2bexpress;
