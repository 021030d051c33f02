package io.github.darajakit.spring.callbacks;

import java.util.Objects;

/**
 * A body the SDK could not read as any Daraja callback. It was stored and answered with 200 (a
 * Daraja-facing endpoint never answers a bad body with an error: nothing would resend it better);
 * review it from the store.
 *
 * @param received the stored body and its id
 * @param reason what was wrong, as the SDK's parser says it (it never quotes the body)
 */
public record UnreadableCallbackReceived(ReceivedCallback received, String reason) {

  /** Checks that nothing is missing. */
  public UnreadableCallbackReceived {
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(reason, "reason");
  }
}
