package io.github.darajakit.emulator.b2b;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tax remittance to KRA (REFERENCE §7.3): {@code PayTaxToKRA} to 572572 only, the PRN as
 * AccountReference and BillReferenceNumber, B2B Result shapes.
 */
class TaxRemittanceTest {

  static final String TAX = "/mpesa/b2b/v1/remittax";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  /** The reference's sample body, from the sandbox shortcode. */
  ObjectNode tax(long amount, String prn) {
    ObjectNode body =
        Requests.b2b("PayTaxToKRA", h.credential(), amount, "572572", h.url("/tax/result"));
    body.put("AccountReference", prn);
    body.remove("Requester");
    body.remove("Occassion");
    return body;
  }

  @Test
  void taxIsPaidFromWorkingToKraWithThePrnAsBillReference() {
    Reply ack = h.daraja().post(TAX, tax(239, "PRN1234XN"));
    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Accept the service request successfully.");

    JsonNode result = steps.awaitResult(h.url("/tax/result"), ack);

    assertThat(result.path("ResultType").isTextual()).isTrue();
    assertThat(result.path("ResultCode").isTextual()).isTrue();
    assertThat(result.path("ResultCode").asText()).isEqualTo("0");
    JsonNode parameters = result.path("ResultParameters").path("ResultParameter");
    assertThat(
            BusinessPaymentTest.item(parameters, "ReceiverPartyPublicName").path("Value").asText())
        .isEqualTo("572572 - Kenya Revenue Authority");
    assertThat(BusinessPaymentTest.item(parameters, "Amount").path("Value").asText())
        .isEqualTo("239.00");
    JsonNode references = result.path("ReferenceData").path("ReferenceItem");
    assertThat(BusinessPaymentTest.keys(references))
        .containsExactly("BillReferenceNumber", "QueueTimeoutURL", "Occassion");
    assertThat(BusinessPaymentTest.item(references, "BillReferenceNumber").path("Value").asText())
        .isEqualTo("PRN1234XN");

    assertThat(world.account("600992", "Working Account")).isEqualByComparingTo("999761.00");
    assertThat(world.account("572572", "Utility Account")).isEqualByComparingTo("239.00");
    JsonNode entry = world.transaction(result.path("TransactionID").asText());
    assertThat(entry.path("kind").asText()).isEqualTo("tax_remittance");
    assertThat(entry.path("billReference").asText()).isEqualTo("PRN1234XN");
  }

  @Test
  void taxToAnyOtherPartyBIsRejectedAndNothingMoves() {
    Map<String, BigDecimal> before = world.snapshot();

    Reply reply = h.daraja().post(TAX, tax(239, "PRN1234XN").put("PartyB", "600000"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.02");
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid PartyB");
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.deliveries("result")).isEmpty();
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "CommandID              | BusinessPayBill",
        "CommandID              | BusinessPayToBulk",
        "RecieverIdentifierType | 2",
        "SenderIdentifierType   | 2",
        "AccountReference       | ''",
        "AccountReference       | PRN12345678901",
      })
  void malformedTaxFieldIsNamedAndNothingMoves(String field, String value) {
    Map<String, BigDecimal> before = world.snapshot();

    Reply reply = h.daraja().post(TAX, tax(239, "PRN1234XN").put(field, value));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid " + field);
    assertThat(world.snapshot()).isEqualTo(before);
  }

  @Test
  void missingPrnIsRejected() {
    ObjectNode body = tax(239, "PRN1234XN");
    body.remove("AccountReference");

    Reply reply = h.daraja().post(TAX, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid AccountReference");
  }

  @Test
  void payTaxToKraIsNotAB2bPaymentCommand() {
    Reply reply = h.daraja().post("/mpesa/b2b/v1/paymentrequest", tax(239, "PRN1234XN"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid CommandID");
    assertThat(world.transactions()).isEmpty();
  }

  @Test
  void taxBeyondTheWorkingBalanceGivesResultCode1AndMovesNothing() {
    Map<String, BigDecimal> before = world.snapshot();

    JsonNode result = steps.initiator(TAX, tax(500, "PRN1234XN").put("PartyA", "600100")).result();

    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isEqualTo(1);
    BusinessPaymentTest.assertFailureShape(result);
    assertThat(world.snapshot()).isEqualTo(before);
  }

  @Test
  void wrongPasswordGives2001AndMovesNothing() {
    Map<String, BigDecimal> before = world.snapshot();
    ObjectNode body =
        tax(239, "PRN1234XN").put("SecurityCredential", h.emulator().securityCredential("x"));

    JsonNode result = steps.initiator(TAX, body).result();

    assertThat(result.path("ResultCode").asInt()).isEqualTo(2001);
    BusinessPaymentTest.assertFailureShape(result);
    assertThat(world.snapshot()).isEqualTo(before);
  }
}
