package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.ResultCodes;

/**
 * A result whose API {@link DarajaCallbacks#parse(String)} could not tell, typically a failure with
 * no parameters. Every field is still here ({@link #parameters()} keeps them all as text). Its
 * {@link #resultCode()} is generic: {@code 0} is success; anything else is of unknown meaning and
 * {@link io.github.darajakit.client.Outcome#PENDING}, because the same code can be a failed payment
 * or a Transaction Status "not found (yet)", which proves nothing. If you know the API (from the
 * URL it arrived on), {@link DarajaCallbacks#parseResult(String, ResultCodes.Family)} gives the
 * typed result.
 *
 * @param envelope the common fields
 */
public record UnknownResult(ResultEnvelope envelope) implements DarajaResult {

  /** The identifiers only. */
  @Override
  public String toString() {
    return "UnknownResult[" + envelope + "]";
  }
}
