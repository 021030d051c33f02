package io.github.darajakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.spring.callbacks.DarajaCallbacksAutoConfiguration;
import io.github.darajakit.spring.health.DarajaHealthAutoConfiguration;
import io.github.darajakit.spring.metrics.DarajaMetrics;
import io.github.darajakit.spring.metrics.DarajaMetricsAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/** The client bean and its settings, without any server: fast, one small context per case. */
class DarajaStarterAutoConfigurationTest {

  static final String SECRET = "s3cr3t-consumer-DO-NOT-SHOW";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DarajaAutoConfiguration.class,
                  DarajaActuatorAutoConfiguration.class,
                  DarajaMetricsAutoConfiguration.class,
                  DarajaHealthAutoConfiguration.class,
                  DarajaCallbacksAutoConfiguration.class));

  @Test
  void darajaPropertiesBuildTheClient() {
    runner
        .withPropertyValues(
            "daraja.env=emulator",
            "daraja.base-url=http://127.0.0.1:18090",
            "daraja.consumer-key=key",
            "daraja.consumer-secret=" + SECRET,
            "daraja.short-code=600992",
            "daraja.read-timeout=5s",
            "daraja.max-retries=0")
        .run(
            context -> {
              DarajaClient client = context.getBean(DarajaClient.class);
              assertThat(client.environment().baseUrl()).hasToString("http://127.0.0.1:18090");
              assertThat(client.shortCode()).isEqualTo("600992");
            });
  }

  @Test
  void mpesaVariablesServeWhereDarajaPropertiesAreUnset() {
    runner
        .withPropertyValues(
            "MPESA_ENV=emulator",
            "MPESA_BASE_URL=http://127.0.0.1:18091",
            "MPESA_SHORTCODE=600000",
            "daraja.short-code=600992")
        .run(
            context -> {
              DarajaClient client = context.getBean(DarajaClient.class);
              assertThat(client.environment().baseUrl()).hasToString("http://127.0.0.1:18091");
              assertThat(client.shortCode()).as("daraja.* wins over MPESA_*").isEqualTo("600992");
            });
  }

  @Test
  void aMissingKeyNamesBothWaysOfSettingIt() {
    runner
        // Blank, so that a developer's own MPESA_CONSUMER_KEY cannot make this pass or fail.
        .withPropertyValues("daraja.env=sandbox", "MPESA_CONSUMER_KEY=", "MPESA_CONSUMER_SECRET=")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(DarajaValidationException.class)
                  .hasMessageStartingWith("daraja.consumer-key (or MPESA_CONSUMER_KEY): ");
            });
  }

  @Test
  void aWrongSettingIsNamedAsTheUserWroteIt() {
    runner
        .withPropertyValues("daraja.env=emulator", "daraja.short-code=12")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageStartingWith("daraja.short-code: '12' is not a shortcode"));
  }

  @Test
  void anApplicationsOwnClientWins() {
    DarajaClient own = DarajaClient.builder().consumerKey("k").consumerSecret("s").build();
    runner
        .withBean(DarajaClient.class, () -> own)
        .withPropertyValues("daraja.env=sandbox")
        .run(context -> assertThat(context.getBean(DarajaClient.class)).isSameAs(own));
  }

  @Test
  void theMetricsListenerIsABeanWhenMicrometerIsPresent() {
    runner
        .withPropertyValues("daraja.env=emulator")
        .run(context -> assertThat(context).hasSingleBean(DarajaMetrics.class));
    runner
        .withPropertyValues("daraja.env=emulator", "daraja.metrics.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(DarajaMetrics.class));
  }

  @Test
  void secretsStayOutOfToStringAndActuator() {
    runner
        .withPropertyValues(
            "daraja.env=emulator",
            "daraja.consumer-secret=" + SECRET,
            "daraja.passkey=" + SECRET,
            "daraja.callbacks.secret=" + SECRET)
        .run(
            context -> {
              DarajaProperties properties = context.getBean(DarajaProperties.class);
              assertThat(properties.toString()).doesNotContain(SECRET);
              assertThat(properties.getCallbacks().toString()).doesNotContain(SECRET);
              assertThat(context.getBean(DarajaClient.class).toString()).doesNotContain(SECRET);
              DarajaSecretsSanitizer sanitizer = context.getBean(DarajaSecretsSanitizer.class);
              MapPropertySource source = new MapPropertySource("test", Map.of());
              for (String key :
                  new String[] {
                    "daraja.consumer-secret",
                    "daraja.consumerSecret",
                    "daraja.passkey",
                    "daraja.initiator-password",
                    "daraja.security-credential",
                    "daraja.callbacks.secret",
                    "MPESA_CONSUMER_SECRET",
                    "MPESA_SECURITY_CREDENTIAL"
                  }) {
                assertThat(sanitizer.apply(new SanitizableData(source, key, SECRET)).getValue())
                    .as(key)
                    .isEqualTo(SanitizableData.SANITIZED_VALUE);
              }
              assertThat(
                      sanitizer
                          .apply(new SanitizableData(source, "daraja.short-code", "600992"))
                          .getValue())
                  .isEqualTo("600992");
            });
  }

  @Test
  void withOnlyTheSdkAndBootTheClientStandsAlone() {
    // An application without Micrometer, Actuator (either line's) or Spring MVC.
    runner
        .withClassLoader(
            new FilteredClassLoader(
                "io.micrometer",
                "org.springframework.boot.actuate",
                "org.springframework.boot.health",
                "org.springframework.web"))
        .withPropertyValues("daraja.env=emulator", "daraja.callbacks.enabled=true")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(DarajaClient.class)
                    .doesNotHaveBean(DarajaMetrics.class)
                    .doesNotHaveBean("darajaHealthIndicator")
                    .doesNotHaveBean(DarajaSecretsSanitizer.class));
  }

  @Test
  void noCallbackEndpointOutsideAWebApplication() {
    runner
        .withPropertyValues(
            "daraja.env=emulator", "daraja.callbacks.enabled=true", "daraja.callbacks.secret=x")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(
                        io.github.darajakit.spring.callbacks.DarajaCallbackController.class));
  }
}
