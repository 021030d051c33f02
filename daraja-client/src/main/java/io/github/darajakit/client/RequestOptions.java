package io.github.darajakit.client;

import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.internal.Check;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings for one call, without a second client or a second access token: how long it may take
 * and, where Daraja takes the caller's own id, which id to send. Immutable; build one per call or
 * keep one for many.
 *
 * <pre>{@code
 * InitiatorAcknowledgement ack = daraja.b2c().pay(request, RequestOptions.builder()
 *     .timeout(Duration.ofSeconds(5))
 *     .originatorConversationId("payout-7731")
 *     .build());
 * }</pre>
 *
 * <p>Money-moving calls keep every rule of the client: one that runs out of time after it may have
 * reached Daraja ends in {@link DarajaOutcomeUnknownException} carrying its ids, never in a retry.
 */
public final class RequestOptions {

  /** No per-call settings: the client's timeouts, and ids from the request or generated. */
  public static final RequestOptions DEFAULT = new RequestOptions(null, null);

  private final Duration timeout;
  private final String originatorConversationId;

  private RequestOptions(Duration timeout, String originatorConversationId) {
    this.timeout = timeout;
    this.originatorConversationId = originatorConversationId;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How long the whole call may take — getting an access token, any retries, and waiting for the
   * answer — or empty for the client's {@code readTimeout} per attempt and no overall limit.
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * The OriginatorConversationID to send, or empty to use the request's (or a generated one). Only
   * the APIs where Daraja takes the caller's id accept it: B2C v3 ({@code b2c().pay}) and Business
   * to Pochi ({@code b2c().payToPochi}).
   */
  public Optional<String> originatorConversationId() {
    return Optional.ofNullable(originatorConversationId);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RequestOptions that
        && Objects.equals(timeout, that.timeout)
        && Objects.equals(originatorConversationId, that.originatorConversationId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, originatorConversationId);
  }

  @Override
  public String toString() {
    return "RequestOptions[timeout="
        + timeout
        + ", originatorConversationId="
        + originatorConversationId
        + "]";
  }

  /** Builds {@link RequestOptions}; each setting is checked as it is set. */
  public static final class Builder {
    private Duration timeout;
    private String originatorConversationId;

    private Builder() {}

    /**
     * How long the whole call may take: getting a token, retries and the answer. When it runs out
     * the exchange in flight is aborted and the call ends in {@link DarajaOutcomeUnknownException}
     * if it moves money and may have been sent, else in {@link DarajaUnavailableException} (nothing
     * ran: safe to try again). Each attempt waits at most what remains of it, even beyond the
     * client's {@code readTimeout}.
     *
     * <p>Prefer this to {@code CompletableFuture.orTimeout}: the SDK's futures translate {@code
     * orTimeout} the same way, but a future derived from them (by {@code thenApply} and the like)
     * does not, and its {@link java.util.concurrent.TimeoutException} says nothing of the money.
     *
     * @throws DarajaValidationException if it is not positive
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new DarajaValidationException("timeout", "must be a positive duration");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The OriginatorConversationID to send: yours, unique per payment, stored before sending (1 to
     * {@value B2cPaymentRequest#MAX_ORIGINATOR_CONVERSATION_ID} characters, no whitespace). It is
     * on {@link DarajaOutcomeUnknownException#originatorConversationId()} if the answer is lost.
     * Accepted by B2C v3 and Business to Pochi, where Daraja takes the caller's id; other calls
     * refuse it with {@link DarajaValidationException}, because Daraja assigns their id itself.
     *
     * @throws DarajaValidationException if it is empty, too long or contains whitespace
     */
    public Builder originatorConversationId(String originatorConversationId) {
      Objects.requireNonNull(originatorConversationId, "originatorConversationId");
      this.originatorConversationId =
          Check.originatorConversationId(
              originatorConversationId, B2cPaymentRequest.MAX_ORIGINATOR_CONVERSATION_ID);
      return this;
    }

    /** The options. */
    public RequestOptions build() {
      return new RequestOptions(timeout, originatorConversationId);
    }
  }
}
