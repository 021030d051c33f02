package io.github.darajakit.client;

/**
 * A callback body that is not one of Daraja's callback shapes. Keeps the raw body so it can be
 * stored and examined; acknowledge such callbacks anyway and keep them for review.
 */
public final class DarajaCallbackParseException extends DarajaException {

  private static final long serialVersionUID = 1L;

  private final String rawBody;

  /** A parse failure of {@code rawBody}. */
  public DarajaCallbackParseException(String message, String rawBody, Throwable cause) {
    super(message, cause);
    this.rawBody = rawBody;
  }

  /** The body exactly as received. */
  public String rawBody() {
    return rawBody;
  }

  /**
   * The unreadable body may report a payment: keep {@link #rawBody()} and look the transaction up.
   */
  @Override
  public boolean moneyMayHaveMoved() {
    return true;
  }
}
