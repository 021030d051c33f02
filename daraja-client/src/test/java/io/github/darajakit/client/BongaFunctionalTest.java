package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.bonga.BongaCalculation;
import io.github.darajakit.client.bonga.BongaRedeemRequest;
import io.github.darajakit.client.bonga.BongaRedemption;
import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lipa na Bonga against the emulator over real HTTP, the C2B confirmation included. */
@ExtendWith(DarajaEmulatorExtension.class)
class BongaFunctionalTest {

  private static final String PAYBILL = Sandbox.SHORTCODE_1;
  private static final String CUSTOMER = "254708374149";
  private static final String DECLINES = "254700001032";

  private static DarajaClient client(DarajaEmulator emulator) {
    return TestClients.builder(emulator).shortCode(PAYBILL).sleeper(delay -> {}).build();
  }

  private static BongaRedeemRequest redeem(String msisdn, BongaCalculation worth) {
    return BongaRedeemRequest.builder()
        .msisdn(msisdn)
        .bongaPoints(worth.points())
        .conversionRate(worth.rate())
        .amount(worth.amount().longValueExact())
        .accountNumber("INV-1042")
        .build();
  }

  private static long points(EmulatorAdmin admin, String msisdn) {
    return admin.get("customers/" + msisdn + "/bonga").path("points").asLong();
  }

  @Test
  void calculateAnswersThePointsWorthAtTheRate(DarajaEmulator emulator) {
    try (DarajaClient daraja = client(emulator)) {
      BongaCalculation worth = daraja.bonga().calculate(40);
      assertThat(worth.amount()).isEqualByComparingTo("8");
      assertThat(worth.points()).isEqualTo(40);
      assertThat(worth.rate()).isEqualByComparingTo("0.2");
      assertThat(worth.responseCode()).isEqualTo("200");
      assertThat(worth.requestRefId()).isNotBlank();
      assertThat(new EmulatorAdmin(emulator).count("bonga_calculate")).isEqualTo(1);
    }
  }

  @Test
  void anApprovedRedemptionPaysThePayBillAndReachesItsConfirmationUrl(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.send("PUT", "customers/" + CUSTOMER + "/bonga", "{\"points\":500}");
    try (DarajaClient daraja = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      daraja
          .c2b()
          .registerUrls(
              C2bRegisterRequest.builder().confirmationUrl(merchant.url("/bonga/confirm")).build());

      BongaRedemption accepted =
          daraja.bonga().redeem(redeem(CUSTOMER, daraja.bonga().calculate(250)));

      assertThat(accepted.responseCode()).isEqualTo("200");
      assertThat(accepted.responseMessage()).isEqualTo("Operation Successfully.");
      JsonNode confirmation =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> merchant.bodies("/bonga/confirm"), list -> !list.isEmpty())
              .get(0);
      assertThat(confirmation.path("BillRefNumber").asText()).isEqualTo("INV-1042");
      assertThat(confirmation.path("TransAmount").asText()).isEqualTo("50.00");
      assertThat(confirmation.path("BusinessShortCode").asText()).isEqualTo(PAYBILL);
      String receipt = confirmation.path("TransID").asText();
      assertThat(receipt).matches("[A-Z0-9]{10}");
      assertThat(points(admin, CUSTOMER)).isEqualTo(250);
      JsonNode ledger = admin.get("transactions/" + receipt);
      assertThat(ledger.toString()).contains("INV-1042");
    }
  }

  @Test
  void aDeclinedPromptMovesNoPointsAndSendsNoConfirmation(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient daraja = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      daraja
          .c2b()
          .registerUrls(
              C2bRegisterRequest.builder().confirmationUrl(merchant.url("/bonga/confirm")).build());
      long before = points(admin, DECLINES);

      daraja.bonga().redeem(redeem(DECLINES, daraja.bonga().calculate(100)));

      JsonNode prompt =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> admin.get("stk").path("prompts").get(0),
                  p -> p != null && !p.path("status").asText().equals("pending"));
      assertThat(prompt.path("resultCode").asText()).isEqualTo("1032");
      assertThat(prompt.path("purpose").asText()).isEqualTo("bonga_redemption");
      assertThat(points(admin, DECLINES)).isEqualTo(before);
      assertThat(merchant.all()).isEmpty();
    }
  }

  @Test
  void tooFewPointsOrAWrongAmountIsRefusedWith6001AndNothingIsPrompted(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.send("PUT", "customers/" + CUSTOMER + "/bonga", "{\"points\":10}");
    try (DarajaClient daraja = client(emulator)) {
      BongaCalculation worth = daraja.bonga().calculate(250);
      assertThatThrownBy(() -> daraja.bonga().redeem(redeem(CUSTOMER, worth)))
          .isInstanceOfSatisfying(
              DarajaApiException.class, e -> assertThat(e.errorCode()).isEqualTo("6001"));
      BongaRedeemRequest wrongAmount =
          BongaRedeemRequest.builder()
              .msisdn(CUSTOMER)
              .bongaPoints(5)
              .conversionRate(new BigDecimal("0.2"))
              .amount(50)
              .accountNumber("INV-1042")
              .build();
      assertThatThrownBy(() -> daraja.bonga().redeem(wrongAmount))
          .isInstanceOfSatisfying(
              DarajaApiException.class, e -> assertThat(e.errorCode()).isEqualTo("6001"));
      assertThat(admin.get("stk").path("prompts")).isEmpty();
    }
  }
}
