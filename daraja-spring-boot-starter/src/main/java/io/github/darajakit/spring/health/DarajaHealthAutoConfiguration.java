package io.github.darajakit.spring.health;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.spring.DarajaAutoConfiguration;
import io.github.darajakit.spring.DarajaProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A "daraja" health indicator when Actuator's health API is present, on either Boot line: Boot 4
 * moved it from {@code org.springframework.boot.actuate.health} to {@code
 * org.springframework.boot.health.contributor}, so one nested configuration per line, each switched
 * on by its own class. Turn it off with {@code daraja.health.enabled=false}.
 */
@AutoConfiguration(after = DarajaAutoConfiguration.class)
@ConditionalOnBean(DarajaClient.class)
@ConditionalOnProperty(prefix = "daraja.health", name = "enabled", matchIfMissing = true)
public class DarajaHealthAutoConfiguration {

  private static final String BOOT4_HEALTH =
      "org.springframework.boot.health.contributor.HealthIndicator";
  private static final String BOOT3_HEALTH =
      "org.springframework.boot.actuate.health.HealthIndicator";

  /** Creates the auto-configuration (Spring does). */
  public DarajaHealthAutoConfiguration() {}

  /** The cached check both indicators answer from. */
  @Bean
  @ConditionalOnMissingBean
  public DarajaHealthCheck darajaHealthCheck(DarajaClient client, DarajaProperties properties) {
    return new DarajaHealthCheck(client, properties.getHealth().getCacheTtl(), Clock.systemUTC());
  }

  /** Boot 4: the health contributor module is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = BOOT4_HEALTH)
  static class Boot4 {
    @Bean(name = "darajaHealthIndicator")
    @ConditionalOnMissingBean(name = "darajaHealthIndicator")
    Boot4DarajaHealthIndicator darajaHealthIndicator(DarajaHealthCheck check) {
      return new Boot4DarajaHealthIndicator(check);
    }
  }

  /** Boot 3: the actuator's health package is present (and Boot 4's module is not). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = BOOT3_HEALTH)
  @ConditionalOnMissingClass(BOOT4_HEALTH)
  static class Boot3 {
    @Bean(name = "darajaHealthIndicator")
    @ConditionalOnMissingBean(name = "darajaHealthIndicator")
    Boot3DarajaHealthIndicator darajaHealthIndicator(DarajaHealthCheck check) {
      return new Boot3DarajaHealthIndicator(check);
    }
  }
}
