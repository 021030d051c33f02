package io.github.darajakit.emulator.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * B2C and B2Pochi request validation (REFERENCE §6.1, §22.3): a missing or malformed field is
 * rejected synchronously with {@code 400.002.02 "Bad Request - Invalid <Field>"} and nothing is
 * paid or sent.
 */
class B2cValidationTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());

  ObjectNode b2c() {
    return Requests.b2c(
        "validation-1",
        h.credential(),
        100,
        Requests.TEST_MSISDN,
        h.url("/b2c/result"),
        h.url("/b2c/timeout"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "OriginatorConversationID",
        "InitiatorName",
        "SecurityCredential",
        "CommandID",
        "Amount",
        "PartyA",
        "PartyB",
        "Remarks",
        "QueueTimeOutURL",
        "ResultURL"
      })
  void v3MissingRequiredFieldIsNamedAndNothingIsPaid(String field) {
    ObjectNode body = b2c();
    body.remove(field);

    assertRejected("/mpesa/b2c/v3/paymentrequest", body, field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "OriginatorConversationID",
        "InitiatorName",
        "SecurityCredential",
        "CommandID",
        "Amount",
        "PartyA",
        "PartyB",
        "Remarks",
        "QueueTimeOutURL",
        "ResultURL"
      })
  void pochiMissingRequiredFieldIsNamedAndNothingIsPaid(String field) {
    ObjectNode body = b2c().put("CommandID", "BusinessPayToPochi");
    body.remove(field);

    assertRejected("/mpesa/b2pochi/v1/paymentrequest", body, field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "InitiatorName",
        "SecurityCredential",
        "CommandID",
        "Amount",
        "PartyA",
        "PartyB",
        "Remarks",
        "QueueTimeOutURL",
        "ResultURL"
      })
  void v1MissingRequiredFieldIsNamedAndNothingIsPaid(String field) {
    ObjectNode body = b2c();
    body.remove("OriginatorConversationID");
    body.remove(field);

    assertRejected("/mpesa/b2c/v1/paymentrequest", body, field);
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "InitiatorName      | '   '",
        "SecurityCredential | ''",
        "CommandID          | businesspayment",
        "CommandID          | BusinessPayToPochi",
        "CommandID          | BusinessPayBill",
        "Amount             | ten",
        "Amount             | 10.50",
        "Amount             | -10",
        "Amount             | 0",
        "PartyA             | 60O992",
        "PartyA             | 6009",
        "PartyB             | 0708374149",
        "PartyB             | +254708374149",
        "PartyB             | 25470837414",
        "PartyB             | 254208374149",
        "Remarks            | x",
        "QueueTimeOutURL    | not a url",
        "ResultURL          | ftp://example.com/result",
        "ResultURL          | /relative/result",
        "OriginatorConversationID | ''",
      })
  void malformedFieldIsNamedAndNothingIsPaid(String field, String value) {
    assertRejected("/mpesa/b2c/v3/paymentrequest", b2c().put(field, value), field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Remarks", "Occassion"})
  void textLongerThanAHundredCharactersIsRejected(String field) {
    assertRejected("/mpesa/b2c/v3/paymentrequest", b2c().put(field, "r".repeat(101)), field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Amount", "PartyA", "PartyB"})
  void numericFieldsMayBeJsonNumbers(String field) {
    ObjectNode body = b2c();
    body.put(field, Long.parseLong(body.path(field).asText()));

    Reply reply = h.daraja().post("/mpesa/b2c/v3/paymentrequest", body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text("ResponseCode")).isEqualTo("0");
    assertThat(
            new PaymentSteps(h).awaitResult(h.url("/b2c/result"), reply).path("ResultCode").asInt())
        .isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Amount", "PartyB", "Remarks"})
  void objectsAndArraysAreNeverAValidValue(String field) {
    ObjectNode body = b2c();
    body.putArray(field).add(body.path(field).asText());

    assertRejected("/mpesa/b2c/v3/paymentrequest", body, field);
  }

  void assertRejected(String path, ObjectNode body, String field) {
    Map<String, BigDecimal> before = world.snapshot();

    Reply reply = h.daraja().post(path, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.02");
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid " + field);
    assertThat(reply.text("requestId")).isNotBlank();
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.transactions()).isEmpty();
    assertThat(world.deliveries("result")).isEmpty();
    assertThat(world.deliveries("queue_timeout")).isEmpty();
  }
}
