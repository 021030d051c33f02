package io.github.darajakit.gateway.callbacks;

import java.util.Optional;

/** What Daraja is calling the gateway about, by the path it calls. */
public enum CallbackKind {
  STK("stk"),
  C2B_VALIDATION("c2b/validation"),
  C2B_CONFIRMATION("c2b/confirmation"),
  RESULT("result"),
  QUEUE_TIMEOUT("timeout"),
  /** Pull Transactions' registration callback (its payload is undocumented): kept, not read. */
  PULL("pull");

  private final String path;

  CallbackKind(String path) {
    this.path = path;
  }

  /** The path after {@code /daraja/{secret}/}. */
  public String path() {
    return path;
  }

  /** The kind served at this path, if any. */
  public static Optional<CallbackKind> forPath(String path) {
    for (CallbackKind kind : values()) {
      if (kind.path.equals(path)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
