package io.github.darajakit.emulator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Money is only ever moved, never made or lost: after a mixed run of every money-moving API,
 * successes and failures alike, the world's total is unchanged, every balance moved by exactly what
 * the ledger says, and failed operations left no trace.
 */
class LedgerConsistencyTest {

  static final String JOHN = Requests.TEST_MSISDN;
  static final String CANCELS = "254700001032";
  static final String EMPTY_WALLET = "254700000001";
  static final String UNREGISTERED = "254700002040";
  static final String QUEUE_TIMEOUT = "254700000408";
  static final String POCHI_OWNER = "254700001037";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  @Test
  void mixedRunOnlyMovesMoneyAndEveryMoveIsInTheLedger() {
    Map<String, BigDecimal> before = world.snapshot();

    // STK: one success, two failures.
    PaymentSteps.StkPaid stk = steps.stk(JOHN, 10);
    assertThat(stkResultCode(CANCELS, 10)).isEqualTo(1032);
    assertThat(stkResultCode(EMPTY_WALLET, 5)).isEqualTo(1);

    // C2B: one success, one refused for lack of funds.
    steps.c2b(JOHN, "600992", 50);
    Reply poorC2b =
        h.daraja()
            .admin(
                "POST",
                "c2b/payments",
                "{\"msisdn\":\"" + EMPTY_WALLET + "\",\"shortCode\":\"600992\",\"amount\":5}");
    assertThat(poorC2b.text("status")).isEqualTo("insufficient_funds");

    // B2C and B2Pochi: one success each, three failures.
    String b2cReceipt = steps.succeeded(B2C, b2c("ledger-b2c", 100, JOHN)).transactionId();
    assertThat(resultCode(B2C, b2c("ledger-b2c-poor", 200, JOHN).put("PartyA", "600100")))
        .isEqualTo("1");
    assertThat(resultCode(B2C, b2c("ledger-b2c-2040", 100, UNREGISTERED))).isEqualTo("2040");
    Reply timedOut = h.daraja().post(B2C, b2c("ledger-b2c-408", 100, QUEUE_TIMEOUT));
    assertThat(timedOut.status()).isEqualTo(200);
    steps.succeeded(
        "/mpesa/b2pochi/v1/paymentrequest",
        b2c("ledger-pochi", 20, POCHI_OWNER).put("CommandID", "BusinessPayToPochi"));

    // B2B, top-up and tax: one success each, one failure.
    steps.succeeded(B2B, b2b("BusinessPayBill", 190, "600000"));
    assertThat(resultCode(B2B, b2b("BusinessPayBill", 500, "600000").put("PartyA", "600100")))
        .isEqualTo("1");
    steps.succeeded(B2B, b2b("BusinessPayToBulk", 1000, "600100"));
    ObjectNode tax = b2b("PayTaxToKRA", 239, "572572").put("AccountReference", "PRN1234XN");
    steps.succeeded("/mpesa/b2b/v1/remittax", tax);

    // Reversal: one success, two refusals.
    steps.succeeded(REVERSAL, reversal(stk.receipt(), 10, "174379"));
    assertThat(resultCode(REVERSAL, reversal(stk.receipt(), 10, "174379"))).isEqualTo("R000001");
    assertThat(resultCode(REVERSAL, reversal(b2cReceipt, 100, "600992"))).isEqualTo("R000002");
    h.receiver().awaitOne("/ledger/timeout");

    Map<String, BigDecimal> after = world.snapshot();
    List<JsonNode> ledger = world.transactions();

    // (a) Money is neither created nor destroyed.
    assertThat(after.keySet()).as("no party appeared or vanished").isEqualTo(before.keySet());
    assertThat(AdminWorld.total(after)).isEqualByComparingTo(AdminWorld.total(before));

    // (b) Every balance moved by exactly what the ledger records for it.
    Map<String, BigDecimal> observed = new TreeMap<>();
    for (String key : after.keySet()) {
      BigDecimal delta = after.get(key).subtract(before.get(key));
      if (delta.signum() != 0) {
        observed.put(key, delta.setScale(2));
      }
    }
    assertThat(observed).isEqualTo(ledgerDeltas(ledger));

    // (c) Only the successes are in the ledger; the failures left no trace.
    assertThat(ledger).hasSize(8);
    assertThat(new TreeSet<>(ledger.stream().map(t -> t.path("kind").asText()).toList()))
        .containsExactly(
            "b2b_pay_bill",
            "b2c_business_payment",
            "b2c_top_up",
            "b2pochi",
            "c2b_paybill",
            "reversal",
            "stk_paybill",
            "tax_remittance");
    for (String bystander : List.of(CANCELS, EMPTY_WALLET, UNREGISTERED, QUEUE_TIMEOUT)) {
      assertThat(after.get("customer:" + bystander))
          .as(bystander + " only took part in failures")
          .isEqualByComparingTo(before.get("customer:" + bystander));
    }
    assertThat(observed.get("600100:Utility Account")).isEqualByComparingTo("1000");
    assertThat(observed).doesNotContainKey("600100:Working Account");
    assertThat(observed).doesNotContainKey("174379:Utility Account");
    assertThat(observed.get("customer:" + JOHN))
        .as("STK -10, reversal +10, C2B -50, B2C +100")
        .isEqualByComparingTo("50.00");
  }

