package io.github.darajakit.emulator.c2b;

import static io.github.darajakit.emulator.c2b.C2b.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.EmulatorConfig.C2bRegistrationMode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** C2B registration in production mode, chosen at start-up rather than through the admin API. */
class C2bProductionRegistrationTest {

  @RegisterExtension
  static EmulatorHarness h =
      new EmulatorHarness(c -> c.c2bRegistration(C2bRegistrationMode.PRODUCTION));

  private final C2b c2b = new C2b(h);

  @Test
  void secondRegistrationIsUrlsAlreadyRegisteredWhateverTheVersion() {
    c2b.registered(1, C2b.PAYBILL, "Completed", false);

    Reply again =
        c2b.register(2, Requests.c2bRegister(C2b.PAYBILL, "Completed", h.url("/other"), null));

    assertError(again, 500, "500.003.1001", "Urls are already registered.");
    assertThat(c2b.registrations().path(C2b.PAYBILL).path("version").asInt()).isEqualTo(1);
  }

  @Test
  void resetForgetsRegistrationsSoTheShortcodeCanRegisterAgain() {
    c2b.registered(2, C2b.PAYBILL, "Completed", false);
    assertThat(h.daraja().admin("POST", "reset", null).status()).isEqualTo(200);
    h.daraja().forgetToken();

    c2b.registered(2, C2b.PAYBILL, "Cancelled", false);

    assertThat(c2b.registrations().path(C2b.PAYBILL).path("responseType").asText())
        .isEqualTo("Cancelled");
  }
}
