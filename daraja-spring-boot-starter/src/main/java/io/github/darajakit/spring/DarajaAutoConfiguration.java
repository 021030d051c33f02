package io.github.darajakit.spring;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.events.DarajaEventListener;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A {@link DarajaClient} bean built from {@link DarajaProperties} ({@code daraja.*}), each unset
 * setting falling back to its {@code MPESA_*} environment variable. Every {@link
 * DarajaEventListener} bean observes the client (the Micrometer one among them). Declare your own
 * {@code DarajaClient} bean to take over.
 */
@AutoConfiguration
@EnableConfigurationProperties(DarajaProperties.class)
public class DarajaAutoConfiguration {

  /** Creates the auto-configuration (Spring does). */
  public DarajaAutoConfiguration() {}

  /**
   * The client; Spring closes it with the context.
   *
   * @throws io.github.darajakit.client.DarajaValidationException naming the setting at fault
   */
  @Bean
  @ConditionalOnMissingBean
  public DarajaClient darajaClient(
      DarajaProperties properties,
      Environment environment,
      ObjectProvider<DarajaEventListener> listeners) {
    return DarajaClientFactory.create(
        properties, environment, listeners.orderedStream().collect(Collectors.toList()));
  }
}
