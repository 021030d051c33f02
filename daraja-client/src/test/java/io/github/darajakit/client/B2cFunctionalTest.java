package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.ResultCodes.Family;
import io.github.darajakit.client.b2c.B2cCommand;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.client.callbacks.TransactionStatusResult.Finding;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * B2C v3, v1 and Pochi against the emulator: acknowledgements, Results at a real ResultURL, money
 * moved exactly once, and what happens when the answer is lost.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class B2cFunctionalTest {

  private static final String CUSTOMER = Sandbox.TEST_MSISDN;
  private static final String PAYER = Sandbox.SHORTCODE_1;

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
    return TestClients.builder(emulator).shortCode(PAYER).build();
  }

  private B2cPaymentRequest.Builder payment(String phone, long amount) {
    return B2cPaymentRequest.builder()
        .phone(phone)
        .amount(amount)
        .remarks("Refund")
        .resultUrl(receiver.url("/b2c/result"))
        .queueTimeOutUrl(receiver.url("/b2c/timeout"));
  }

  private static Map<String, JsonNode> parameters(JsonNode result) {
    Map<String, JsonNode> values = new HashMap<>();
    JsonNode list = result.path("ResultParameters").path("ResultParameter");
    for (JsonNode item : list.isArray() ? list : List.of(list)) {
      values.put(item.path("Key").asText(), item.path("Value"));
    }
    return values;
  }

  @Test
  void v3PaymentIsAcknowledgedWithTheGeneratedIdAndPaysTheCustomerOnce() {
    BigDecimal customerBefore = balances.customer(CUSTOMER);
    BigDecimal utilityBefore = balances.utility(PAYER);
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack =
          client
              .b2c()
              .pay(payment("0708 374 149", 150).commandId(B2cCommand.SALARY_PAYMENT).build());

      assertThat(ack.accepted()).isTrue();
      assertThat(ack.responseCode()).isEqualTo("0");
      assertThat(ack.responseDescription()).isEqualTo("Accept the service request successfully.");
      assertThat(ack.conversationId()).startsWith("AG_");
      assertThat(UUID.fromString(ack.originatorConversationId()))
          .hasToString(ack.originatorConversationId());
      assertThat(ack.rawJson()).contains(ack.originatorConversationId());

      JsonNode result = receiver.result("/b2c/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(result.path("OriginatorConversationID").asText())
          .isEqualTo(ack.originatorConversationId());
      assertThat(result.path("ConversationID").asText()).isEqualTo(ack.conversationId());
      assertThat(result.path("TransactionID").asText()).matches("[A-Z0-9]{10}");
      Map<String, JsonNode> parameters = parameters(result);
      assertThat(parameters.get("TransactionAmount").decimalValue()).isEqualByComparingTo("150");
      assertThat(parameters.get("TransactionReceipt").asText())
          .isEqualTo(result.path("TransactionID").asText());
    }
    assertThat(balances.customer(CUSTOMER))
        .isEqualByComparingTo(customerBefore.add(BigDecimal.valueOf(150)));
    assertThat(balances.utility(PAYER))
        .isEqualByComparingTo(utilityBefore.subtract(BigDecimal.valueOf(150)));
    assertThat(admin.count("b2c_v3")).isEqualTo(1);
  }

  @Test
  void suppliedOriginatorConversationIdIsSentAndEchoed() {
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack =
          client.b2c().pay(payment(CUSTOMER, 20).originatorConversationId("payout-7731").build());
      assertThat(ack.originatorConversationId()).isEqualTo("payout-7731");
      assertThat(receiver.result("/b2c/result").path("OriginatorConversationID").asText())
          .isEqualTo("payout-7731");
    }
  }

  @Test
  void asyncPaymentCompletesOnTheClientExecutor() {
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack = client.b2c().payAsync(payment(CUSTOMER, 30).build()).join();
      assertThat(ack.accepted()).isTrue();
      assertThat(receiver.result("/b2c/result").path("ResultCode").asText()).isEqualTo("0");
    }
  }

  @Test
  void v1PaymentGetsAGatewayAssignedIdAndPays() {
    BigDecimal before = balances.customer(CUSTOMER);
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack = client.b2c().payV1Async(payment(CUSTOMER, 40).build()).join();
      assertThat(ack.accepted()).isTrue();
      assertThat(ack.originatorConversationId()).isNotBlank();
      assertThat(ack.conversationId()).startsWith("AG_");

      JsonNode result = receiver.result("/b2c/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(result.path("OriginatorConversationID").asText())
          .isEqualTo(ack.originatorConversationId());
    }
    assertThat(balances.customer(CUSTOMER))
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(40)));
    assertThat(admin.count("b2c_v1")).isEqualTo(1);
    assertThat(admin.count("b2c_v3")).isZero();
  }

  @Test
  void pochiPaymentGoesToTheB2PochiEndpointAndPays() {
    BigDecimal before = balances.customer(CUSTOMER);
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack = client.b2c().payToPochi(payment(CUSTOMER, 60).build());
      assertThat(ack.accepted()).isTrue();
      assertThat(UUID.fromString(ack.originatorConversationId())).isNotNull();
      JsonNode result = receiver.result("/b2c/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(result.path("OriginatorConversationID").asText())
          .isEqualTo(ack.originatorConversationId());
      assertThat(client.b2c().payToPochiAsync(payment(CUSTOMER, 61).build()).join().accepted())
          .isTrue();
    }
    assertThat(balances.customer(CUSTOMER))
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(121)));
    assertThat(admin.count("b2pochi")).isEqualTo(2);
  }

  @Test
  void acceptedPaymentCanStillFailInTheResult() {
    String unregistered = "254700002040";
    BigDecimal before = balances.customer(unregistered);
    try (DarajaClient client = client()) {
      assertThat(client.b2c().pay(payment(unregistered, 100).build()).accepted()).isTrue();
      JsonNode result = receiver.result("/b2c/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("2040");
      assertThat(result.path("ResultDesc").asText()).startsWith("Credit Party customer type");
    }
    assertThat(balances.customer(unregistered)).isEqualByComparingTo(before);
  }

  @Test
  void duplicateOriginatorConversationIdIsARejectionAndPaysOnce() {
    BigDecimal before = balances.customer(CUSTOMER);
    try (DarajaClient client = client()) {
      B2cPaymentRequest request = payment(CUSTOMER, 75).originatorConversationId("dup-1").build();
      assertThat(client.b2c().pay(request).accepted()).isTrue();
      assertThatThrownBy(() -> client.b2c().pay(request))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("500.002.1001");
                assertThat(e.errorMessage()).isEqualTo("Duplicate OriginatorConversationID.");
                assertThat(e.isDuplicateRequest()).isTrue();
                assertThat(e.getMessage())
                    .contains("may have been paid: do not send it under a new id");
              });
    }
    assertThat(admin.count("b2c_v3")).isEqualTo(2);
    assertThat(balances.customer(CUSTOMER))
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(75)));
  }

  @Test
  void timeoutIsOutcomeUnknownWithTheGeneratedIdAndStatusFindsThePayment() {
    BigDecimal before = balances.customer(CUSTOMER);
    admin.faults("{\"latency\":{\"b2c_v3\":\"2s\"}}");
    String originatorId;
    try (DarajaClient client =
        TestClients.builder(emulator)
            .shortCode(PAYER)
            .readTimeout(Duration.ofMillis(300))
            .build()) {
      DarajaOutcomeUnknownException unknown =
          catchOutcomeUnknown(() -> client.b2c().pay(payment(CUSTOMER, 150).build()));
      assertThat(unknown.operation()).isEqualTo("b2c.pay");
      originatorId = unknown.originatorConversationId().orElseThrow();
      assertThat(UUID.fromString(originatorId)).hasToString(originatorId);
      assertThat(unknown.identifiers())
          .containsEntry("phone", "2547****4149")
          .containsEntry("amount", "150")
          .containsEntry("commandId", "BusinessPayment")
          .containsEntry("partyA", PAYER);
      assertThat(unknown.getMessage())
          .contains(DarajaOutcomeUnknownException.RECOVERY)
          .doesNotContain(CUSTOMER);
      assertThat(admin.count("b2c_v3")).isEqualTo(1);

      // The emulator finishes the payment the client gave up on; then reconcile by the id.
      await().atMost(Duration.ofSeconds(10)).until(() -> ledgerEntry(originatorId) != null);
      assertThat(askStatus(client, originatorId).accepted()).isTrue();
    }
    JsonNode status = receiver.result("/status/result");
    assertThat(status.path("ResultCode").asText()).isEqualTo("0");
    Map<String, JsonNode> found = parameters(status);
    assertThat(found.get("OriginatorConversationID").asText()).isEqualTo(originatorId);
    assertThat(found.get("ReceiptNo").asText())
        .isEqualTo(ledgerEntry(originatorId).path("receipt").asText());
    assertThat(found.get("TransactionStatus").asText()).isEqualTo("Completed");
    assertThat(found.get("Amount").asText()).isEqualTo("150");
    assertThat(admin.count("b2c_v3")).isEqualTo(1);
    assertThat(balances.customer(CUSTOMER))
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(150)));
  }

  @Test
  void aLostAnswerCarriesTheChosenIdAndTheSameRequestAgainIsRefusedNotPaid() {
    String id = "payout-" + UUID.randomUUID();
    BigDecimal before = balances.customer(CUSTOMER);
    B2cPaymentRequest request = payment(CUSTOMER, 320).originatorConversationId(id).build();
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    try (DarajaClient client = client()) {
      DarajaOutcomeUnknownException lost = catchOutcomeUnknown(() -> client.b2c().pay(request));
      assertThat(lost.originatorConversationId().orElseThrow()).isEqualTo(id);
      assertThat(lost.getMessage()).contains(DarajaOutcomeUnknownException.RECOVERY);

      // The recipe's first way: the same request, same id. Daraja has it, so it refuses...
      assertThatThrownBy(() -> client.b2c().pay(request))
          .isInstanceOfSatisfying(
              DarajaApiException.class, e -> assertThat(e.isDuplicateRequest()).isTrue());

      // ...and the outcome stays unknown until it is looked up by that id.
      askStatus(client, id);
      TransactionStatusResult status =
          (TransactionStatusResult)
              DarajaCallbacks.parseResult(
                  receiver.awaitBody("/status/result", 1).toString(), Family.TRANSACTION_STATUS);
      assertThat(status.finding()).isEqualTo(Finding.COMPLETED);
      assertThat(status.originalOriginatorConversationId()).contains(id);
    }
    assertThat(admin.count("b2c_v3")).isEqualTo(2);
    assertThat(balances.customer(CUSTOMER))
        .as("paid once, although sent twice")
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(320)));
  }

  @Test
  void droppedConnectionAfterAcceptanceIsOutcomeUnknownAndThePaymentHappenedOnce() {
    BigDecimal before = balances.customer(CUSTOMER);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    try (DarajaClient client = client()) {
      DarajaOutcomeUnknownException unknown =
          catchOutcomeUnknown(() -> client.b2c().pay(payment(CUSTOMER, 90).build()));
      String originatorId = unknown.originatorConversationId().orElseThrow();
      assertThat(ledgerEntry(originatorId)).isNotNull();
      // The Result still arrives: the other way to learn what happened.
      assertThat(receiver.result("/b2c/result").path("OriginatorConversationID").asText())
          .isEqualTo(originatorId);
    }
    assertThat(admin.count("b2c_v3")).isEqualTo(1);
    assertThat(balances.customer(CUSTOMER))
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(90)));
  }

  @Test
  void serverErrorAfterAcceptanceIsNotRetried() {
    BigDecimal before = balances.customer(CUSTOMER);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_error\",\"count\":1}]}");
    try (DarajaClient client = client()) {
      DarajaOutcomeUnknownException unknown =
          catchOutcomeUnknown(() -> client.b2c().pay(payment(CUSTOMER, 80).build()));
      assertThat(unknown.getMessage()).contains("500.003.1001");
    }
    assertThat(admin.count("b2c_v3")).isEqualTo(1);
    assertThat(balances.customer(CUSTOMER))
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(80)));
  }

  @Test
  void serverErrorBeforeProcessingIsStillNotRetried() {
    BigDecimal before = balances.customer(CUSTOMER);
    admin.faults("{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"reject\",\"count\":1}]}");
    try (DarajaClient client = client()) {
      // Nothing moved here, but a 500 does not say so: only reconciliation can tell.
      catchOutcomeUnknown(() -> client.b2c().pay(payment(CUSTOMER, 70).build()));
    }
    assertThat(admin.count("b2c_v3")).isEqualTo(1);
    assertThat(balances.customer(CUSTOMER)).isEqualByComparingTo(before);
  }

  @Test
  void invalidRequestsAreRefusedWithNothingSent() {
    List<Supplier<B2cPaymentRequest>> invalid =
        List.of(
            () -> payment("0712 34", 100).build(),
            () -> payment(CUSTOMER, 9).build(),
            () -> payment(CUSTOMER, 250_001).build(),
            () -> payment(CUSTOMER, 100).remarks("x").build(),
            () -> payment(CUSTOMER, 100).occasion("o".repeat(101)).build(),
            () -> payment(CUSTOMER, 100).partyA("60A992").build(),
            () -> payment(CUSTOMER, 100).resultUrl("result").build(),
            () -> payment(CUSTOMER, 100).queueTimeOutUrl(null).build(),
            () -> payment(CUSTOMER, 100).originatorConversationId("a b").build());
    try (DarajaClient client = client()) {
      for (Supplier<B2cPaymentRequest> request : invalid) {
        assertThatThrownBy(() -> client.b2c().pay(request.get()))
            .isInstanceOf(DarajaValidationException.class);
      }
      assertThatThrownBy(
              () ->
                  client
                      .b2c()
                      .payV1(payment(CUSTOMER, 100).originatorConversationId("v1-id").build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("originatorConversationId"));
      assertThatThrownBy(
              () ->
                  client
                      .b2c()
                      .payToPochi(
                          payment(CUSTOMER, 100).commandId(B2cCommand.BUSINESS_PAYMENT).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("commandId"));
    }
    try (DarajaClient noInitiator =
        DarajaClient.builder()
            .baseUrl(emulator.baseUrl())
            .consumerKey(TestClients.CONSUMER_KEY)
            .consumerSecret(TestClients.CONSUMER_SECRET)
            .shortCode(PAYER)
            .build()) {
      assertThatThrownBy(() -> noInitiator.b2c().pay(payment(CUSTOMER, 100).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("initiatorName"));
    }
    assertThat(admin.count("oauth")).isZero();
    assertThat(admin.count("b2c_v3")).isZero();
    assertThat(admin.count("b2c_v1")).isZero();
    assertThat(admin.count("b2pochi")).isZero();
  }

  /** Asks Transaction Status about a payment by its id; the Result comes to /status/result. */
  private InitiatorAcknowledgement askStatus(DarajaClient client, String originatorId) {
    return client
        .transactions()
        .status(
            TransactionStatusRequest.builder()
                .originalConversationId(originatorId)
                .remarks("Reconcile payout")
                .resultUrl(receiver.url("/status/result"))
                .queueTimeOutUrl(receiver.url("/status/timeout"))
                .build());
  }

  private JsonNode ledgerEntry(String originatorConversationId) {
    for (JsonNode t : admin.get("transactions?party=" + CUSTOMER).path("transactions")) {
      if (t.path("originatorConversationId").asText().equals(originatorConversationId)) {
        return t;
      }
    }
    return null;
  }

  private static DarajaOutcomeUnknownException catchOutcomeUnknown(Runnable call) {
    try {
      call.run();
    } catch (DarajaOutcomeUnknownException e) {
      return e;
    }
    throw new AssertionError("expected DarajaOutcomeUnknownException");
  }
}
