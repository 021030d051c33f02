package io.github.darajakit.gateway.callbacks;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Turns one stored callback of a kind into a change, inside the transaction that stores it (so the
 * change and the callback commit together, or neither does). A callback is evidence, not truth: a
 * handler applies it only if it names something we sent and agrees with it, and otherwise says why
 * in its {@link Verdict}.
 */
@FunctionalInterface
public interface CallbackHandler {

  /**
   * Applies the callback in the caller's transaction; never commits. Throws only for our own
   * failures (the callback is then kept with an {@code ERROR} verdict).
   */
  Verdict apply(Connection c, Received received) throws SQLException;

  /** A handler that keeps a callback without reading it, saying why. */
  static CallbackHandler keep(String why) {
    return (c, received) -> Verdict.of(Verdict.Outcome.RECORDED, why, null, null);
  }
}
