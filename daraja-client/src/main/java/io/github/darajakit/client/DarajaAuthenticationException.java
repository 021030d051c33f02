package io.github.darajakit.client;

/**
 * Daraja refused the consumer key and secret (OAuth {@code 400.008.01}/{@code 400.008.02}, or an
 * empty 400 from production OAuth with sandbox keys). Check the keys and the environment.
 */
public final class DarajaAuthenticationException extends DarajaException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String errorCode;

  /** An authentication failure. */
  public DarajaAuthenticationException(int httpStatus, String errorCode, String message) {
    super(message, null);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The HTTP status Daraja answered with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Daraja's code ({@code 400.008.01}…) or {@code ""}. */
  public String errorCode() {
    return errorCode;
  }

  /** OAuth refused the keys: no request reached an API. */
  @Override
  public boolean moneyMayHaveMoved() {
    return false;
  }
}
