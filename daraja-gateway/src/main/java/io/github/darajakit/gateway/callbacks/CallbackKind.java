package io.github.darajakit.gateway.callbacks;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What Daraja is calling the gateway about, told by the path it calls. Each money flow declares the
 * kinds it is sent (and registers a {@link CallbackHandler} for each in {@link CallbackRoutes});
 * the callback intake knows only this shape.
 *
 * @param name the name stored with every callback of this kind (upper case, e.g. {@code
 *     B2C_RESULT}); never changes once callbacks were stored under it
 * @param path the path after {@code /daraja/{secret}/}, e.g. {@code b2c/result}
 */
public record CallbackKind(String name, String path) {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern PATH = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*");

  public CallbackKind {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a callback kind's name is like B2C_RESULT: " + name);
    }
    if (!PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("a callback kind's path is like b2c/result: " + path);
    }
  }

  /** Results of initiator APIs no flow reads; kept. */
  public static final CallbackKind RESULT = new CallbackKind("RESULT", "result");

  /**
   * Requests that timed out in Daraja's queue, for the APIs whose flows do not read them (balance,
   * Transaction Status questions): kept.
   */
  public static final CallbackKind QUEUE_TIMEOUT = new CallbackKind("QUEUE_TIMEOUT", "timeout");
}
