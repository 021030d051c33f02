package io.github.darajakit.spring.metrics;

import io.github.darajakit.spring.DarajaAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * {@link DarajaMetrics} as a listener bean, when Micrometer is on the classpath and {@code
 * daraja.metrics.enabled} is not false. The registry is looked up lazily, so this works whether or
 * not Actuator's metrics configuration made one.
 */
@AutoConfiguration(before = DarajaAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(prefix = "daraja.metrics", name = "enabled", matchIfMissing = true)
public class DarajaMetricsAutoConfiguration {

  /** Creates the auto-configuration (Spring does). */
  public DarajaMetricsAutoConfiguration() {}

  /** The meters. */
  @Bean
  @ConditionalOnMissingBean
  public DarajaMetrics darajaMetrics(ObjectProvider<MeterRegistry> registry) {
    return new DarajaMetrics(registry::getIfAvailable);
  }
}
