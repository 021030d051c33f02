/**
 * The DarajaKit SDK: a typed, validated, money-safe client for Safaricom's M-Pesa Daraja API.
 *
 * <p>The client itself arrives with its own issue; the module exists now so the build, the
 * dependency rules (Jackson and SLF4J only) and the release layout are in place from the start.
 */
package io.github.darajakit.client;
