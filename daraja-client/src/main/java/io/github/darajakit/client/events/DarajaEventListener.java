package io.github.darajakit.client.events;

import java.time.Duration;

/**
 * Observes what the client does, without a dependency on any metrics library: bind it to
 * Micrometer, logs or tests. Every method has a no-op default; implementations must be fast and
 * thread-safe, and must not throw (exceptions are caught and ignored).
 *
 * <p>Events never carry secrets: no tokens, keys, passwords, credentials or full MSISDNs.
 */
public interface DarajaEventListener {

  /** A listener that does nothing. */
  DarajaEventListener NONE = new DarajaEventListener() {};

  /**
   * A request is about to be sent.
   *
   * @param operation e.g. {@code stk.push}
   * @param path the Daraja path
   * @param attempt 1 for the first try
   */
  default void requestStarted(String operation, String path, int attempt) {}

  /**
   * A request got an HTTP answer.
   *
   * @param operation e.g. {@code stk.push}
   * @param httpStatus the status
   * @param errorCode Daraja's error code, or {@code ""}
   * @param elapsed time from sending to the full answer
   */
  default void requestFinished(
      String operation, int httpStatus, String errorCode, Duration elapsed) {}

  /**
   * The client decided to try a request again, and why (connect failure, SpikeArrest, a server
   * error on a query, a refused token).
   */
  default void retryScheduled(String operation, int nextAttempt, Duration delay, String reason) {}

  /**
   * The client decided not to retry, and why (for money-moving calls: "may have reached Daraja").
   */
  default void retryRefused(String operation, String reason) {}

  /** A new access token was obtained; {@code expiresIn} is what Daraja granted. */
  default void tokenRefreshed(Duration expiresIn) {}

  /** A request failed for good; {@code failure} is the exception about to be thrown. */
  default void requestFailed(String operation, RuntimeException failure) {}
}
