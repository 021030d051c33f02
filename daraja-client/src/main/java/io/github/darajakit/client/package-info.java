/**
 * The DarajaKit SDK: a typed, validated, money-safe client for Safaricom's M-Pesa Daraja API.
 *
 * <p>Start with {@link io.github.darajakit.client.DarajaClient}. Each API family is a service on it
 * ({@code stk()}, {@code c2b()}, {@code b2c()}, {@code b2b()}, {@code tax()}, {@code
 * transactions()}, {@code account()}, {@code qr()}, {@code pull()}, {@code ratiba()}); requests are
 * validated records built in the feature packages; every failure is a {@link
 * io.github.darajakit.client.DarajaException}. Callbacks are parsed by {@code
 * io.github.darajakit.client.callbacks.DarajaCallbacks}. Nothing under {@code .internal} is API.
 */
package io.github.darajakit.client;
