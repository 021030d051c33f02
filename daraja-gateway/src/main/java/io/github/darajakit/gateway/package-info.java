/**
 * The DarajaKit gateway: the payments service a merchant runs beside their application.
 *
 * <p>It is built by its own issues; the module exists now so that the dependency direction ({@code
 * cli → gateway → client}) is fixed by the build from the first commit.
 */
package io.github.darajakit.gateway;
