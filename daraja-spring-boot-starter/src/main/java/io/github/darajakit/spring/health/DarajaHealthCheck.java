package io.github.darajakit.spring.health;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the client can get an access token from Daraja, asked at most once per time to live:
 * health probes every few seconds must not become OAuth requests every few seconds (Daraja rate
 * limits them). The same answer serves Boot 3's and Boot 4's health indicators.
 *
 * <p>Thread-safe: concurrent probes share one check.
 */
public final class DarajaHealthCheck {

  private final DarajaClient client;
  private final Duration timeToLive;
  private final Clock clock;
  private Result last;
  private Instant lastCheckedAt;

  /**
   * A check of this client.
   *
   * @param timeToLive how long one answer is reused
   * @param clock tells when an answer is too old
   */
  public DarajaHealthCheck(DarajaClient client, Duration timeToLive, Clock clock) {
    this.client = client;
    this.timeToLive = timeToLive;
    this.clock = clock;
  }

  /**
   * One check's answer.
   *
   * @param up whether a token was obtained
   * @param details what a health endpoint may show: the environment, the base URL, when the check
   *     ran and, when down, why (the SDK's messages carry no secrets)
   */
  public record Result(boolean up, Map<String, Object> details) {}

  /** The last answer while it is fresh, else a new one. */
  public synchronized Result check() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(lastCheckedAt.plus(timeToLive))) {
      return last;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("environment", client.environment().name());
    details.put("baseUrl", client.environment().baseUrl().toString());
    details.put("checkedAt", now.toString());
    boolean up;
    try {
      // The SDK keeps a valid token until shortly before it expires, so most checks send nothing.
      client.authenticate();
      up = true;
    } catch (DarajaException e) {
      up = false;
      details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    last = new Result(up, Collections.unmodifiableMap(details));
    lastCheckedAt = now;
    return last;
  }
}
