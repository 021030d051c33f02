package io.github.darajakit.client;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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
   * The SDK failure inside what a {@code …Async} future failed with. Such a future fails with a
   * {@link CompletionException} (to {@code join()} and to dependent stages such as {@code
   * whenComplete}) or an {@link ExecutionException} (to {@code get()}), whose cause is the {@link
   * DarajaException} the synchronous call would have thrown; this looks through those wrappers.
   *
   * <pre>{@code
   * daraja.b2c().payAsync(request).whenComplete((ack, failure) -> {
   *   if (failure != null) {
   *     DarajaException.unwrap(failure).ifPresentOrElse(
   *         e -> { if (e.moneyMayHaveMoved()) payouts.markUnknown(payoutId); },
   *         () -> payouts.markUnknown(payoutId));   // not the SDK's: assume the worst
   *   }
   * });
   * }</pre>
   *
   * @return the {@link DarajaException}, or empty if {@code failure} is something else (a bug, a
   *     rejected task, a cancellation)
   */
  public static Optional<DarajaException> unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof CompletionException || current instanceof ExecutionException) {
      current = current.getCause();
    }
    return current instanceof DarajaException daraja ? Optional.of(daraja) : Optional.empty();
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
