package io.github.darajakit.emulator.stk;

import static io.github.darajakit.emulator.stk.Stk.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.EmulatorConfig.StkQueryPendingStyle;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The legacy pending answer chosen at start-up rather than through the admin API. */
class StkQueryLegacyStyleTest {

  @RegisterExtension
  static EmulatorHarness h =
      new EmulatorHarness(
          c -> c.stkQueryPendingStyle(StkQueryPendingStyle.LEGACY).stkManualMode(true));

  private final Stk stk = new Stk(h);

  @Test
  void pendingPromptIsHttp500BeingProcessedWhenConfiguredAtStartup() {
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    assertError(
        stk.query(checkoutRequestId), 500, "500.001.1001", "The transaction is being processed");
  }

  @Test
  void adminSettingsCanSwitchBackToTheCurrentStyle() {
    stk.settings("{\"stk\":{\"queryPendingStyle\":\"current\"}}");
    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    Reply query = stk.query(checkoutRequestId);

    assertThat(query.status()).isEqualTo(200);
    assertThat(query.text("ResultCode")).isEqualTo("4999");
  }

  @Test
  void adminResetRestoresTheStartupStyle() {
    stk.settings("{\"stk\":{\"queryPendingStyle\":\"current\"}}");

    assertThat(h.daraja().admin("POST", "reset", null).status()).isEqualTo(200);

    assertThat(h.daraja().adminGet("settings").path("stk").path("queryPendingStyle").asText())
        .isEqualTo("legacy");
  }
}
