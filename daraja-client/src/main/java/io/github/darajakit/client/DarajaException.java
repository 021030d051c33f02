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

  /**
   * Whether money may have moved despite this failure: the one question to ask before anything
   * else. {@code true} for {@link DarajaOutcomeUnknownException} (a money-moving request that may
   * have reached Daraja), for a {@link DarajaApiException#isDuplicateRequest() duplicate refusal}
   * (an earlier request with the same id reached Daraja) and for a {@link
   * DarajaCallbackParseException} (the unreadable callback may report a payment); {@code false}
   * where the failure proves nothing ran: validation, authentication, rate limits, refusals, and
   * unavailability (which only requests that move no money end in).
   *
   * <pre>{@code
   * } catch (DarajaException e) {
   *   if (e.moneyMayHaveMoved()) {
   *     payouts.markUnknown(payoutId);   // reconcile by its id; never send it under a new one
   *   } else {
   *     payouts.markFailed(payoutId);    // nothing ran: fix the cause, then a new request may follow
   *   }
   * }
   * }</pre>
   */
  public abstract boolean moneyMayHaveMoved();
}
