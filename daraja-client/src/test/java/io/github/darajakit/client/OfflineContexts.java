package io.github.darajakit.client;

import io.github.darajakit.client.internal.ClientContext;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Client contexts without a transport, for unit tests that check what a service would send: the
 * path, the kind, the exact body and the reconciliation identifiers.
 */
final class OfflineContexts {

  static final String CREDENTIAL = "Q1JFREVOVElBTA==";

  private OfflineContexts() {}

  /** A sandbox context with shortcode 600992 and initiator {@code testapi}. */
  static ClientContext sandbox() {
    return context(Environment.SANDBOX, "600992", "testapi", CREDENTIAL);
  }

  /** The same in production, where callback URLs must be https. */
  static ClientContext production() {
    return context(Environment.PRODUCTION, "600992", "testapi", CREDENTIAL);
  }

  /** A context with no default shortcode and no initiator. */
  static ClientContext bare() {
    return context(Environment.SANDBOX, null, null, null);
  }

  private static ClientContext context(
      Environment environment, String shortCode, String initiator, String credential) {
    return new ClientContext(
        null,
        environment,
        shortCode,
        null,
        initiator,
        credential,
        Clock.systemUTC(),
        ZoneId.of("Africa/Nairobi"),
        Runnable::run);
  }
}