  /** Net change per {@code customer:<msisdn>} or {@code <shortCode>:<account>} from the ledger. */
  static Map<String, BigDecimal> ledgerDeltas(List<JsonNode> ledger) {
    Map<String, BigDecimal> deltas = new HashMap<>();
    for (JsonNode t : ledger) {
      BigDecimal amount = new BigDecimal(t.path("amount").asText());
      deltas.merge(side(t, "debit"), amount.negate(), BigDecimal::add);
      deltas.merge(side(t, "credit"), amount, BigDecimal::add);
    }
    Map<String, BigDecimal> nonZero = new TreeMap<>();
    deltas.forEach(
        (key, delta) -> {
          if (delta.signum() != 0) {
            nonZero.put(key, delta.setScale(2));
          }
        });
    return nonZero;
  }

  static String side(JsonNode t, String side) {
    String party = t.path(side + "Party").asText();
    String identifier = party.substring(0, party.indexOf(" - "));
    JsonNode account = t.path(side + "Account");
    return account.isNull() || account.isMissingNode()
        ? "customer:" + identifier
        : identifier + ":" + account.asText();
  }

  static final String B2C = "/mpesa/b2c/v3/paymentrequest";
  static final String B2B = "/mpesa/b2b/v1/paymentrequest";
  static final String REVERSAL = "/mpesa/reversal/v1/request";

  ObjectNode b2c(String id, long amount, String phone) {
    return Requests.b2c(
        id, h.credential(), amount, phone, h.url("/ledger/result"), h.url("/ledger/timeout"));
  }

  ObjectNode b2b(String commandId, long amount, String partyB) {
    return Requests.b2b(commandId, h.credential(), amount, partyB, h.url("/ledger/result"));
  }

  ObjectNode reversal(String receipt, long amount, String receiverParty) {
    return Requests.reversal(
        h.credential(), receipt, amount, receiverParty, h.url("/ledger/result"));
  }

  String resultCode(String path, ObjectNode body) {
    return steps.initiator(path, body).result().path("ResultCode").asText();
  }

  int stkResultCode(String msisdn, long amount) {
    String path = "/ledger/stk/" + msisdn;
    Reply ack =
        h.daraja()
            .post(
                "/mpesa/stkpush/v1/processrequest", Requests.stkPush(msisdn, amount, h.url(path)));
    assertThat(ack.status()).as(ack.raw()).isEqualTo(200);
    return h.receiver()
        .awaitOne(path)
        .body()
        .path("Body")
        .path("stkCallback")
        .path("ResultCode")
        .asInt();
  }
}
