package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.ResultCodes.Family;
import io.github.darajakit.client.account.AccountBalanceRequest;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.DarajaResult;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.client.callbacks.TransactionStatusResult.Finding;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.client.transactions.ReversalRequest;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transaction Status, Reversal and Account Balance against the emulator. */
@ExtendWith(DarajaEmulatorExtension.class)
class TransactionAndBalanceFunctionalTest {

  private static final String CUSTOMER = Sandbox.TEST_MSISDN;
  private static final String SHORTCODE = Sandbox.SHORTCODE_1;

  private final InitiatorResultServer receiver = new InitiatorResultServer();
  private DarajaEmulator emulator;
  private EmulatorAdmin admin;
  private EmulatorBalances balances;

  @BeforeEach
  void setUp(DarajaEmulator emulator) {
    this.emulator = emulator;
    this.admin = new EmulatorAdmin(emulator);
    this.balances = new EmulatorBalances(admin);
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private DarajaClient client() {
    return TestClients.builder(emulator).shortCode(SHORTCODE).build();
  }

  private TransactionStatusRequest.Builder status() {
    return TransactionStatusRequest.builder()
        .remarks("Check")
        .resultUrl(receiver.url("/status/result"))
        .queueTimeOutUrl(receiver.url("/status/timeout"));
  }

  private ReversalRequest.Builder reversal(String receipt, long amount) {
    return ReversalRequest.builder()
        .transactionId(receipt)
        .amount(amount)
        .remarks("Paid twice")
        .resultUrl(receiver.url("/reversal/result"))
        .queueTimeOutUrl(receiver.url("/reversal/timeout"));
  }

  private AccountBalanceRequest.Builder balance() {
    return AccountBalanceRequest.builder()
        .remarks("Daily balance")
        .resultUrl(receiver.url("/balance/result"))
        .queueTimeOutUrl(receiver.url("/balance/timeout"));
  }

  private static Map<String, JsonNode> parameters(JsonNode result) {
    Map<String, JsonNode> values = new HashMap<>();
    JsonNode list = result.path("ResultParameters").path("ResultParameter");
    for (JsonNode item : list.isArray() ? list : List.of(list)) {
      values.put(item.path("Key").asText(), item.path("Value"));
    }
    return values;
  }

  /** A customer pays the shortcode through C2B, as the emulator's admin API lets a test do. */
  private String customerPays(long amount) {
    JsonNode payment =
        admin.send(
            "POST",
            "c2b/payments",
            "{\"msisdn\":\""
                + CUSTOMER
                + "\",\"shortCode\":\""
                + SHORTCODE
                + "\",\"amount\":"
                + amount
                + ",\"billRefNumber\":\"INV-9\"}");
    assertThat(payment.path("status").asText()).isEqualTo("completed");
    return payment.path("transId").asText();
  }

  @Test
  void statusByReceiptReportsTheTransactionAtTheResultUrl() {
    try (DarajaClient client = client()) {
      client
          .b2c()
          .pay(
              B2cPaymentRequest.builder()
                  .phone(CUSTOMER)
                  .amount(300)
                  .remarks("Refund")
                  .resultUrl(receiver.url("/b2c/result"))
                  .queueTimeOutUrl(receiver.url("/b2c/timeout"))
                  .build());
      String receipt = receiver.result("/b2c/result").path("TransactionID").asText();

      InitiatorAcknowledgement ack =
          client.transactions().status(status().transactionId(receipt).build());
      assertThat(ack.accepted()).isTrue();
      assertThat(ack.conversationId()).startsWith("AG_");
      assertThat(ack.originatorConversationId()).isNotBlank();

      JsonNode result = receiver.result("/status/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(result.path("OriginatorConversationID").asText())
          .isEqualTo(ack.originatorConversationId());
      Map<String, JsonNode> found = parameters(result);
      assertThat(found.get("ReceiptNo").asText()).isEqualTo(receipt);
      assertThat(found.get("TransactionStatus").asText()).isEqualTo("Completed");
      assertThat(found.get("Amount").asText()).isEqualTo("300");
      assertThat(found.get("DebitPartyName").asText()).startsWith(SHORTCODE);
    }
    assertThat(admin.count("transaction_status")).isEqualTo(1);
  }

  @Test
  void statusAskedByTheCustomersNumberFindsTheirPayment() {
    String receipt = customerPays(250);
    try (DarajaClient client = client()) {
      client
          .transactions()
          .statusAsync(
              status()
                  .transactionId(receipt)
                  .partyA("0708 374 149")
                  .identifierType(IdentifierType.MSISDN)
                  .build())
          .join();
    }
    JsonNode result = receiver.result("/status/result");
    assertThat(result.path("ResultCode").asText()).isEqualTo("0");
    assertThat(parameters(result).get("ReceiptNo").asText()).isEqualTo(receipt);
  }

  @Test
  void unknownReceiptIsAcknowledgedThenAnswered2032() {
    try (DarajaClient client = client()) {
      assertThat(
              client.transactions().status(status().transactionId("SKE0000001").build()).accepted())
          .isTrue();
    }
    JsonNode result = receiver.result("/status/result");
    assertThat(result.path("ResultCode").asText()).isEqualTo("2032");
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The transaction receipt number does not exist.");
  }

  @Test
  void aStatusNotFoundIsNeitherAFailureNorFinal() {
    // Seconds after a payment is sent, "not found" means "not known yet", not "not paid".
    try (DarajaClient client = client()) {
      client.transactions().status(status().originalConversationId("sent-seconds-ago").build());
    }
    String body = receiver.awaitBody("/status/result", 1).toString();
    TransactionStatusResult result =
        (TransactionStatusResult) DarajaCallbacks.parseResult(body, Family.TRANSACTION_STATUS);
    assertThat(result.resultCode().code()).isEqualTo("2033");
    assertThat(result.resultCode().isFinal()).isFalse();
    assertThat(result.finding()).isEqualTo(Finding.NOT_FOUND);
    assertThat(result.finding().isFinal()).isFalse();
    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    // Parsed without its family it is no proof of failure either.
    assertThat(((DarajaResult) DarajaCallbacks.parse(body)).outcome()).isEqualTo(Outcome.PENDING);
  }

  @Test
  void statusServerErrorIsRetriedBecauseItMovesNoMoney() {
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"transaction_status\",\"mode\":\"reject\",\"count\":1}]}");
    try (DarajaClient client = client()) {
      assertThat(
              client
                  .transactions()
                  .status(status().originalConversationId("nothing-here").build())
                  .accepted())
          .isTrue();
    }
    assertThat(admin.count("transaction_status")).isEqualTo(2);
    assertThat(receiver.result("/status/result").path("ResultCode").asText()).isEqualTo("2033");
  }

  @Test
  void reversalGivesTheCustomerTheirMoneyBackOnce() {
    BigDecimal start = balances.customer(CUSTOMER);
    String receipt = customerPays(500);
    assertThat(balances.customer(CUSTOMER))
        .isEqualByComparingTo(start.subtract(BigDecimal.valueOf(500)));
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack = client.transactions().reverse(reversal(receipt, 500).build());
      assertThat(ack.accepted()).isTrue();
      JsonNode result = receiver.result("/reversal/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(parameters(result).get("OriginalTransactionID").asText()).isEqualTo(receipt);
      assertThat(balances.customer(CUSTOMER)).isEqualByComparingTo(start);
      assertThat(admin.get("transactions/" + receipt).path("status").asText())
          .isEqualTo("reversed");

      // A second reversal is accepted by the gateway and refused by M-Pesa: nothing moves.
      assertThat(
              client.transactions().reverseAsync(reversal(receipt, 500).build()).join().accepted())
          .isTrue();
      JsonNode again = receiver.awaitBody("/reversal/result", 2).path("Result");
      assertThat(again.path("ResultCode").asText()).isEqualTo("R000001");
    }
    assertThat(balances.customer(CUSTOMER)).isEqualByComparingTo(start);
    assertThat(admin.count("reversal")).isEqualTo(2);
  }

  @Test
  void reversalWithALostAnswerIsOutcomeUnknownAndSentOnce() {
    String receipt = customerPays(400);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"reversal\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    try (DarajaClient client = client()) {
      assertThatThrownBy(() -> client.transactions().reverse(reversal(receipt, 400).build()))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("transactions.reverse");
                assertThat(e.identifiers())
                    .containsEntry("transactionId", receipt)
                    .containsEntry("amount", "400")
                    .containsEntry("receiverParty", SHORTCODE);
              });
    }
    assertThat(admin.count("reversal")).isEqualTo(1);
    assertThat(admin.get("transactions/" + receipt).path("status").asText()).isEqualTo("reversed");
  }

  @Test
  void balanceResultCarriesEveryAccount() {
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack = client.account().balance(balance().build());
      assertThat(ack.accepted()).isTrue();
      // REFERENCE §10: the balance acknowledgement has no full stop, unlike the others.
      assertThat(ack.responseDescription()).isEqualTo("Accept the service request successfully");
      JsonNode result = receiver.result("/balance/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(result.path("OriginatorConversationID").asText())
          .isEqualTo(ack.originatorConversationId());
      assertThat(parameters(result).get("AccountBalance").asText())
          .contains("Working Account|KES|1000000.00|1000000.00|0.00|0.00")
          .contains("Utility Account|KES|10000000.00|10000000.00|0.00|0.00");

      client.account().balanceAsync(balance().partyA(Sandbox.LOW_BALANCE_SHORTCODE).build()).join();
      assertThat(
              parameters(receiver.awaitBody("/balance/result", 2).path("Result"))
                  .get("AccountBalance")
                  .asText())
          .contains("Utility Account|KES|100.00|100.00|0.00|0.00");
    }
    assertThat(admin.count("account_balance")).isEqualTo(2);
  }

  @Test
  void balanceServerErrorIsRetried() {
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"account_balance\",\"mode\":\"reject\",\"count\":1,"
            + "\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}]}");
    try (DarajaClient client = client()) {
      assertThat(client.account().balance(balance().build()).accepted()).isTrue();
    }
    assertThat(admin.count("account_balance")).isEqualTo(2);
  }

  @Test
  void invalidRequestsAreRefusedWithNothingSent() {
    try (DarajaClient client = client()) {
      assertThatThrownBy(() -> client.transactions().status(status().build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("transactionId"));
      assertThatThrownBy(
              () -> client.transactions().status(status().transactionId("not-a-receipt").build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("transactionId"));
      assertThatThrownBy(
              () ->
                  client
                      .transactions()
                      .status(
                          status()
                              .transactionId("NLJ7RT61SV")
                              .identifierType(IdentifierType.MSISDN)
                              .build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("partyA"));
      assertThatThrownBy(() -> client.transactions().reverse(reversal("NLJ7RT61SV", 0).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
      assertThatThrownBy(
              () -> client.transactions().reverse(reversal("NLJ7RT61SV", 10).remarks("x").build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("remarks"));
      assertThatThrownBy(
              () ->
                  client.account().balance(balance().identifierType(IdentifierType.MSISDN).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("identifierType"));
    }
    assertThat(admin.count("oauth")).isZero();
    assertThat(admin.count("transaction_status")).isZero();
    assertThat(admin.count("reversal")).isZero();
    assertThat(admin.count("account_balance")).isZero();
  }
}
