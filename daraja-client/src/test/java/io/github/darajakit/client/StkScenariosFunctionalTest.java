package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.StkCallback;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.stk.StkQueryResult;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every STK row of the emulator's scenario table (docs/emulator.md) reaching its typed outcome
 * through {@code client.stk().query(…)}, both pending styles, wrong credentials, and Buy Goods.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class StkScenariosFunctionalTest {

  private static final long AMOUNT = 10;

  private final CallbackRecorder merchant = new CallbackRecorder();
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
    merchant.close();
  }

  private StkPushRequest.Builder push(String phone) {
    return StkPushRequest.builder()
        .phone(phone)
        .amount(AMOUNT)
        .accountReference("INV-77")
        .description("Invoice 77")
        .callbackUrl(merchant.url("/stk"));
  }

  private static StkQueryResult awaitFinal(DarajaClient client, String checkoutRequestId) {
    return awaitFinal(client, checkoutRequestId, null);
  }

  private static StkQueryResult awaitFinal(
      DarajaClient client, String checkoutRequestId, String shortCode) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> client.stk().query(checkoutRequestId, shortCode), r -> !r.isPending());
  }

  @Test
  void aLostPushCarriesTheApplicationsTokenAndItsCallbackArrivesAtTheTokensUrl() {
    String token = "order-1042-" + UUID.randomUUID().toString().substring(0, 8);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"stk_push\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    try (DarajaClient client = TestClients.client(emulator)) {
      assertThatThrownBy(
              () -> client.stk().push(push(Sandbox.TEST_MSISDN).callbackToken(token).build()))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.callbackToken().orElseThrow()).isEqualTo(token);
                assertThat(e.getMessage()).contains(DarajaOutcomeUnknownException.RECOVERY);
              });

      // The callback comes to the URL that names the push, with the CheckoutRequestID the lost
      // answer never gave: STK Query can be asked from there.
      StkCallback callback =
          DarajaCallbacks.parseStkCallback(merchant.awaitBody("/stk/" + token, "stkCallback"));
      assertThat(callback.isPaid()).isTrue();
      assertThat(client.stk().query(callback.checkoutRequestId()).isPaid()).isTrue();
    }
    assertThat(merchant.bodies("/stk")).isEmpty();
    assertThat(admin.count("stk_push")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1}: ResultCode {2}, {3}, retryable {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "254708374149 | sandbox_test_customer | 0    | SUCCESS   | false | The service request is processed successfully.",
        "254700000001 | insufficient_funds    | 1    | FAILED    | false | The balance is insufficient for the transaction.",
        "254700001032 | cancelled             | 1032 | CANCELLED | true  | Request cancelled by user",
        "254700001037 | unreachable           | 1037 | TIMEOUT   | true  | DS timeout user cannot be reached",
        "254700002001 | wrong_pin             | 2001 | FAILED    | true  | The initiator information is invalid.",
        "254700001019 | expired               | 1019 | TIMEOUT   | true  | Transaction has expired.",
        "254700000017 | rule_limited          | 17   | FAILED    | true  | Rule limited.",
        "254700000026 | system_busy           | 26   | FAILED    | true  | System busy. The service request is rejected.",
        "254700001025 | push_error            | 1025 | FAILED    | true  | An error occurred while sending a push request.",
      })
  void scenarioRowReachesItsTypedOutcomeInTheQueryAndTheCallback(
      String phone,
      String scenario,
      String code,
      Outcome outcome,
      boolean retryable,
      String description) {
    BigDecimal before = balances.customer(phone);
    try (DarajaClient client = TestClients.client(emulator)) {
      StkPushResponse push = client.stk().push(push(phone).build());
      assertThat(push.responseCode()).isEqualTo("0");

      StkQueryResult result = awaitFinal(client, push.checkoutRequestId());
      assertThat(result.resultCode().code()).isEqualTo(code);
      assertThat(result.resultCode().known()).isTrue();
      assertThat(result.outcome()).isEqualTo(outcome);
      assertThat(result.resultCode().retryable()).isEqualTo(retryable);
      assertThat(result.isPaid()).isEqualTo(outcome == Outcome.SUCCESS);
      assertThat(result.resultDesc()).isEqualTo(description);
      assertThat(result.checkoutRequestId()).isEqualTo(push.checkoutRequestId());
      assertThat(result.merchantRequestId()).isEqualTo(push.merchantRequestId());

      // The callback says the same, as a number that reads into the same catalogue entry.
      StkCallback callback =
          DarajaCallbacks.parseStkCallback(merchant.awaitBody("/stk", push.checkoutRequestId()));
      assertThat(callback.resultCode()).isEqualTo(result.resultCode());
      assertThat(callback.merchantRequestId()).isEqualTo(push.merchantRequestId());
      assertThat(callback.isPaid()).isEqualTo(outcome == Outcome.SUCCESS);
      if (outcome == Outcome.SUCCESS) {
        StkPayment payment = callback.payment().orElseThrow();
        assertThat(payment.amount()).isEqualByComparingTo(BigDecimal.valueOf(AMOUNT));
        assertThat(payment.mpesaReceiptNumber()).matches("[A-Z0-9]{10}");
        assertThat(payment.phoneNumber()).isEqualTo(phone);
      } else {
        assertThat(callback.payment()).isEmpty();
      }
    }
    BigDecimal expected =
        outcome == Outcome.SUCCESS ? before.subtract(BigDecimal.valueOf(AMOUNT)) : before;
    assertThat(balances.customer(phone)).isEqualByComparingTo(expected);
  }

  @Test
  void subscriberBusyIsAnApiErrorWithTheLockHintAndNothingMoves() {
    String phone = "254700001001";
    BigDecimal before = balances.customer(phone);
    try (DarajaClient client = TestClients.client(emulator)) {
      assertThatThrownBy(() -> client.stk().push(push(phone).build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("500.001.1001");
                assertThat(e.errorMessage())
                    .isEqualTo(
                        "Unable to lock subscriber, a transaction is already in process for the"
                            + " current subscriber");
                assertThat(e.getMessage())
                    .contains("the customer has a prompt in progress; wait at least a minute");
              });
    }
    // A refusal, not an outage: sent once, never retried.
    assertThat(admin.count("stk_push")).isEqualTo(1);
    assertThat(balances.customer(phone)).isEqualByComparingTo(before);
  }

  @Test
  void lostCallbackIsStillPaidAccordingToTheQuery() {
    String lost = "254700000404";
    BigDecimal before = balances.customer(lost);
    try (DarajaClient client = TestClients.client(emulator)) {
      StkPushResponse push = client.stk().push(push(lost).build());
      StkQueryResult result = awaitFinal(client, push.checkoutRequestId());
      assertThat(result.isPaid()).isTrue();
      assertThat(result.resultCode().code()).isEqualTo("0");
      assertThat(result.resultCode().retryable()).isFalse();

      // A push settled after it does get its callback; the lost one never does.
      StkPushResponse control = client.stk().push(push(Sandbox.TEST_MSISDN).build());
      merchant.awaitBody("/stk", control.checkoutRequestId());
      assertThat(merchant.find("/stk", push.checkoutRequestId())).isEmpty();
    }
    assertThat(balances.customer(lost))
        .isEqualByComparingTo(before.subtract(BigDecimal.valueOf(AMOUNT)));
  }

  /**
   * Both pending styles of REFERENCE §4.3 are a PENDING result, never an exception. Manual mode
   * keeps the prompt open until the test decides it, so "pending" does not depend on timing.
   */
  @ParameterizedTest(name = "queryPendingStyle {0}")
  @ValueSource(strings = {"current", "legacy"})
  void aPromptTheCustomerHasNotAnsweredIsPendingInEitherStyle(String style) {
    admin.send(
        "PATCH",
        "settings",
        "{\"stk\":{\"manualMode\":true,\"queryPendingStyle\":\"" + style + "\"}}");
    try (DarajaClient client = TestClients.client(emulator)) {
      StkPushResponse push = client.stk().push(push(Sandbox.TEST_MSISDN).build());

      StkQueryResult pending = client.stk().query(push.checkoutRequestId());
      assertThat(pending.isPending()).isTrue();
      assertThat(pending.outcome()).isEqualTo(Outcome.PENDING);
      assertThat(pending.resultCode().code()).isEqualTo("4999");
      assertThat(pending.resultCode().isFinal()).isFalse();
      assertThat(pending.checkoutRequestId()).isEqualTo(push.checkoutRequestId());
      if (style.equals("legacy")) {
        assertThat(pending.resultDesc()).isEqualTo("The transaction is being processed");
        assertThat(pending.merchantRequestId()).isEmpty();
        assertThat(pending.rawJson()).contains("\"errorCode\":\"500.001.1001\"");
      } else {
        assertThat(pending.resultDesc()).isEqualTo("The transaction is still under processing");
        assertThat(pending.rawJson()).contains("\"ResultCode\":\"4999\"");
      }
      // An answer, not an outage: asked once, not retried.
      assertThat(admin.count("stk_query")).isEqualTo(1);

      admin.send("POST", "stk/" + push.checkoutRequestId() + "/approve", "{\"pin\":\"1234\"}");
      StkQueryResult paid = awaitFinal(client, push.checkoutRequestId());
      assertThat(paid.isPaid()).isTrue();
      assertThat(paid.resultCode().code()).isEqualTo("0");
    }
  }

  @Test
  void wrongPasskeyIsAnApiErrorForPushAndForQueryEvenInTheLegacyPendingStyle() {
    admin.send(
        "PATCH", "settings", "{\"stk\":{\"manualMode\":true,\"queryPendingStyle\":\"legacy\"}}");
    String wrongPasskey = "0".repeat(64);
    try (DarajaClient good = TestClients.client(emulator);
        DarajaClient wrong = TestClients.builder(emulator).passkey(wrongPasskey).build()) {
      assertThatThrownBy(() -> wrong.stk().push(push(Sandbox.TEST_MSISDN).build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("500.001.1001");
                assertThat(e.errorMessage()).contains("Wrong credentials");
                assertThat(e.getMessage())
                    .contains("the STK Password is wrong")
                    .doesNotContain(wrongPasskey)
                    .doesNotContain(Sandbox.STK_PASSKEY);
              });

      // The same code while a prompt is pending: still an error, not a PENDING result.
      StkPushResponse push = good.stk().push(push(Sandbox.TEST_MSISDN).build());
      assertThat(good.stk().query(push.checkoutRequestId()).isPending()).isTrue();
      assertThatThrownBy(() -> wrong.stk().query(push.checkoutRequestId()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo("500.001.1001");
                assertThat(e.errorMessage()).contains("Wrong credentials");
              });
    }
    assertThat(admin.count("stk_push")).isEqualTo(2);
  }

  @Test
  void buyGoodsPushPaysTheTillUnderTheStore() {
    BigDecimal before = balances.customer(Sandbox.TEST_MSISDN);
    try (DarajaClient client = TestClients.client(emulator)) {
      StkPushResponse push =
          client
              .stk()
              .push(
                  push(Sandbox.TEST_MSISDN)
                      .buyGoods(Sandbox.BUY_GOODS_TILL)
                      .shortCode(Sandbox.BUY_GOODS_STORE)
                      .build());
      assertThat(push.responseCode()).isEqualTo("0");
      StkQueryResult result = awaitFinal(client, push.checkoutRequestId(), Sandbox.BUY_GOODS_STORE);
      assertThat(result.isPaid()).isTrue();
      assertThat(result.resultCode().code()).isEqualTo("0");
      StkCallback callback =
          DarajaCallbacks.parseStkCallback(merchant.awaitBody("/stk", push.checkoutRequestId()));
      assertThat(callback.isPaid()).isTrue();
      assertThat(callback.payment().orElseThrow().amount())
          .isEqualByComparingTo(BigDecimal.valueOf(AMOUNT));
    }
    assertThat(balances.customer(Sandbox.TEST_MSISDN))
        .isEqualByComparingTo(before.subtract(BigDecimal.valueOf(AMOUNT)));
  }

  @Test
  void buyGoodsToATillNotUnderTheStoreFailsAndSaysToFixTheRequest() {
    try (DarajaClient client = TestClients.client(emulator)) {
      StkPushResponse push =
          client
              .stk()
              .push(
                  push(Sandbox.TEST_MSISDN)
                      .buyGoods(Sandbox.SHORTCODE_1)
                      .shortCode(Sandbox.BUY_GOODS_STORE)
                      .build());
      StkQueryResult result = awaitFinal(client, push.checkoutRequestId(), Sandbox.BUY_GOODS_STORE);
      assertThat(result.resultCode().code()).isEqualTo("SFC_IC0003");
      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.resultCode().retryable()).isFalse();
    }
  }

  @Test
  void aClientWithoutAPasskeyRefusesThePushAndSendsNothing() {
    try (DarajaClient client = TestClients.builder(emulator).passkey(null).build()) {
      assertThatThrownBy(() -> client.stk().push(push(Sandbox.TEST_MSISDN).build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("passkey"));
    }
    assertThat(admin.count("oauth")).isZero();
    assertThat(admin.count("stk_push")).isZero();
  }
}
