package io.github.darajakit.client;

/**
 * Daraja kept answering SpikeArrest ({@code 500.003.02}), quota ({@code 500.003.03}) or HTTP 429
 * after the allowed retries. The request was rejected at the gateway: nothing moved, and it is safe
 * to send again later at a lower rate.
 */
public final class DarajaRateLimitException extends DarajaException {

  private static final long serialVersionUID = 1L;

  private final String errorCode;

  /** A rate-limit rejection. */
  public DarajaRateLimitException(String errorCode, String message) {
    super(message, null);
    this.errorCode = errorCode;
  }

  /** {@code 500.003.02}, {@code 500.003.03} or {@code 429}. */
  public String errorCode() {
    return errorCode;
  }

  /** Refused at Daraja's gateway before the API ran. */
  @Override
  public boolean moneyMayHaveMoved() {
    return false;
  }
}
