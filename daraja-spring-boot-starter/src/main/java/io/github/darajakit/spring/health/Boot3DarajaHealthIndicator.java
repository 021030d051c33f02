package io.github.darajakit.spring.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The "daraja" health indicator on Spring Boot 3 (whose health API is in its actuator jar). */
public final class Boot3DarajaHealthIndicator implements HealthIndicator {

  private final DarajaHealthCheck check;

  /** An indicator answering from this check. */
  public Boot3DarajaHealthIndicator(DarajaHealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    DarajaHealthCheck.Result result = check.check();
    return (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
  }
}
