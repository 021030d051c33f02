package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** DESIGN §6.7 and the callback path's defences: secrets stay secret, senders are who they say. */
class SecurityTest {

  @Nested
  class SecretsNeverReachALog {
    private static final String DASHBOARD_PASSWORD = "dashboard-password-never-logged";

    @RegisterExtension
    GatewayHarness h =
        new GatewayHarness(
            UnaryOperator.identity(), b -> b.dashboardPassword(DASHBOARD_PASSWORD), true);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger ours = (Logger) LoggerFactory.getLogger("io.github.darajakit");
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private Level oursBefore;

    @BeforeEach
    void captureEverything() {
      oursBefore = ours.getLevel();
      ours.setLevel(Level.TRACE);
      logs.start();
      root.addAppender(logs);
    }

    @AfterEach
    void release() {
      root.detachAppender(logs);
      ours.setLevel(oursBefore);
    }

    @Test
    void notTheApiKeyCallbackSecretConsumerSecretPasskeyInitiatorPasswordOrWebhookSecret() {
      List<String> texts = new ArrayList<>();
      // Work through every path that logs: payments of each kind, refused and forged callbacks,
      // a C2B registration Daraja refuses (its message quotes our URLs), webhooks, bad requests.
      Reply endpoint =
          h.merchant()
              .post(
                  "/v1/webhook-endpoints",
                  "{\"url\":\"http://127.0.0.1:9/h\",\"enabled_events\":[\"*\"]}");
      String webhookSecret = endpoint.text("secret");
      String paid = h.merchant().post("/v1/payments", payment("254708374149", 10)).text("id");
      h.merchant().post("/v1/payments", payment("254700001032", 10));
      h.merchant().post("/v1/payments", payment("254700001001", 10));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> h.merchant().get("/v1/payments/" + paid).text("status").equals("succeeded"));
      h.merchant().postRaw(h.gateway().baseUrl() + "/daraja/wrong-secret-0123456789/stk", "{}");
      h.merchant().postRaw(h.callbackUrl("stk"), "not json");
      h.merchant()
          .postRaw(
              h.callbackUrl("stk"),
              Callbacks.stkSuccess("m", "ws_CO_unknown", 5, "254708374149", "TKXXXXXXXX"));
      h.admin(
          "PUT",
          "/faults",
          "{\"errors\":[{\"endpoint\":\"c2b_register_v2\",\"mode\":\"reject\",\"count\":1,"
              + "\"errorCode\":\"400.003.02\",\"errorMessage\":\"Bad Request - Invalid"
              + " ConfirmationURL\"}]}");
      Reply refused = h.merchant().post("/v1/c2b/register", "{}");
      texts.add(refused.json().toString());
      h.merchant().send("GET", "/v1/payments", null, null, "dk_not-a-key");
      // The dashboard password: a wrong try, a right one, and its session token at work.
      texts.add(h.merchant().dashboardSignIn("wrong-wrong-wrong").json().toString());
      String session = h.merchant().dashboardSignIn(DASHBOARD_PASSWORD).text("token");
      h.merchant().send("GET", "/v1/payments", null, null, session);
      h.gateway().deliverWebhooksNow();
      texts.add(h.gateway().config().toString());

      for (ILoggingEvent event : logs.list) {
        texts.add(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
          texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
      }
      assertThat(logs.list).as("the run logged something to check").isNotEmpty();
      List<String> secrets =
          List.of(
              GatewayHarness.API_KEY,
              GatewayHarness.CALLBACK_SECRET,
              "gateway-test-secret",
              Sandbox.STK_PASSKEY,
              Sandbox.INITIATOR_PASSWORD,
              webhookSecret,
              webhookSecret.substring("whsec_".length()),
              DASHBOARD_PASSWORD,
              session);
      for (String text : texts) {
        for (String secret : secrets) {
          assertThat(text).as("a log line or answer").doesNotContain(secret);
        }
      }
      assertThat(refused.status()).isEqualTo(409);
    }
  }

