package io.github.darajakit.emulator.c2b;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * External validation (REFERENCE §5.3 rules 2–4): only with the shortcode's External Validation on
 * is the merchant asked; its answer decides, and when it is slow, failing or unintelligible the
 * registered ResponseType decides.
 */
class C2bValidationTest {

  /** Slower than the emulator's validation timeout, so the payment never waits for it. */
  private static final Duration TOO_SLOW = Duration.ofMillis(1500);

  @RegisterExtension
  static EmulatorHarness h =
      new EmulatorHarness(
          c ->
              c.c2bValidationTimeout(Duration.ofMillis(300))
                  .externalValidation(Set.of(C2b.PAYBILL)));

  private final C2b c2b = new C2b(h);

  @Test
  void withExternalValidationOffARegisteredValidationUrlIsNotCalledAndThePaymentIsConfirmed() {
    assertThat(h.daraja().adminGet("organisations/" + C2b.PAYBILL).path("externalValidation"))
        .as("on from world.externalValidation")
        .isEqualTo(BooleanNode.TRUE);
    Reply off =
        h.daraja()
            .admin(
                "PUT",
                "organisations/" + C2b.PAYBILL + "/external-validation",
                "{\"enabled\":false}");
    assertThat(off.status()).as(off.raw()).isEqualTo(200);
    assertThat(off.json().path("externalValidation").asBoolean()).isFalse();
    c2b.registered(2, C2b.PAYBILL, "Cancelled", true);
    c2b.validationAnswers(200, "{\"ResultCode\":\"C2B00012\"}", Duration.ZERO);

    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "INV-8");

