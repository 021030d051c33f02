package io.github.darajakit.gateway.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.adversarial.CallbackLog.Post;
import io.github.darajakit.gateway.adversarial.CallbackLog.Source;
import io.github.darajakit.gateway.adversarial.DarajaWire.MoneyRequest;
import io.github.darajakit.gateway.adversarial.DarajaWire.Sent;
import io.github.darajakit.gateway.adversarial.Intents.Intent;
import io.github.darajakit.gateway.adversarial.Intents.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The oracle on small, hand-made worlds, without any I/O: a world where everything went right
 * passes, and each way of going wrong is counted where it belongs — so a run that passes does so
 * because nothing went wrong, not because the oracle looks away.
 */
class AdversarialOracleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PHONE = Intents.payoutPhone(1);
  private static final String OTHER_PHONE = Intents.payoutPhone(2);
  private static final String OCID = "ocid-1";

  private final Intents intents = new Intents();
  private final List<JsonNode> ledger = new ArrayList<>();
  private final List<Sent> wire = new ArrayList<>();
  private final List<Post> posts = new ArrayList<>();
  private final List<JsonNode> payouts = new ArrayList<>();
  private final List<JsonNode> c2bPayments = new ArrayList<>();
  private final List<JsonNode> callbacks = new ArrayList<>();

  /** One payout of KES 100, sent once, paid once, its Result acknowledged, stored and applied. */
  @BeforeEach
  void aPayoutThatWentRight() {
    intents.add(new Intent(Kind.PAYOUT, PHONE, 100, "payout-1", "/v1/payouts", "{}"));
    ledger.add(b2cEntry("RCPT000001", PHONE, 100, OCID));
    wire.add(new Sent(MoneyRequest.B2C, OCID, 200, "", "AG_1"));
    payouts.add(payout("po_1", PHONE, 100, "succeeded", "RCPT000001"));
    posts.add(post(Source.EMULATOR, "result-1", 200));
    callbacks.add(stored("result-1", "applied"));
  }

  private Oracle.Verdict judge() {
    return Oracle.judge(
        ledger,
        intents,
        wire,
        posts,
        new Oracle.GatewayView(
            List.of(), payouts, List.of(), c2bPayments, List.of(), callbacks, List.of()));
  }

  private static Map<String, Long> violationsOf(Oracle.Verdict verdict) {
    return Map.copyOf(verdict.violations);
  }

  @Test
  void aWorldWhereEverythingWentRightPasses() {
    Oracle.Verdict verdict = judge();
    assertThat(verdict.passed()).as("%s", verdict.examples).isTrue();
    assertThat(verdict.violations)
        .hasSize(10)
        .allSatisfy((name, count) -> assertThat(count).isZero());
  }

  @Test
  void aSecondLedgerPaymentForOneIntentIsPaidTwice() {
    ledger.add(b2cEntry("RCPT000002", PHONE, 100, "ocid-2"));
    assertThat(violationsOf(judge())).containsEntry(Oracle.PAID_TWICE, 1L);
  }

  @Test
  void moneyToAPhoneNoIntentNamedIsUnasked() {
    ledger.add(b2cEntry("RCPT000003", OTHER_PHONE, 50, "ocid-3"));
    assertThat(violationsOf(judge())).containsEntry(Oracle.UNASKED, 1L);
  }

  @Test
  void anAcknowledgedCallbackMissingFromTheStoreIsLost() {
    posts.add(post(Source.EMULATOR, "result-2", 200));
    posts.add(post(Source.EMULATOR, "result-3", -1)); // never answered: may be missing
    assertThat(violationsOf(judge()))
        .containsEntry(Oracle.LOST, 1L)
        .containsEntry(Oracle.STORED_TOO_OFTEN, 0L);
  }

  @Test
  void aC2bValidationAnsweredButNotStoredIsNotLost() {
    posts.add(new Post(Source.EMULATOR, "", "c2b/validation", "validation-1", "gw-a", 200, ""));
    assertThat(violationsOf(judge())).containsEntry(Oracle.LOST, 0L);
  }

  @Test
  void aCallbackStoredMoreOftenThanPostedOrAppliedTwiceIsCounted() {
    callbacks.add(stored("result-1", "applied"));
    assertThat(violationsOf(judge()))
        .containsEntry(Oracle.STORED_TOO_OFTEN, 1L)
        .containsEntry(Oracle.APPLIED_TWICE, 1L);
  }

  @Test
  void aReceiptOnTwoRecordsIsCreditedTwice() {
    c2bPayments.add(JSON.createObjectNode().put("id", "c2b_1").put("trans_id", "RCPT000001"));
    assertThat(violationsOf(judge())).containsEntry(Oracle.RECEIPT_TWICE, 1L);
  }

  @Test
  void aForeignReceiptTheGatewayPutBeforeAPersonIsCountedNotAViolation() {
    ObjectNode disputed = (ObjectNode) payout("po_1", PHONE, 100, "succeeded", "FRGRECEIPT");
    disputed.put("needs_attention", "receipt FRGRECEIPT is also named by evidence for payout po_2");
    payouts.set(0, disputed);
    Oracle.Verdict verdict = judge();
    assertThat(violationsOf(verdict)).containsEntry(Oracle.NOT_ITS_RECEIPT, 0L);
    assertThat(verdict.observations)
        .containsEntry(
            "records credited with a receipt the ledger gives elsewhere, disputed and with a person",
            1L);
  }

  @Test
  void aReceiptTheLedgerGivesToAnotherPhoneIsNotItsReceipt() {
    payouts.set(0, payout("po_1", PHONE, 100, "succeeded", "FRGRECEIPT"));
    assertThat(violationsOf(judge())).containsEntry(Oracle.NOT_ITS_RECEIPT, 1L);
  }

  @Test
  void aPaidPayoutLeftFailedIsCounted() {
    payouts.set(0, payout("po_1", PHONE, 100, "failed", null));
    assertThat(violationsOf(judge())).containsEntry(Oracle.PAID_BUT_FAILED, 1L);
  }

  @Test
  void aSecondRequestUnderOneOriginatorConversationIdIsSentTwiceButSpikeArrestIsNot() {
    wire.add(new Sent(MoneyRequest.B2C, OCID, 429, DarajaWire.SPIKE_ARREST, ""));
    assertThat(violationsOf(judge())).containsEntry(Oracle.SENT_TWICE, 0L);
    wire.add(new Sent(MoneyRequest.B2C, OCID, 500, DarajaWire.DUPLICATE_REQUEST, ""));
    assertThat(violationsOf(judge())).containsEntry(Oracle.SENT_TWICE, 1L);
  }

  private static JsonNode b2cEntry(String receipt, String phone, long amount, String ocid) {
    return JSON.createObjectNode()
        .put("receipt", receipt)
        .put("kind", "b2c_business_payment")
        .put("status", "completed")
        .put("amount", amount + ".00")
        .put("debitParty", "600000 - Safaricom Daraja 000")
        .put("creditParty", phone + " - John Doe")
        .put("originatorConversationId", ocid)
        .put("billReference", "");
  }

  private static JsonNode payout(
      String id, String phone, long amount, String status, String receipt) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("phone", phone)
        .put("amount", amount)
        .put("status", status)
        .put("mpesa_receipt", receipt);
  }

  private static Post post(Source source, String body, int status) {
    return new Post(source, "", "b2c/result", body, "gw-a", status, "");
  }

  private static JsonNode stored(String body, String outcome) {
    return JSON.createObjectNode().put("body", body).put("outcome", outcome);
  }
}
