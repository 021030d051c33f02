package io.github.darajakit.spring.test;

import io.github.darajakit.client.SandboxTestData;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.Sandbox;
import java.util.Map;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points the context's client at the shared emulator and registers the emulator as a bean. All
 * instances are equal, so the contexts they customize can be cached and shared.
 */
final class DarajaEmulatorContextCustomizer implements ContextCustomizer {

  private static DarajaEmulator shared;

  /** The JVM's emulator, started on first use; it stops when the JVM exits. */
  static synchronized DarajaEmulator emulator() {
    if (shared == null) {
      DarajaEmulator started = DarajaEmulator.start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "daraja-emulator-stop"));
      shared = started;
    }
    return shared;
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    DarajaEmulator emulator = emulator();
    TestPropertyValues.of(
            "daraja.env=emulator",
            "daraja.base-url=" + emulator.baseUrl(),
            "daraja.consumer-key=" + SandboxTestData.EMULATOR_CONSUMER_KEY,
            "daraja.consumer-secret=" + SandboxTestData.EMULATOR_CONSUMER_SECRET,
            "daraja.short-code=" + Sandbox.STK_SHORTCODE,
            "daraja.passkey=" + Sandbox.STK_PASSKEY,
            "daraja.initiator-name=" + Sandbox.INITIATOR_NAME,
            "daraja.security-credential=" + emulator.securityCredential(Sandbox.INITIATOR_PASSWORD),
            // Blank, so an application's own password or certificate does not clash with the
            // credential above ("both set").
            "daraja.initiator-password=",
            "daraja.certificate=",
            "daraja.callbacks.public-url=http://127.0.0.1:${local.server.port}")
        .applyTo(context);
    // Defaults the test's own properties may change: the endpoint the emulator calls back.
    context
        .getEnvironment()
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "darajaEmulatorTestDefaults",
                Map.of(
                    "daraja.callbacks.enabled", "true",
                    "daraja.callbacks.secret", "emulator-test-callback-secret")));
    context.getBeanFactory().registerSingleton("darajaEmulator", emulator);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DarajaEmulatorContextCustomizer;
  }

  @Override
  public int hashCode() {
    return DarajaEmulatorContextCustomizer.class.hashCode();
  }
}
