package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.callbacks.B2cResult;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.DarajaResult;
import io.github.darajakit.client.callbacks.QueueTimeout;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The B2C rows of the emulator's scenario table reaching their typed outcome: the Result posted to
 * a real ResultURL, read with {@code DarajaCallbacks.parseResult(json, B2C)} as a merchant would.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class B2cScenariosFunctionalTest {

  private static final long AMOUNT = 100;
  private static final String PAYER = Sandbox.SHORTCODE_1;

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

  private B2cPaymentRequest payment(String phone) {
    return B2cPaymentRequest.builder()
        .phone(phone)
        .amount(AMOUNT)
        .remarks("Scenario payout")
        .resultUrl(merchant.url("/b2c/result"))
        .queueTimeOutUrl(merchant.url("/b2c/timeout"))
        .build();
  }

  private B2cResult awaitResult(InitiatorAcknowledgement ack) {
    String body = merchant.awaitBody("/b2c/result", ack.originatorConversationId());
    DarajaResult result = DarajaCallbacks.parseResult(body, ResultCodes.Family.B2C);
    assertThat(result).isInstanceOf(B2cResult.class);
    assertThat(result.originatorConversationId()).isEqualTo(ack.originatorConversationId());
    assertThat(result.conversationId()).isEqualTo(ack.conversationId());
    assertThat(result.rawJson()).isEqualTo(body);
    return (B2cResult) result;
  }

  @ParameterizedTest(name = "{0} {1}: ResultCode {2}, {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "254708374149 | sandbox_test_customer  | 0          | SUCCESS | The service request is processed successfully.",
        "254700000001 | insufficient_funds     | 0          | SUCCESS | The service request is processed successfully.",
        "254700001032 | cancelled              | 0          | SUCCESS | The service request is processed successfully.",
        "254700002040 | unregistered_recipient | 2040       | FAILED  | Credit Party customer type (Unregistered or Registered Customer) can't be supported by the service.",
        "254700000003 | invalid_recipient      | SFC_IC0003 | FAILED  | The operator does not exist.",
      })
  void scenarioRowReachesItsTypedOutcomeInTheResult(
      String phone, String scenario, String code, Outcome outcome, String description) {
    BigDecimal customerBefore = balances.customer(phone);
    BigDecimal utilityBefore = balances.utility(PAYER);
    try (DarajaClient client = TestClients.builder(emulator).shortCode(PAYER).build()) {
      InitiatorAcknowledgement ack = client.b2c().pay(payment(phone));
      assertThat(ack.accepted()).isTrue();

      B2cResult result = awaitResult(ack);
      assertThat(result.resultCode().code()).isEqualTo(code);
      assertThat(result.resultCode().known()).isTrue();
      assertThat(result.outcome()).isEqualTo(outcome);
      // Neither failure gets better by paying the same number again.
      assertThat(result.resultCode().retryable()).isFalse();
      assertThat(result.resultDesc()).isEqualTo(description);
      if (outcome == Outcome.SUCCESS) {
        assertThat(result.receipt()).hasValueSatisfying(r -> assertThat(r).matches("[A-Z0-9]{10}"));
        assertThat(result.receipt()).contains(result.transactionId());
        assertThat(result.amount())
            .hasValueSatisfying(
                a -> assertThat(a).isEqualByComparingTo(BigDecimal.valueOf(AMOUNT)));
        assertThat(result.receiverPartyPublicName())
            .hasValueSatisfying(name -> assertThat(name).startsWith(phone));
        assertThat(result.recipientIsRegisteredCustomer()).contains(true);
        assertThat(result.completedTime()).isPresent();
      } else {
        assertThat(result.receipt()).isEmpty();
        assertThat(result.amount()).isEmpty();
      }
    }
    BigDecimal moved = outcome == Outcome.SUCCESS ? BigDecimal.valueOf(AMOUNT) : BigDecimal.ZERO;
    assertThat(balances.customer(phone)).isEqualByComparingTo(customerBefore.add(moved));
    assertThat(balances.utility(PAYER)).isEqualByComparingTo(utilityBefore.subtract(moved));
    assertThat(admin.count("b2c_v3")).isEqualTo(1);
  }

  @Test
  void queueTimeoutCallsTheQueueTimeOutUrlInsteadAndPaysNothing() {
    String phone = "254700000408";
    BigDecimal before = balances.customer(phone);
    try (DarajaClient client = TestClients.builder(emulator).shortCode(PAYER).build()) {
      InitiatorAcknowledgement ack = client.b2c().pay(payment(phone));
      assertThat(ack.accepted()).isTrue();
      QueueTimeout timeout =
          DarajaCallbacks.parseQueueTimeout(
              merchant.awaitBody("/b2c/timeout", ack.originatorConversationId()));
      assertThat(timeout.originatorConversationId()).isEqualTo(ack.originatorConversationId());
      assertThat(timeout.resultCode()).isEqualTo("26");
      assertThat(merchant.find("/b2c/result", ack.originatorConversationId())).isEmpty();
    }
    assertThat(balances.customer(phone)).isEqualByComparingTo(before);
  }

  @Test
  void lostResultStillPaysOnce() {
    String lost = "254700000404";
    BigDecimal before = balances.customer(lost);
    try (DarajaClient client = TestClients.builder(emulator).shortCode(PAYER).build()) {
      InitiatorAcknowledgement ack = client.b2c().pay(payment(lost));
      assertThat(ack.accepted()).isTrue();
      // A payment made after it gets its Result; the lost one never does.
      InitiatorAcknowledgement control = client.b2c().pay(payment(Sandbox.TEST_MSISDN));
      assertThat(awaitResult(control).outcome()).isEqualTo(Outcome.SUCCESS);
      assertThat(merchant.find("/b2c/result", ack.originatorConversationId())).isEmpty();
    }
    assertThat(balances.customer(lost))
        .isEqualByComparingTo(before.add(BigDecimal.valueOf(AMOUNT)));
  }

  /**
   * A client configured only from {@code MPESA_*} variables, with the emulator's certificate in a
   * file: the emulator decrypts the credential and checks the password, so the right password pays
   * and a wrong one gets 2001.
   */
  @Test
  void aClientFromTheEnvironmentEncryptsWithTheCertificateFile(@TempDir Path dir) throws Exception {
    Path certificate = Files.writeString(dir.resolve("emulator.pem"), emulator.certificatePem());
    Map<String, String> env =
        Map.of(
            "MPESA_ENV",
            "emulator",
            "MPESA_BASE_URL",
            emulator.baseUrl(),
            "MPESA_CONSUMER_KEY",
            TestClients.CONSUMER_KEY,
            "MPESA_CONSUMER_SECRET",
            TestClients.CONSUMER_SECRET,
            "MPESA_SHORTCODE",
            PAYER,
            "MPESA_INITIATOR_NAME",
            Sandbox.INITIATOR_NAME,
            "MPESA_INITIATOR_PASSWORD",
            TestClients.INITIATOR_PASSWORD,
            "MPESA_CERTIFICATE",
            certificate.toString());
    try (DarajaClient client = DarajaClient.fromEnv(env)) {
      B2cResult result = awaitResult(client.b2c().pay(payment(Sandbox.TEST_MSISDN)));
      assertThat(result.resultCode().code()).isEqualTo("0");
    }
    Map<String, String> wrong = new java.util.HashMap<>(env);
    wrong.put("MPESA_INITIATOR_PASSWORD", "Wrong-Password-1");
    try (DarajaClient client = DarajaClient.fromEnv(wrong)) {
      B2cResult result = awaitResult(client.b2c().pay(payment(Sandbox.TEST_MSISDN)));
      assertThat(result.resultCode().code()).isEqualTo("2001");
      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.resultCode().retryable()).isFalse();
      assertThat(result.resultCode().meaning()).contains("password");
    }
  }
}
