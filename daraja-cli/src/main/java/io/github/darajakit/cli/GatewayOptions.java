package io.github.darajakit.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a running gateway is and the key to its merchant API: {@code --gateway} (or {@code
 * DARAJA_GATEWAY_URL}, else the gateway's default address) and {@code DARAJA_API_KEY}. The key is
 * read only from the environment, so it stays out of shell history and process lists.
 */
final class GatewayOptions {

  /** Where {@code ./daraja gateway} listens by default. */
  static final String DEFAULT_URL = "http://127.0.0.1:8080";

  private final Map<String, String> env;

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      description =
          "The running gateway (default: DARAJA_GATEWAY_URL, else "
              + DEFAULT_URL
              + "); its API key in DARAJA_API_KEY.")
  String url;

  GatewayOptions(Map<String, String> env) {
    this.env = env;
  }

  /** With the process's environment (picocli's default factory uses this). */
  GatewayOptions() {
    this(System.getenv());
  }

  /** The merchant API of the gateway these options name. */
  PayoutsCommand.Gateway connect() {
    String key = env.get("DARAJA_API_KEY");
    if (key == null || key.isBlank()) {
      throw new UsageException(
          "set DARAJA_API_KEY to the gateway's API key (the one it printed when it first started)");
    }
    String address = url != null ? url : env.getOrDefault("DARAJA_GATEWAY_URL", DEFAULT_URL);
    if (!address.startsWith("http://") && !address.startsWith("https://")) {
      throw new UsageException("--gateway must be an http(s) address; got '" + address + "'");
    }
    // DARAJA_API_KEY may list several keys, as the gateway reads it: the first one speaks.
    return PayoutsCommand.Gateway.remote(address, key.split(",")[0].trim());
  }
}
