package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.StandingOrderCallback;
import io.github.darajakit.client.ratiba.StandingOrderAcknowledgement;
import io.github.darajakit.client.ratiba.StandingOrderFrequency;
import io.github.darajakit.client.ratiba.StandingOrderRequest;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * M-Pesa Ratiba against the emulator over real HTTP: the standing order is accepted, the customer
 * is asked to consent with their PIN, and the callback says what they did.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class RatibaFunctionalTest {

  private static final String APPROVES = "0708374149";
  private static final String DECLINES = "0700001032";

  private static StandingOrderRequest order(String phone, String callbackUrl) {
    LocalDate today = LocalDate.now(ZoneId.of("Africa/Nairobi"));
    return StandingOrderRequest.builder()
        .name("Rent " + phone)
        .startDate(today.plusDays(1))
        .endDate(today.plusYears(1))
        .frequency(StandingOrderFrequency.MONTHLY)
        .amount(4500)
        .phone(phone)
        .accountReference("FLAT-4B")
        .description("Rent")
        .callbackUrl(callbackUrl)
        .build();
  }

  private static StandingOrderCallback callback(C2bCallbackServer merchant, String path) {
    List<JsonNode> bodies =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> merchant.bodies(path), list -> !list.isEmpty());
    assertThat(bodies).hasSize(1);
    return DarajaCallbacks.parseStandingOrderCallback(bodies.get(0).toString());
  }

  @Test
  void aConsentedStandingOrderCallsBackWithSuccess(DarajaEmulator emulator) {
    try (DarajaClient daraja =
            TestClients.builder(emulator).shortCode(Sandbox.SHORTCODE_1).build();
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      StandingOrderAcknowledgement ack =
          daraja.ratiba().create(order(APPROVES, merchant.url("/ratiba/rent")));

      assertThat(ack.responseCode()).isEqualTo(StandingOrderAcknowledgement.ACCEPTED);
      StandingOrderCallback result = callback(merchant, "/ratiba/rent");
      assertThat(result.succeeded()).isTrue();
      assertThat(result.resultCode()).isEqualTo("0");
      assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
    }
  }

  @Test
  void aDeclinedConsentCallsBackWithMpesasCode(DarajaEmulator emulator) {
    try (DarajaClient daraja =
            TestClients.builder(emulator).shortCode(Sandbox.SHORTCODE_1).build();
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      daraja.ratiba().create(order(DECLINES, merchant.url("/ratiba/declined")));

      StandingOrderCallback result = callback(merchant, "/ratiba/declined");
      assertThat(result.succeeded()).isFalse();
      assertThat(result.resultCode()).isEqualTo("1032");
      assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
    }
  }
}
