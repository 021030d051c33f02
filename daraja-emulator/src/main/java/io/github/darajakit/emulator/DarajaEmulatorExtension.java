package io.github.darajakit.emulator;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one emulator per test class on a free port, reset before each test, injected
 * into test methods and constructors that declare a {@link DarajaEmulator} parameter.
 *
 * <pre>{@code
 * @ExtendWith(DarajaEmulatorExtension.class)
 * class PaymentsTest {
 *   @Test
 *   void collects(DarajaEmulator emulator) { … emulator.baseUrl() … }
 * }
 *
 * class PayoutsTest {
 *   @RegisterExtension
 *   static DarajaEmulatorExtension daraja = DarajaEmulatorExtension.withConfig(
 *       EmulatorConfig.builder().resultDelay(Duration.ZERO).build());
 * }
 * }</pre>
 *
 * <p>With the default constructor, callbacks are delivered after 100 ms instead of 1 s so tests
 * stay fast.
 */
public final class DarajaEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

  private final EmulatorConfig config;
  private final boolean resetBeforeEach;
  private DarajaEmulator emulator;
  private String owner;

  /** Default settings with a 100 ms result delay, reset before each test. */
  public DarajaEmulatorExtension() {
    this(EmulatorConfig.builder().resultDelay(Duration.ofMillis(100)).build(), true);
  }

  private DarajaEmulatorExtension(EmulatorConfig config, boolean resetBeforeEach) {
    this.config = config;
    this.resetBeforeEach = resetBeforeEach;
  }

  /**
   * An extension running an emulator with these settings (on a free port), reset before each test.
   */
  public static DarajaEmulatorExtension withConfig(EmulatorConfig config) {
    return new DarajaEmulatorExtension(config, true);
  }

  /** The same extension, but keeping state from test to test. */
  public DarajaEmulatorExtension keepingStateBetweenTests() {
    return new DarajaEmulatorExtension(config, false);
  }

  /** The running emulator (after the class's {@code beforeAll}). */
  public DarajaEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator starts before the first test of the class");
    }
    return emulator;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (emulator == null) {
      emulator = DarajaEmulator.builder().config(config).port(0).start();
      owner = context.getUniqueId();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (emulator != null && context.getUniqueId().equals(owner)) {
      emulator.close();
      emulator = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (resetBeforeEach && emulator != null) {
      emulator.reset();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DarajaEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator();
  }
}
