package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.b2b.B2bPaymentRequest;
import io.github.darajakit.client.b2b.B2bReceiverType;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.client.tax.TaxRemittanceRequest;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** B2B pay bill, buy goods, B2C top-up and tax remittance against the emulator. */
@ExtendWith(DarajaEmulatorExtension.class)
class B2bAndTaxFunctionalTest {

  private static final String PAYER = Sandbox.SHORTCODE_1;
  private static final String PAYBILL = Sandbox.SHORTCODE_2;

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

  private B2bPaymentRequest.Builder payment(String partyB, long amount) {
    return B2bPaymentRequest.builder()
        .partyB(partyB)
        .amount(amount)
        .remarks("Supplier invoice")
        .resultUrl(receiver.url("/b2b/result"))
        .queueTimeOutUrl(receiver.url("/b2b/timeout"));
  }

  private TaxRemittanceRequest.Builder tax(long amount) {
    return TaxRemittanceRequest.builder()
        .prn("PRN1234XN")
        .amount(amount)
        .remarks("VAT March")
        .resultUrl(receiver.url("/tax/result"))
        .queueTimeOutUrl(receiver.url("/tax/timeout"));
  }

  /** ResultParameters or ReferenceData items by key: an object or an array on the wire. */
  private static Map<String, JsonNode> items(JsonNode list) {
    Map<String, JsonNode> values = new HashMap<>();
    for (JsonNode item : list.isArray() ? list : List.of(list)) {
      values.put(item.path("Key").asText(), item.path("Value"));
    }
    return values;
  }

  @Test
  void payBillMovesWorkingMoneyToThePaybillAndReportsTheReference() {
    BigDecimal workingBefore = balances.working(PAYER);
    BigDecimal paybillBefore = balances.utility(PAYBILL);
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack =
          client
              .b2b()
              .payBill(
                  payment(PAYBILL, 239)
                      .accountReference("353353")
                      .requester("0708374149")
                      .occasion("Stock")
                      .build());
      assertThat(ack.accepted()).isTrue();
      assertThat(ack.conversationId()).startsWith("AG_");
      assertThat(ack.originatorConversationId()).isNotBlank();

      JsonNode result = receiver.result("/b2b/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(result.path("OriginatorConversationID").asText())
          .isEqualTo(ack.originatorConversationId());
      assertThat(
              items(result.path("ResultParameters").path("ResultParameter")).get("Amount").asText())
          .isEqualTo("239.00");
      assertThat(
              items(result.path("ReferenceData").path("ReferenceItem"))
                  .get("BillReferenceNumber")
                  .asText())
          .isEqualTo("353353");
    }
    assertThat(balances.working(PAYER))
        .isEqualByComparingTo(workingBefore.subtract(BigDecimal.valueOf(239)));
    assertThat(balances.utility(PAYBILL))
        .isEqualByComparingTo(paybillBefore.add(BigDecimal.valueOf(239)));
    assertThat(admin.count("b2b")).isEqualTo(1);
  }

  @Test
  void buyGoodsPaysATillWithEitherReceiverType() {
    String till = Sandbox.BUY_GOODS_TILL;
    BigDecimal tillBefore = balances.utility(till);
    try (DarajaClient client = client()) {
      assertThat(client.b2b().buyGoods(payment(till, 100).build()).accepted()).isTrue();
      assertThat(receiver.awaitBody("/b2b/result", 1).path("Result").path("ResultCode").asText())
          .isEqualTo("0");
      InitiatorAcknowledgement tillType =
          client
              .b2b()
              .buyGoodsAsync(payment(till, 50).receiverType(B2bReceiverType.TILL).build())
              .join();
      assertThat(tillType.accepted()).isTrue();
      assertThat(receiver.awaitBody("/b2b/result", 2).path("Result").path("ResultCode").asText())
          .isEqualTo("0");
    }
    assertThat(balances.utility(till))
        .isEqualByComparingTo(tillBefore.add(BigDecimal.valueOf(150)));
    assertThat(admin.count("b2b")).isEqualTo(2);
  }

