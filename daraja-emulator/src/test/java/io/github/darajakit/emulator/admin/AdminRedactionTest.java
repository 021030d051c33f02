package io.github.darajakit.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code admin.redactCallbackUrls}, as {@code daraja gateway} embeds the emulator, no admin
 * answer shows the secret a merchant put in a callback URL: DarajaKit's gateway authenticates
 * Daraja's callbacks by a {@code /daraja/<secret>/…} path and nothing else.
 */
class AdminRedactionTest {

  static final String SECRET = "Zq8vK2pLw9XyT4mN7cRd";
  static final String B2C = "/mpesa/b2c/v3/paymentrequest";

  /** Every admin answer a GET can produce, after {@code checkoutRequestId}'s prompt exists. */
  static List<String> everyAdminGet(String checkoutRequestId) {
    return List.of(
        "",
        "health",
        "scenarios",
        "state",
        "customers?limit=10000",
        "organisations",
        "transactions?limit=10000",
        "deliveries?limit=10000",
        "stk?limit=10000",
        "stk?status=pending",
        "stk/" + checkoutRequestId,
        "c2b/registrations",
        "faults",
        "counters",
        "settings",
        "clock",
        "credentials");
  }

  @RegisterExtension
  static EmulatorHarness h =
      new EmulatorHarness(
          c ->
              c.adminLoopbackOnly(true)
                  .redactCallbackUrls(true)
                  .externalValidation(Set.of("600000")));

  @Test
  void noAdminAnswerShowsTheSecretOfACallbackUrl() {
    String stkPath = "/daraja/" + SECRET + "/stk";
    // A receiver whose 404 quotes the path it did not find: the delivery records that answer.
    h.receiver()
        .answer(stkPath, 404, "{\"error\":\"no route for " + stkPath + "\"}", Duration.ZERO);
    Reply registered =
        h.daraja()
            .post(
                "/mpesa/c2b/v2/registerurl",
                Requests.c2bRegister(
                    "600000",
                    "Completed",
                    h.url("/daraja/" + SECRET + "/c2b/confirmation"),
                    h.url("/daraja/" + SECRET + "/c2b/validation")));
    assertThat(registered.status()).as(registered.raw()).isEqualTo(200);
    accepted(
        "/mpesa/stkpush/v1/processrequest",
        Requests.stkPush(Requests.TEST_MSISDN, 10, h.url(stkPath)));
    accepted(
        B2C,
        Requests.b2c(
            "lockdown-b2c",
            h.credential(),
            100,
            Requests.TEST_MSISDN,
            h.url("/daraja/" + SECRET + "/b2c/result"),
            h.url("/daraja/" + SECRET + "/b2c/timeout")));
    // Nobody listens here: the failed delivery's error is recorded too.
    accepted(
        B2C,
        Requests.b2c(
            "lockdown-b2c-unreachable",
            h.credential(),
            100,
            Requests.TEST_MSISDN,
            "http://127.0.0.1:1/daraja/" + SECRET + "/b2c/result",
            "http://127.0.0.1:1/daraja/" + SECRET + "/b2c/timeout"));
    Reply paid =
        h.daraja()
            .admin(
                "POST",
                "c2b/payments",
                "{\"msisdn\":\"254708374149\",\"shortCode\":\"600000\",\"amount\":15}");
    assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
    // A prompt still waiting, so the pending list has one to show.
    h.daraja().admin("PATCH", "settings", "{\"stk\":{\"manualMode\":true}}");
    String pending =
        accepted(
                "/mpesa/stkpush/v1/processrequest",
                Requests.stkPush("254711000001", 10, h.url(stkPath)))
            .text("CheckoutRequestID");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.daraja().adminGet("deliveries").path("deliveries").findValuesAsText("state"),
            states ->
                states.size() == 5
                    && !states.contains("scheduled")
                    && !states.contains("in_flight"));

    for (String path : everyAdminGet(pending)) {
      Reply answer = h.daraja().admin("GET", path, null);
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(answer.raw()).as("GET /__admin/" + path).doesNotContain(SECRET);
    }

    // What a developer needs stays: where each callback went and what kind it was.
    JsonNode deliveries = h.daraja().adminGet("deliveries").path("deliveries");
    assertThat(deliveries.findValuesAsText("url"))
        .contains(
            h.url("/daraja/***/stk"),
            h.url("/daraja/***/b2c/result"),
            h.url("/daraja/***/c2b/validation"),
            h.url("/daraja/***/c2b/confirmation"),
            "http://127.0.0.1:1/daraja/***/b2c/result");
    assertThat(deliveries.findValuesAsText("response"))
        .contains("{\"error\":\"no route for /daraja/***/stk\"}");
    assertThat(
            h.daraja()
                .adminGet("c2b/registrations")
                .path("600000")
                .path("confirmationUrl")
                .asText())
        .isEqualTo(h.url("/daraja/***/c2b/confirmation"));
    assertThat(h.daraja().adminGet("stk/" + pending).path("callbackUrl").asText())
        .isEqualTo(h.url("/daraja/***/stk"));
  }

  @Test
  void theDeliveriesUrlFilterCannotBeUsedToGuessTheSecret() {
    accepted(
        "/mpesa/stkpush/v1/processrequest",
        Requests.stkPush(Requests.TEST_MSISDN, 10, h.url("/daraja/" + SECRET + "/stk")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.daraja().adminGet("deliveries").path("deliveries").size() == 1);

    assertThat(deliveries("url=" + SECRET.substring(0, 1))).isEmpty();
    assertThat(deliveries("url=/daraja/" + SECRET)).isEmpty();
    assertThat(deliveries("url=/daraja/***/stk")).hasSize(1);
  }

  @Test
  void theProtectionCannotBeSwitchedOffWhileRunning() {
    Reply patched = h.daraja().admin("PATCH", "settings", "{\"admin.redactCallbackUrls\":false}");

    assertThat(patched.status()).isEqualTo(400);
    assertThat(patched.text("error")).contains("'admin'").contains("guards the admin API");
    JsonNode admin = h.daraja().adminGet("settings").path("admin");
    assertThat(admin.path("redactCallbackUrls").asBoolean()).isTrue();
    assertThat(admin.path("loopbackOnly").asBoolean()).isTrue();
  }

  private Reply accepted(String path, JsonNode body) {
    Reply reply = h.daraja().post(path, body);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    return reply;
  }

  private List<JsonNode> deliveries(String query) {
    List<JsonNode> found = new ArrayList<>();
    h.daraja()
        .adminGet("deliveries?" + query.replace("*", "%2A"))
        .path("deliveries")
        .forEach(found::add);
    return found;
  }

  @Test
  void withoutTheOptionTheSameAnswersShowTheSecret() {
    try (DarajaEmulator plain = DarajaEmulator.start()) {
      DarajaHttp daraja = new DarajaHttp(plain.baseUrl());
      daraja.post(
          "/mpesa/c2b/v2/registerurl",
          Requests.c2bRegister(
              "600000", "Completed", h.url("/daraja/" + SECRET + "/c2b/confirmation"), null));

      assertThat(daraja.admin("GET", "c2b/registrations", null).raw()).contains(SECRET);
    }
  }
}
