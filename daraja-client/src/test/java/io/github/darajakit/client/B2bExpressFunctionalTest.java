package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.b2bexpress.B2bExpressCheckoutAcknowledgement;
import io.github.darajakit.client.b2bexpress.B2bExpressCheckoutRequest;
import io.github.darajakit.client.callbacks.B2bExpressCheckoutCallback;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * B2B Express Checkout over real HTTP against the emulator: push, the till operator's answer, the
 * money and the flat callback read by {@code DarajaCallbacks.parse}.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class B2bExpressFunctionalTest {

  private static final String FUNDED = "600000";
  private static final String EMPTY_TILL = "600501";
  private static final String VENDOR = "600992";

  private final CallbackRecorder vendor = new CallbackRecorder();
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
    vendor.close();
  }

  private B2bExpressCheckoutRequest.Builder push(String till) {
    return B2bExpressCheckoutRequest.builder()
        .primaryShortCode(till)
        .receiverShortCode(VENDOR)
        .amount(250)
        .paymentRef("INV-1042")
        .partnerName("Acme Supplies")
        .callbackUrl(vendor.url("/b2b-express"));
  }

  private B2bExpressCheckoutCallback callback(String requestRefId) {
    return (B2bExpressCheckoutCallback)
        DarajaCallbacks.parse(vendor.awaitBody("/b2b-express", requestRefId));
  }

  @Test
  void anApprovedPushMovesTheMoneyAndItsCallbackCarriesTheRequestRefId() {
    BigDecimal tillBefore = balances.utility(FUNDED);
    BigDecimal vendorBefore = balances.utility(VENDOR);
    B2bExpressCheckoutRequest request = push(FUNDED).build();
    try (DarajaClient client = TestClients.client(emulator)) {
      B2bExpressCheckoutAcknowledgement ack = client.b2bExpress().push(request);
      assertThat(ack.code()).isEqualTo("0");
      assertThat(ack.status()).isEqualTo("USSD Initiated Successfully");
      assertThat(ack.requestRefId()).isEqualTo(request.requestRefId());
    }

    B2bExpressCheckoutCallback paid = callback(request.requestRefId());
    assertThat(paid.isPaid()).isTrue();
    assertThat(paid.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(paid.requestId()).isEqualTo(request.requestRefId());
    assertThat(paid.amount().orElseThrow()).isEqualByComparingTo("250");
    assertThat(paid.transactionId().orElseThrow()).matches("[A-Z0-9]{10}");
    assertThat(paid.conversationId().orElseThrow()).startsWith("AG_");
    assertThat(paid.status()).contains("SUCCESS");
    assertThat(balances.utility(FUNDED))
        .isEqualByComparingTo(tillBefore.subtract(BigDecimal.valueOf(250)));
    assertThat(balances.utility(VENDOR))
        .isEqualByComparingTo(vendorBefore.add(BigDecimal.valueOf(250)));
  }

  @Test
  void aPushTheOperatorCancelsEndsIn4001AndMovesNothing() {
    // The cancelling scenario number operates this till: its prompts are cancelled.
    admin.send("PUT", "b2b-express/nominated-numbers/" + FUNDED, "{\"msisdn\":\"254700001032\"}");
    BigDecimal tillBefore = balances.utility(FUNDED);
    B2bExpressCheckoutRequest request = push(FUNDED).requestRefId("cancel-me-1").build();
    try (DarajaClient client = TestClients.client(emulator)) {
      client.b2bExpress().push(request);
    }

    B2bExpressCheckoutCallback declined = callback("cancel-me-1");
    assertThat(declined.isPaid()).isFalse();
    assertThat(declined.resultCode().code()).isEqualTo("4001");
    assertThat(declined.resultDesc()).isEqualTo("User cancelled transaction");
    assertThat(declined.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(declined.paymentReference()).contains("INV-1042");
    assertThat(declined.transactionId()).isEmpty();
    assertThat(balances.utility(FUNDED)).isEqualByComparingTo(tillBefore);
  }

  @Test
  void aTillWithoutTheMoneyGetsTheInsufficientBalanceCallback() {
    B2bExpressCheckoutRequest request = push(EMPTY_TILL).build();
    try (DarajaClient client = TestClients.client(emulator)) {
      client.b2bExpress().push(request);
    }

    B2bExpressCheckoutCallback refused = callback(request.requestRefId());
    assertThat(refused.isPaid()).isFalse();
    assertThat(refused.resultCode().code()).isEqualTo("1");
    assertThat(refused.resultDesc()).isEqualTo("The balance is insufficient for the transaction.");
    assertThat(balances.utility(EMPTY_TILL)).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void aLostAnswerIsSentOnceAndCarriesTheRequestsIds() {
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"b2b_express\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    B2bExpressCheckoutRequest request = push(FUNDED).build();
    try (DarajaClient client = TestClients.client(emulator)) {
      assertThatThrownBy(() -> client.b2bExpress().push(request))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.requestRefId().orElseThrow()).isEqualTo(request.requestRefId());
                assertThat(e.identifiers().get("primaryShortCode")).isEqualTo(FUNDED);
                assertThat(e.identifiers().get("receiverShortCode")).isEqualTo(VENDOR);
                assertThat(e.identifiers().get("amount")).isEqualTo("250");
                assertThat(e.identifiers().get("paymentRef")).isEqualTo("INV-1042");
              });
    }
    assertThat(admin.count("b2b_express")).isEqualTo(1);
    // The push went through: its callback is matched by the id the exception carried.
    assertThat(callback(request.requestRefId()).isPaid()).isTrue();
  }

  @Test
  void aReusedRequestRefIdIsRefusedAndNothingMovesTwice() {
    B2bExpressCheckoutRequest request = push(FUNDED).requestRefId("once-only-1").build();
    try (DarajaClient client = TestClients.client(emulator)) {
      client.b2bExpress().push(request);
      callback("once-only-1");
      assertThatThrownBy(() -> client.b2bExpress().push(request))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo("400.002.02");
                assertThat(e.errorMessage()).contains("RequestRefID");
              });
    }
  }

  @Test
  void aWrongPinEndsIn2001AndATillWithNoOperatorIn4104() {
    admin.send("PUT", "b2b-express/nominated-numbers/" + FUNDED, "{\"msisdn\":\"254700002001\"}");
    B2bExpressCheckoutRequest wrongPin = push(FUNDED).requestRefId("wrong-pin-1").build();
    try (DarajaClient client = TestClients.client(emulator)) {
      client.b2bExpress().push(wrongPin);
    }
    assertThat(callback("wrong-pin-1").resultCode().code()).isEqualTo("2001");

    admin.send("DELETE", "b2b-express/nominated-numbers/" + FUNDED, null);
    BigDecimal tillBefore = balances.utility(FUNDED);
    B2bExpressCheckoutRequest nobody = push(FUNDED).requestRefId("no-operator-1").build();
    try (DarajaClient client = TestClients.client(emulator)) {
      client.b2bExpress().push(nobody);
    }
    B2bExpressCheckoutCallback unreachable = callback("no-operator-1");
    assertThat(unreachable.resultCode().code()).isEqualTo("4104");
    assertThat(unreachable.isPaid()).isFalse();
    assertThat(balances.utility(FUNDED)).isEqualByComparingTo(tillBefore);
  }

  @Test
  void inManualModeAPersonDecidesThePushThroughTheAdminApi() {
    admin.send("PATCH", "settings", "{\"stk\":{\"manualMode\":true}}");
    B2bExpressCheckoutRequest request = push(FUNDED).requestRefId("by-hand-1").build();
    try (DarajaClient client = TestClients.client(emulator)) {
      client.b2bExpress().push(request);
    }
    assertThat(admin.get("b2b-express/by-hand-1").toString()).contains("by-hand-1");
    admin.send("POST", "b2b-express/by-hand-1/approve", null);
    assertThat(callback("by-hand-1").isPaid()).isTrue();
  }
}
