package io.github.darajakit.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Masks DarajaKit's secrets in Actuator's endpoints when Actuator is present. */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
public class DarajaActuatorAutoConfiguration {

  /** Creates the auto-configuration (Spring does). */
  public DarajaActuatorAutoConfiguration() {}

  /** The sanitizer; Actuator applies every such bean. */
  @Bean
  public DarajaSecretsSanitizer darajaSecretsSanitizer() {
    return new DarajaSecretsSanitizer();
  }
}
