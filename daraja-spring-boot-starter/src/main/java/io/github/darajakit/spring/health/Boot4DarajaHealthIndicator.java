package io.github.darajakit.spring.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The "daraja" health indicator on Spring Boot 4 (whose health API has its own module). */
public final class Boot4DarajaHealthIndicator implements HealthIndicator {

  private final DarajaHealthCheck check;

  /** An indicator answering from this check. */
  public Boot4DarajaHealthIndicator(DarajaHealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    DarajaHealthCheck.Result result = check.check();
    return (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
  }
}
