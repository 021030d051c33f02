package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.hakikisha.HakikishaResponse;
import io.github.darajakit.client.orginfo.OrgInfoResponse;
import io.github.darajakit.client.sim.ImsiResponse;
import io.github.darajakit.client.sim.SimSwapResponse;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hakikisha, Org Info, IMSI and SIM swap against the emulator over real HTTP. */
@ExtendWith(DarajaEmulatorExtension.class)
class LookupsFunctionalTest {

  private static final String CUSTOMER = "254708374149";

  private static DarajaClient client(DarajaEmulator emulator) {
    return TestClients.builder(emulator).shortCode("600992").sleeper(delay -> {}).build();
  }

  private static LocalDateTime emulatorNowEat(EmulatorAdmin admin) {
    return LocalDateTime.ofInstant(
        Instant.parse(admin.get("health").path("now").asText()), ZoneId.of("Africa/Nairobi"));
  }

  @Test
  void aSwapDateSetThroughTheAdminApiIsReadBackByBothChecks(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    LocalDate swapped = emulatorNowEat(admin).toLocalDate().minusDays(5);
    admin.send(
        "PUT",
        "customers/" + CUSTOMER + "/sim",
        "{\"lastSwapDate\":\""
            + swapped
            + "T08:30\",\"registrationDate\":\"2020-05-01\",\"imsi\":\"639021234567890\"}");
    try (DarajaClient daraja = client(emulator)) {
      ImsiResponse imsi = daraja.imsi().check("0708 374 149");
      SimSwapResponse swap = daraja.simSwap().checkAsync("0708374149").join();

      assertThat(imsi.responseCode()).isEqualTo("200");
      assertThat(imsi.imsi()).isEqualTo("639021234567890");
      assertThat(imsi.lastSwapDate()).isEqualTo(swapped);
      assertThat(imsi.registrationDate()).isEqualTo(LocalDate.of(2020, 5, 1));
      assertThat(imsi.customerNumber()).isEqualTo(CUSTOMER);
      assertThat(swap.lastSwap()).contains(swapped.atTime(8, 30));
      assertThat(swap.swappedOnOrAfter(swapped.minusDays(2))).isTrue();
      assertThat(admin.count("imsi_v1")).isEqualTo(1);
      assertThat(admin.count("imsi_v2")).isEqualTo(1);
    }
  }

  @Test
  void aNeverSwappedSimHasNoRecentSwapAndTheScenarioNumberHasOne(DarajaEmulator emulator) {
    try (DarajaClient daraja = client(emulator)) {
      assertThat(daraja.simSwap().check(CUSTOMER).lastSwap()).isEmpty();
      assertThat(daraja.imsi().check(CUSTOMER).registrationDate())
          .isEqualTo(LocalDate.of(2019, 1, 1));
      SimSwapResponse scenario = daraja.simSwap().check("0700000911");
      assertThat(scenario.lastSwap()).isPresent();
      assertThat(scenario.swappedOnOrAfter(LocalDate.now(ZoneId.of("Africa/Nairobi")).minusDays(3)))
          .isTrue();
    }
  }

  @Test
  void anUnknownNumberIsAnApiErrorWithTheChecksStatus(DarajaEmulator emulator) {
    try (DarajaClient daraja = client(emulator)) {
      assertThatThrownBy(() -> daraja.imsi().check("0711999888"))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo("404");
                assertThat(e.errorMessage()).isEqualTo("Customer not found");
              });
    }
  }

  @Test
  void hakikishaReturnsTheMaskedNamesTheAdminApiGave(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.send(
        "POST",
        "customers",
        "{\"msisdn\":\"254722000000\",\"firstName\":\"john\",\"middleName\":\"MWANGI\","
            + "\"lastName\":\"MAINA\",\"balance\":\"10.00\"}");
    try (DarajaClient daraja = client(emulator)) {
      HakikishaResponse names = daraja.hakikisha().lookup("0722000000");

      assertThat(names.status()).isEqualTo("200");
      assertThat(names.firstName()).isEqualTo("john");
      assertThat(names.maskedName()).isEqualTo("john M****** M******");
      assertThat(names.requestId()).hasSize(36);
    }
  }

  @Test
  void hakikishaForAnUnknownNumberIsTheCustomerDoesNotExist(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient daraja = client(emulator)) {
      assertThatThrownBy(() -> daraja.hakikisha().lookup("0711999888"))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.errorCode()).isEqualTo("400");
                assertThat(e.errorMessage()).isEqualTo(HakikishaService.CUSTOMER_DOES_NOT_EXIST);
              });
      // A refusal is an answer: not retried.
      assertThat(admin.count("hakikisha")).isEqualTo(1);
    }
  }

  @Test
  void orgInfoNamesAPayBillAndATillAndRefusesAnUnknownOne(DarajaEmulator emulator) {
    try (DarajaClient daraja = client(emulator)) {
      OrgInfoResponse payBill = daraja.orgInfo().query(IdentifierType.SHORTCODE, "600992");
      OrgInfoResponse till = daraja.orgInfo().queryAsync(IdentifierType.TILL, "600501").join();

      assertThat(payBill.responseCode()).isEqualTo("4000");
      assertThat(payBill.organizationName()).isEqualTo("Safaricom Daraja 992");
      assertThat(payBill.organizationShortCode()).isEqualTo("600992");
      assertThat(till.organizationName()).isEqualTo("Daraja Demo Till");
      assertThatThrownBy(() -> daraja.orgInfo().query(IdentifierType.SHORTCODE, "999999"))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(200);
                assertThat(e.errorCode()).isEqualTo("1");
                assertThat(e.errorMessage()).startsWith("Rejected");
              });
    }
  }

  @Test
  void lookupsAreRetriedAfterAServerErrorLikeAnyQuery(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"org_info\",\"mode\":\"reject\",\"count\":1},"
            + "{\"endpoint\":\"hakikisha\",\"mode\":\"reject\",\"count\":1}]}");
    try (DarajaClient daraja = client(emulator)) {
      assertThat(daraja.orgInfo().query(IdentifierType.SHORTCODE, "600992").responseCode())
          .isEqualTo("4000");
      assertThat(daraja.hakikisha().lookup(CUSTOMER).firstName()).isEqualTo("JOHN");
      assertThat(admin.count("org_info")).isEqualTo(2);
      assertThat(admin.count("hakikisha")).isEqualTo(2);
    }
  }
}