  @Test
  void topUpMovesMoneyToAnotherShortcodesUtilityAccount() {
    BigDecimal before = balances.utility(PAYBILL);
    try (DarajaClient client = client()) {
      assertThat(client.b2b().topUpB2cAsync(payment(PAYBILL, 5_000).build()).join().accepted())
          .isTrue();
      JsonNode result = receiver.result("/b2b/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(
              items(result.path("ResultParameters").path("ResultParameter")).get("Amount").asText())
          .isEqualTo("5000.00");
    }
    assertThat(balances.utility(PAYBILL))
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(5_000)));
  }

  @Test
  void insufficientWorkingBalanceIsAcceptedThenFailsInTheResult() {
    String poor = Sandbox.LOW_BALANCE_SHORTCODE;
    BigDecimal before = balances.utility(PAYBILL);
    try (DarajaClient client = client()) {
      assertThat(
              client
                  .b2b()
                  .payBillAsync(payment(PAYBILL, 500).partyA(poor).accountReference("A1").build())
                  .join()
                  .accepted())
          .isTrue();
      JsonNode result = receiver.result("/b2b/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("1");
      assertThat(result.path("ResultDesc").asText())
          .isEqualTo("The balance is insufficient for the transaction.");
    }
    assertThat(balances.utility(PAYBILL)).isEqualByComparingTo(before);
  }

  @Test
  void b2bTimeoutIsOutcomeUnknownWithReconciliationIdentifiersAndSentOnce() {
    admin.faults("{\"latency\":{\"b2b\":\"2s\"}}");
    try (DarajaClient client =
        TestClients.builder(emulator)
            .shortCode(PAYER)
            .readTimeout(Duration.ofMillis(300))
            .build()) {
      assertThatThrownBy(
              () -> client.b2b().payBill(payment(PAYBILL, 239).accountReference("353353").build()))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("b2b.payBill");
                assertThat(e.identifiers())
                    .containsEntry("partyA", PAYER)
                    .containsEntry("partyB", PAYBILL)
                    .containsEntry("amount", "239")
                    .containsEntry("accountReference", "353353")
                    .containsEntry("commandId", "BusinessPayBill");
              });
    }
    assertThat(admin.count("b2b")).isEqualTo(1);
    // The request was processed after the client stopped waiting: its Result still arrives.
    assertThat(receiver.result("/b2b/result").path("ResultCode").asText()).isEqualTo("0");
    assertThat(admin.count("b2b")).isEqualTo(1);
  }

  @Test
  void taxRemittancePaysKraAgainstThePrn() {
    BigDecimal kraBefore = balances.utility(Sandbox.KRA_SHORTCODE);
    BigDecimal workingBefore = balances.working(PAYER);
    try (DarajaClient client = client()) {
      InitiatorAcknowledgement ack = client.tax().remit(tax(1_200).build());
      assertThat(ack.accepted()).isTrue();
      assertThat(ack.conversationId()).startsWith("AG_");
      JsonNode result = receiver.result("/tax/result");
      assertThat(result.path("ResultCode").asText()).isEqualTo("0");
      assertThat(
              items(result.path("ReferenceData").path("ReferenceItem"))
                  .get("BillReferenceNumber")
                  .asText())
          .isEqualTo("PRN1234XN");
      assertThat(client.tax().remitAsync(tax(300).build()).join().accepted()).isTrue();
      assertThat(receiver.awaitBody("/tax/result", 2).path("Result").path("ResultCode").asText())
          .isEqualTo("0");
    }
    assertThat(balances.utility(Sandbox.KRA_SHORTCODE))
        .isEqualByComparingTo(kraBefore.add(BigDecimal.valueOf(1_500)));
    assertThat(balances.working(PAYER))
        .isEqualByComparingTo(workingBefore.subtract(BigDecimal.valueOf(1_500)));
    assertThat(admin.count("tax_remittance")).isEqualTo(2);
  }

  @Test
  void taxServerErrorAfterAcceptanceIsOutcomeUnknownAndNotRetried() {
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"tax_remittance\",\"mode\":\"accept_then_error\","
            + "\"count\":1}]}");
    try (DarajaClient client = client()) {
      assertThatThrownBy(() -> client.tax().remit(tax(700).build()))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("tax.remit");
                assertThat(e.identifiers())
                    .containsEntry("prn", "PRN1234XN")
                    .containsEntry("amount", "700")
                    .containsEntry("partyA", PAYER);
              });
    }
    assertThat(admin.count("tax_remittance")).isEqualTo(1);
  }

  @Test
  void invalidRequestsAreRefusedWithNothingSent() {
    try (DarajaClient client = client()) {
      assertThatThrownBy(() -> client.b2b().payBill(payment(PAYBILL, 100).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("accountReference"));
      assertThatThrownBy(
              () ->
                  client
                      .b2b()
                      .topUpB2c(payment(PAYBILL, 100).receiverType(B2bReceiverType.TILL).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("receiverType"));
      assertThatThrownBy(() -> client.b2b().buyGoods(payment("6005O1", 100).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("partyB"));
      assertThatThrownBy(() -> client.b2b().buyGoods(payment(PAYBILL, 0).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
      assertThatThrownBy(
              () ->
                  client
                      .b2b()
                      .payBill(payment(PAYBILL, 10).accountReference("A".repeat(14)).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("accountReference"));
      assertThatThrownBy(() -> client.b2b().buyGoods(payment(PAYBILL, 10).remarks("").build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("remarks"));
      assertThatThrownBy(() -> client.tax().remit(tax(100).prn(null).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("prn"));
      assertThatThrownBy(() -> client.tax().remit(tax(100).resultUrl("kra result").build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("resultUrl"));
    }
    assertThat(admin.count("oauth")).isZero();
    assertThat(admin.count("b2b")).isZero();
    assertThat(admin.count("tax_remittance")).isZero();
  }
}
