package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.subscriptions.QuietHours;
import io.github.darajakit.gateway.subscriptions.SubscriptionSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daraja plans}, {@code subscriptions} and {@code invoices} against a running gateway on the
 * emulator: what they print for people and with {@code --json}, the actions, and how the API's
 * refusals come out (the field, the message, exit code 2).
 */
class SubscriptionCommandsTest {

  private static final String KEY = "dk_test_subscriptions_cli_key_0123456789";

  @TempDir Path dir;
  private GatewayOnEmulator running;
  private DarajaGateway gateway;
  private String out;
  private String err;

  @BeforeEach
  void start() {
    SubscriptionSettings defaults = SubscriptionSettings.defaults();
    // Charges wait out quiet hours; these tests charge at whatever hour they run.
    SubscriptionSettings anyHour =
        new SubscriptionSettings(
            defaults.dunning(),
            QuietHours.NONE,
            defaults.ratePerSecond(),
            defaults.cancelAfterLastTry(),
            defaults.ratibaGrace(),
            defaults.ratibaYears(),
            defaults.tickEvery());
    running = new GatewayOnEmulator(dir, KEY, g -> g.subscriptions(anyHour));
    gateway = running.gateway;
  }

  @AfterEach
  void stop() {
    running.close();
  }

  private int daraja(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("DARAJA_API_KEY", KEY);
    env.put("DARAJA_GATEWAY_URL", gateway.baseUrl());
    return daraja(env, args);
  }

  private int daraja(Map<String, String> env, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = DarajaCli.run(env, new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  private JsonNode json() throws Exception {
    return Output.JSON.readTree(out);
  }

  private String createPlan() throws Exception {
    assertThat(
            daraja(
                "plans",
                "create",
                "--name",
                "Gym monthly",
                "--amount",
                "1500",
                "--interval",
                "month",
                "--json"))
        .as(err)
        .isZero();
    return json().path("id").asText();
  }

  private String subscribe(String plan, String phone) throws Exception {
    assertThat(
            daraja(
                "subscriptions",
                "create",
                "--phone",
                phone,
                "--plan",
                plan,
                "--reference",
                "GYM-1",
                "--json"))
        .as(err)
        .isZero();
    return json().path("id").asText();
  }

  @Test
  void aPlanIsCreatedAndListedInWords() throws Exception {
    assertThat(
            daraja(
                "plans",
                "create",
                "--name",
                "Gym quarterly",
                "--amount",
                "4000",
                "--interval",
                "month",
                "--interval-count",
                "3",
                "--trial-days",
                "7"))
        .as(err)
        .isZero();
    assertThat(out)
        .startsWith("Plan plan_")
        .contains("Gym quarterly, KES 4,000 every 3 months, after a 7-day free trial.");

    assertThat(daraja("plans", "list")).isZero();
    assertThat(out).contains("NAME").contains("Gym quarterly").contains("every 3 months");
    assertThat(daraja("plans", "list", "--json")).isZero();
    assertThat(json().path("data").get(0).path("interval_count").asInt()).isEqualTo(3);
  }

  @Test
  void aSubscriptionIsBilledShownPausedResumedAndCancelled() throws Exception {
    String plan = createPlan();
    String sub = subscribe(plan, "0708374149");
    gateway.subscriptions().billing().runOnce();

    // The charge succeeds on the emulator: show says so, with the invoice and its attempt.
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> daraja("subscriptions", "show", sub) == 0 && out.contains("succeeded"));
    assertThat(out)
        .startsWith("Subscription " + sub + "  active")
        .contains("Gym monthly (" + plan + "): KES 1,500 every month")
        .contains("EAT")
        .containsPattern("inv_\\w+  paid  KES 1,500")
        .containsPattern("try 1  pay_\\w+  succeeded  0 ");
    assertThat(daraja("subscriptions", "show", sub, "--json")).isZero();
    JsonNode shown = json();
    assertThat(shown.path("plan").path("id").asText()).isEqualTo(plan);
    JsonNode charge = shown.path("invoices").get(0).path("charges").get(0);
    assertThat(charge.path("status").asText()).isEqualTo("succeeded");
    assertThat(charge.path("mpesa_receipt").asText()).isNotEmpty();

    assertThat(daraja("subscriptions", "list", "--status", "active")).isZero();
    assertThat(out).contains(sub).contains("254708374149").contains("GYM-1");
    assertThat(daraja("subscriptions", "list", "--status", "paused")).isZero();
    assertThat(out).isEqualToIgnoringNewLines("No subscriptions.");
    assertThat(daraja("invoices", "list", "--subscription", sub, "--status", "paid")).isZero();
    assertThat(out).contains("PERIOD").contains(sub).contains("KES 1,500");

    assertThat(daraja("subscriptions", "pause", sub)).isZero();
    assertThat(out).isEqualToIgnoringNewLines("Subscription " + sub + " paused.");
    assertThat(daraja("subscriptions", "resume", sub, "--json")).isZero();
    assertThat(json().path("status").asText()).isEqualTo("active");
    assertThat(daraja("subscriptions", "cancel", sub, "--at-period-end")).isZero();
    assertThat(out).contains("will be cancelled when its current period ends");
    assertThat(daraja("subscriptions", "cancel", sub)).isZero();
    assertThat(out).isEqualToIgnoringNewLines("Subscription " + sub + " cancelled.");

    // Cancelled absorbs: the API's refusal comes out as bad input, exit 2.
    assertThat(daraja("subscriptions", "pause", sub)).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).startsWith("daraja subscriptions pause: ").contains("cancelled");
  }

