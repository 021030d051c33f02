package io.github.darajakit.emulator.c2b;

import static io.github.darajakit.emulator.c2b.C2b.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** C2B URL registration, v1 and v2: answers, validation, the STK-only shortcode, re-registering. */
class C2bRegisterTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private final C2b c2b = new C2b(h);

  @ParameterizedTest(name = "v{0} answers ResponseDescription \"{1}\"")
  @MethodSource("versions")
  void registrationAnswersWithTheMisspelledOriginatorCoversationId(int version, String desc) {
    Reply reply =
        c2b.register(
            version,
            Requests.c2bRegister(
                C2b.PAYBILL, "Completed", h.url(C2b.CONFIRM), h.url(C2b.VALIDATE)));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text("OriginatorCoversationID")).isNotBlank();
    assertThat(reply.json().has("OriginatorConversationID")).isFalse();
    assertThat(reply.json().has("ConversationID")).isFalse();
    assertThat(reply.text("ResponseCode")).isEqualTo("0");
    assertThat(reply.text("ResponseDescription")).isEqualTo(desc);
    JsonNode registration = c2b.registrations().path(C2b.PAYBILL);
    assertThat(registration.path("version").asInt()).isEqualTo(version);
    assertThat(registration.path("responseType").asText()).isEqualTo("Completed");
    assertThat(registration.path("confirmationUrl").asText()).isEqualTo(h.url(C2b.CONFIRM));
    assertThat(registration.path("validationUrl").asText()).isEqualTo(h.url(C2b.VALIDATE));
  }

  static Stream<Arguments> versions() {
    return Stream.of(Arguments.of(1, "success"), Arguments.of(2, "Success"));
  }

  @Test
  void shortCodeMayBeSentAsAJsonNumber() {
    ObjectNode body = Requests.c2bRegister(C2b.PAYBILL, "Cancelled", h.url(C2b.CONFIRM), null);
    body.put("ShortCode", 600992);

    Reply reply = c2b.register(2, body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(c2b.registrations().path(C2b.PAYBILL).path("responseType").asText())
        .isEqualTo("Cancelled");
    assertThat(c2b.registrations().path(C2b.PAYBILL).path("validationUrl").asText()).isEmpty();
  }

  @ParameterizedTest(name = "v{0} on 174379 → SOAP fault")
  @ValueSource(ints = {1, 2})
  void registeringOnTheStkOnlyShortcodeIsAnAddUrlVaultSoapFault(int version) {
    Reply reply =
        c2b.register(
            version,
            Requests.c2bRegister(Requests.STK_SHORTCODE, "Completed", h.url(C2b.CONFIRM), null));

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.json().has("errorCode")).isFalse();
    JsonNode envelope = reply.json().path("Envelope");
    assertThat(envelope.path("encodingStyle").asText())
        .isEqualTo("http://schemas.xmlsoap.org/soap/encoding/");
    JsonNode fault = envelope.path("Body").path("Fault");
    assertThat(fault.path("faultcode").asText()).isEqualTo("soap:Server");
    assertThat(fault.path("faultstring").asText())
        .contains("SCO-AddURLVault")
        .contains("ResponseCode 409");
    assertThat(c2b.registrations()).isEmpty();
  }

  static Stream<Arguments> invalidRegistrations() {
    return Stream.of(
        Arguments.of("ShortCode", null, "ShortCode"),
        Arguments.of("ShortCode", "60099x", "ShortCode"),
        Arguments.of("ShortCode", "6009", "ShortCode"),
        Arguments.of("ShortCode", "12345678", "ShortCode"),
        Arguments.of("ResponseType", null, "ResponseType"),
        Arguments.of("ResponseType", "completed", "ResponseType"),
        Arguments.of("ResponseType", "Complete", "ResponseType"),
        Arguments.of("ResponseType", "Canceled", "ResponseType"),
        Arguments.of("ConfirmationURL", null, "ConfirmationURL"),
        Arguments.of("ConfirmationURL", "example.com/confirm", "ConfirmationURL"),
        Arguments.of("ConfirmationURL", "https://example.com/con firm", "ConfirmationURL"),
        Arguments.of("ValidationURL", "ftp://example.com/validate", "ValidationURL"),
        Arguments.of("ValidationURL", "/validate", "ValidationURL"));
  }

  @ParameterizedTest(name = "{0} = {1} → Invalid {2}")
  @MethodSource("invalidRegistrations")
  void invalidRegistrationIsRejectedAndRegistersNothing(
      String field, String value, String reportedAs) {
    ObjectNode body =
        Requests.c2bRegister(C2b.PAYBILL, "Completed", h.url(C2b.CONFIRM), h.url(C2b.VALIDATE));
    if (value == null) {
      body.remove(field);
    } else {
      body.put(field, value);
    }

    Reply reply = c2b.register(2, body);

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid " + reportedAs);
    assertThat(c2b.registrations()).isEmpty();
  }

  @Test
  void unknownShortcodeIsInvalid() {
    Reply reply =
        c2b.register(2, Requests.c2bRegister("123456", "Completed", h.url(C2b.CONFIRM), null));

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid ShortCode");
    assertThat(c2b.registrations()).isEmpty();
  }

  @Test
  void blankValidationUrlMeansNoValidation() {
    ObjectNode body = Requests.c2bRegister(C2b.PAYBILL, "Completed", h.url(C2b.CONFIRM), "");

    Reply reply = c2b.register(2, body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(c2b.registrations().path(C2b.PAYBILL).path("validationUrl").asText()).isEmpty();
  }

  @ParameterizedTest(name = "{0} with an unknown token → 400.003.01")
  @ValueSource(
      strings = {
        "/mpesa/c2b/v1/registerurl",
        "/mpesa/c2b/v2/registerurl",
        "/mpesa/c2b/v1/simulate",
        "/mpesa/c2b/v2/simulate"
      })
  void unknownAccessTokenIsHttp400InvalidAccessToken(String path) {
    Reply reply =
        h.daraja()
            .post(
                path,
                Requests.c2bRegister(C2b.PAYBILL, "Completed", h.url(C2b.CONFIRM), null).toString(),
                "Bearer c9SQxWWhmdVRlyh0zh8gZDTkubVF",
                "application/json");

    assertError(reply, 400, "400.003.01", "Invalid Access Token");
    assertThat(c2b.registrations()).isEmpty();
  }

  @Test
  void getOnRegisterIsAnInvalidAuthenticationHeader() {
    Reply reply =
        h.daraja()
            .request("GET", "/mpesa/c2b/v2/registerurl", null, "Bearer " + h.daraja().token());

    assertError(reply, 404, "404.001.04", "Invalid Authentication Header");
  }

  @Test
  void unknownC2bPathIsResourceNotFoundInTheC2bFamily() {
    Reply reply =
        h.daraja()
            .post(
                "/mpesa/c2b/v3/registerurl",
                Requests.c2bRegister(C2b.PAYBILL, "Completed", h.url(C2b.CONFIRM), null));

    assertError(reply, 404, "404.003.01", "Resource not found");
    assertThat(c2b.registrations()).isEmpty();
  }

  @Test
  void bodyThatIsNotJsonIsAnInvalidPayload() {
    Reply reply =
        h.daraja()
            .post(
                "/mpesa/c2b/v2/registerurl",
                "[\"ShortCode\"]",
                "Bearer " + h.daraja().token(),
                "application/json");

    assertError(reply, 400, "400.002.05", "Invalid Request Payload");
    assertThat(c2b.registrations()).isEmpty();
  }

  @Test
  void sandboxModeLetsARegistrationBeOverwritten() {
    c2b.registered(2, C2b.PAYBILL, "Completed", false);

    Reply again =
        c2b.register(1, Requests.c2bRegister(C2b.PAYBILL, "Cancelled", h.url("/other"), null));

    assertThat(again.status()).isEqualTo(200);
    JsonNode registration = c2b.registrations().path(C2b.PAYBILL);
    assertThat(registration.path("version").asInt()).isEqualTo(1);
    assertThat(registration.path("responseType").asText()).isEqualTo("Cancelled");
    assertThat(registration.path("confirmationUrl").asText()).isEqualTo(h.url("/other"));
    // The payment's confirmation goes to the new URL only.
    Reply paid = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 5, "ref");
    assertThat(paid.status()).isEqualTo(201);
    assertThat(h.receiver().awaitOne("/other").body().path("TransID").asText())
        .isEqualTo(paid.text("transId"));
    assertThat(c2b.deliveries("c2b_confirmation")).hasSize(1);
  }

  @Test
  void productionModeRefusesASecondRegistrationAndKeepsTheFirst() {
    c2b.settings("{\"c2b\":{\"registration\":\"production\"}}");
    c2b.registered(2, C2b.PAYBILL, "Completed", false);

    Reply again =
        c2b.register(2, Requests.c2bRegister(C2b.PAYBILL, "Cancelled", h.url("/other"), null));

    assertError(again, 500, "500.003.1001", "Urls are already registered.");
    assertThat(c2b.registrations().path(C2b.PAYBILL).path("confirmationUrl").asText())
        .isEqualTo(h.url(C2b.CONFIRM));
  }

  @Test
  void productionModeStillRegistersEachShortcodeOnce() {
    c2b.settings("{\"c2b\":{\"registration\":\"production\"}}");
    c2b.registered(2, C2b.PAYBILL, "Completed", false);

    c2b.registered(2, "600000", "Completed", false);

    assertThat(c2b.registrations().size()).isEqualTo(2);
  }
}
