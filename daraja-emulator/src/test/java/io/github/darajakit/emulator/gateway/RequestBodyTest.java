package io.github.darajakit.emulator.gateway;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.http.Endpoint;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The body gate: only a JSON object within the limits reaches field validation (REFERENCE §22.3).
 */
class RequestBodyTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final String STK_PUSH = "/mpesa/stkpush/v1/processrequest";

  /** The body as JSON text with one field's value replaced by raw JSON text, exactly as given. */
  static String withRaw(ObjectNode body, String field, String rawJson) {
    body.put(field, "__RAW__");
    return body.toString().replace("\"__RAW__\"", rawJson);
  }

  private Reply post(String path, String body) {
    return h.daraja().post(path, body, "Bearer " + h.daraja().token(), "application/json");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Endpoint.class, mode = EnumSource.Mode.EXCLUDE, names = "OAUTH")
  void everyValidSampleBodyIsAccepted(Endpoint endpoint) {
    String checkoutRequestId = "";
    if (endpoint == Endpoint.STK_QUERY) {
      checkoutRequestId =
          post(STK_PUSH, Requests.stkPush(Requests.TEST_MSISDN, 1, h.url("/stk")).toString())
              .text("CheckoutRequestID");
    }
    if (endpoint == Endpoint.PULL_QUERY) {
      assertThat(
              post(
                      Endpoint.PULL_REGISTER.path(),
                      ValidBodies.of(Endpoint.PULL_REGISTER, h, "x", "").toString())
                  .status())
          .isEqualTo(200);
    }

    if (endpoint.billManager() && endpoint != Endpoint.BILL_MANAGER_OPT_IN) {
      assertBillManagerAccepts(endpoint);
      return;
    }

    Reply reply =
        post(endpoint.path(), ValidBodies.body(endpoint, h, "valid", checkoutRequestId).toString());

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().has("errorCode")).isFalse();
  }

  /**
   * Bill Manager's calls after opt-in need its app key, and a cancellation or an acknowledgement
   * needs an invoice or a payment to refer to.
   */
  private void assertBillManagerAccepts(Endpoint endpoint) {
    String appKey =
        post(
                Endpoint.BILL_MANAGER_OPT_IN.path(),
                ValidBodies.of(Endpoint.BILL_MANAGER_OPT_IN, h, "valid", "").toString())
            .text("app_key");
    String receipt = "";
    if (endpoint != Endpoint.BILL_MANAGER_INVOICE
        && endpoint != Endpoint.BILL_MANAGER_BULK_INVOICE
        && endpoint != Endpoint.BILL_MANAGER_UPDATE_OPT_IN) {
      JsonNode invoice = ValidBodies.of(Endpoint.BILL_MANAGER_INVOICE, h, "valid", "");
      h.daraja().post(Endpoint.BILL_MANAGER_INVOICE.path(), invoice, "appKey", appKey);
      if (endpoint == Endpoint.BILL_MANAGER_RECONCILIATION) {
        receipt =
            h.daraja()
                .admin(
                    "POST",
                    "billmanager/" + Requests.SHORTCODE + "/invoices/inv-valid/pay",
                    "{\"amount\":800}")
                .text("transId");
      }
    }

    Reply reply =
        h.daraja()
            .post(
                endpoint.path(), ValidBodies.body(endpoint, h, "valid", receipt), "appKey", appKey);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.text("rescode")).as("%s", reply).isEqualTo("200");
  }

  static Stream<Arguments> endpointsAndGarbage() {
    List<String> garbage =
        List.of(
            "",
            " ",
            "not json",
            "<xml/>",
            "BusinessShortCode=174379&Amount=1",
            "{",
            "{\"Amount\":}",
            "{\"Amount\":1,}",
            "{'Amount':1}",
            "{\"Amount\":1}}",
            "{\"Amount\":1} {\"Amount\":2}",
            "[]",
            "[{\"Amount\":1}]",
            "42",
            "-1.5e3",
            "\"a string\"",
            "true",
            "null");
    List<Arguments> arguments = new ArrayList<>();
    for (Endpoint endpoint : Endpoint.values()) {
      if (endpoint != Endpoint.OAUTH) {
        for (String body : garbage) {
          // Bill Manager's bulk calls take an array: theirs is not garbage (BillManagerTest).
          if (!(endpoint.takesArray() && body.startsWith("["))) {
            arguments.add(Arguments.of(endpoint, body));
          }
        }
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} body [{1}]")
  @MethodSource("endpointsAndGarbage")
  void bodyThatIsNotOneJsonObjectIsAnInvalidRequestPayload(Endpoint endpoint, String body) {
    assertDarajaError(post(endpoint.path(), body), "400.002.05", "Invalid Request Payload");
  }

  @Test
  void bodyJustOverTheDefaultLimitOf64KibIsAnInvalidRequestPayload() {
    ObjectNode body = Requests.stkPush(Requests.TEST_MSISDN, 1, h.url("/stk"));
    body.put("Padding", "x".repeat(64 * 1024 - body.toString().length() - 13));
    String atLimit = body.toString();
    assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);

    Reply over = post(STK_PUSH, atLimit + " ");
    Reply at = post(STK_PUSH, atLimit);

    assertDarajaError(over, "400.002.05", "Invalid Request Payload");
    assertThat(at.status()).as("%s", at).isEqualTo(200);
  }

  @Test
  void oversizedChunkedBodyWithoutContentLengthIsAnInvalidRequestPayload() throws Exception {
    byte[] bytes =
        ("{\"Padding\":\"" + "y".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(h.daraja().baseUrl() + STK_PUSH))
            .header("Authorization", "Bearer " + h.daraja().token())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();

    HttpResponse<String> response = send(request);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(DarajaHttp.JSON.readTree(response.body()).path("errorCode").asText())
        .isEqualTo("400.002.05");
    assertThat(h.daraja().adminGet("health").path("status").asText()).isEqualTo("UP");
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest(name = "depth {0}")
  @ValueSource(ints = {33, 64, 1_000, 100_000})
  void nestingDeeperThan32IsAnInvalidRequestPayloadNotACrash(int depth) {
    String arrays = "{\"BusinessShortCode\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    String objects =
        "{\"BusinessShortCode\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";

    assertDarajaError(post(STK_PUSH, arrays), "400.002.05", "Invalid Request Payload");
    assertDarajaError(post(STK_PUSH, objects), "400.002.05", "Invalid Request Payload");
    assertThat(h.daraja().adminGet("health").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void nestingWithinTheLimitParsesAndFailsOnTheFieldInstead() {
    String nested = "{\"BusinessShortCode\":" + "[".repeat(30) + "]".repeat(30) + "}";

    assertDarajaError(
        post(STK_PUSH, nested), "400.002.02", "Bad Request - Invalid BusinessShortCode");
  }

  static Stream<Arguments> endpointsAndForeignContentTypes() {
    List<Arguments> arguments = new ArrayList<>();
    for (Endpoint endpoint : Endpoint.values()) {
      // The lookups report the hidden field in their own envelopes: their own tests check it.
      if (endpoint != Endpoint.OAUTH && !endpoint.ownFieldErrors()) {
        arguments.add(Arguments.of(endpoint, "text/plain"));
        arguments.add(Arguments.of(endpoint, "application/x-www-form-urlencoded"));
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("endpointsAndForeignContentTypes")
  void validBodyWithANonJsonContentTypeReportsTheFirstFieldInvalid(
      Endpoint endpoint, String contentType) {
    String body = ValidBodies.of(endpoint, h, "ct", "ws_CO_unknown").toString();

    Reply reply =
        h.daraja().post(endpoint.path(), body, "Bearer " + h.daraja().token(), contentType);

    assertDarajaError(
        reply, "400.002.02", "Bad Request - Invalid " + ValidBodies.firstField(endpoint));
  }

  @Test
  void jsonContentTypeWithParametersOrNoneAtAllIsRead() {
    String body =
        Requests.c2bRegister(Requests.SHORTCODE, "Completed", h.url("/c"), null).toString();
    String auth = "Bearer " + h.daraja().token();

    Reply withCharset =
        h.daraja().post("/mpesa/c2b/v1/registerurl", body, auth, "application/json; charset=UTF-8");
    Reply withoutContentType = h.daraja().post("/mpesa/c2b/v2/registerurl", body, auth, null);

    assertThat(withCharset.status()).as("%s", withCharset).isEqualTo(200);
    assertThat(withoutContentType.status()).as("%s", withoutContentType).isEqualTo(200);
  }

  static Stream<Arguments> endpointsWithAmountAndWrongTypes() {
    List<String> wrong = List.of("{}", "{\"value\":10}", "[]", "[10]", "true", "false");
    List<Arguments> arguments = new ArrayList<>();
    for (Endpoint endpoint :
        List.of(
            Endpoint.STK_PUSH,
            Endpoint.C2B_SIMULATE_V1,
            Endpoint.C2B_SIMULATE_V2,
            Endpoint.B2C_V1,
            Endpoint.B2C_V3,
            Endpoint.B2POCHI,
            Endpoint.B2B,
            Endpoint.TAX_REMITTANCE,
            Endpoint.REVERSAL,
            Endpoint.QR_GENERATE,
            Endpoint.RATIBA)) {
      for (String value : wrong) {
        arguments.add(Arguments.of(endpoint, value));
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} Amount={1}")
  @MethodSource("endpointsWithAmountAndWrongTypes")
  void amountOfTheWrongJsonTypeIsAnInvalidAmount(Endpoint endpoint, String amount) {
    String body = withRaw(ValidBodies.of(endpoint, h, "amount", ""), "Amount", amount);

    assertDarajaError(post(endpoint.path(), body), "400.002.02", "Bad Request - Invalid Amount");
  }

  @ParameterizedTest(name = "Amount={0}")
  @ValueSource(strings = {"10", "\"10\"", "10.0", "\"10.00\""})
  void amountAsNumberOrNumericStringIsAccepted(String amount) {
    String body =
        withRaw(ValidBodies.of(Endpoint.C2B_SIMULATE_V1, h, "amount", ""), "Amount", amount);

    Reply reply = post(Endpoint.C2B_SIMULATE_V1.path(), body);

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.text("ResponseCode")).isEqualTo("0");
  }

  @ParameterizedTest(name = "Amount={0}")
  @ValueSource(strings = {"null", "\"\"", "\"ten\"", "10.5", "\"10.5\"", "-10", "0", "\"1e3\""})
  void amountThatIsNotAWholePositiveNumberIsAnInvalidAmount(String amount) {
    String body =
        withRaw(ValidBodies.of(Endpoint.C2B_SIMULATE_V1, h, "amount", ""), "Amount", amount);

    assertDarajaError(
        post(Endpoint.C2B_SIMULATE_V1.path(), body), "400.002.02", "Bad Request - Invalid Amount");
  }

  @ParameterizedTest(name = "BusinessShortCode={0}")
  @ValueSource(
      strings = {
        "1e999999999",
        "-1e999999999",
        "1e-999999999",
        "1e9999999",
        "0e999999999",
        "0e-999999999",
        "174379e999999999",
        "174379.5",
        "{\"a\":1}",
        "[174379]",
        "true"
      })
  void textFieldHoldingANonScalarOrAnAbsurdNumberIsInvalid(String value) {
    String body =
        withRaw(
            Requests.stkPush(Requests.TEST_MSISDN, 1, h.url("/stk")), "BusinessShortCode", value);

    assertDarajaError(
        post(STK_PUSH, body), "400.002.02", "Bad Request - Invalid BusinessShortCode");
  }

  @Test
  void shortCodeAsAPlainNumberIsReadAsItsDigits() {
    ObjectNode body = Requests.stkPush(Requests.TEST_MSISDN, 1, h.url("/stk"));
    body.put("BusinessShortCode", 174379).put("PartyB", 174379);

    Reply reply = post(STK_PUSH, body.toString());

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }
}
