package io.github.darajakit.emulator.lookups;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** IMSI ({@code /imsi/v1/checkATI}) and SIM swap ({@code /imsi/v2/checkATI}), REFERENCE §16. */
class SimCheckTest {

  private static final String IMSI = "/imsi/v1/checkATI";
  private static final String SWAP = "/imsi/v2/checkATI";
  private static final String CUSTOMER = "254708374149";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static Reply check(String path, String msisdn) {
    return h.daraja().post(path, DarajaHttp.object().put("customerNumber", msisdn));
  }

  private static Reply setSim(String msisdn, String json) {
    return h.daraja().admin("PUT", "customers/" + msisdn + "/sim", json);
  }

  private static LocalDateTime nowEat() {
    return LocalDateTime.ofInstant(
        java.time.Instant.parse(h.daraja().adminGet("health").path("now").asText()),
        ZoneId.of("Africa/Nairobi"));
  }

  @Test
  void imsiAnswersTheDerivedDefaultsOfANumberNobodyChanged() {
    Reply reply = check(IMSI, CUSTOMER);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text("requestRefID")).isNotBlank();
    assertThat(reply.text("responseCode")).isEqualTo("200");
    assertThat(reply.text("responseDesc")).isEqualTo("Success");
    assertThat(reply.text("imsi")).isEqualTo("639020708374149");
    assertThat(reply.text("msisdnRegistrationDate")).isEqualTo("01-01-2019");
    // Never swapped: the number and SIM were last paired at registration.
    assertThat(reply.text("lastSwapDate")).isEqualTo("01-01-2019");
    assertThat(reply.text("customerNumber")).isEqualTo(CUSTOMER);
  }

  @Test
  void factsSetThroughTheAdminApiAreWhatBothChecksAnswer() {
    Reply set =
        setSim(
            CUSTOMER,
            "{\"lastSwapDate\":\""
                + nowEat().toLocalDate().minusDays(10)
                + "T09:15\","
                + "\"registrationDate\":\"2020-05-01\",\"imsi\":\"639021234567890\"}");
    assertThat(set.status()).as("%s", set).isEqualTo(200);
    assertThat(set.json().path("sim").path("imsi").asText()).isEqualTo("639021234567890");

    Reply imsi = check(IMSI, CUSTOMER);
    Reply swap = check(SWAP, CUSTOMER);

    String day =
        nowEat().toLocalDate().minusDays(10).format(DateTimeFormatter.ofPattern("dd-MM-yyyy"));
    assertThat(imsi.text("imsi")).isEqualTo("639021234567890");
    assertThat(imsi.text("msisdnRegistrationDate")).isEqualTo("01-05-2020");
    assertThat(imsi.text("lastSwapDate")).isEqualTo(day);
    assertThat(swap.text("lastSwapDate")).isEqualTo(day + " 09:15");
    assertThat(swap.json().has("imsi")).isFalse();
    assertThat(swap.json().has("msisdnRegistrationDate")).isFalse();
  }

  @Test
  void aSwapOlderThanThreeMonthsOfTheEmulatorsClockIsTheDefaultDate() {
    setSim(CUSTOMER, "{\"lastSwapDate\":\"" + nowEat().toLocalDate().minusDays(30) + "\"}");
    assertThat(check(SWAP, CUSTOMER).text("lastSwapDate")).isNotEqualTo("01-01-1900 00:00");

    h.daraja().admin("POST", "clock/advance", "{\"by\":\"70d\"}");
    h.daraja().forgetToken();

    assertThat(check(SWAP, CUSTOMER).text("lastSwapDate")).isEqualTo("01-01-1900 00:00");
    // v1 keeps the real date however old.
    assertThat(check(IMSI, CUSTOMER).text("lastSwapDate")).isNotEqualTo("01-01-1900");
  }

  @Test
  void neverSwappedIsTheDefaultDateOnV2() {
    assertThat(check(SWAP, CUSTOMER).text("lastSwapDate")).isEqualTo("01-01-1900 00:00");
  }

  @Test
  void theSimSwappedScenarioWasSwappedTwoDaysAgo() {
    String expected = nowEat().minusDays(2).format(DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm"));
    assertThat(check(SWAP, "254700000911").text("lastSwapDate"))
        .isIn(
            expected,
            nowEat()
                .minusDays(2)
                .minusMinutes(1)
                .format(DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm")));
  }

  @Test
  void aMalformedNumberIsHttp400InTheProductsShape() {
    Reply reply = check(IMSI, "0708374149");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("responseCode")).isEqualTo("400");
    assertThat(reply.text("responseDesc")).isEqualTo("Bad Request - Invalid customerNumber");
    assertThat(reply.json().has("errorCode")).isFalse();
  }

  @Test
  void aNumberTheWorldDoesNotHaveIsHttp404AndIsNotCreated() {
    Reply reply = check(SWAP, "254711999888");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.text("responseCode")).isEqualTo("404");
    assertThat(h.daraja().admin("GET", "customers/254711999888", null).status()).isEqualTo(404);
  }

  @Test
  void aBadTokenIsRefusedWith401001() {
    Reply reply =
        h.daraja()
            .post(
                IMSI,
                "{\"customerNumber\":\"" + CUSTOMER + "\"}",
                "Bearer nope",
                "application/json");
    assertDarajaError(reply, "401.001", "Invalid Access Token");
  }

  @Test
  void theAdminApiRefusesImpossibleFacts() {
    assertThat(setSim(CUSTOMER, "{\"imsi\":\"12\"}").status()).isEqualTo(400);
    assertThat(setSim(CUSTOMER, "{\"lastSwapDate\":\"yesterday\"}").status()).isEqualTo(400);
    assertThat(setSim(CUSTOMER, "{\"lastSwapDate\":\"2018-01-01\"}").status()).isEqualTo(400);
    assertThat(setSim(CUSTOMER, "{\"swap\":\"2024-01-01\"}").status()).isEqualTo(400);
    assertThat(setSim("254711999888", "{}").status()).isEqualTo(404);
    JsonNode sim = h.daraja().adminGet("customers/" + CUSTOMER).path("sim");
    assertThat(sim.path("imsi").asText()).isEqualTo("639020708374149");
    assertThat(sim.path("lastSwapDate").isNull()).isTrue();
  }
}
