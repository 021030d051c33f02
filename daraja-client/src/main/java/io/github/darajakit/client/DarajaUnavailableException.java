package io.github.darajakit.client;

/**
 * Daraja could not be reached, timed out, or kept failing with server errors, after the allowed
 * retries, on a request that cannot move money (OAuth, queries, registrations); or a call was
 * abandoned (its {@link RequestOptions.Builder#timeout timeout}, a cancelled future, an interrupt)
 * before it was sent. Nothing moved: try again later.
 */
public final class DarajaUnavailableException extends DarajaException {

  private static final long serialVersionUID = 1L;

  /** Daraja is unavailable; {@code cause} is the last failure. */
  public DarajaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Only requests that move no money, or were never sent, end here: a money-moving one whose answer
   * is lost is a {@link DarajaOutcomeUnknownException}.
   */
  @Override
  public boolean moneyMayHaveMoved() {
    return false;
  }
}
