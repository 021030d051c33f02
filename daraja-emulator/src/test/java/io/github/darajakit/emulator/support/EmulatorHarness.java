package io.github.darajakit.emulator.support;

import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulator, one callback receiver and one plain HTTP client per test class; everything reset
 * before each test so tests never see each other's state.
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmulatorHarness h = new EmulatorHarness(c -> c.stkManualMode(true));
 * }</pre>
 */
public final class EmulatorHarness
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private final UnaryOperator<EmulatorConfig.Builder> settings;
  private DarajaEmulator emulator;
  private CallbackReceiver receiver;
  private DarajaHttp daraja;

  /** Defaults with callbacks after 20 ms. */
  public EmulatorHarness() {
    this(UnaryOperator.identity());
  }

  /** Defaults with callbacks after 20 ms, then the given changes. */
  public EmulatorHarness(UnaryOperator<EmulatorConfig.Builder> settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    EmulatorConfig config =
        settings.apply(EmulatorConfig.builder().resultDelay(Duration.ofMillis(20))).build();
    emulator = DarajaEmulator.builder().config(config).port(0).start();
    receiver = new CallbackReceiver();
    daraja = new DarajaHttp(emulator.baseUrl());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    receiver.close();
    emulator.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    emulator.reset();
    receiver.clear();
    daraja.forgetToken();
  }

  public DarajaEmulator emulator() {
    return emulator;
  }

  public CallbackReceiver receiver() {
    return receiver;
  }

  public DarajaHttp daraja() {
    return daraja;
  }

  /** A SecurityCredential for the sandbox initiator, encrypted with the emulator's certificate. */
  public String credential() {
    return emulator.securityCredential("Safaricom999!*!");
  }

  /** A callback URL on the receiver. */
  public String url(String path) {
    return receiver.url(path);
  }
}
