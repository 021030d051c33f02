package io.github.darajakit.emulator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Account Balance (REFERENCE §10): the five-account pipe string, string-typed success codes, and
 * the locked-credential failure captured from the sandbox.
 */
class AccountBalanceTest {

  static final String BALANCE = "/mpesa/accountbalance/v1/query";
  static final String AB_QUEUE =
      "https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);

  ObjectNode balance(String partyA) {
    return Requests.balance(h.credential(), partyA, h.url("/balance/result"));
  }

  JsonNode query(ObjectNode body) {
    return steps.initiator(BALANCE, body).result();
  }

  /** The AccountBalance value of a successful Result, after checking the envelope. */
  static String pipeString(JsonNode result) {
    assertThat(result.path("ResultType").isTextual()).isTrue();
    assertThat(result.path("ResultType").asText()).isEqualTo("0");
    assertThat(result.path("ResultCode").isTextual()).isTrue();
    assertThat(result.path("ResultCode").asText()).isEqualTo("0");
    assertThat(result.path("ResultDesc").asText())
        .isEqualTo("The service request is processed successfully");
    assertThat(result.path("TransactionID").asText()).matches("[A-Z][A-L][0-9A-Z]0000000");
    JsonNode parameters = result.path("ResultParameters").path("ResultParameter");
    assertThat(parameters.isArray()).isTrue();
    assertThat(parameters).hasSize(2);
    assertThat(parameters.get(0).path("Key").asText()).isEqualTo("AccountBalance");
    assertThat(parameters.get(1).path("Key").asText()).isEqualTo("BOCompletedTime");
    assertThat(parameters.get(1).path("Value").asText()).matches("20\\d{12}");
    JsonNode reference = result.path("ReferenceData").path("ReferenceItem");
    assertThat(reference.isObject()).isTrue();
    assertThat(reference.path("Key").asText()).isEqualTo("QueueTimeoutURL");
    assertThat(reference.path("Value").asText()).isEqualTo(AB_QUEUE);
    return parameters.get(0).path("Value").asText();
  }

  /** The pipe string built from what the admin API says the balances are. */
  String expectedFromAdmin(String shortCode) {
    Map<String, String> accounts = world.accounts(shortCode);
    StringJoiner joined = new StringJoiner("&");
    for (String alias : AdminWorld.ACCOUNTS) {
      String amount = accounts.get(alias);
      joined.add(alias + "|KES|" + amount + "|" + amount + "|0.00|0.00");
    }
    return joined.toString();
  }

  @Test
  void pipeStringListsTheFiveAccountsOfTheSandboxShortcode() {
    String pipe = pipeString(query(balance("600992")));

    assertThat(pipe)
        .isEqualTo(
            "Working Account|KES|1000000.00|1000000.00|0.00|0.00"
                + "&Float Account|KES|0.00|0.00|0.00|0.00"
                + "&Utility Account|KES|10000000.00|10000000.00|0.00|0.00"
                + "&Charges Paid Account|KES|0.00|0.00|0.00|0.00"
                + "&Organization Settlement Account|KES|0.00|0.00|0.00|0.00");
    assertThat(pipe).isEqualTo(expectedFromAdmin("600992"));
  }

  @Test
  void pipeStringFollowsTheBalancesAfterAB2cPayment() {
    steps.succeeded(
        "/mpesa/b2c/v3/paymentrequest",
        Requests.b2c(
            "before-balance",
            h.credential(),
            1234,
            Requests.TEST_MSISDN,
            h.url("/b2c/result"),
            h.url("/b2c/timeout")));

    String pipe = pipeString(query(balance("600992")));

    assertThat(pipe).contains("&Utility Account|KES|9998766.00|9998766.00|0.00|0.00&");
    assertThat(pipe).isEqualTo(expectedFromAdmin("600992"));
  }

