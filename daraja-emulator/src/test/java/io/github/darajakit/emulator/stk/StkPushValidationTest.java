package io.github.darajakit.emulator.stk;

import static io.github.darajakit.emulator.stk.Stk.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STK push request validation: every field in document order, each failure a synchronous {@code
 * 400.002.02 "Bad Request - Invalid <Field>"} (or a {@code 500.001.1001} merchant error) that
 * leaves the world exactly as it was.
 */
class StkPushValidationTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private final Stk stk = new Stk(h);

  /** The push fields in document order (REFERENCE §4.1) with a value Daraja rejects. */
  private static final List<Arguments> FIRST_BAD_VALUE =
      List.of(
          Arguments.of("BusinessShortCode", new TextNode("17437a"), "BusinessShortCode"),
          Arguments.of("Password", new TextNode(""), "Password"),
          Arguments.of("Timestamp", new TextNode("20251399120000"), "Timestamp"),
          Arguments.of("TransactionType", new TextNode("CustomerPayBill"), "TransactionType"),
          Arguments.of("Amount", IntNode.valueOf(0), "Amount"),
          Arguments.of("PartyA", new TextNode("0712345678"), "PartyA"),
          Arguments.of("PartyB", new TextNode("17-4379"), "PartyB"),
          Arguments.of("PhoneNumber", new TextNode("0712345678"), "PhoneNumber"),
          Arguments.of("CallBackURL", new TextNode("/callback"), "CallBackURL"),
          Arguments.of("AccountReference", new TextNode("A".repeat(21)), "AccountReference"),
          Arguments.of("TransactionDesc", new TextNode("d".repeat(101)), "Remarks"));

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        Arguments.of("BusinessShortCode", null, "BusinessShortCode"),
        Arguments.of("BusinessShortCode", new TextNode("17437a"), "BusinessShortCode"),
        Arguments.of("BusinessShortCode", new TextNode("1743"), "BusinessShortCode"),
        Arguments.of("BusinessShortCode", DarajaHttp.object(), "BusinessShortCode"),
        Arguments.of("Password", null, "Password"),
        Arguments.of("Password", new TextNode(" "), "Password"),
        Arguments.of("Timestamp", null, "Timestamp"),
        Arguments.of("Timestamp", new TextNode("20251399120000"), "Timestamp"),
        Arguments.of("Timestamp", new TextNode("20250230120000"), "Timestamp"),
        Arguments.of("Timestamp", new TextNode("202501011200"), "Timestamp"),
        Arguments.of("Timestamp", new TextNode("2025-01-01T12:00"), "Timestamp"),
        Arguments.of("TransactionType", null, "TransactionType"),
        Arguments.of("TransactionType", new TextNode("customerpaybillonline"), "TransactionType"),
        Arguments.of("Amount", null, "Amount"),
        Arguments.of("Amount", IntNode.valueOf(0), "Amount"),
        Arguments.of("Amount", new TextNode("0"), "Amount"),
        Arguments.of("Amount", new TextNode("1.5"), "Amount"),
        Arguments.of("Amount", DecimalNode.valueOf(new BigDecimal("1.5")), "Amount"),
        Arguments.of("Amount", IntNode.valueOf(-5), "Amount"),
        Arguments.of("Amount", new TextNode("ten"), "Amount"),
        Arguments.of("Amount", DarajaHttp.object().put("value", 1), "Amount"),
        Arguments.of("Amount", BooleanNode.TRUE, "Amount"),
        Arguments.of("PartyA", null, "PartyA"),
        Arguments.of("PartyA", new TextNode("0712345678"), "PartyA"),
        Arguments.of("PartyA", new TextNode("+254708374149"), "PartyA"),
        Arguments.of("PartyB", null, "PartyB"),
        Arguments.of("PartyB", new TextNode("tillno"), "PartyB"),
        Arguments.of("PhoneNumber", null, "PhoneNumber"),
        Arguments.of("PhoneNumber", new TextNode("0712345678"), "PhoneNumber"),
        Arguments.of("PhoneNumber", new TextNode("25470837414"), "PhoneNumber"),
        Arguments.of("PhoneNumber", new TextNode("255708374149"), "PhoneNumber"),
        Arguments.of("PhoneNumber", BooleanNode.TRUE, "PhoneNumber"),
        Arguments.of("CallBackURL", null, "CallBackURL"),
        Arguments.of("CallBackURL", new TextNode("/callback"), "CallBackURL"),
        Arguments.of("CallBackURL", new TextNode("mydomain.com/path"), "CallBackURL"),
        Arguments.of("CallBackURL", new TextNode("https://my domain.com/path"), "CallBackURL"),
        Arguments.of("CallBackURL", new TextNode("https://mydomain.com/pa th"), "CallBackURL"),
        Arguments.of("CallBackURL", new TextNode("ftp://mydomain.com/path"), "CallBackURL"),
        Arguments.of(
            "CallBackURL", new TextNode("https://<your-ngrok-or-vercel-url>/cb"), "CallBackURL"),
        Arguments.of("AccountReference", null, "AccountReference"),
        Arguments.of("AccountReference", new TextNode("A".repeat(21)), "AccountReference"),
        Arguments.of("TransactionDesc", null, "Remarks"),
        Arguments.of("TransactionDesc", new TextNode(""), "Remarks"),
        Arguments.of("TransactionDesc", new TextNode("d".repeat(101)), "Remarks"));
  }

  @ParameterizedTest(name = "{0} = {1} → Invalid {2}")
  @MethodSource("invalidFields")
  void invalidFieldIsRejectedWithBadRequestAndChangesNothing(
      String field, JsonNode value, String reportedAs) {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    if (value == null) {
      body.remove(field);
    } else {
      body.set(field, value);
    }

    Reply reply = stk.push(body);

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid " + reportedAs);
    assertNothingChanged();
  }

  static Stream<Arguments> firstBadFieldIndexes() {
    return IntStream.range(0, FIRST_BAD_VALUE.size())
        .mapToObj(i -> Arguments.of(FIRST_BAD_VALUE.get(i).get()[0], i));
  }

  /** With field i and every later field broken, the error names field i: document order. */
  @ParameterizedTest(name = "{0} and every later field invalid → Invalid {0}")
  @MethodSource("firstBadFieldIndexes")
  void fieldsAreCheckedInDocumentOrder(String firstField, int index) {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    for (Arguments broken : FIRST_BAD_VALUE.subList(index, FIRST_BAD_VALUE.size())) {
      body.set((String) broken.get()[0], (JsonNode) broken.get()[1]);
    }

    Reply reply = stk.push(body);

    String reportedAs = (String) FIRST_BAD_VALUE.get(index).get()[2];
    assertError(reply, 400, "400.002.02", "Bad Request - Invalid " + reportedAs);
    assertNothingChanged();
  }

  @Test
  void amountAndPhonesAreAcceptedAsJsonNumbersOrNumericStrings() {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put("Amount", 10)
        .put("PartyA", 254708374149L)
        .put("PartyB", 174379)
        .put("PhoneNumber", 254708374149L)
        .put("BusinessShortCode", "174379");

    String checkoutRequestId = stk.accepted(body);

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
  }

  @Test
  void wholeAmountWrittenWithDecimalZerosIsAccepted() {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put("Amount", "10.00");

    String checkoutRequestId = stk.accepted(body);

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249990.00");
  }

  @Test
  void twelveCharacterAccountReferenceAndThirteenCharacterDescriptionAreAccepted() {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put("AccountReference", "ABCDEFGHIJKL").put("TransactionDesc", "thirteen char");

    String checkoutRequestId = stk.accepted(body);

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
  }

  @Test
  void longerValuesThanThePortalsLimitsPassAsOnTheRealSandbox() {
    // Safaricom's own Node library sends "Lipa na mpesa online" (20 characters) and its
    // integration suite passed against the sandbox; the sandbox also took a 15-character reference.
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put("AccountReference", "A".repeat(20)).put("TransactionDesc", "Lipa na mpesa online");

    String checkoutRequestId = stk.accepted(body);

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
  }

  @ParameterizedTest(name = "{0} = {1} → Invalid {2}")
  @CsvSource({
    "AccountReference, ABCDEFGHIJKLM, AccountReference",
    "TransactionDesc, Lipa na mpesa online, Remarks"
  })
  void portalsLimitsAreEnforcedWhenConfigured(String field, String value, String reportedAs) {
    h.daraja()
        .admin(
            "PATCH",
            "settings",
            "{\"stk\":{\"accountReferenceMaxLength\":12,\"transactionDescMaxLength\":13}}");
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put(field, value);

    Reply reply = stk.push(body);

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid " + reportedAs);
    assertNothingChanged();
  }

  @Test
  void bodyThatIsNotJsonIsAnInvalidPayload() {
    Reply reply =
        h.daraja().post(Stk.PUSH, "{not json", "Bearer " + h.daraja().token(), "application/json");

    assertError(reply, 400, "400.002.05", "Invalid Request Payload");
    assertNothingChanged();
  }

  @Test
  void wrongPasskeyInPasswordIsWrongCredentials() {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put(
        "Password", Requests.password(Requests.STK_SHORTCODE, "0".repeat(64), Requests.TIMESTAMP));

    assertError(stk.push(body), 500, "500.001.1001", "Wrong credentials");
    assertNothingChanged();
  }

  @Test
  void passwordMadeWithAnotherTimestampIsWrongCredentials() {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put(
        "Password", Requests.password(Requests.STK_SHORTCODE, Requests.PASSKEY, "20250101120001"));

    assertError(stk.push(body), 500, "500.001.1001", "Wrong credentials");
    assertNothingChanged();
  }

  @Test
  void passwordMadeForAnotherShortcodeIsWrongCredentials() {
    // 600500 shares the sandbox passkey, so only the shortcode inside the Password differs.
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put("Password", Requests.password("600500", Requests.PASSKEY, Requests.TIMESTAMP));

    assertError(stk.push(body), 500, "500.001.1001", "Wrong credentials");
    assertNothingChanged();
  }

  @Test
  void unknownShortcodeIsMerchantDoesNotExist() {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put("BusinessShortCode", "999999")
        .put("PartyB", "999999")
        .put("Password", Requests.password("999999", Requests.PASSKEY, Requests.TIMESTAMP));

    assertError(stk.push(body), 500, "500.001.1001", "Merchant does not exist");
    assertNothingChanged();
  }

  @Test
  void shortcodeWithoutPasskeyIsMerchantDoesNotExist() {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put("BusinessShortCode", "600992")
        .put("PartyB", "600992")
        .put("Password", Requests.password("600992", Requests.PASSKEY, Requests.TIMESTAMP));

    assertError(stk.push(body), 500, "500.001.1001", "Merchant does not exist");
    assertNothingChanged();
  }

  @Test
  void buyGoodsTransactionTypeOnPayBillIsInvalidTransactionType() {
    ObjectNode body = stk.pushBody(Requests.TEST_MSISDN, 10);
    body.put("TransactionType", "CustomerBuyGoodsOnline");

    assertError(stk.push(body), 400, "400.002.02", "Bad Request - Invalid TransactionType");
    assertNothingChanged();
  }

  @Test
  void rejectedPushLeavesNoSubscriberLockBehind() {
    ObjectNode bad = stk.pushBody(Requests.TEST_MSISDN, 10);
    bad.put("Password", Requests.password(Requests.STK_SHORTCODE, "0".repeat(64), "x"));
    assertThat(stk.push(bad).status()).isEqualTo(500);

    String checkoutRequestId = stk.accepted(Requests.TEST_MSISDN, 10);

    assertThat(stk.awaitCallback(checkoutRequestId).path("ResultCode").asInt()).isZero();
  }

  @ParameterizedTest(name = "{0} with an unknown token → 404.001.03")
  @CsvSource({Stk.PUSH, Stk.QUERY})
  void unknownAccessTokenIsHttp404InvalidAccessToken(String path) {
    Reply reply =
        h.daraja()
            .post(
                path,
                stk.pushBody(Requests.TEST_MSISDN, 10).toString(),
                "Bearer c9SQxWWhmdVRlyh0zh8gZDTkubVF",
                "application/json");

    assertError(reply, 404, "404.001.03", "Invalid Access Token");
    assertNothingChanged();
  }

  @Test
  void missingAuthorizationIsAnInvalidAuthenticationHeader() {
    Reply reply =
        h.daraja()
            .post(
                Stk.PUSH,
                stk.pushBody(Requests.TEST_MSISDN, 10).toString(),
                null,
                "application/json");

    assertError(reply, 404, "404.001.04", "Invalid Authentication Header");
    assertNothingChanged();
  }

  @Test
  void getOnPushIsMethodNotAllowedAndGetOnQueryAnInvalidAuthenticationHeader() {
    String bearer = "Bearer " + h.daraja().token();

    Reply push = h.daraja().request("GET", Stk.PUSH, null, bearer);
    Reply query = h.daraja().request("GET", Stk.QUERY, null, bearer);

    assertError(push, 405, "405.001", "GET Method Not Allowed");
    assertError(query, 404, "404.001.04", "Invalid Authentication Header");
  }

  @Test
  void unknownStkPathIsResourceNotFound() {
    Reply reply =
        h.daraja().post("/mpesa/stkpush/v2/processrequest", stk.pushBody(Requests.TEST_MSISDN, 10));

    assertError(reply, 404, "404.001.01", "Resource not found");
    assertNothingChanged();
  }

  @Test
  void nonJsonContentTypeHidesTheFirstField() {
    Reply reply =
        h.daraja()
            .post(
                Stk.PUSH,
                stk.pushBody(Requests.TEST_MSISDN, 10).toString(),
                "Bearer " + h.daraja().token(),
                "text/plain");

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid BusinessShortCode");
    assertNothingChanged();
  }

  private void assertNothingChanged() {
    assertThat(stk.prompts()).as("STK sessions").isEmpty();
    assertThat(stk.transactions()).as("ledger").isEmpty();
    assertThat(stk.deliveries("stk")).as("callbacks").isEmpty();
    assertThat(stk.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
    assertThat(stk.utilityBalance(Requests.STK_SHORTCODE)).isEqualTo("0.00");
  }
}
