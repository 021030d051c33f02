package io.github.darajakit.emulator.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app written for Safaricom's sandbox — its hard-coded test values and a credential encrypted
 * with Safaricom's sandbox certificate — works against the emulator with only its base URL changed,
 * and every result reaches its endpoints.
 */
class SandboxClientWorksUnchangedTest {

  // The app registers a ValidationURL and expects it called: External Validation is on for 600992.
  @RegisterExtension
  static EmulatorHarness h = new EmulatorHarness(c -> c.externalValidation(Set.of("600992")));

  final AdminWorld world = new AdminWorld(h.daraja());
  TypicalSandboxClient client;

  @BeforeEach
  void pointTheAppAtTheEmulator() {
    client = new TypicalSandboxClient(h.emulator().baseUrl());
  }

  JsonNode awaitResult(String path, JsonNode ack) {
    assertThat(ack.path("ResponseCode").asText()).as(ack.toString()).isEqualTo("0");
    String conversationId = ack.path("ConversationID").asText();
    return h.receiver()
        .awaitOne(
            path, b -> b.path("Result").path("ConversationID").asText().equals(conversationId))
        .body()
        .path("Result");
  }

  @Test
  void getsAnAccessToken() {
    assertThat(client.accessToken()).hasSize(28);
  }

  @Test
  void stkPushIsPaidAndTheQueryAgreesWithTheCallback() {
    JsonNode ack = client.stkPush(1, h.url("/app/stk"));

    assertThat(ack.path("ResponseCode").asText()).isEqualTo("0");
    String checkoutRequestId = ack.path("CheckoutRequestID").asText();
    JsonNode callback =
        h.receiver()
            .awaitOne(
                "/app/stk",
                b ->
                    b.path("Body")
                        .path("stkCallback")
                        .path("CheckoutRequestID")
                        .asText()
                        .equals(checkoutRequestId))
            .body()
            .path("Body")
            .path("stkCallback");
    assertThat(callback.path("CheckoutRequestID").asText()).isEqualTo(checkoutRequestId);
    assertThat(callback.path("ResultCode").asInt()).isZero();
    JsonNode query = client.stkQuery(checkoutRequestId);
    assertThat(query.path("ResultCode").asText()).isEqualTo("0");
    assertThat(query.path("ResultDesc").asText())
        .isEqualTo("The service request is processed successfully.");
    assertThat(world.customer("254708374149")).isEqualByComparingTo("249999.00");
  }

  @Test
  void c2bRegistrationAndSimulationOnShortcode1ReachTheAppsUrls() {
    JsonNode registered =
        client.registerC2bUrls(h.url("/app/c2b/confirmation"), h.url("/app/c2b/validation"));
    assertThat(registered.path("ResponseCode").asText()).isEqualTo("0");

    JsonNode simulated = client.simulateC2b(10, "Test Ref");

    assertThat(simulated.path("ResponseCode").asText()).isEqualTo("0");
    JsonNode validation = h.receiver().awaitOne("/app/c2b/validation").body();
    JsonNode confirmation = h.receiver().awaitOne("/app/c2b/confirmation").body();
    assertThat(confirmation.path("TransID").asText())
        .isEqualTo(validation.path("TransID").asText());
    assertThat(confirmation.path("TransAmount").asText()).isEqualTo("10.00");
    assertThat(confirmation.path("BusinessShortCode").asText()).isEqualTo("600992");
    assertThat(confirmation.path("BillRefNumber").asText()).isEqualTo("Test Ref");
    assertThat(confirmation.path("MSISDN").asText()).isEqualTo("2547 ***** 149");
    assertThat(world.account("600992", "Utility Account")).isEqualByComparingTo("10000010.00");
  }

  @Test
  void b2cPaymentWithASandboxCertificateCredentialIsPaid() {
    JsonNode result =
        awaitResult(
            "/app/b2c/result",
            client.b2cPayment(10, h.url("/app/b2c/result"), h.url("/app/b2c/timeout")));

    assertThat(result.path("ResultCode").asInt()).isZero();
    assertThat(world.customer("254708374149")).isEqualByComparingTo("250010.00");
  }

  @Test
  void businessPayBillToShortcode2IsPaid() {
    JsonNode result =
        awaitResult(
            "/app/b2b/result",
            client.businessPayBill(100, h.url("/app/b2b/result"), h.url("/app/b2b/timeout")));

    assertThat(result.path("ResultCode").asText()).isEqualTo("0");
    assertThat(world.account("600000", "Utility Account")).isEqualByComparingTo("10000100.00");
  }

  @Test
  void accountBalanceOfShortcode1IsReported() {
    JsonNode result =
        awaitResult(
            "/app/balance/result",
            client.accountBalance(h.url("/app/balance/result"), h.url("/app/balance/timeout")));

    assertThat(result.path("ResultCode").asText()).isEqualTo("0");
    assertThat(
            result.path("ResultParameters").path("ResultParameter").get(0).path("Value").asText())
        .contains("Utility Account|KES|10000000.00|");
  }

  @Test
  void transactionStatusFindsTheAppsOwnB2cPayment() {
    JsonNode payment =
        awaitResult(
            "/app/b2c/result",
            client.b2cPayment(10, h.url("/app/b2c/result"), h.url("/app/b2c/timeout")));
    String receipt = payment.path("TransactionID").asText();

    JsonNode status =
        awaitResult(
            "/app/status/result",
            client.transactionStatus(
                receipt, h.url("/app/status/result"), h.url("/app/status/timeout")));

    assertThat(status.path("ResultCode").asInt()).isZero();
    JsonNode parameters = status.path("ResultParameters").path("ResultParameter");
    assertThat(parameters.findValuesAsText("Value")).contains(receipt, "Completed");
  }
}
