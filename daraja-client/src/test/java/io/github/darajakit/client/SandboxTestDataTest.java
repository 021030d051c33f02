package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The SDK's copy of the sandbox values stays what the emulator provisions: the SDK must not depend
 * on the emulator, so the values are copied, and this test is what keeps the copies equal.
 */
class SandboxTestDataTest {

  @Test
  void theStkShortcodeAndPasskeyAreTheEmulators() {
    assertThat(SandboxTestData.STK_SHORTCODE).isEqualTo(Sandbox.STK_SHORTCODE);
    assertThat(SandboxTestData.STK_PASSKEY).isEqualTo(Sandbox.STK_PASSKEY);
  }

  @Test
  void theEmulatorBaseUrlIsWhereTheEmulatorListensByDefault() {
    EmulatorConfig defaults = EmulatorConfig.defaults();
    URI url = URI.create(Environment.EMULATOR_BASE_URL);
    assertThat(url.getPort()).isEqualTo(defaults.port());
    assertThat(url.getHost()).isEqualTo(defaults.host());
  }

  @Test
  void theEmulatorTakesTheDefaultKeyAndSecretUnlessStrict() {
    assertThat(EmulatorConfig.defaults().apps()).isEmpty(); // "an empty list accepts any key"
  }
}
