package io.github.darajakit.emulator;

/** A configuration value the emulator cannot use; the message names the key and the fix. */
public final class EmulatorConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** A problem with one configuration key. */
  public EmulatorConfigException(String message) {
    super(message);
  }

  /** A problem with one configuration key, caused by a lower-level failure. */
  public EmulatorConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
