package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.hakikisha.HakikishaResponse;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.orginfo.OrgInfoResponse;
import io.github.darajakit.client.sim.ImsiResponse;
import io.github.darajakit.client.sim.SimSwapResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lookups' answers and error envelopes (REFERENCE §16), parsed without I/O. */
class LookupsParsingTest {

  @Test
  void hakikishasSampleIsReadWithItsMaskedNames() throws Exception {
    String raw =
        "{\"header\":{\"requestID\":\"8aeefeea\",\"timestamp\":\"1748933384\",\"status\":\"200\","
            + "\"message\":\"Success\"},\"body\":{\"firstName\":\"john\",\"middleName\":\"M******\","
            + "\"lastName\":\"M******\"}}";
    HakikishaResponse names = HakikishaService.parse(200, Json.parse(raw), raw);

    assertThat(names.requestId()).isEqualTo("8aeefeea");
    assertThat(names.status()).isEqualTo("200");
    assertThat(names.firstName()).isEqualTo("john");
    assertThat(names.middleName()).isEqualTo("M******");
    assertThat(names.maskedName()).isEqualTo("john M****** M******");
    assertThat(names.rawJson()).isEqualTo(raw);
  }

  @Test
  void hakikishasErrorEnvelopeBecomesAnApiErrorWithItsStatusAndMessage() {
    String raw =
        "{\"header\":{\"requestID\":\"8aeefeea\",\"timestamp\":\"20250603074239\","
            + "\"status\":\"400\",\"message\":\"Error\"},"
            + "\"body\":{\"message\":\"The customer does not exist.\"}}";
    // As Transport reads it: no classic errorCode, so the whole body is the message.
    DarajaApiException fromTransport = new DarajaApiException(400, "", raw, "", raw);

    DarajaApiException e = HakikishaService.refusal(fromTransport);

    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("400");
    assertThat(e.errorMessage()).isEqualTo(HakikishaService.CUSTOMER_DOES_NOT_EXIST);
    assertThat(e.requestId()).isEqualTo("8aeefeea");
    assertThat(e.rawBody()).isEqualTo(raw);
  }

