package io.github.darajakit.emulator.lookups;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** B2C Hakikisha (REFERENCE §16): masked registered names in Hakikisha's own envelope. */
class HakikishaTest {

  private static final String PATH = "/mpesa/b2c/hakikisha/v1/hakikisha";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static ObjectNode request(String msisdn, String shortCode) {
    ObjectNode body = DarajaHttp.object();
    body.putObject("header").put("requestID", "8aeefeea-8713").put("timestamp", "1748933384");
    body.putObject("body").put("msisdn", msisdn).put("shortcode", shortCode);
    return body;
  }

  @Test
  void aCustomersFirstNameIsClearAndTheOthersMasked() {
    h.daraja()
        .admin(
            "POST",
            "customers",
            "{\"msisdn\":\"254722000000\",\"firstName\":\"john\",\"middleName\":\"MWANGI\","
                + "\"lastName\":\"MAINA\",\"balance\":\"10.00\"}");

    Reply reply = h.daraja().post(PATH, request("254722000000", "600000"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("header").path("requestID").asText()).isEqualTo("8aeefeea-8713");
    assertThat(reply.json().path("header").path("timestamp").asText()).isEqualTo("1748933384");
    assertThat(reply.json().path("header").path("status").asText()).isEqualTo("200");
    assertThat(reply.json().path("header").path("message").asText()).isEqualTo("Success");
    assertThat(reply.json().path("body").path("firstName").asText()).isEqualTo("john");
    assertThat(reply.json().path("body").path("middleName").asText()).isEqualTo("M******");
    assertThat(reply.json().path("body").path("lastName").asText()).isEqualTo("M******");
  }

  @Test
  void anEmptyMiddleNameStaysEmpty() {
    Reply reply = h.daraja().post(PATH, request("254708374149", "600000"));

    assertThat(reply.json().path("body").path("firstName").asText()).isEqualTo("JOHN");
    assertThat(reply.json().path("body").path("middleName").asText()).isEmpty();
    assertThat(reply.json().path("body").path("lastName").asText()).isEqualTo("D******");
  }

  @Test
  void anUnknownNumberIsTheCustomerDoesNotExistAndIsNotCreated() {
    Reply reply = h.daraja().post(PATH, request("254711999888", "600000"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("header").path("status").asText()).isEqualTo("400");
    assertThat(reply.json().path("header").path("message").asText()).isEqualTo("Error");
    assertThat(reply.json().path("header").path("requestID").asText()).isEqualTo("8aeefeea-8713");
    assertThat(reply.json().path("header").path("timestamp").asText()).matches("\\d{14}");
    assertThat(reply.json().path("body").path("message").asText())
        .isEqualTo("The customer does not exist.");
    assertThat(h.daraja().admin("GET", "customers/254711999888", null).status()).isEqualTo(404);
  }

  @Test
  void badFieldsAreErrorsInHakikishasEnvelope() {
    assertThat(message(h.daraja().post(PATH, request("0722000000", "600000"))))
        .isEqualTo("Bad Request - Invalid phone number");
    assertThat(message(h.daraja().post(PATH, request("254708374149", "999999"))))
        .isEqualTo("Bad Request - Invalid shortcode");
    ObjectNode noHeader = request("254708374149", "600000");
    noHeader.remove("header");
    assertThat(message(h.daraja().post(PATH, noHeader))).isEqualTo("Bad Request - Invalid header");
    Reply hidden =
        h.daraja()
            .post(
                PATH,
                request("254708374149", "600000").toString(),
                "Bearer " + h.daraja().token(),
                "text/plain");
    assertThat(hidden.status()).isEqualTo(400);
    assertThat(message(hidden)).isEqualTo("Bad Request - Invalid header");
  }

  @Test
  void aBadTokenIsRefusedWith401001() {
    Reply reply =
        h.daraja()
            .post(
                PATH,
                request("254708374149", "600000").toString(),
                "Bearer nope",
                "application/json");
    assertDarajaError(reply, "401.001", "Invalid Access Token");
  }

  private static String message(Reply reply) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    assertThat(reply.json().path("header").path("status").asText()).isEqualTo("400");
    return reply.json().path("body").path("message").asText();
  }
}