  @Test
  void chargeNowTriesAnOpenInvoiceAgain() throws Exception {
    String plan = createPlan();
    // The emulator's test number whose customer cancels the prompt.
    String sub = subscribe(plan, "254700001032");
    gateway.subscriptions().billing().runOnce();
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> daraja("subscriptions", "show", sub) == 0 && out.contains("cancelled  1032"));
    assertThat(out).contains("past_due");

    assertThat(daraja("subscriptions", "charge-now", sub)).as(err).isZero();
    assertThat(out)
        .startsWith("Invoice inv_")
        .contains("(KES 1,500) will be charged at ")
        .contains(" EAT.")
        .contains("daraja subscriptions show " + sub);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> daraja("subscriptions", "show", sub) == 0 && out.contains("try 2"));
    assertThat(daraja("invoices", "list", "--status", "open", "--json")).isZero();
    assertThat(json().path("data").get(0).path("subscription").asText()).isEqualTo(sub);
  }

  @Test
  void aCreateRetriedWithItsIdempotencyKeyMakesNothingTwice() throws Exception {
    String[] plan = {
      "plans",
      "create",
      "--name",
      "Gym monthly",
      "--amount",
      "1500",
      "--interval",
      "month",
      "--idempotency-key",
      "plan-gym-monthly",
      "--json"
    };
    assertThat(daraja(plan)).as(err).isZero();
    String first = json().path("id").asText();
    assertThat(daraja(plan)).as(err).isZero();
    assertThat(json().path("id").asText()).isEqualTo(first);
    assertThat(daraja("plans", "list", "--json")).isZero();
    assertThat(json().path("data")).hasSize(1);

    String[] subscription = {
      "subscriptions",
      "create",
      "--phone",
      "0708374149",
      "--plan",
      first,
      "--reference",
      "GYM-1",
      "--idempotency-key",
      "member-42"
    };
    assertThat(daraja(subscription)).as(err).isZero();
    String created = out;
    assertThat(daraja(subscription)).as(err).isZero();
    assertThat(out).isEqualTo(created);
    assertThat(daraja("subscriptions", "list", "--json")).isZero();
    assertThat(json().path("data")).hasSize(1);

    // The same key for another request is the gateway's refusal, not a second subscription.
    subscription[7] = "GYM-2";
    assertThat(daraja(subscription)).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("Idempotency-Key was used with a different request");
  }

  @Test
  void aPlanIsShownAndRepriced() throws Exception {
    String plan = createPlan();
    assertThat(daraja("plans", "show", plan)).as(err).isZero();
    assertThat(out)
        .startsWith("Plan " + plan + "  Gym monthly\n")
        .contains("  Price           KES 1,500 every month\n")
        .contains("  Free trial      none\n")
        .contains("EAT")
        .contains("daraja subscriptions list --plan " + plan);

    assertThat(daraja("plans", "update", plan, "--amount", "1800", "--name", "Gym (2027)"))
        .as(err)
        .isZero();
    assertThat(out)
        .startsWith("Plan " + plan + " updated: Gym (2027), KES 1,800 every month.")
        .contains("from their next period");
    assertThat(daraja("plans", "show", plan, "--json")).isZero();
    assertThat(json().path("amount").asLong()).isEqualTo(1800);
    assertThat(json().path("name").asText()).isEqualTo("Gym (2027)");

    assertThat(daraja("plans", "update", plan)).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("--amount, --name or both");
    assertThat(daraja("plans", "update", plan, "--amount", "0")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).startsWith("daraja plans update: amount: ");
    assertThat(daraja("plans", "show", "plan_nope")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("No plan plan_nope");
    assertThat(daraja("plans", "show", "../payments")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("not a plan id: '../payments'");
  }

  @Test
  void aSubscriptionChangesPlanAndPhoneFromItsNextPeriod() throws Exception {
    String plan = createPlan();
    String sub = subscribe(plan, "0708374149");
    assertThat(
            daraja(
                "plans",
                "create",
                "--name",
                "Gym yearly",
                "--amount",
                "15000",
                "--interval",
                "year",
                "--json"))
        .isZero();
    String yearly = json().path("id").asText();

    assertThat(daraja("subscriptions", "change-plan", sub, "--plan", yearly)).as(err).isZero();
    assertThat(out)
        .startsWith(
            "Subscription "
                + sub
                + " is on Gym yearly ("
                + yearly
                + "): KES 15,000 every year, from its next period (")
        .contains(" EAT).");
    assertThat(daraja("subscriptions", "change-phone", sub, "--phone", "0712345678", "--json"))
        .as(err)
        .isZero();
    assertThat(json().path("phone").asText()).isEqualTo("254712345678");
    assertThat(json().path("plan").asText()).isEqualTo(yearly);
    assertThat(daraja("subscriptions", "change-phone", sub, "--phone", "0712345679")).isZero();
    assertThat(out)
        .isEqualToIgnoringNewLines(
            "Subscription " + sub + " prompts 254712345679 from its next charge on.");

    assertThat(daraja("subscriptions", "change-phone", sub, "--phone", "12345"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err)
        .startsWith("daraja subscriptions change-phone: phone: '12345' is not a Kenyan mobile");
    assertThat(daraja("subscriptions", "change-plan", sub, "--plan", "plan_nope"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("plan_nope");
    assertThat(daraja("subscriptions", "cancel", sub)).isZero();
    assertThat(daraja("subscriptions", "change-plan", sub, "--plan", plan, "--json"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(json().path("error").path("message").asText()).contains("cancelled");
  }

  @Test
  void anInvoiceIsShownWithItsCharges() throws Exception {
    String sub = subscribe(createPlan(), "0708374149");
    gateway.subscriptions().billing().runOnce();
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                daraja("invoices", "list", "--status", "paid", "--json") == 0
                    && json().path("data").size() == 1);
    String invoice = json().path("data").get(0).path("id").asText();

    assertThat(daraja("invoices", "show", invoice)).as(err).isZero();
    assertThat(out)
        .startsWith("Invoice " + invoice + "  paid\n")
        .contains("  Amount          KES 1,500\n")
        .contains("  Subscription    " + sub + "\n")
        .contains("  Tries           1\n")
        .containsPattern("  Receipt         \\w+\n")
        .containsPattern("\nCharges:\n  try 1  pay_\\w+  succeeded  0 The service request");
    assertThat(daraja("invoices", "show", invoice, "--json")).isZero();
    assertThat(json().path("charges").get(0).path("status").asText()).isEqualTo("succeeded");
    assertThat(daraja("invoices", "show", "inv_nope")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("No invoice inv_nope");
  }

  @Test
  void refusalsNameTheFieldAndExitAsTheOtherCommandsDo() throws Exception {
    assertThat(
            daraja(
                "plans", "create", "--name", "Gym", "--amount", "1500", "--interval", "fortnight"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err)
        .contains("daraja plans create: interval: interval must be day, week, month, quarter")
        .contains("'fortnight'");

    assertThat(daraja("subscriptions", "show", "sub_nope", "--json")).isEqualTo(2);
    assertThat(json().path("error").path("exit_code").asInt()).isEqualTo(2);
    assertThat(
            daraja(
                "subscriptions",
                "create",
                "--phone",
                "0708374149",
                "--plan",
                "plan_x",
                "--reference",
                "R",
                "--start-date",
                "31/01/2027"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("--start-date must be a date written yyyy-MM-dd");

    assertThat(daraja(Map.of("DARAJA_GATEWAY_URL", gateway.baseUrl()), "plans", "list"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("DARAJA_API_KEY");
    assertThat(
            daraja(
                Map.of("DARAJA_API_KEY", "dk_wrong", "DARAJA_GATEWAY_URL", gateway.baseUrl()),
                "invoices",
                "list"))
        .isEqualTo(DarajaCli.EXIT_FAILURE);
    assertThat(err).contains("refused the API key").doesNotContain("dk_wrong");
    assertThat(daraja("plans", "list", "--gateway", "http://127.0.0.1:9")).isEqualTo(1);
    assertThat(err).contains("did not answer").doesNotContain("null");
  }
}
