package io.github.darajakit.client.webhooks;

/**
 * A webhook failed verification: answer it with HTTP 400 (or 401) and do not act on it. {@link
 * #reason()} says why, for metrics and alerts; the message says it in words and never contains a
 * secret or the signature that would have been valid.
 *
 * <p>Not a {@code DarajaException}: Daraja is not involved, it is a request to your own endpoint
 * that could not be authenticated.
 */
public final class WebhookVerificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a webhook was refused. */
  public enum Reason {
    /** {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} is missing. */
    MISSING_HEADER,
    /** A header is present but unreadable (e.g. a timestamp that is not whole seconds). */
    MALFORMED_HEADER,
    /** The timestamp is older than the tolerance: a replay, or a very late delivery. */
    TIMESTAMP_TOO_OLD,
    /** The timestamp is further in the future than the tolerance: a clock problem or a forgery. */
    TIMESTAMP_TOO_NEW,
    /** No {@code v1} signature in the header: only other schemes (e.g. {@code v1a}) were sent. */
    NO_SUPPORTED_SIGNATURE,
    /** No {@code v1} signature matches any configured secret: tampered or wrongly signed. */
    SIGNATURE_MISMATCH
  }

  private final Reason reason;

  WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Why the webhook was refused. */
  public Reason reason() {
    return reason;
  }
}
