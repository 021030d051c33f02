package io.github.darajakit.emulator.faults;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.CallbackReceiver.Received;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Injected latency and errors: when they strike, how often, and whether the money moved anyway. */
class ErrorFaultsTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final String B2C = "/mpesa/b2c/v3/paymentrequest";
  private static final String STK = "/mpesa/stkpush/v1/processrequest";
  private static final String REGISTER_V1 = "/mpesa/c2b/v1/registerurl";
  private static final String REGISTER_V2 = "/mpesa/c2b/v2/registerurl";

  private static void faults(String json) {
    Reply reply = h.daraja().admin("PUT", "faults", json);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  private static Reply register(String path) {
    return h.daraja()
        .post(path, Requests.c2bRegister(Requests.SHORTCODE, "Completed", h.url("/c"), null));
  }

  private static ObjectNode b2c(String originatorConversationId, long amount, String path) {
    return Requests.b2c(
        originatorConversationId,
        h.credential(),
        amount,
        Requests.TEST_MSISDN,
        h.url(path),
        h.url(path + "-timeout"));
  }

  private static String customerBalance() {
    return h.daraja().adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText();
  }

  private static String utilityBalance() {
    return h.daraja()
        .adminGet("organisations/" + Requests.SHORTCODE)
        .path("accounts")
        .path("Utility Account")
        .asText();
  }

  private static List<JsonNode> ledgerFor(String party) {
    List<JsonNode> list = new ArrayList<>();
    h.daraja().adminGet("transactions?party=" + party).path("transactions").forEach(list::add);
    return list;
  }

  @Test
  void latencyDelaysTheAnswerByAtLeastTheConfiguredTime() {
    faults("{\"latency\":{\"c2b_register_v1\":\"300ms\",\"*\":\"150ms\"}}");

    long start = System.nanoTime();
    Reply specific = register(REGISTER_V1);
    long specificMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    Reply wildcard = register(REGISTER_V2);
    long wildcardMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(specific.status()).isEqualTo(200);
    assertThat(wildcard.status()).isEqualTo(200);
    assertThat(specificMillis).isGreaterThanOrEqualTo(300);
    assertThat(wildcardMillis).isGreaterThanOrEqualTo(150);
  }

  @Test
  void countedRuleStrikesExactlyThatManyRequestsThenIsSpent() {
    faults(
        """
        {"errors":[{"endpoint":"c2b_register_v1","count":2,
          "errorCode":"500.003.02","errorMessage":"System is busy. Please try again in few minutes."}]}
        """);

    Reply other = register(REGISTER_V2);
    List<Reply> replies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      replies.add(register(REGISTER_V1));
    }

    assertThat(other.status()).isEqualTo(200);
    assertDarajaError(
        replies.get(0), "500.003.02", "System is busy. Please try again in few minutes.");
    assertDarajaError(
        replies.get(1), "500.003.02", "System is busy. Please try again in few minutes.");
    assertThat(replies.subList(2, 5)).extracting(Reply::status).containsOnly(200);
    JsonNode rule = h.daraja().adminGet("faults").path("errors").get(0);
    assertThat(rule.path("remaining").asInt()).isZero();
  }

  @Test
  void rateOneStrikesEveryRequestAndRateZeroNone() {
    faults(
        """
        {"errors":[
          {"endpoint":"c2b_register_v1","rate":1.0,"errorCode":"400.003.02","errorMessage":"Bad Request"},
          {"endpoint":"c2b_register_v2","rate":0}]}
        """);

    for (int i = 0; i < 10; i++) {
      assertDarajaError(register(REGISTER_V1), "400.003.02", "Bad Request");
      assertThat(register(REGISTER_V2).status()).isEqualTo(200);
    }
  }

  @Test
  void maintenanceCodeWithATwoDigitFirstSegmentIsAnsweredAsHttp500() {
    h.daraja().token();
    faults(
        "{\"errors\":[{\"endpoint\":\"account_balance\",\"errorCode\":\"00.002.1001\","
            + "\"errorMessage\":\"Service is currently under maintenance. Please try again later\"}]}");

    Reply reply =
        h.daraja()
            .post(
                "/mpesa/accountbalance/v1/query",
                Requests.balance(h.credential(), "600992", h.url("/balance/result")));

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.text("errorCode")).isEqualTo("00.002.1001");
    assertThat(reply.text("errorMessage")).startsWith("Service is currently under maintenance");
  }

  @Test
  void wildcardRuleWithDefaultsStrikesEveryEndpointWithAnInternalServerError() {
    h.daraja().token();
    faults("{\"errors\":[{}]}");

    assertDarajaError(register(REGISTER_V1), "500.003.1001", "Internal Server Error");
    assertDarajaError(
        h.daraja().oauth("Basic dGVzdDp0ZXN0", "grant_type=client_credentials"),
        "500.003.1001",
        "Internal Server Error");
    assertDarajaError(
        h.daraja().post(STK, Requests.stkPush(Requests.TEST_MSISDN, 1, h.url("/stk"))),
        "500.003.1001",
        "Internal Server Error");
  }

  @Test
  void rejectAnswersTheErrorAndNothingHappens() {
    faults(
        """
        {"errors":[{"endpoint":"b2c_v3","mode":"reject","count":1,
          "errorCode":"500.003.02","errorMessage":"Error Occurred: Spike Arrest Violation"}]}
        """);
    String customerBefore = customerBalance();
    String utilityBefore = utilityBalance();

    Reply rejected = h.daraja().post(B2C, b2c("rejected-1", 100, "/reject-result"));

    assertDarajaError(rejected, "500.003.02", "Error Occurred: Spike Arrest Violation");
    assertThat(customerBalance()).isEqualTo(customerBefore);
    assertThat(utilityBalance()).isEqualTo(utilityBefore);
    assertThat(ledgerFor(Requests.TEST_MSISDN)).isEmpty();

    Reply retried = h.daraja().post(B2C, b2c("rejected-1", 100, "/reject-result"));
    assertThat(retried.status()).as("the rejected id was never used: %s", retried).isEqualTo(200);
    h.receiver().awaitOne("/reject-result");
    assertThat(h.receiver().on("/reject-result")).hasSize(1);
    assertThat(ledgerFor(Requests.TEST_MSISDN)).hasSize(1);
  }

  @Test
  void acceptThenErrorAnswersTheErrorButThePaymentHappened() {
    faults("{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_error\",\"count\":1}]}");

    Reply reply = h.daraja().post(B2C, b2c("accepted-1", 100, "/ate-result"));

    assertDarajaError(reply, "500.003.1001", "Internal Server Error");
    Received result = h.receiver().awaitOne("/ate-result");
    assertThat(result.body().at("/Result/ResultCode").asInt()).isZero();
    assertThat(result.body().at("/Result/OriginatorConversationID").asText())
        .isEqualTo("accepted-1");
    assertThat(customerBalance()).isEqualTo("250100.00");
    assertThat(utilityBalance()).isEqualTo("9999900.00");
    List<JsonNode> ledger = ledgerFor(Requests.TEST_MSISDN);
    assertThat(ledger).hasSize(1);
    assertThat(ledger.get(0).path("originatorConversationId").asText()).isEqualTo("accepted-1");
    assertThat(ledger.get(0).path("amount").asText()).isEqualTo("100.00");
  }

  @Test
  void acceptThenDropClosesTheConnectionButTheB2cIsPaidAndItsResultDelivered() {
    faults("{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_drop\",\"count\":1}]}");

    assertThatThrownBy(() -> h.daraja().post(B2C, b2c("dropped-1", 250, "/atd-result")))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(IOException.class);

    Received result = h.receiver().awaitOne("/atd-result");
    assertThat(result.body().at("/Result/ResultCode").asInt()).isZero();
    assertThat(result.body().at("/Result/OriginatorConversationID").asText())
        .isEqualTo("dropped-1");
    assertThat(customerBalance()).isEqualTo("250250.00");
    assertThat(ledgerFor(Requests.TEST_MSISDN))
        .singleElement()
        .satisfies(
            t -> assertThat(t.path("originatorConversationId").asText()).isEqualTo("dropped-1"));

    Reply retry = h.daraja().post(B2C, b2c("dropped-1", 250, "/atd-result"));
    assertDarajaError(retry, "500.002.1001", "Duplicate OriginatorConversationID.");
    assertThat(customerBalance()).isEqualTo("250250.00");
  }

  @Test
  void acceptThenDropOnStkPushStillPromptsChargesAndCallsBack() {
    faults("{\"errors\":[{\"endpoint\":\"stk_push\",\"mode\":\"accept_then_drop\",\"rate\":1.0}]}");

    assertThatThrownBy(
            () ->
                h.daraja().post(STK, Requests.stkPush(Requests.TEST_MSISDN, 40, h.url("/atd-stk"))))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(IOException.class);

    Received callback = h.receiver().awaitOne("/atd-stk");
    assertThat(callback.body().at("/Body/stkCallback/ResultCode").asInt()).isZero();
    assertThat(customerBalance()).isEqualTo("249960.00");
    JsonNode prompts = h.daraja().adminGet("stk").path("prompts");
    assertThat(prompts.size()).isEqualTo(1);
    assertThat(prompts.get(0).path("checkoutRequestId").asText())
        .isEqualTo(callback.body().at("/Body/stkCallback/CheckoutRequestID").asText());
  }

  @Test
  void onOAuthOnlyRejectRulesStrikeSinceATokenMovesNoMoney() {
    faults(
        """
        {"errors":[{"endpoint":"oauth","mode":"accept_then_drop","rate":1.0},
                   {"endpoint":"oauth","mode":"reject","count":1,
                    "errorCode":"500.003.03","errorMessage":"Quota Violation"}]}
        """);

    Reply first = h.daraja().oauth("Basic dGVzdDp0ZXN0", "grant_type=client_credentials");
    Reply second = h.daraja().oauth("Basic dGVzdDp0ZXN0", "grant_type=client_credentials");

    assertDarajaError(first, "500.003.03", "Quota Violation");
    assertThat(second.status()).isEqualTo(200);
  }

  @Test
  void injectedErrorCodeSetsTheHttpStatusFromItsFirstSegment() {
    faults(
        """
        {"errors":[{"endpoint":"c2b_register_v1","count":1,
          "errorCode":"404.003.01","errorMessage":"Resource not found"}]}
        """);

    assertDarajaError(register(REGISTER_V1), "404.003.01", "Resource not found");
    assertThat(register(REGISTER_V1).status()).isEqualTo(200);
  }
}
