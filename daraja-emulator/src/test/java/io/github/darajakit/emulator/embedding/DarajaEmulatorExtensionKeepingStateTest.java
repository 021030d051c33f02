package io.github.darajakit.emulator.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.Requests;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code keepingStateBetweenTests()}: no reset between the tests of a class. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DarajaEmulatorExtensionKeepingStateTest {

  @RegisterExtension
  static DarajaEmulatorExtension daraja =
      DarajaEmulatorExtension.withConfig(EmulatorConfig.defaults()).keepingStateBetweenTests();

  private static boolean firstRan;

  @Test
  @Order(1)
  void changesTheWorld(DarajaEmulator emulator) {
    new DarajaHttp(emulator.baseUrl())
        .admin("PUT", "customers/" + Requests.TEST_MSISDN + "/balance", "{\"balance\":\"9.00\"}");
    firstRan = true;
  }

  @Test
  @Order(2)
  void seesTheChangeOfTheEarlierTest(DarajaEmulator emulator) {
    assertThat(firstRan).as("the first test ran first").isTrue();
    assertThat(
            new DarajaHttp(emulator.baseUrl())
                .adminGet("customers/" + Requests.TEST_MSISDN)
                .path("balance")
                .asText())
        .isEqualTo("9.00");
  }
}