  @Test
  void hakikishaErrorInAnHttp200IsStillAnError() throws Exception {
    String raw =
        "{\"header\":{\"status\":\"400\",\"message\":\"Error\"},"
            + "\"body\":{\"message\":\"The customer does not exist.\"}}";
    assertThatThrownBy(() -> HakikishaService.parse(200, Json.parse(raw), raw))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(200);
              assertThat(e.errorCode()).isEqualTo("400");
            });
  }

  @Test
  void aClassicGatewayErrorIsLeftAsItIs() {
    String raw = "{\"requestId\":\"r\",\"errorCode\":\"401.001\",\"errorMessage\":\"Bad\"}";
    DarajaApiException classic = new DarajaApiException(401, "401.001", "Bad", "r", raw);

    assertThat(HakikishaService.refusal(classic)).isSameAs(classic);
    assertThat(OrgInfoService.refusal(classic)).isSameAs(classic);
  }

  @ParameterizedTest(name = "ResponseCode {0}")
  @ValueSource(strings = {"4000", "0"})
  void orgInfoSuccessIsEither4000AsSampledOr0AsDocumented(String code) throws Exception {
    String raw =
        "{\"ConversationID\":\"410c-48e1-b4ab-57d897c8c7a0141968\",\"ResponseCode\":\""
            + code
            + "\",\"ResponseMessage\":\"Success\",\"DetailedMessage\":\"Request received"
            + " successfully\",\"OrganizationShortCode\":\"666677\",\"OrganizationName\":\"Daraja\","
            + "\"ChargeProfileID\":\"20013\"}";
    OrgInfoResponse org = OrgInfoService.parse(200, Json.parse(raw), raw);

    assertThat(org.responseCode()).isEqualTo(code);
    assertThat(org.conversationId()).isEqualTo("410c-48e1-b4ab-57d897c8c7a0141968");
    assertThat(org.organizationShortCode()).isEqualTo("666677");
    assertThat(org.organizationName()).isEqualTo("Daraja");
    assertThat(org.chargeProfileId()).isEqualTo("20013");
    assertThat(ResultCodes.lookup(ResultCodes.Family.ORG_INFO, code).outcome())
        .isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void orgInfoAnyOtherCodeIsAnApiErrorWithDarajasWords() throws Exception {
    String raw =
        "{\"ConversationID\":\"c-1\",\"ResponseCode\":\"1\",\"ResponseMessage\":\"Rejected\","
            + "\"DetailedMessage\":\"No organisation with shortcode 999999\"}";
    assertThatThrownBy(() -> OrgInfoService.parse(200, Json.parse(raw), raw))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("1");
              assertThat(e.errorMessage())
                  .isEqualTo("Rejected: No organisation with shortcode 999999");
              assertThat(e.requestId()).isEqualTo("c-1");
            });
    String invalid =
        "{\"ConversationID\":\"c-2\",\"ResponseCode\":\"500\",\"ResponseMessage\":\"Invalid"
            + " parameter\",\"DetailedMessage\":\"Bad Request - Invalid IdentifierType\"}";
    DarajaApiException e =
        OrgInfoService.refusal(new DarajaApiException(400, "", invalid, "", invalid));
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.errorCode()).isEqualTo("500");
  }

  @Test
  void imsiDatesAreReadAsLocalDates() throws Exception {
    String raw =
        "{\"requestRefID\":\"ref-1\",\"responseCode\":\"200\",\"responseDesc\":\"Success\","
            + "\"imsi\":\"639021234567890\",\"lastSwapDate\":\"01-05-2022\","
            + "\"msisdnRegistrationDate\":\"01-03-2022\",\"customerNumber\":\"254722000000\"}";
    ImsiResponse sim = ImsiService.parse(Json.parse(raw), raw);

    assertThat(sim.imsi()).isEqualTo("639021234567890");
    assertThat(sim.lastSwapDate()).isEqualTo(LocalDate.of(2022, 5, 1));
    assertThat(sim.registrationDate()).isEqualTo(LocalDate.of(2022, 3, 1));
    assertThat(sim.customerNumber()).isEqualTo("254722000000");
    assertThat(sim.swappedOnOrAfter(LocalDate.of(2022, 5, 1))).isTrue();
    assertThat(sim.swappedOnOrAfter(LocalDate.of(2022, 5, 2))).isFalse();
  }

  @Test
  void anUnreadableImsiDateIsNullAndCountsAsSwapped() throws Exception {
    String raw = "{\"responseCode\":\"200\",\"lastSwapDate\":\"31-02-2022\"}";
    ImsiResponse sim = ImsiService.parse(Json.parse(raw), raw);

    assertThat(sim.lastSwapDate()).isNull();
    assertThat(sim.swappedOnOrAfter(LocalDate.of(2030, 1, 1))).isTrue();
  }

  @Test
  void swapDateWithTimeIsReadAndTheDefaultMeansNotRecentlySwapped() throws Exception {
    String recent = "{\"responseCode\":\"200\",\"lastSwapDate\":\"28-11-2026 09:15\"}";
    String old = "{\"responseCode\":\"200\",\"lastSwapDate\":\"01-01-1900 00:00\"}";
    SimSwapResponse swapped = SimSwapService.parse(Json.parse(recent), recent);
    SimSwapResponse notRecently = SimSwapService.parse(Json.parse(old), old);

    assertThat(swapped.lastSwap()).contains(LocalDateTime.of(2026, 11, 28, 9, 15));
    assertThat(swapped.swappedOnOrAfter(LocalDate.of(2026, 11, 21))).isTrue();
    assertThat(notRecently.lastSwap()).isEmpty();
    assertThat(notRecently.swappedOnOrAfter(LocalDate.of(1900, 1, 1))).isFalse();
  }

  @Test
  void anUnreadableSwapDateCountsAsSwappedAndLastSwapSaysWhy() throws Exception {
    String raw = "{\"responseCode\":\"200\",\"lastSwapDate\":\"yesterday\"}";
    SimSwapResponse swap = SimSwapService.parse(Json.parse(raw), raw);

    assertThat(swap.swappedOnOrAfter(LocalDate.of(2030, 1, 1))).isTrue();
    assertThatThrownBy(swap::lastSwap).hasMessageContaining("'yesterday'");
  }

  @Test
  void simCheckErrorsCarryTheirResponseCodeAndDescription() throws Exception {
    String raw =
        "{\"requestRefID\":\"ref-9\",\"responseCode\":\"404\",\"responseDesc\":\"Customer not"
            + " found\"}";
    DarajaApiException e = SimChecks.error(404, Json.parse(raw), raw);

    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.errorCode()).isEqualTo("404");
    assertThat(e.errorMessage()).isEqualTo("Customer not found");
    assertThat(e.requestId()).isEqualTo("ref-9");
  }

  @Test
  void lookupFamiliesHaveNoResultsToParse() {
    assertThatThrownBy(
            () ->
                io.github.darajakit.client.callbacks.DarajaCallbacks.parseResult(
                    "{}", ResultCodes.Family.HAKIKISHA))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ResultCodes.lookup(ResultCodes.Family.SIM_CHECK, "17").known()).isFalse();
  }
}
