package io.github.darajakit.emulator.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @RegisterExtension DarajaEmulatorExtension.withConfig(…)}. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DarajaEmulatorExtensionWithConfigTest {

  @RegisterExtension
  static DarajaEmulatorExtension daraja =
      DarajaEmulatorExtension.withConfig(
          EmulatorConfig.builder()
              .port(8090)
              .resultDelay(Duration.ZERO)
              .expiresInType(EmulatorConfig.ExpiresInType.NUMBER)
              .stkMaxAmount(1_000)
              .build());

  @Test
  @Order(1)
  void runsTheGivenSettingsOnAFreePort(DarajaEmulator emulator) {
    DarajaHttp http = new DarajaHttp(emulator.baseUrl());

    assertThat(emulator).isSameAs(daraja.emulator());
    assertThat(emulator.port()).isNotEqualTo(8090);
    assertThat(emulator.config().resultDelay()).isZero();
    assertThat(emulator.config().stkMaxAmount()).isEqualTo(1_000);
    Reply token =
        http.oauth("Basic " + DarajaHttp.basic("k", "s"), "grant_type=client_credentials");
    assertThat(token.json().get("expires_in").isNumber()).isTrue();

    http.admin("PUT", "customers/" + Requests.TEST_MSISDN + "/balance", "{\"balance\":\"3.00\"}");
  }

  @Test
  @Order(2)
  void resetsBeforeEachTest() {
    DarajaHttp http = new DarajaHttp(daraja.emulator().baseUrl());

    assertThat(http.adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText())
        .isEqualTo("250000.00");
  }

  @Test
  void emulatorIsUnavailableBeforeTheClassStarts() {
    DarajaEmulatorExtension unstarted =
        DarajaEmulatorExtension.withConfig(EmulatorConfig.defaults());

    assertThatThrownBy(unstarted::emulator)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before the first test");
  }
}