  @Test
  void pipeStringPrintsNegativeAndFractionalBalances() {
    world.setAccount("600000", "CHARGES_PAID", "-1540.00");
    world.setAccount("600000", "WORKING", "6186.83");

    String pipe = pipeString(query(balance("600000")));

    assertThat(pipe)
        .startsWith("Working Account|KES|6186.83|6186.83|0.00|0.00&")
        .contains("&Charges Paid Account|KES|-1540.00|-1540.00|0.00|0.00&");
    assertThat(pipe).isEqualTo(expectedFromAdmin("600000"));
  }

  @Test
  void aTillCanBeQueriedWithIdentifierType2() {
    String pipe = pipeString(query(balance("600501").put("IdentifierType", "2")));

    assertThat(pipe).isEqualTo(expectedFromAdmin("600501"));
  }

  @Test
  void lockedCredentialGives8006WithTheParametersSeenOnTheSandbox() {
    String wrong = h.emulator().securityCredential("wrong");
    for (int i = 0; i < 3; i++) {
      JsonNode refused = query(balance("600992").put("SecurityCredential", wrong));
      assertThat(refused.path("ResultCode").asInt()).isEqualTo(2001);
    }

    JsonNode result = query(balance("600992"));

    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isEqualTo(8006);
    assertThat(result.path("ResultDesc").asText()).isEqualTo("The security credential is locked.");
    JsonNode parameters = result.path("ResultParameters").path("ResultParameter");
    assertThat(parameters.isArray()).isTrue();
    assertThat(parameters).hasSize(3);
    assertThat(parameters.get(0).path("Key").asText()).isEqualTo("ActionType");
    assertThat(parameters.get(0).path("Value").asText()).isEqualTo("AccountBalance");
    assertThat(parameters.get(1).path("Key").asText()).isEqualTo("ErrorMsg");
    assertThat(parameters.get(1).path("Value").asText()).isEqualTo("API Password is locked. ");
    assertThat(parameters.get(2).path("Key").asText()).isEqualTo("BOCompletedTime");
    assertThat(parameters.get(2).path("Value").asText()).matches("20\\d{12}");
    JsonNode reference = result.path("ReferenceData").path("ReferenceItem");
    assertThat(reference.isObject()).isTrue();
    assertThat(reference.path("Key").asText()).isEqualTo("QueueTimeoutURL");
    assertThat(reference.has("Value")).isFalse();
  }

  @Test
  void wrongPasswordGives2001WithoutBalances() {
    JsonNode result =
        query(balance("600992").put("SecurityCredential", h.emulator().securityCredential("no")));

    assertThat(result.path("ResultCode").asInt()).isEqualTo(2001);
    assertThat(result.toString()).doesNotContain("Working Account|");
  }

  @Test
  void unknownShortcodeGives2028() {
    JsonNode result = query(balance("123456"));

    assertThat(result.path("ResultCode").asInt()).isEqualTo(2028);
    assertThat(result.has("ResultParameters")).isFalse();
  }

  @Test
  void acknowledgementIsTheStandardInitiatorOne() {
    Reply ack = h.daraja().post(BALANCE, balance("600992"));

    assertThat(ack.status()).isEqualTo(200);
    assertThat(ack.text("ResponseCode")).isEqualTo("0");
    // Unlike the other initiator APIs, the portal's balance sample has no final full stop.
    assertThat(ack.text("ResponseDescription"))
        .isEqualTo("Accept the service request successfully");
    assertThat(ack.text("ConversationID")).matches("AG_\\d{8}_[0-9a-f]{20}");
    assertThat(ack.text("OriginatorConversationID")).isNotBlank();
    assertThat(pipeString(steps.awaitResult(h.url("/balance/result"), ack)))
        .isEqualTo(expectedFromAdmin("600992"));
  }

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "CommandID       | Balance",
        "PartyA          | 12",
        "IdentifierType  | 1",
        "Remarks         | ''",
        "ResultURL       | localhost/result",
        "Initiator       | ''",
      })
  void malformedFieldIsNamedAndNothingIsSent(String field, String value) {
    Reply reply = h.daraja().post(BALANCE, balance("600992").put(field, value));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("errorCode")).isEqualTo("400.002.02");
    assertThat(reply.text("errorMessage")).isEqualTo("Bad Request - Invalid " + field);
    assertThat(world.deliveries("result")).isEmpty();
  }
}
