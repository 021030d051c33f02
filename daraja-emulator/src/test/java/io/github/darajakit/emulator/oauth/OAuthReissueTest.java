package io.github.darajakit.emulator.oauth;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stricter reading of the portal FAQ (REFERENCE §3 ⚠): a new token invalidates the app's
 * previous ones; and {@code expires_in} as a JSON number, as the 2025 portal page shows.
 */
class OAuthReissueTest {

  @RegisterExtension
  static EmulatorHarness h =
      new EmulatorHarness(
          c ->
              c.reissueInvalidatesPrevious(true)
                  .expiresInType(EmulatorConfig.ExpiresInType.NUMBER));

  private static Reply stkPushWith(String token) {
    return h.daraja()
        .post("/mpesa/stkpush/v1/processrequest", "{}", "Bearer " + token, "application/json");
  }

  @Test
  void expiresInIsTheNumber3599() {
    Reply reply =
        h.daraja()
            .oauth("Basic " + DarajaHttp.basic("key", "secret"), "grant_type=client_credentials");

    assertThat(reply.json().get("expires_in").isIntegralNumber()).isTrue();
    assertThat(reply.json().get("expires_in").asLong()).isEqualTo(3599);
  }

  @Test
  void aNewTokenInvalidatesTheSameAppsPreviousTokenOnly() {
    String first = h.daraja().newToken("app-a", "secret");
    String other = h.daraja().newToken("app-b", "secret");
    String second = h.daraja().newToken("app-a", "secret");

    assertDarajaError(stkPushWith(first), "404.001.03", "Invalid Access Token");
    assertDarajaError(stkPushWith(second), "400.002.02", "Bad Request - Invalid BusinessShortCode");
    assertDarajaError(stkPushWith(other), "400.002.02", "Bad Request - Invalid BusinessShortCode");
    assertThat(h.daraja().adminGet("state").path("liveTokens").asInt()).isEqualTo(2);
  }
}
