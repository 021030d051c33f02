package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commands that move money or ask about it, run against an emulator in this JVM: their output,
 * their exit codes, and that bad input sends nothing.
 */
class MoneyCommandsTest {

  private DarajaEmulator emulator;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void start() {
    emulator =
        DarajaEmulator.builder()
            .config(EmulatorConfig.builder().resultDelay(Duration.ofMillis(50)).build())
            .port(0)
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /** Runs {@code daraja ARGS --base-url <emulator>} with no MPESA_* variables: the emulator. */
  private int daraja(String... args) {
    return daraja(Map.of(), args);
  }

  /**
   * Runs {@code daraja ARGS --base-url <emulator>} with a consumer key and secret set: the command
   * then takes it for the sandbox, and behaves as it does against Safaricom.
   */
  private int withDarajaCredentials(String... args) {
    return daraja(Map.of("MPESA_CONSUMER_KEY", "k", "MPESA_CONSUMER_SECRET", "s"), args);
  }

  private int daraja(Map<String, String> env, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--base-url");
    all.add(emulator.baseUrl());
    return DarajaCli.run(
        env, new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
  }

  private JsonNode json() throws IOException {
    return Output.JSON.readTree(out.toString());
  }

  private JsonNode admin(String method, String path, String body) throws Exception {
    return new EmulatorAdmin(emulator).call(method, path, body);
  }

  private int calls(String endpoint) throws Exception {
    return new EmulatorAdmin(emulator).calls(endpoint);
  }

  private int ledgerEntries(String party) throws Exception {
    return new EmulatorAdmin(emulator).ledger(party).size();
  }

  @Test
  void stkPushWaitsForTheCustomerAndShowsThePayment() throws Exception {
    int exit =
        daraja(
            "stk",
            "push",
            "--phone",
            "0708374149",
            "--amount",
            "10",
            "--reference",
            "INV-1",
            "--wait",
            "--json");
    assertThat(exit).as(err.toString()).isZero();
    JsonNode paid = json();
    assertThat(paid.path("status").asText()).isEqualTo("success");
    assertThat(paid.path("result_code").asText()).isEqualTo("0");
    String receipt = paid.path("receipt").asText();
    assertThat(receipt).as("the receipt, from the callback").matches("[A-Z0-9]{10}");
    assertThat(admin("GET", "/transactions/" + receipt, null).path("status").asText())
        .isEqualTo("completed");

    assertThat(daraja("stk", "query", paid.path("checkout_request_id").asText())).isZero();
    assertThat(out.toString()).contains("Paid.").contains("Result code 0");
  }

  @Test
  void aCancelledPromptIsExitCodeThreeWithTheCodesMeaning() {
    int exit =
        daraja(
            "stk",
            "push",
            "--phone",
            "254700001032",
            "--amount",
            "10",
            "--reference",
            "INV-2",
            "--wait");
    assertThat(exit).isEqualTo(DarajaCli.EXIT_DECLINED);
    assertThat(out.toString()).contains("cancelled").contains("Result code 1032");
  }

  @Test
  void badInputNamesTheOptionAndSendsNothing() throws Exception {
    assertThat(daraja("stk", "push", "--phone", "12345", "--amount", "10", "--reference", "X"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("phone");
    assertThat(daraja("stk", "push", "--phone", "0708374149", "--amount", "0", "--reference", "X"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("amount");
    assertThat(
            daraja(
                "b2c",
                "pay",
                "--phone",
                "0708374149",
                "--amount",
                "100",
                "--type",
                "bonus",
                "--remarks",
                "x"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--type");
    assertThat(daraja("reverse", "not-a-receipt", "--amount", "10"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(daraja("status")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("RECEIPT");
    assertThat(daraja("stk", "push", "--amount", "10", "--reference", "X"))
        .as("a missing option")
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(daraja("balance", "--env", "staging")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--env");
    assertThat(calls("stk_push") + calls("b2c_v3") + calls("reversal") + calls("account_balance"))
        .isZero();
  }

  @Test
  void b2cPayShowsTheReceiptAndStatusFindsIt() throws Exception {
    int exit =
        daraja(
            "b2c",
            "pay",
            "--phone",
            "0708374149",
            "--amount",
            "1500",
            "--type",
            "salary",
            "--remarks",
            "November salary",
            "--json");
    assertThat(exit).as(err.toString()).isZero();
    JsonNode paid = json();
    String receipt = paid.path("receipt").asText();
    assertThat(receipt).matches("[A-Z0-9]{10}");
    assertThat(paid.path("status").asText()).isEqualTo("succeeded");

    assertThat(daraja("status", receipt)).as(err.toString()).isZero();
    assertThat(out.toString()).contains(receipt + ": Completed").contains("KES 1500");
  }

  @Test
  void aFailedPayoutIsExitCodeThreeAndALostAnswerFourAndNeverResent() throws Exception {
    assertThat(
            daraja("b2c", "pay", "--phone", "254700002040", "--amount", "100", "--remarks", "x1"))
        .isEqualTo(DarajaCli.EXIT_DECLINED);
    assertThat(out.toString()).contains("2040");

    admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    int before = ledgerEntries("254708374149");
    assertThat(daraja("b2c", "pay", "--phone", "0708374149", "--amount", "700", "--remarks", "x2"))
        .isEqualTo(DarajaCli.EXIT_UNKNOWN);
    assertThat(err.toString()).contains(DarajaOutcomeUnknownException.RECOVERY);
    assertThat(calls("b2c_v3")).as("sent once, never retried").isEqualTo(2);
    assertThat(ledgerEntries("254708374149") - before).isEqualTo(1);
  }

  @Test
  void aLostPayoutStatesTheRecipeAndTheSameIdAgainIsStillUnknownAndPaysOnce() throws Exception {
    String[] payout = {
      "b2c",
      "pay",
      "--phone",
      "0708374149",
      "--amount",
      "640",
      "--remarks",
      "Seller payout",
      "--originator-conversation-id",
      "payout-cli-7731"
    };
    admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_drop\",\"count\":1}]}");
    int before = ledgerEntries("254708374149");

    assertThat(daraja(payout)).isEqualTo(DarajaCli.EXIT_UNKNOWN);
    assertThat(err.toString())
        .contains(DarajaOutcomeUnknownException.RECOVERY)
        .contains("daraja status --originator-conversation-id payout-cli-7731");

    // The recipe's same-id repeat: refused as a duplicate, which is no answer either.
    assertThat(daraja(payout)).isEqualTo(DarajaCli.EXIT_UNKNOWN);
    assertThat(err.toString())
        .contains("500.002.1001")
        .contains(DarajaOutcomeUnknownException.RECOVERY)
        .contains("daraja status --originator-conversation-id payout-cli-7731");

    assertThat(daraja("status", "--originator-conversation-id", "payout-cli-7731"))
        .as(err.toString() + out)
        .isZero();
    assertThat(out.toString()).contains(": Completed").contains("KES 640");
    assertThat(calls("b2c_v3")).isEqualTo(2);
    assertThat(ledgerEntries("254708374149") - before).as("paid once").isEqualTo(1);
  }

  @Test
  void aStatusNotFoundIsExitCodeFourNotAFailure() {
    // Exit 3 would say "it did not succeed", which a script could take as leave to pay again.
    assertThat(daraja("status", "--originator-conversation-id", "sent-seconds-ago-1"))
        .as(err.toString())
        .isEqualTo(DarajaCli.EXIT_UNKNOWN);
    assertThat(out.toString())
        .contains("Not final: result code 2033")
        .contains(DarajaOutcomeUnknownException.RECOVERY);
  }

  @Test
  void balanceShowsTheAccounts() throws Exception {
    assertThat(daraja("balance")).as(err.toString() + out).isZero();
    assertThat(out.toString()).contains("Balances of 600000").contains("Utility Account");
    assertThat(daraja("balance", "--json")).as(err.toString()).isZero();
    assertThat(json().path("accounts").size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void anStkPaymentIsReversed() throws Exception {
    daraja(
        "stk", "push", "--phone", "0708374149", "--amount", "25", "--reference", "INV-3", "--wait");
    Matcher printed =
        Pattern.compile("Reverse it: daraja reverse (\\S+) --amount 25").matcher(out.toString());
    assertThat(printed.find()).as(out.toString()).isTrue();
    String receipt = printed.group(1);
    assertThat(admin("GET", "/transactions/" + receipt, null).path("kind").asText())
        .isEqualTo("stk_paybill");
    String lookUp = "daraja status " + receipt + " --short-code 174379";
    assertThat(out.toString()).contains("Receipt: " + receipt, lookUp);
    assertThat(daraja(lookUp.substring("daraja ".length()).split(" "))).isZero();
    assertThat(out.toString()).contains(receipt + ": Completed");

    assertThat(daraja("reverse", receipt, "--amount", "25", "--remarks", "Duplicate"))
        .as(err.toString() + out)
        .isZero();
    assertThat(out.toString()).contains("Reversed " + receipt);
    assertThat(admin("GET", "/transactions/" + receipt, null).path("status").asText())
        .isEqualTo("reversed");
    // A second reversal of the receipt is refused by M-Pesa in its Result.
    assertThat(daraja("reverse", receipt, "--amount", "25")).isEqualTo(DarajaCli.EXIT_DECLINED);
    assertThat(out.toString()).contains("R000001");
  }

  @Test
  void c2bUrlsAreRegisteredAndAPaymentSimulated() throws Exception {
    assertThat(
            daraja(
                "c2b",
                "register",
                "--confirmation-url",
                "https://example.com/c",
                "--validation-url",
                "https://example.com/v"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("Registered the URLs of 600992");
    int before = ledgerEntries("600992");
    assertThat(daraja("c2b", "simulate", "--amount", "250", "--bill-ref", "ACC-1"))
        .as(err.toString())
        .isZero();
    assertThat(ledgerEntries("600992")).isEqualTo(before + 1);
    assertThat(daraja("c2b", "simulate", "--amount", "250", "--env", "production"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
  }

  @Test
  void aSimulatedC2bPaymentShowsItsReceiptWhichStatusAndReverseTake() throws Exception {
    assertThat(daraja("c2b", "simulate", "--amount", "300", "--bill-ref", "ACC-2", "--json"))
        .as(err.toString())
        .isZero();
    String receipt = json().path("receipt").asText();
    JsonNode ledger = new EmulatorAdmin(emulator).ledger("600992");
    assertThat(ledger.get(0).path("receipt").asText()).as(ledger.toString()).isEqualTo(receipt);

    assertThat(daraja("c2b", "simulate", "--amount", "250", "--phone", "0708374149"))
        .as(err.toString())
        .isZero();
    Matcher reverse =
        Pattern.compile("Reverse it: daraja reverse (\\S+) --amount 250 --short-code 600992")
            .matcher(out.toString());
    assertThat(reverse.find()).as(out.toString()).isTrue();
    String paid = reverse.group(1);
    assertThat(out.toString())
        .contains("Simulated KES 250 from 254708374149 to 600992")
        .contains("Receipt: " + paid + "\n")
        .contains("Look it up: daraja status " + paid + " --short-code 600992");
    assertThat(daraja("status", paid, "--short-code", "600992")).as(out.toString()).isZero();
    assertThat(out.toString()).contains(paid + ": Completed").contains("KES 250");
    assertThat(daraja("reverse", paid, "--amount", "250", "--short-code", "600992"))
        .as(out.toString())
        .isZero();
    assertThat(out.toString()).contains("Reversed " + paid);
  }

  @Test
  void aSimulatedC2bPaymentOutsideTheEmulatorSaysWhereItsReceiptArrives() throws Exception {
    int exit =
        withDarajaCredentials("c2b", "simulate", "--amount", "250", "--short-code", "600992");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Its M-Pesa receipt (TransID) arrives on the C2B confirmation URL registered")
        .doesNotContain("Receipt:");
    assertThat(calls("transaction_status")).isZero();
  }

  @Test
  void againstTheRealDarajaAResultNeedsAnAddressAndNothingIsSentWithout() throws Exception {
    int exit = withDarajaCredentials("balance", "--short-code", "600000");
    assertThat(exit).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--public-url").contains("--result-url");
    assertThat(calls("account_balance")).isZero();
  }

  @Test
  void withoutAnEmulatorTheMessageSaysHowToStartOne() {
    out = new StringWriter();
    err = new StringWriter();
    int exit =
        DarajaCli.run(
            Map.of(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "balance",
            "--base-url",
            "http://127.0.0.1:9");
    assertThat(exit).isEqualTo(DarajaCli.EXIT_FAILURE);
    assertThat(err.toString()).contains("./daraja emulator");
  }
}
