package io.github.darajakit.emulator.c2b;

import static io.github.darajakit.emulator.c2b.C2b.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** C2B simulation without validation: acknowledgement, confirmation shapes, money, errors. */
class C2bSimulateTest {

  @RegisterExtension
  static EmulatorHarness h = new EmulatorHarness(c -> c.externalValidation(Set.of(C2b.PAYBILL)));

  private final C2b c2b = new C2b(h);

  @ParameterizedTest(name = "simulate v{0} acknowledges")
  @ValueSource(ints = {1, 2})
  void simulationIsAcknowledgedWithTheMisspelledOriginatorCoversationId(int version) {
    c2b.registered(2, C2b.PAYBILL, "Completed", false);

    Reply ack =
        c2b.simulate(
            version, Requests.c2bSimulate(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "Test Ref"));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("OriginatorCoversationID")).isNotBlank();
    assertThat(ack.json().has("OriginatorConversationID")).isFalse();
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Accept the service request successfully.");
    assertThat(c2b.awaitConfirmation().body().path("TransAmount").asText()).isEqualTo("5.00");
  }

  @Test
  void v2RegistrationGetsOnlyAConfirmationShapedAsDocumented() {
    String utilityBefore = c2b.utilityBalance(C2b.PAYBILL);
    c2b.registered(2, C2b.PAYBILL, "Completed", false);

    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "Sample Transaction");

    CallbackReceiver.Received confirmation = c2b.awaitConfirmation();
    JsonNode body = confirmation.body();
    List<String> keys = new ArrayList<>();
    body.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyElementsOf(C2b.NOTIFICATION_KEYS);
    body.elements().forEachRemaining(value -> assertThat(value.isTextual()).isTrue());
    assertThat(body.path("TransactionType").asText()).isEqualTo("Pay Bill");
    assertThat(body.path("TransID").asText()).matches("[A-Z][A-L][0-9A-Z]{8}");
    assertThat(body.path("TransAmount").asText()).isEqualTo("5.00");
    assertThat(body.path("BusinessShortCode").asText()).isEqualTo(C2b.PAYBILL);
    assertThat(body.path("BillRefNumber").asText()).isEqualTo("Sample Transaction");
    assertThat(body.path("InvoiceNumber").asText()).isEmpty();
    assertThat(body.path("ThirdPartyTransID").asText()).isEmpty();
    assertThat(body.path("MSISDN").asText()).isEqualTo("2547 ***** 149");
    assertThat(body.path("FirstName").asText()).isEqualTo("JOHN");
    assertThat(body.path("MiddleName").asText()).isEmpty();
    assertThat(body.path("LastName").asText()).isEqualTo("DOE");
    assertThat(utilityBefore).isEqualTo("10000000.00");
    assertThat(body.path("OrgAccountBalance").asText()).isEqualTo("10000005.00");
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000005.00");
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249995.00");
    assertThat(h.receiver().on(C2b.VALIDATE)).isEmpty();
    assertThat(c2b.deliveries("c2b_validation")).isEmpty();
    JsonNode transaction = h.daraja().adminGet("transactions/" + body.path("TransID").asText());
    assertThat(transaction.path("kind").asText()).isEqualTo("c2b_paybill");
    assertThat(transaction.path("amount").asText()).isEqualTo("5.00");
    assertThat(transaction.path("billReference").asText()).isEqualTo("Sample Transaction");
  }

  @Test
  void transTimeIsNairobiTime() {
    c2b.registered(2, C2b.PAYBILL, "Completed", false);

    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "ref");

    String transTime = c2b.awaitConfirmation().body().path("TransTime").asText();
    LocalDateTime stamped =
        LocalDateTime.parse(transTime, DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
    // EAT is UTC+3: a UTC stamp would be three hours off.
    assertThat(Duration.between(stamped, LocalDateTime.now(ZoneId.of("Africa/Nairobi"))).abs())
        .isLessThan(Duration.ofMinutes(30));
  }

  @Test
  void v1RegistrationHashesTheMsisdnWithSha256() throws NoSuchAlgorithmException {
    c2b.registered(1, C2b.PAYBILL, "Completed", false);

    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "ref");

    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Requests.TEST_MSISDN.getBytes(StandardCharsets.UTF_8)));
    JsonNode body = c2b.awaitConfirmation().body();
    assertThat(body.path("MSISDN").asText()).isEqualTo(expected).hasSize(64);
    assertThat(body.path("TransAmount").asText()).isEqualTo("5.00");
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249995.00");
  }

  @Test
  void v1SimulateEndpointFeedsTheSameFlow() {
    c2b.registered(2, C2b.PAYBILL, "Completed", false);

    Reply ack = c2b.simulate(1, Requests.c2bSimulate(C2b.PAYBILL, 7, "254700001032", "ref"));

    assertThat(ack.status()).isEqualTo(200);
    JsonNode body = c2b.awaitConfirmation().body();
    assertThat(body.path("MSISDN").asText()).isEqualTo("2547 ***** 032");
    assertThat(body.path("FirstName").asText()).isEqualTo("CANCEL");
    assertThat(body.path("LastName").asText()).isEqualTo("PRESSER");
    assertThat(c2b.customerBalance("254700001032")).isEqualTo("99993.00");
  }

  @Test
  void buyGoodsSimulationOnATillConfirmsAsBuyGoodsWithoutBillReference() {
    c2b.registered(2, C2b.TILL, "Completed", false);
    ObjectNode body = Requests.c2bSimulate(C2b.TILL, 5, Requests.TEST_MSISDN, "ignored");
    body.put("CommandID", "CustomerBuyGoodsOnline");

    Reply ack = c2b.simulate(2, body);

    assertThat(ack.status()).isEqualTo(200);
    JsonNode confirmation = c2b.awaitConfirmation().body();
    assertThat(confirmation.path("TransactionType").asText()).isEqualTo("Buy Goods");
    assertThat(confirmation.path("BillRefNumber").asText()).isEmpty();
    assertThat(confirmation.path("BusinessShortCode").asText()).isEqualTo(C2b.TILL);
    assertThat(confirmation.path("OrgAccountBalance").asText()).isEqualTo("5.00");
    assertThat(c2b.utilityBalance(C2b.TILL)).isEqualTo("5.00");
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249995.00");
    assertThat(
            h.daraja()
                .adminGet("transactions/" + confirmation.path("TransID").asText())
                .path("kind")
                .asText())
        .isEqualTo("c2b_buy_goods");
  }

  @Test
  void buyGoodsSimulationMayOmitTheBillReference() {
    c2b.registered(2, C2b.TILL, "Completed", false);
    ObjectNode body = Requests.c2bSimulate(C2b.TILL, 5, Requests.TEST_MSISDN, "x");
    body.put("CommandID", "CustomerBuyGoodsOnline").remove("BillRefNumber");

    assertThat(c2b.simulate(2, body).status()).isEqualTo(200);

    assertThat(c2b.awaitConfirmation().body().path("BillRefNumber").asText()).isEmpty();
  }

  @Test
  void buyGoodsCommandOnAPayBillIsInvalidCommandId() {
    ObjectNode body = Requests.c2bSimulate(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "ref");
    body.put("CommandID", "CustomerBuyGoodsOnline");

    assertError(c2b.simulate(2, body), 400, "400.002.02", "Bad Request - Invalid CommandID");
    assertNothingMovesBeforeALaterPayment();
  }

  @Test
  void payBillCommandOnATillIsInvalidCommandId() {
    Reply reply = c2b.simulate(2, Requests.c2bSimulate(C2b.TILL, 5, Requests.TEST_MSISDN, "ref"));

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid CommandID");
    assertThat(c2b.utilityBalance(C2b.TILL)).isEqualTo("0.00");
    assertNothingMovesBeforeALaterPayment();
  }

  static Stream<Arguments> invalidSimulations() {
    return Stream.of(
        Arguments.of("ShortCode", null, "ShortCode"),
        Arguments.of("ShortCode", new TextNode("123456"), "ShortCode"),
        Arguments.of("ShortCode", new TextNode("60099x"), "ShortCode"),
        Arguments.of("CommandID", null, "CommandID"),
        Arguments.of("CommandID", new TextNode("PayBill"), "CommandID"),
        Arguments.of("CommandID", new TextNode("BusinessPayBill"), "CommandID"),
        Arguments.of("Amount", null, "Amount"),
        Arguments.of("Amount", IntNode.valueOf(0), "Amount"),
        Arguments.of("Amount", new TextNode("1.5"), "Amount"),
        Arguments.of("Amount", BooleanNode.TRUE, "Amount"),
        Arguments.of("Msisdn", null, "Msisdn"),
        Arguments.of("Msisdn", new TextNode("0712345678"), "Msisdn"),
        Arguments.of("Msisdn", new TextNode("600992"), "Msisdn"),
        Arguments.of("BillRefNumber", new TextNode("A".repeat(21)), "BillRefNumber"));
  }

  @ParameterizedTest(name = "{0} = {1} → Invalid {2}")
  @MethodSource("invalidSimulations")
  void invalidSimulationIsRejectedAndPaysNothing(String field, JsonNode value, String reportedAs) {
    ObjectNode body = Requests.c2bSimulate(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "ref");
    if (value == null) {
      body.remove(field);
    } else {
      body.set(field, value);
    }

    Reply reply = c2b.simulate(2, body);

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid " + reportedAs);
    assertNothingMovesBeforeALaterPayment();
  }

  @Test
  void twentyCharacterBillReferenceIsAccepted() {
    c2b.registered(2, C2b.PAYBILL, "Completed", false);

    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "A".repeat(20));

    assertThat(c2b.awaitConfirmation().body().path("BillRefNumber").asText())
        .isEqualTo("A".repeat(20));
  }

  @Test
  void customerWithoutFundsGetsNoCallbacksAndNothingMoves() {
    c2b.registered(2, C2b.PAYBILL, "Completed", true);

    c2b.simulated(C2b.PAYBILL, 5, "254700000001", "broke");
    // A later payment from another customer: once its confirmation is in, the first is settled.
    c2b.simulated(C2b.PAYBILL, 6, Requests.TEST_MSISDN, "paid");
    c2b.awaitConfirmation();

    assertThat(h.receiver().on(C2b.VALIDATE)).hasSize(1);
    assertThat(h.receiver().on(C2b.VALIDATE).get(0).body().path("BillRefNumber").asText())
        .isEqualTo("paid");
    assertThat(h.receiver().on(C2b.CONFIRM)).hasSize(1);
    assertThat(c2b.customerBalance("254700000001")).isEqualTo("0.00");
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000006.00");
    assertThat(c2b.transactions()).hasSize(1);
  }

  @Test
  void paymentWithoutRegisteredUrlsCompletesSilently() {
    Reply paid = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 5, "ref");

    assertThat(paid.status()).isEqualTo(201);
    assertThat(paid.text("status")).isEqualTo("completed");
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249995.00");
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000005.00");
    assertThat(h.daraja().adminGet("deliveries").path("deliveries")).isEmpty();
  }

  @Test
  void simulationWithoutRegisteredUrlsStillPays() {
    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "ref");

    org.awaitility.Awaitility.await()
        .until(() -> c2b.customerBalance(Requests.TEST_MSISDN), "249995.00"::equals);
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000005.00");
  }

  @Test
  void resetDropsAScheduledSimulationWithoutMovingMoneyInTheFreshWorld() {
    // Long enough for the reset to come first even on a cold JVM.
    c2b.settings("{\"callbacks\":{\"delay\":\"1s\"}}");
    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "dropped");

    assertThat(h.daraja().admin("POST", "reset", null).status()).isEqualTo(200);
    h.daraja().forgetToken();

    // A simulation after the reset, with the same delay, is paid after the dropped one would be.
    c2b.settings("{\"callbacks\":{\"delay\":\"1s\"}}");
    c2b.registered(2, C2b.PAYBILL, "Completed", false);
    c2b.simulated(C2b.PAYBILL, 6, "254700001032", "later");
    assertThat(c2b.awaitConfirmation().body().path("BillRefNumber").asText()).isEqualTo("later");

    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000006.00");
    assertThat(c2b.transactions()).hasSize(1);
    assertThat(h.receiver().on(C2b.CONFIRM)).hasSize(1);
  }

  /**
   * Registers URLs, makes one valid payment and waits for its confirmation: an earlier rejected
   * request must have left no trace by then.
   */
  private void assertNothingMovesBeforeALaterPayment() {
    c2b.registered(2, C2b.PAYBILL, "Completed", false);
    c2b.simulated(C2b.PAYBILL, 6, Requests.TEST_MSISDN, "later");
    c2b.awaitConfirmation();

    assertThat(h.receiver().on(C2b.CONFIRM)).hasSize(1);
    assertThat(h.receiver().on(C2b.CONFIRM).get(0).body().path("BillRefNumber").asText())
        .isEqualTo("later");
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249994.00");
    assertThat(c2b.transactions()).hasSize(1);
  }
}
