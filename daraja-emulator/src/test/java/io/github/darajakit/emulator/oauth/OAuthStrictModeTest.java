package io.github.darajakit.emulator.oauth;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Strict mode: only configured apps get tokens, and only for their enabled products. */
class OAuthStrictModeTest {

  private static final String GRANT = "grant_type=client_credentials";

  @RegisterExtension
  static EmulatorHarness h =
      new EmulatorHarness(
          c ->
              c.apps(
                  List.of(
                      new EmulatorConfig.App("full-key", "full-secret", Set.of()),
                      new EmulatorConfig.App("stk-key", "stk-secret", Set.of("stk_push")))));

  @Test
  void configuredKeyAndSecretGetAToken() {
    Reply reply = h.daraja().oauth("Basic " + DarajaHttp.basic("full-key", "full-secret"), GRANT);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text("access_token")).hasSize(28);
  }

  @Test
  void wrongSecretUnknownKeyOrAnotherAppsSecretIsInvalidAuthenticationType() {
    for (String[] credentials :
        new String[][] {
          {"full-key", "wrong"},
          {"unknown-key", "full-secret"},
          {"full-key", "stk-secret"},
          {"FULL-KEY", "full-secret"},
          {"full-key", "full-secret "}
        }) {
      Reply reply =
          h.daraja().oauth("Basic " + DarajaHttp.basic(credentials[0], credentials[1]), GRANT);

      assertDarajaError(reply, "400.008.01", "Invalid authentication type passed");
    }
  }

  @Test
  void appRestrictedToStkPushGets401ElsewhereEvenOnOtherFamilies() {
    String token = h.daraja().newToken("stk-key", "stk-secret");

    Reply stk =
        h.daraja()
            .post(
                "/mpesa/stkpush/v1/processrequest",
                Requests.stkPush(Requests.TEST_MSISDN, 1, h.url("/stk")).toString(),
                "Bearer " + token,
                "application/json");
    Reply query =
        h.daraja()
            .post("/mpesa/stkpushquery/v1/query", "{}", "Bearer " + token, "application/json");
    Reply c2b =
        h.daraja().post("/mpesa/c2b/v1/registerurl", "{}", "Bearer " + token, "application/json");
    Reply b2c =
        h.daraja()
            .post("/mpesa/b2c/v3/paymentrequest", "{}", "Bearer " + token, "application/json");

    assertThat(stk.status()).as("%s", stk).isEqualTo(200);
    String notEnabled = "Error Occurred - Invalid Access Token - " + token;
    assertDarajaError(query, "401.002.01", notEnabled);
    assertDarajaError(c2b, "401.002.01", notEnabled);
    assertDarajaError(b2c, "401.002.01", notEnabled);
  }

  @Test
  void appWithNoProductListMayCallEveryEndpoint() {
    String token = h.daraja().newToken("full-key", "full-secret");

    Reply b2c =
        h.daraja()
            .post("/mpesa/b2c/v3/paymentrequest", "{}", "Bearer " + token, "application/json");
    Reply pull =
        h.daraja()
            .post("/pulltransactions/v1/register", "{}", "Bearer " + token, "application/json");

    assertDarajaError(b2c, "400.002.02", "Bad Request - Invalid OriginatorConversationID");
    assertDarajaError(pull, "400.002.02", "Bad Request - Invalid ShortCode");
  }

  @Test
  void settingsShowStrictModeAndTheKeysButNeverTheSecrets() {
    Reply settings = h.daraja().admin("GET", "settings", null);

    assertThat(settings.json().path("auth").path("strict").asBoolean()).isTrue();
    assertThat(settings.raw()).contains("full-key", "stk-key");
    assertThat(settings.raw()).doesNotContain("full-secret", "stk-secret");
  }
}
