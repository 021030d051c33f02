package io.github.darajakit.client;

import java.time.Duration;
import java.util.Objects;

/**
 * An OAuth access token (REFERENCE §3), as {@link DarajaAnswers#oauthToken(int, String)} reads it.
 *
 * @param value the bearer token: send it as {@code Authorization: Bearer <value>}; never logged
 * @param expiresIn how long it lives from the moment it was issued: Daraja's {@code expires_in},
 *     sent as {@code "3599"} or {@code 3599}; 3599 seconds when it is missing or unreadable
 */
public record AccessToken(String value, Duration expiresIn) {

  /** Checks both are present. */
  public AccessToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiresIn, "expiresIn");
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "AccessToken[***, expiresIn=" + expiresIn + "]";
  }
}
