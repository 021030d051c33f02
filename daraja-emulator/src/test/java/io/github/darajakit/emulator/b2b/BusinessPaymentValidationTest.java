package io.github.darajakit.emulator.b2b;

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
 * B2B request validation (REFERENCE §7.1, §22.3): a missing or malformed field is rejected with
 * {@code 400.002.02 "Bad Request - Invalid <Field>"} and nothing moves or is sent.
 */
class BusinessPaymentValidationTest {

  static final String B2B = "/mpesa/b2b/v1/paymentrequest";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());

  ObjectNode b2b(String commandId) {
    return Requests.b2b(commandId, h.credential(), 100, "600000", h.url("/b2b/result"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Initiator",
        "SecurityCredential",
        "CommandID",
        "SenderIdentifierType",
        "RecieverIdentifierType",
        "Amount",
        "PartyA",
        "PartyB",
        "AccountReference",
        "Remarks",
        "QueueTimeOutURL",
        "ResultURL"
      })
  void payBillMissingRequiredFieldIsNamedAndNothingMoves(String field) {
    ObjectNode body = b2b("BusinessPayBill");
    body.remove(field);

    assertRejected(body, field);
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "CommandID              | BusinessPayment",
        "CommandID              | PayTaxToKRA",
        "CommandID              | businesspaybill",
        "SenderIdentifierType   | 2",
        "RecieverIdentifierType | 1",
        "RecieverIdentifierType | 2",
        "RecieverIdentifierType | 11",
        "Amount                 | 1.5",
        "Amount                 | 0",
        "Amount                 | one hundred",
        "PartyA                 | 6OO992",
        "PartyB                 | 1234",
        "AccountReference       | 12345678901234",
        "Requester              | 12345",
        "Remarks                | ''",
        "ResultURL              | www.example.com/result",
      })
  void payBillMalformedFieldIsNamedAndNothingMoves(String field, String value) {
    assertRejected(b2b("BusinessPayBill").put(field, value), field);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Remarks", "Occassion"})
  void textLongerThanAHundredCharactersIsRejected(String field) {
    assertRejected(b2b("BusinessPayBill").put(field, "o".repeat(101)), field);
  }

  @ParameterizedTest(name = "RecieverIdentifierType {0}")
  @ValueSource(strings = {"1", "11"})
  void buyGoodsRejectsReceiverTypesOtherThanTillOrShortcode(String receiverType) {
    assertRejected(
        b2b("BusinessBuyGoods").put("PartyB", "600501").put("RecieverIdentifierType", receiverType),
        "RecieverIdentifierType");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"BusinessBuyGoods", "BusinessPayToBulk"})
  void accountReferenceIsOptionalExceptForPayBill(String commandId) {
    ObjectNode body =
        b2b(commandId).put("PartyB", commandId.equals("BusinessBuyGoods") ? "600501" : "600000");
    body.remove("AccountReference");
    body.remove("Requester");
    body.remove("Occassion");

    Reply reply = h.daraja().post(B2B, body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text("ResponseCode")).isEqualTo("0");
    assertThat(
            new PaymentSteps(h)
                .awaitResult(h.url("/b2b/result"), reply)
                .path("ResultCode")
                .asText())
        .isEqualTo("0");
  }

  void assertRejected(ObjectNode body, String field) {
    Map<String, BigDecimal> before = world.snapshot();

    Reply reply = h.daraja().post(B2B, body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.02");
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid " + field);
    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.transactions()).isEmpty();
    assertThat(world.deliveries("result")).isEmpty();
  }
}