  @Nested
  class SendersBehindAProxy {
    @RegisterExtension
    GatewayHarness h =
        new GatewayHarness(
            UnaryOperator.identity(),
            g ->
                g.allowedCallbackAddresses(Set.of("196.201.214.200"))
                    .trustedProxies(Set.of("127.0.0.1")),
            true);

    private int post(String... forwardedFor) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(h.callbackUrl("stk")))
              .POST(HttpRequest.BodyPublishers.ofString("{}"));
      for (String header : forwardedFor) {
        request.header("X-Forwarded-For", header);
      }
      return HttpClient.newHttpClient()
          .send(request.build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }

    @Test
    void theSenderIsTheAddressOurProxySawNotOneTheClientWrote() throws Exception {
      assertThat(post()).as("the proxy itself").isEqualTo(403);
      assertThat(post("196.201.214.200")).as("Safaricom, through our proxy").isEqualTo(200);
      assertThat(post("196.201.214.200, 10.9.8.7"))
          .as("a stranger who wrote Safaricom's address first")
          .isEqualTo(403);
      assertThat(post("10.9.8.7", "196.201.214.200")).as("header given twice").isEqualTo(200);
      var stored = h.merchant().get("/v1/callbacks").json().path("data");
      assertThat(stored).hasSize(2);
      assertThat(stored.get(0).path("remote_address").asText()).isEqualTo("196.201.214.200");
    }
  }

  @Nested
  class ApiKeyRotation {
    @RegisterExtension
    GatewayHarness h =
        new GatewayHarness(UnaryOperator.identity(), g -> g.apiKey("old-key-000000000000"), false);

    @Test
    void theConfiguredKeysAreExactlyTheOnesAccepted() {
      assertThat(get("old-key-000000000000")).isEqualTo(200);
      h.gateway().close();
      DarajaGateway both =
          h.newGateway(g -> g.apiKey("new-key-111111111111, old-key-000000000000"));
      try {
        assertThat(get(both, "old-key-000000000000")).isEqualTo(200);
        assertThat(get(both, "new-key-111111111111")).isEqualTo(200);
      } finally {
        both.close();
      }
      DarajaGateway rotated = h.newGateway(g -> g.apiKey("new-key-111111111111"));
      try {
        assertThat(get(rotated, "old-key-000000000000")).as("revoked").isEqualTo(401);
        assertThat(get(rotated, "new-key-111111111111")).isEqualTo(200);
      } finally {
        rotated.close();
      }
    }

    private int get(String key) {
      return get(h.gateway(), key);
    }

    private int get(DarajaGateway gateway, String key) {
      return new MerchantClient(gateway.baseUrl(), key).get("/v1/payments").status();
    }
  }

  @Test
  void generatedCallbackSecretsNeverHoldAWordDarajaRefuses() {
    for (int i = 0; i < 20_000; i++) {
      String secret = CallbackSecrets.generate();
      assertThat(CallbackSecrets.reservedWordIn(secret)).as(secret).isEmpty();
    }
    assertThatThrownBy(
            () ->
                GatewayConfig.builder("jdbc:sqlite:x.db")
                    .callbackSecret("abcdefSQLabcdefabcdef")
                    .build())
        .hasMessageContaining("\"sql\"")
        .hasMessageNotContaining("abcdefSQL");
  }

  @Test
  void messagesQuotingACallbackUrlAreMasked() {
    assertThat(
            CallbackSecrets.redact(
                "'https://pay.example.com/daraja/s3cr3t-0123456789abcdef/c2b/confirmation' is bad"))
        .isEqualTo("'https://pay.example.com/daraja/****/c2b/confirmation' is bad");
    assertThat(CallbackSecrets.redact("nothing to hide")).isEqualTo("nothing to hide");
  }

  @Test
  void aPublicUrlMustBeAbsoluteHttp() {
    for (String bad : new String[] {"pay.example.com", "ftp://x", "https://x/?a=b", "/path"}) {
      assertThatThrownBy(() -> GatewayConfig.builder("jdbc:sqlite:x.db").publicUrl(bad).build())
          .as(bad)
          .hasMessageContaining("public URL");
    }
  }
}
