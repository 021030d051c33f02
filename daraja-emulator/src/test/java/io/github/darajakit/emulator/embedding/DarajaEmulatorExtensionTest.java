package io.github.darajakit.emulator.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @ExtendWith(DarajaEmulatorExtension.class)}: one emulator per class, reset per test. */
@ExtendWith(DarajaEmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DarajaEmulatorExtensionTest {

  private static DarajaEmulator seenByFirstTest;

  private final DarajaEmulator injectedIntoConstructor;

  DarajaEmulatorExtensionTest(DarajaEmulator emulator) {
    this.injectedIntoConstructor = emulator;
  }

  @Test
  @Order(1)
  void injectsOneRunningEmulatorIntoConstructorAndMethod(DarajaEmulator emulator) {
    DarajaHttp http = new DarajaHttp(emulator.baseUrl());

    assertThat(emulator).isSameAs(injectedIntoConstructor);
    assertThat(http.adminGet("health").path("status").asText()).isEqualTo("UP");
    assertThat(emulator.config().resultDelay()).isEqualTo(Duration.ofMillis(100));

    http.admin("PUT", "customers/" + Requests.TEST_MSISDN + "/balance", "{\"balance\":\"1.00\"}");
    http.admin("PATCH", "settings", "{\"stk.maxAmount\":5}");
    http.newToken("k", "s");
    seenByFirstTest = emulator;
  }

  @Test
  @Order(2)
  void resetsTheSameEmulatorBeforeTheNextTest(DarajaEmulator emulator) {
    DarajaHttp http = new DarajaHttp(emulator.baseUrl());

    assertThat(seenByFirstTest).as("the first test ran first").isNotNull();
    assertThat(emulator).isSameAs(seenByFirstTest);
    assertThat(http.adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText())
        .isEqualTo("250000.00");
    assertThat(emulator.config().stkMaxAmount()).isEqualTo(250_000);
    assertThat(http.adminGet("state").path("liveTokens").asInt()).isZero();
  }
}
