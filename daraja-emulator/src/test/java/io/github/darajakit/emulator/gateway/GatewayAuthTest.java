package io.github.darajakit.emulator.gateway;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.internal.http.Endpoint;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gates before the body: path, method and access token, per API family (REFERENCE §2, §22.1–2).
 */
class GatewayAuthTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final String UNKNOWN_TOKEN = "AAAAbbbbCCCCddddEEEEffffGGGG";

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Endpoint.class, mode = EnumSource.Mode.EXCLUDE, names = "OAUTH")
  void unknownTokenIsAnsweredWithTheFamilysOwnError(Endpoint endpoint) {
    Reply reply =
        h.daraja().post(endpoint.path(), "{}", "Bearer " + UNKNOWN_TOKEN, "application/json");

    switch (endpoint) {
      case STK_PUSH, STK_QUERY, REVERSAL, QR_GENERATE ->
          assertDarajaError(reply, "404.001.03", "Invalid Access Token");
      case B2C_V1, B2C_V3, B2POCHI, B2B, TAX_REMITTANCE, ACCOUNT_BALANCE, RATIBA, B2B_EXPRESS ->
          assertDarajaError(
              reply, "401.002.01", "Error Occurred - Invalid Access Token - " + UNKNOWN_TOKEN);
      case C2B_REGISTER_V1, C2B_REGISTER_V2, C2B_SIMULATE_V1, C2B_SIMULATE_V2, TRANSACTION_STATUS ->
          assertDarajaError(reply, "400.003.01", "Invalid Access Token");
      case PULL_REGISTER,
          PULL_QUERY,
          HAKIKISHA,
          ORG_INFO,
          IMSI_V1,
          IMSI_V2,
          BONGA_CALCULATE,
          BONGA_REDEEM ->
          assertDarajaError(reply, "401.001", "Invalid Access Token");
      case BILL_MANAGER_OPT_IN,
          BILL_MANAGER_UPDATE_OPT_IN,
          BILL_MANAGER_INVOICE,
          BILL_MANAGER_BULK_INVOICE,
          BILL_MANAGER_CANCEL,
          BILL_MANAGER_CANCEL_BULK,
          BILL_MANAGER_RECONCILIATION ->
          assertDarajaError(reply, "401", "Unauthorized - Invalid Access Token");
      default -> throw new AssertionError("no expected token error for " + endpoint);
    }
  }

  static Stream<Arguments> badAuthorizationHeaders() {
    List<String> headers = new ArrayList<>();
    headers.add(null);
    headers.add("Bearer");
    headers.add("Bearer ");
    headers.add("Bearer    ");
    headers.add("Basic " + UNKNOWN_TOKEN);
    headers.add(UNKNOWN_TOKEN);
    headers.add("Token " + UNKNOWN_TOKEN);
    headers.add("BearerX" + UNKNOWN_TOKEN);
    List<Arguments> arguments = new ArrayList<>();
    for (Endpoint endpoint : Endpoint.values()) {
      if (endpoint != Endpoint.OAUTH) {
        for (String header : headers) {
          arguments.add(Arguments.of(endpoint, header));
        }
      }
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} with Authorization [{1}]")
  @MethodSource("badAuthorizationHeaders")
  void missingOrGarbledAuthorizationHeaderIsInvalidAuthenticationHeader(
      Endpoint endpoint, String authorization) {
    Reply reply = h.daraja().post(endpoint.path(), "{}", authorization, "application/json");

    assertDarajaError(reply, "404.001.04", "Invalid Authentication Header");
  }

  @Test
  void bearerSchemeIsCaseInsensitiveAndAValidTokenPassesTheGate() {
    String token = h.daraja().token();

    Reply reply =
        h.daraja()
            .post("/mpesa/stkpush/v1/processrequest", "{}", "bearer " + token, "application/json");

    assertDarajaError(reply, "400.002.02", "Bad Request - Invalid BusinessShortCode");
  }

  @ParameterizedTest(name = "GET {0}")
  @EnumSource(value = Endpoint.class, mode = EnumSource.Mode.EXCLUDE, names = "OAUTH")
  void getOnAPostEndpointIsRefusedAsDarajaDoesForThatPath(Endpoint endpoint) {
    Reply reply = h.daraja().request("GET", endpoint.path(), null, "Bearer " + h.daraja().token());

    if (endpoint == Endpoint.STK_PUSH || endpoint == Endpoint.ACCOUNT_BALANCE) {
      assertDarajaError(reply, "405.001", "GET Method Not Allowed");
    } else {
      assertDarajaError(reply, "404.001.04", "Invalid Authentication Header");
    }
  }

  @Test
  void wrongMethodIsCheckedBeforeTheToken() {
    Reply stk = h.daraja().request("PUT", "/mpesa/stkpush/v1/processrequest", "{}", null);
    Reply c2b = h.daraja().request("DELETE", "/mpesa/c2b/v1/registerurl", null, null);

    assertDarajaError(stk, "405.001", "PUT Method Not Allowed");
    assertDarajaError(c2b, "404.001.04", "Invalid Authentication Header");
  }

  @Test
  void postToOAuthIsMethodNotAllowed() {
    Reply reply =
        h.daraja()
            .request(
                "POST",
                "/oauth/v1/generate?grant_type=client_credentials",
                "{}",
                "Basic dGVzdDp0ZXN0");

    assertDarajaError(reply, "405.001", "POST Method Not Allowed");
  }

  static Stream<Arguments> unknownPaths() {
    return Stream.of(
        Arguments.of("/", "404.001.01"),
        Arguments.of("/nothing/here", "404.001.01"),
        Arguments.of("/mpesa", "404.001.01"),
        Arguments.of("/mpesa/stkpush/v2/processrequest", "404.001.01"),
        Arguments.of("/mpesa/stkpush/v1/processrequest/", "404.001.01"),
        Arguments.of("/mpesa/stkpushquery/v1/queryy", "404.001.01"),
        Arguments.of("/mpesa/reversal/v1/requests", "404.001.01"),
        Arguments.of("/mpesa/b2c/v2/paymentrequest", "404.001.01"),
        Arguments.of("/mpesa/accountbalance/v2/query", "404.002.01"),
        Arguments.of("/mpesa/accountbalance", "404.002.01"),
        Arguments.of("/mpesa/c2b/v3/registerurl", "404.003.01"),
        Arguments.of("/mpesa/c2b/v1/simulatee", "404.003.01"),
        Arguments.of("/MPESA/C2B/v1/registerurl", "404.003.01"),
        Arguments.of("/mpesa/transactionstatus/v2/query", "404.003.01"),
        Arguments.of("/mpesa/transactionstatus", "404.003.01"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("unknownPaths")
  void unknownPathIsResourceNotFoundWithTheCodeOfItsApiFamily(String path, String errorCode) {
    Reply post = h.daraja().post(path, "{}", "Bearer " + h.daraja().token(), "application/json");
    Reply get = h.daraja().request("GET", path, null, null);

    assertDarajaError(post, errorCode, "Resource not found");
    assertDarajaError(get, errorCode, "Resource not found");
  }

  @Test
  void everyGateErrorCarriesAFreshRequestId() {
    Reply first = h.daraja().post("/nothing", "{}", null, "application/json");
    Reply second = h.daraja().post("/nothing", "{}", null, "application/json");

    assertThat(first.text("requestId")).isNotEqualTo(second.text("requestId"));
  }
}
