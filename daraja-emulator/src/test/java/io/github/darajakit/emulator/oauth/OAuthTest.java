package io.github.darajakit.emulator.oauth;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static io.github.darajakit.emulator.support.DarajaAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.internal.http.Endpoint;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /oauth/v1/generate} with the default (sandbox-like, non-strict) settings. */
class OAuthTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final String GRANT = "grant_type=client_credentials";

  private static String basic(String key, String secret) {
    return "Basic " + DarajaHttp.basic(key, secret);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A request that passes the token gate fails on its first field; one that does not, on it. */
  private static Reply stkPushWith(String token) {
    return h.daraja()
        .post("/mpesa/stkpush/v1/processrequest", "{}", "Bearer " + token, "application/json");
  }

  @Test
  void anyKeyAndSecretGetAnOpaque28CharacterTokenWithExpiresInAsTheString3599() {
    Reply reply = h.daraja().oauth(basic("any-key", "any-secret"), GRANT);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(fieldNames(reply.json())).containsExactly("access_token", "expires_in");
    assertThat(reply.text("access_token")).hasSize(28).matches("[A-Za-z0-9]{28}");
    assertThat(reply.json().get("expires_in").isTextual()).isTrue();
    assertThat(reply.text("expires_in")).isEqualTo("3599");
  }

  @Test
  void everyRequestIssuesAFreshTokenAndEarlierOnesStayValidByDefault() {
    String first = h.daraja().newToken("key", "secret");
    String second = h.daraja().newToken("key", "secret");

    assertThat(first).isNotEqualTo(second);
    assertDarajaError(stkPushWith(first), "400.002.02", "Bad Request - Invalid BusinessShortCode");
    assertDarajaError(stkPushWith(second), "400.002.02", "Bad Request - Invalid BusinessShortCode");
  }

  @ParameterizedTest(name = "query [{0}]")
  @ValueSource(
      strings = {
        "",
        "grant_type=",
        "grant_type=password",
        "grant_type=CLIENT_CREDENTIALS",
        "grant_type=client_credentials_",
        "granttype=client_credentials"
      })
  void missingOrOtherGrantTypeIsInvalidGrantType(String query) {
    Reply reply = h.daraja().oauth(basic("key", "secret"), query);

    assertDarajaError(reply, "400.008.02", "Invalid grant type passed");
  }

  @Test
  void grantTypeMayComeAmongOtherParameters() {
    Reply reply = h.daraja().oauth(basic("key", "secret"), "foo=bar&grant_type=client_credentials");

    assertThat(reply.status()).isEqualTo(200);
  }

  static Stream<Arguments> badAuthorizations() {
    return Stream.of(
        Arguments.of("no Authorization header", null),
        Arguments.of("Bearer instead of Basic", "Bearer " + base64("key:secret")),
        Arguments.of("Digest", "Digest " + base64("key:secret")),
        Arguments.of("bare Base64", base64("key:secret")),
        Arguments.of("undecodable Base64", "Basic !!!not-base64***"),
        Arguments.of("no colon", "Basic " + base64("keysecret")),
        Arguments.of("empty consumer key", "Basic " + base64(":secret")),
        Arguments.of("empty credentials", "Basic "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAuthorizations")
  void anythingButBasicKeyColonSecretIsInvalidAuthenticationType(
      String name, String authorization) {
    Reply reply = h.daraja().oauth(authorization, GRANT);

    assertDarajaError(reply, "400.008.01", "Invalid authentication type passed");
  }

  @Test
  void basicSchemeIsCaseInsensitiveAndTheSecretMayBeEmpty() {
    Reply lower = h.daraja().oauth("basic " + base64("key:secret"), GRANT);
    Reply emptySecret = h.daraja().oauth("Basic " + base64("key:"), GRANT);

    assertThat(lower.status()).isEqualTo(200);
    assertThat(emptySecret.status()).isEqualTo(200);
  }

  @Test
  void tokenIsValidUntilItsLifetimeThenEveryFamilyRejectsItWithItsOwnCode() {
    String token = h.daraja().newToken("key", "secret");

    advanceClock("3598s");
    assertDarajaError(stkPushWith(token), "400.002.02", "Bad Request - Invalid BusinessShortCode");

    advanceClock("2s");
    for (Endpoint endpoint : Endpoint.values()) {
      if (endpoint == Endpoint.OAUTH) {
        continue;
      }
      Reply reply = h.daraja().post(endpoint.path(), "{}", "Bearer " + token, "application/json");
      switch (endpoint.tokenFamily()) {
        case LIPA_NA_MPESA -> assertDarajaError(reply, "404.001.03", "Invalid Access Token");
        case ORG ->
            assertDarajaError(
                reply, "401.002.01", "Error Occurred - Invalid Access Token - " + token);
        case C2B -> assertDarajaError(reply, "400.003.01", "Invalid Access Token");
        case PULL -> assertDarajaError(reply, "401.001", "Invalid Access Token");
        case NONE -> throw new AssertionError(endpoint + " takes a token");
      }
    }
  }

  @Test
  void advancingTheClockByAnHourExpiresTheTokenAndANewOneWorks() {
    String old = h.daraja().newToken("key", "secret");

    advanceClock("3600s");
    String fresh = h.daraja().newToken("key", "secret");

    assertDarajaError(stkPushWith(old), "404.001.03", "Invalid Access Token");
    assertDarajaError(stkPushWith(fresh), "400.002.02", "Bad Request - Invalid BusinessShortCode");
  }

  @Test
  void countersAttributeOAuthRequestsAndApiCallsToTheConsumerKey() {
    h.daraja().newToken("counted-key", "s");
    String token = h.daraja().newToken("counted-key", "s");
    h.daraja().oauth(basic("counted-key", "s"), "grant_type=password");
    stkPushWith(token);
    stkPushWith(token);
    h.daraja().post("/mpesa/b2c/v3/paymentrequest", "{}", "Bearer " + token, "application/json");
    h.daraja().newToken("other-key", "s");

    JsonNode counters = h.daraja().adminGet("counters");

    JsonNode counted = counters.path("consumers").path("counted-key");
    assertThat(fieldNames(counted)).containsExactlyInAnyOrder("oauth", "stk_push", "b2c_v3");
    assertThat(counted.path("oauth").asLong()).isEqualTo(3);
    assertThat(counted.path("stk_push").asLong()).isEqualTo(2);
    assertThat(counted.path("b2c_v3").asLong()).isEqualTo(1);
    assertThat(counters.path("consumers").path("other-key").path("oauth").asLong()).isEqualTo(1);
    assertThat(counters.path("endpoints").path("oauth").asLong()).isEqualTo(4);
    assertThat(counters.path("endpoints").path("stk_push").asLong()).isEqualTo(2);
  }

  @Test
  void requestsWithoutAUsableAppAreCountedPerEndpointOnly() {
    h.daraja().oauth(null, GRANT);
    stkPushWith("unknown-token-unknown-token-");

    JsonNode counters = h.daraja().adminGet("counters");

    assertThat(counters.path("endpoints").path("oauth").asLong()).isEqualTo(1);
    assertThat(counters.path("endpoints").path("stk_push").asLong()).isEqualTo(1);
    assertThat(fieldNames(counters.path("consumers"))).isEmpty();
  }

  @Test
  void liveTokensAreVisibleInTheStateAndResetForgetsThem() {
    String token = h.daraja().newToken("key", "secret");
    h.daraja().newToken("key", "secret");
    assertThat(h.daraja().adminGet("state").path("liveTokens").asInt()).isEqualTo(2);

    h.daraja().admin("POST", "reset", null);

    assertThat(h.daraja().adminGet("state").path("liveTokens").asInt()).isZero();
    assertDarajaError(stkPushWith(token), "404.001.03", "Invalid Access Token");
  }

  @Test
  void runtimeSettingsChangeTheLifetimeAndTypeOfExpiresIn() {
    Reply patched =
        h.daraja()
            .admin(
                "PATCH",
                "settings",
                "{\"auth\":{\"tokenTtl\":\"60s\",\"expiresInType\":\"number\"}}");
    assertThat(patched.status()).as("%s", patched).isEqualTo(200);

    Reply reply = h.daraja().oauth(basic("key", "secret"), GRANT);

    assertThat(reply.json().get("expires_in").isIntegralNumber()).isTrue();
    assertThat(reply.json().get("expires_in").asLong()).isEqualTo(60);
    String token = reply.text("access_token");
    advanceClock("60s");
    assertDarajaError(stkPushWith(token), "404.001.03", "Invalid Access Token");
  }

  private static void advanceClock(String by) {
    Reply reply = h.daraja().admin("POST", "clock/advance", "{\"by\":\"" + by + "\"}");
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }
}
