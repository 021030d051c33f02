package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.ResultCodes;

/**
 * A result whose API {@link DarajaCallbacks#parse(String)} could not tell, typically a failure with
 * no parameters. Every field is still here ({@link #parameters()} keeps them all as text). Its
 * {@link #resultCode()} is generic: {@code 0} is success, anything else a failure of unknown
 * meaning. If you know the API (from the URL it arrived on), {@link
 * DarajaCallbacks#parseResult(String, ResultCodes.Family)} gives the typed result.
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
