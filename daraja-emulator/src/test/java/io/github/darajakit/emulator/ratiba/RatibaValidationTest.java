package io.github.darajakit.emulator.ratiba;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static io.github.darajakit.emulator.support.DarajaAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Ratiba request: its acknowledgement and every field rule, in the sample's order. */
class RatibaValidationTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private final Ratiba ratiba = new Ratiba(h);

  @Test
  void acknowledgementIsExactlyTheDocumentedShape() {
    Reply ack = ratiba.create(ratiba.body("Rent", Requests.TEST_MSISDN));

    assertThat(ack.status()).isEqualTo(200);
    JsonNode json = ack.json();
    assertThat(fieldNames(json)).containsExactly("ResponseHeader", "ResponseBody");
    JsonNode header = json.path("ResponseHeader");
    assertThat(fieldNames(header))
        .containsExactly("responseRefID", "responseCode", "responseDescription", "ResultDesc");
    assertThat(header.path("responseRefID").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(header.path("responseCode").asText()).isEqualTo("200");
    assertThat(header.path("responseDescription").asText())
        .isEqualTo("Request accepted for processing");
    assertThat(header.path("ResultDesc").asText())
        .isEqualTo("The service request is processed successfully.");
    JsonNode body = json.path("ResponseBody");
    assertThat(fieldNames(body)).containsExactly("responseDescription", "responseCode");
    assertThat(body.path("responseDescription").asText())
        .isEqualTo("Request accepted for processing");
    assertThat(body.path("responseCode").asText()).isEqualTo("200");
  }

  @Test
  void numbersAndNumericStringsAreInterchangeable() {
    ObjectNode body = ratiba.body("Numbers", Requests.TEST_MSISDN);
    body.put("StartDate", Long.parseLong(body.path("StartDate").asText()))
        .put("EndDate", Long.parseLong(body.path("EndDate").asText()))
        .put("BusinessShortCode", 600992)
        .put("ReceiverPartyIdentifierType", 4)
        .put("Amount", 4500)
        .put("PartyA", 254708374149L)
        .put("Frequency", 2);

    Reply ack = ratiba.create(body);

    assertThat(ack.status()).as("%s", ack.raw()).isEqualTo(200);
  }

  @Test
  void theSamplesSpellingOfPayMarchantIsAcceptedForATill() {
    ObjectNode body = ratiba.body("Groceries", Requests.TEST_MSISDN);
    body.put("BusinessShortCode", "600501")
        .put("TransactionType", "Standing Order Customer Pay Marchant")
        .put("ReceiverPartyIdentifierType", "2");

    assertThat(ratiba.create(body).status()).isEqualTo(200);
  }

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        Arguments.of("StandingOrderName", null),
        Arguments.of("StandingOrderName", "\"\""),
        Arguments.of("StandingOrderName", "{}"),
        Arguments.of("StartDate", null),
        Arguments.of("StartDate", "\"2030-01-01\""),
        Arguments.of("StartDate", "\"20300230\""),
        Arguments.of("StartDate", "\"2030011\""),
        Arguments.of("StartDate", "\"20301301\""),
        Arguments.of("EndDate", null),
        Arguments.of("EndDate", "\"20300231\""),
        Arguments.of("EndDate", "\"20201231\""),
        Arguments.of("BusinessShortCode", null),
        Arguments.of("BusinessShortCode", "\"17437x\""),
        Arguments.of("BusinessShortCode", "\"12\""),
        Arguments.of("TransactionType", null),
        Arguments.of("TransactionType", "\"Standing Order Customer Pay Merchant\""),
        Arguments.of("TransactionType", "\"standing order customer pay bill\""),
        Arguments.of("TransactionType", "\"CustomerPayBillOnline\""),
        Arguments.of("ReceiverPartyIdentifierType", null),
        Arguments.of("ReceiverPartyIdentifierType", "\"1\""),
        Arguments.of("ReceiverPartyIdentifierType", "\"2\""),
        Arguments.of("Amount", null),
        Arguments.of("Amount", "\"0\""),
        Arguments.of("Amount", "-5"),
        Arguments.of("Amount", "10.5"),
        Arguments.of("Amount", "\"ten\""),
        Arguments.of("PartyA", null),
        Arguments.of("PartyA", "\"0708374149\""),
        Arguments.of("PartyA", "\"254608374149\""),
        Arguments.of("PartyA", "\"25470837414\""),
        Arguments.of("CallBackURL", null),
        Arguments.of("CallBackURL", "\"ftp://example.com/x\""),
        Arguments.of("CallBackURL", "\"example.com/ratiba\""),
        Arguments.of("AccountReference", null),
        Arguments.of("AccountReference", "\"\""),
        Arguments.of("AccountReference", "\"ABCDEFGHIJKLM\""),
        Arguments.of("TransactionDesc", null),
        Arguments.of("TransactionDesc", "\"ABCDEFGHIJKLMN\""),
        Arguments.of("Frequency", null),
        Arguments.of("Frequency", "\"0\""),
        Arguments.of("Frequency", "\"9\""),
        Arguments.of("Frequency", "\"Daily\""));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("invalidFields")
  void eachInvalidFieldIsReportedByName(String field, String rawValue) {
    ObjectNode body = ratiba.body("Rent", Requests.TEST_MSISDN);
    body.put("StartDate", "20300101").put("EndDate", "20301231");
    String text;
    if (rawValue == null) {
      body.remove(field);
      text = body.toString();
    } else {
      body.put(field, "__RAW__");
      text = body.toString().replace("\"__RAW__\"", rawValue);
    }

    Reply reply =
        h.daraja().post(Ratiba.PATH, text, "Bearer " + h.daraja().token(), "application/json");

    assertDarajaError(reply, "400.002.02", "Bad Request - Invalid " + field);
  }

  @Test
  void fieldsAreCheckedInTheOrderOfTheSample() {
    List<String> order =
        List.of(
            "StandingOrderName",
            "StartDate",
            "EndDate",
            "BusinessShortCode",
            "TransactionType",
            "ReceiverPartyIdentifierType",
            "Amount",
            "PartyA",
            "CallBackURL",
            "AccountReference",
            "TransactionDesc",
            "Frequency");
    ObjectNode body = DarajaHttp.object();
    for (String field : order) {
      Reply reply = ratiba.create(body);
      assertDarajaError(reply, "400.002.02", "Bad Request - Invalid " + field);
      body.set(field, ratiba.body("Rent", Requests.TEST_MSISDN).get(field));
    }
    assertThat(ratiba.create(body).status()).isEqualTo(200);
  }

  @Test
  void unknownShortCodeIsAnsweredAsStkAnswersAnUnknownMerchant() {
    ObjectNode body = ratiba.body("Rent", Requests.TEST_MSISDN).put("BusinessShortCode", "999999");

    assertDarajaError(ratiba.create(body), "500.001.1001", "Merchant does not exist");
  }

  @Test
  void payMarchantToAPayBillIsAnInvalidTransactionType() {
    ObjectNode body =
        ratiba
            .body("Rent", Requests.TEST_MSISDN)
            .put("TransactionType", "Standing Order Customer Pay Marchant")
            .put("ReceiverPartyIdentifierType", "2");

    assertDarajaError(ratiba.create(body), "400.002.02", "Bad Request - Invalid TransactionType");
  }

  @Test
  void aBadTokenGetsTheOrgFamilysAnswer() {
    Reply reply =
        h.daraja()
            .post(
                Ratiba.PATH,
                ratiba.body("Rent", Requests.TEST_MSISDN).toString(),
                "Bearer AAAAbbbbCCCCddddEEEEffffGGGG",
                "application/json");

    assertDarajaError(
        reply,
        "401.002.01",
        "Error Occurred - Invalid Access Token - AAAAbbbbCCCCddddEEEEffffGGGG");
  }
}
