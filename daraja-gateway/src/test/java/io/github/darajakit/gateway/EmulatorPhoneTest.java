package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The phone panel's API: the embedded emulator's pending prompts, answered as the customer. */
class EmulatorPhoneTest {

  @RegisterExtension GatewayHarness h = GatewayHarness.withLockedDownEmulator();

  private String push(String phone) {
    return h.merchant().createPayment(phone, 60);
  }

  @Test
  void inManualModePromptsWaitAndEachAnswerSettlesThePaymentAsDarajaWould() {
    Reply manual =
        h.merchant()
            .send(
                "PUT",
                "/v1/emulator/settings",
                "{\"manual_mode\":true}",
                null,
                GatewayHarness.API_KEY);
    assertThat(manual.status()).isEqualTo(200);
    // Three customers: M-Pesa allows one prompt at a time per phone.
    String approved = push("0708374149");
    String cancelled = push("254700000002");
    String wrongPin = push("254700000003");

    JsonNode prompts = h.merchant().get("/v1/emulator/prompts").json();
    assertThat(prompts.path("manual_mode").asBoolean()).isTrue();
    assertThat(prompts.path("prompts")).hasSize(3);
    assertThat(prompts.path("prompts").get(0).path("amount").asLong()).isEqualTo(60);

    answer(approved, "approve");
    answer(cancelled, "cancel");
    answer(wrongPin, "wrong-pin");
    assertThat(settled(approved).text("status")).isEqualTo("succeeded");
    assertThat(settled(cancelled).text("status")).isEqualTo("cancelled");
    assertThat(settled(wrongPin).text("status")).isEqualTo("failed");
    assertThat(h.merchant().get("/v1/emulator/prompts").json().path("prompts")).isEmpty();

    // Answered already: 409, nothing changes.
    String checkout = h.merchant().get("/v1/payments/" + approved).text("checkout_request_id");
    Reply again = h.merchant().post("/v1/emulator/prompts/" + checkout + "/cancel", "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(h.merchant().get("/v1/payments/" + approved).text("status")).isEqualTo("succeeded");
  }

  @Test
  void badAnswersAreRefusedNamingTheParameter() {
    Reply action = h.merchant().post("/v1/emulator/prompts/ws_CO_1/pay", "{}");
    assertThat(action.status()).isEqualTo(400);
    assertThat(action.json().path("error").path("param").asText()).isEqualTo("action");
    Reply setting =
        h.merchant()
            .send(
                "PUT",
                "/v1/emulator/settings",
                "{\"manual_mode\":\"yes\"}",
                null,
                GatewayHarness.API_KEY);
    assertThat(setting.status()).isEqualTo(400);
    assertThat(h.merchant().post("/v1/emulator/prompts/ws_CO_none/approve", "{}").status())
        .isEqualTo(409);
  }

  private void answer(String paymentId, String action) {
    String checkout = h.merchant().get("/v1/payments/" + paymentId).text("checkout_request_id");
    assertThat(h.merchant().post("/v1/emulator/prompts/" + checkout + "/" + action, "{}").status())
        .isEqualTo(200);
  }

  private Reply settled(String id) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/payments/" + id), r -> !r.text("status").equals("pending"));
  }

  @Test
  void againstSafaricomThereIsNoPhoneAndTheRoutesSaySo() {
    try (DarajaGateway direct =
        DarajaGateway.builder()
            .config(
                GatewayConfig.builder(h.databaseUrl())
                    .port(0)
                    .apiKey(GatewayHarness.API_KEY)
                    .callbackSecret(GatewayHarness.CALLBACK_SECRET)
                    .build())
            .daraja(h.daraja())
            .backgroundWorkers(false)
            .start()) {
      MerchantClient client = new MerchantClient(direct.baseUrl(), GatewayHarness.API_KEY);
      Reply prompts = client.get("/v1/emulator/prompts");
      assertThat(prompts.status()).isEqualTo(404);
      assertThat(prompts.json().path("error").path("message").asText()).contains("Safaricom");
      assertThat(client.post("/v1/emulator/prompts/ws_CO_1/approve", "{}").status()).isEqualTo(404);
    }
  }
}
