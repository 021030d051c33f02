package io.github.darajakit.client;

/**
 * The root of every failure the SDK reports. Unchecked and sealed: a {@code switch} over the
 * subtypes is exhaustive, and each says plainly what happened and what to do.
 *
 * <ul>
 *   <li>{@link DarajaValidationException}: the request was refused before any network call.
 *   <li>{@link DarajaApiException}: Daraja answered with an error (HTTP status, errorCode,
 *       errorMessage, requestId).
 *   <li>{@link DarajaAuthenticationException}: the consumer key/secret were refused.
 *   <li>{@link DarajaRateLimitException}: SpikeArrest or quota, after the allowed retries.
 *   <li>{@link DarajaUnavailableException}: Daraja could not be reached or kept failing, and the
 *       request was not one that can move money.
 *   <li>{@link DarajaOutcomeUnknownException}: a money-moving request may have reached Daraja and
 *       its answer was lost. <b>Never send it under a new id</b> without proof that it failed: see
 *       {@link DarajaOutcomeUnknownException#RECOVERY}.
 *   <li>{@link DarajaCallbackParseException}: a callback body could not be understood.
 * </ul>
 */
public abstract sealed class DarajaException extends RuntimeException
    permits DarajaValidationException,
        DarajaApiException,
        DarajaAuthenticationException,
        DarajaRateLimitException,
        DarajaUnavailableException,
        DarajaOutcomeUnknownException,
        DarajaCallbackParseException {

  private static final long serialVersionUID = 1L;

  DarajaException(String message, Throwable cause) {
    super(message, cause);
  }
}
