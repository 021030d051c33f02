package io.github.darajakit.spring.callbacks;

import io.github.darajakit.spring.DarajaProperties;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.RestController;

/**
 * The callback endpoint, when {@code daraja.callbacks.enabled=true} in a servlet web application.
 * It needs a {@link DarajaCallbackStore} bean; without one, a {@link JdbcDarajaCallbackStore} on
 * the application's {@link DataSource} (creating its table unless {@code
 * daraja.callbacks.initialize-schema=false}).
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RestController.class)
@ConditionalOnProperty(prefix = "daraja.callbacks", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(DarajaProperties.class)
public class DarajaCallbacksAutoConfiguration {

  private static final int MIN_SECRET = 16;

  /** Creates the auto-configuration (Spring does). */
  public DarajaCallbacksAutoConfiguration() {}

  /** The JDBC store, when the application has a DataSource and no store of its own. */
  @Bean
  @ConditionalOnMissingBean(DarajaCallbackStore.class)
  @ConditionalOnBean(DataSource.class)
  public JdbcDarajaCallbackStore jdbcDarajaCallbackStore(
      DataSource dataSource, DarajaProperties properties) {
    JdbcDarajaCallbackStore store = new JdbcDarajaCallbackStore(dataSource);
    if (properties.getCallbacks().isInitializeSchema()) {
      store.createTableIfMissing();
    }
    return store;
  }

  /** The store-read-publish-answer sequence. */
  @Bean
  @ConditionalOnMissingBean
  public DarajaCallbackReceiver darajaCallbackReceiver(
      ObjectProvider<DarajaCallbackStore> store, ApplicationEventPublisher events) {
    DarajaCallbackStore chosen = store.getIfUnique();
    if (chosen == null) {
      throw new IllegalStateException(
          "daraja.callbacks.enabled=true needs one DarajaCallbackStore bean (or a DataSource, for"
              + " JdbcDarajaCallbackStore): the endpoint stores every body before answering");
    }
    return new DarajaCallbackReceiver(chosen, events, Clock.systemUTC());
  }

  /** The endpoint. */
  @Bean
  @ConditionalOnMissingBean
  public DarajaCallbackController darajaCallbackController(
      DarajaCallbackReceiver receiver, DarajaProperties properties) {
    String secret = properties.getCallbacks().getSecret();
    if (secret == null || secret.length() < MIN_SECRET || !secret.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalStateException(
          "daraja.callbacks.secret must be at least "
              + MIN_SECRET
              + " letters, digits, '-' or '_': Daraja's callbacks are not signed, so an"
              + " unguessable path is what keeps others from posting fake payments");
    }
    return new DarajaCallbackController(receiver, secret);
  }

  /** The URLs to give Daraja. */
  @Bean
  @ConditionalOnMissingBean
  public DarajaCallbackUrls darajaCallbackUrls(Environment environment) {
    return new DarajaCallbackUrls(environment);
  }
}