    c2b.awaitConfirmation();
    assertThat(h.receiver().on(C2b.VALIDATE)).isEmpty();
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000005.00");
  }

  @Test
  void externalValidationIsOffByDefaultAndSwitchedPerShortcode() {
    assertThat(h.daraja().adminGet("organisations/600000").path("externalValidation").asBoolean())
        .isFalse();
    Reply bad =
        h.daraja().admin("PUT", "organisations/600000/external-validation", "{\"enabled\":1}");
    Reply unknown =
        h.daraja().admin("PUT", "organisations/999999/external-validation", "{\"enabled\":true}");
    Reply on =
        h.daraja().admin("PUT", "organisations/600000/external-validation", "{\"enabled\":true}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(on.json().path("externalValidation").asBoolean()).isTrue();
    assertThat(h.daraja().adminGet("organisations/" + C2b.PAYBILL).path("externalValidation"))
        .isEqualTo(BooleanNode.TRUE);
    h.emulator().reset();
    assertThat(h.daraja().adminGet("organisations/600000").path("externalValidation").asBoolean())
        .as("a reset restores world.externalValidation")
        .isFalse();
  }

  @Test
  void acceptedValidationComesFirstThenTheConfirmationEchoesThirdPartyTransId() {
    c2b.registered(2, C2b.PAYBILL, "Completed", true);
    c2b.validationAnswers(
        200,
        "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\",\"ThirdPartyTransID\":\"abc\"}",
        Duration.ZERO);

    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "INV-7");

    CallbackReceiver.Received confirmation = c2b.awaitConfirmation();
    List<CallbackReceiver.Received> validations = h.receiver().on(C2b.VALIDATE);
    assertThat(validations).hasSize(1);
    CallbackReceiver.Received validation = validations.get(0);
    assertThat(validation.receivedAtNanos()).isLessThan(confirmation.receivedAtNanos());
    JsonNode asked = validation.body();
    List<String> keys = new ArrayList<>();
    asked.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyElementsOf(C2b.NOTIFICATION_KEYS);
    assertThat(asked.path("OrgAccountBalance").asText()).isEmpty();
    assertThat(asked.path("ThirdPartyTransID").asText()).isEmpty();
    assertThat(asked.path("TransAmount").asText()).isEqualTo("5.00");
    assertThat(asked.path("BillRefNumber").asText()).isEqualTo("INV-7");
    assertThat(asked.path("MSISDN").asText()).isEqualTo("2547 ***** 149");
    JsonNode confirmed = confirmation.body();
    assertThat(confirmed.path("TransID").asText()).isEqualTo(asked.path("TransID").asText());
    assertThat(confirmed.path("TransTime").asText()).isEqualTo(asked.path("TransTime").asText());
    assertThat(confirmed.path("ThirdPartyTransID").asText()).isEqualTo("abc");
    assertThat(confirmed.path("OrgAccountBalance").asText()).isEqualTo("10000005.00");
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249995.00");
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000005.00");
  }

  @Test
  void validationAnsweredWithNumericZeroIsAccepted() {
    c2b.registered(2, C2b.PAYBILL, "Cancelled", true);
    c2b.validationAnswers(200, "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}", Duration.ZERO);

    Reply paid = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 5, "ref");

    assertThat(paid.status()).isEqualTo(201);
    assertThat(paid.text("status")).isEqualTo("completed");
    assertThat(
            c2b.awaitConfirmation(paid.text("transId")).body().path("ThirdPartyTransID").asText())
        .isEmpty();
  }

  @Test
  void rejectedValidationSendsNoConfirmationAndMovesNoMoney() {
    c2b.registered(2, C2b.PAYBILL, "Completed", true);
    c2b.validationAnswers(
        200,
        "{\"ResultCode\":\"C2B00012\",\"ResultDesc\":\"Invalid Account Number\"}",
        Duration.ZERO);

    Reply paid = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 5, "unknown-account");

    assertThat(paid.status()).isEqualTo(200);
    assertThat(paid.text("status")).isEqualTo("rejected_by_validation");
    assertThat(paid.text("resultCode")).isEqualTo("C2B00012");
    assertThat(h.receiver().awaitOne(C2b.VALIDATE).body().path("TransID").asText())
        .isEqualTo(paid.text("transId"));
    assertThat(c2b.deliveries("c2b_confirmation")).isEmpty();
    assertThat(c2b.deliveries("c2b_validation")).hasSize(1);
    assertNoMoneyMoved();
  }

  @Test
  void rejectedSimulationIsNotConfirmedBeforeALaterAcceptedOne() {
    c2b.registered(2, C2b.PAYBILL, "Completed", true);
    c2b.validationAnswers(
        200, "{\"ResultCode\":\"C2B00012\",\"ResultDesc\":\"Rejected\"}", Duration.ZERO);
    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "rejected");
    // Wait until the emulator has read the rejection before scripting a different answer.
    Awaitility.await()
        .until(
            () -> c2b.deliveries("c2b_validation"),
            d -> d.size() == 1 && d.get(0).path("state").asText().equals("delivered"));

    // The same merchant now accepts; the rejected payment must never be confirmed.
    c2b.validationAnswers(200, "{\"ResultCode\":\"0\",\"ResultDesc\":\"ok\"}", Duration.ZERO);
    c2b.simulated(C2b.PAYBILL, 6, Requests.TEST_MSISDN, "accepted");
    CallbackReceiver.Received confirmation = c2b.awaitConfirmation();

    assertThat(confirmation.body().path("BillRefNumber").asText()).isEqualTo("accepted");
    assertThat(h.receiver().on(C2b.CONFIRM)).hasSize(1);
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249994.00");
  }

  @Test
  void slowValidationWithResponseTypeCompletedIsConfirmedAndPaid() {
    c2b.registered(2, C2b.PAYBILL, "Completed", true);
    c2b.validationAnswers(200, "{\"ResultCode\":\"C2B00016\",\"ResultDesc\":\"late\"}", TOO_SLOW);

    c2b.simulated(C2b.PAYBILL, 5, Requests.TEST_MSISDN, "slow");

    JsonNode confirmation = c2b.awaitConfirmation().body();
    assertThat(confirmation.path("BillRefNumber").asText()).isEqualTo("slow");
    assertThat(confirmation.path("ThirdPartyTransID").asText()).isEmpty();
    assertThat(confirmation.path("OrgAccountBalance").asText()).isEqualTo("10000005.00");
    assertThat(h.receiver().on(C2b.VALIDATE)).hasSize(1);
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249995.00");
  }

  @Test
  void slowValidationWithResponseTypeCancelledDoesNothing() {
    c2b.registered(2, C2b.PAYBILL, "Cancelled", true);
    c2b.validationAnswers(200, "{\"ResultCode\":\"0\",\"ResultDesc\":\"late\"}", TOO_SLOW);

    Reply paid = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 5, "slow");

    assertThat(paid.status()).isEqualTo(200);
    assertThat(paid.text("status")).isEqualTo("cancelled_by_response_type");
    assertThat(h.receiver().on(C2b.VALIDATE)).hasSize(1);
    assertThat(c2b.deliveries("c2b_confirmation")).isEmpty();
    assertNoMoneyMoved();
  }

  @ParameterizedTest(name = "validation answers {0} {1}, ResponseType {2} → {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "500 | {\"ResultCode\":\"0\",\"ResultDesc\":\"ok\"} | Completed | completed",
        "500 | {\"ResultCode\":\"0\",\"ResultDesc\":\"ok\"} | Cancelled | cancelled_by_response_type",
        "200 | not json                                  | Completed | completed",
        "200 | not json                                  | Cancelled | cancelled_by_response_type",
        "200 | {\"ResultDesc\":\"no code\"}                | Completed | completed",
        "200 | {\"ResultDesc\":\"no code\"}                | Cancelled | cancelled_by_response_type"
      })
  void failingValidationEndpointLeavesTheDecisionToResponseType(
      int status, String answer, String responseType, String outcome) {
    c2b.registered(2, C2b.PAYBILL, responseType, true);
    c2b.validationAnswers(status, answer, Duration.ZERO);

    Reply paid = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 5, "ref");

    assertThat(paid.text("status")).isEqualTo(outcome);
    assertThat(h.receiver().on(C2b.VALIDATE)).hasSize(1);
    if (outcome.equals("completed")) {
      assertThat(paid.status()).isEqualTo(201);
      assertThat(c2b.awaitConfirmation(paid.text("transId")).body().path("TransAmount").asText())
          .isEqualTo("5.00");
      assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249995.00");
    } else {
      assertThat(paid.status()).isEqualTo(200);
      assertThat(c2b.deliveries("c2b_confirmation")).isEmpty();
      assertNoMoneyMoved();
    }
  }

  @Test
  void unreachableValidationUrlLeavesTheDecisionToResponseType() {
    Reply registered =
        c2b.register(
            2,
            Requests.c2bRegister(
                C2b.PAYBILL, "Completed", h.url(C2b.CONFIRM), "http://127.0.0.1:9/validate"));
    assertThat(registered.status()).isEqualTo(200);

    Reply paid = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 5, "ref");

    assertThat(paid.text("status")).isEqualTo("completed");
    assertThat(c2b.awaitConfirmation(paid.text("transId"))).isNotNull();
    assertThat(c2b.deliveries("c2b_validation").get(0).path("state").asText()).isEqualTo("failed");
  }

  @Test
  void adminPaymentRunsTheFlowSynchronouslyAndReportsTheReceipt() {
    c2b.registered(2, C2b.PAYBILL, "Completed", true);

    Reply paid = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 12, "INV-9");

    assertThat(paid.status()).isEqualTo(201);
    assertThat(paid.text("status")).isEqualTo("completed");
    assertThat(paid.text("resultCode")).isEqualTo("0");
    assertThat(paid.text("transId")).matches("[A-Z][A-L][0-9A-Z]{8}");
    // Synchronous: balances and the ledger are already updated when the call returns.
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("249988.00");
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000012.00");
    JsonNode transaction = h.daraja().adminGet("transactions/" + paid.text("transId"));
    assertThat(transaction.path("billReference").asText()).isEqualTo("INV-9");
    assertThat(c2b.deliveries("c2b_validation")).hasSize(1);
    assertThat(c2b.deliveries("c2b_confirmation")).hasSize(1);
    assertThat(c2b.awaitConfirmation(paid.text("transId")).body().path("BillRefNumber").asText())
        .isEqualTo("INV-9");
  }

  @Test
  void adminPaymentBeyondTheCustomersFundsReportsInsufficientFundsWithoutAnyCallback() {
    c2b.registered(2, C2b.PAYBILL, "Completed", true);

    Reply paid = c2b.adminPayment("254700000001", C2b.PAYBILL, 5, "ref");

    assertThat(paid.status()).isEqualTo(200);
    assertThat(paid.text("status")).isEqualTo("insufficient_funds");
    assertThat(paid.text("resultCode")).isEqualTo("1");
    assertThat(h.daraja().adminGet("deliveries").path("deliveries")).isEmpty();
    assertThat(c2b.customerBalance("254700000001")).isEqualTo("0.00");
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000000.00");
    assertThat(c2b.transactions()).isEmpty();
  }

  @Test
  void adminPaymentWithBadInputIsRejectedAndPaysNothing() {
    Reply badMsisdn = c2b.adminPayment("0712345678", C2b.PAYBILL, 5, "ref");
    Reply unknownShortcode = c2b.adminPayment(Requests.TEST_MSISDN, "123456", 5, "ref");
    Reply zeroAmount = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 0, "ref");
    Reply longReference = c2b.adminPayment(Requests.TEST_MSISDN, C2b.PAYBILL, 5, "A".repeat(21));

    assertThat(badMsisdn.status()).isEqualTo(400);
    assertThat(badMsisdn.text("error")).contains("msisdn");
    assertThat(unknownShortcode.status()).isEqualTo(404);
    assertThat(zeroAmount.status()).isEqualTo(400);
    assertThat(zeroAmount.text("error")).contains("amount");
    assertThat(longReference.status()).isEqualTo(400);
    assertThat(longReference.text("error")).contains("billRefNumber");
    assertNoMoneyMoved();
  }

  private void assertNoMoneyMoved() {
    assertThat(c2b.customerBalance(Requests.TEST_MSISDN)).isEqualTo("250000.00");
    assertThat(c2b.utilityBalance(C2b.PAYBILL)).isEqualTo("10000000.00");
    assertThat(c2b.transactions()).isEmpty();
  }
}
