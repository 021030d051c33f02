package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.payouts.FraudChecks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The checks before a payout is sent ({@code payouts.simSwapGuard} 7 days, {@code
 * payouts.nameCheck}) against the emulator's SIM swap and Hakikisha answers: what they hold is
 * never sent, what they pass is, and a held payout is sent once only on another API key's approval.
 * The oracle is the emulator: its ledger and its request counters, not the gateway's tables.
 */
class PayoutFraudChecksTest {

  private static final DateTimeFormatter ADMIN_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  /** The emulator's scenario number whose SIM was swapped 2 days before it started. */
  private static final String SWAPPED = "254700000911";

  /** Registered as WANJIKU NJERI KAMAU in {@link #registerWanjiku}. */
  private static final String WANJIKU = "254711223344";

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return GatewayHarness.makerChecker(
        gateway -> gateway.fraudChecks(new FraudChecks(Duration.ofDays(7), true)));
  }

  @BeforeEach
  void registerWanjiku() {
    Reply created =
        h.admin(
            "POST",
            "/customers",
            "{\"msisdn\":\""
                + WANJIKU
                + "\",\"firstName\":\"WANJIKU\",\"middleName\":\"NJERI\",\"lastName\":\"KAMAU\","
                + "\"balance\":\"1000.00\"}");
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
  }

  private static String payout(String phone, long amount, String expectedName) {
    return "{\"phone\":\""
        + phone
        + "\",\"amount\":"
        + amount
        + ",\"type\":\"business\",\"remarks\":\"Seller payout\""
        + (expectedName == null ? "" : ",\"expected_name\":\"" + expectedName + "\"")
        + "}";
  }

  private long calls(String endpoint) {
    return h.admin("GET", "/counters", null).json().path("endpoints").path(endpoint).asLong();
  }

  /** The emulator's ledger entries that involve this phone: what M-Pesa actually moved. */
  private int paidTo(String phone) {
    return h.admin("GET", "/transactions?party=" + phone + "&limit=100", null)
        .json()
        .path("transactions")
        .size();
  }

  private Reply awaitSettled(String id) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> h.merchant().get("/v1/payouts/" + id), r -> r.text("status").equals("succeeded"));
  }

  private static JsonNode check(Reply payout, String name) {
    for (JsonNode check : payout.json().path("checks")) {
      if (check.path("check").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no " + name + " check in " + payout.json());
  }

  /** Sets when a number's SIM was last swapped, {@code ago} before the gateway's clock (EAT). */
  private void swappedAgo(String phone, Duration ago) {
    String at =
        ADMIN_TIME.format(h.clock().instant().minus(ago).atZone(ZoneId.of("Africa/Nairobi")));
    Reply set = h.admin("PUT", "/customers/" + phone + "/sim", "{\"lastSwapDate\":\"" + at + "\"}");
    assertThat(set.status()).as(set.json().toString()).isEqualTo(200);
  }

  @Test
  void aSimSwappedWithinTheWindowHoldsThePayoutAndNothingIsSent() {
    Reply held = h.merchant().post("/v1/payouts", payout(SWAPPED, 500, null));

    assertThat(held.status()).isEqualTo(201);
    assertThat(held.text("status")).isEqualTo("held");
    JsonNode swap = check(held, "sim_swap");
    assertThat(swap.path("outcome").asText()).isEqualTo("held");
    assertThat(swap.path("found").asText())
        .contains("SIM swapped")
        .contains("2d ago")
        .contains("within payouts.simSwapGuard (7d)");
    assertThat(swap.path("attempt").asInt()).isZero();
    assertThat(held.json().path("checks")).as("no expected_name, no name check").hasSize(1);
    assertThat(calls("hakikisha")).isZero();

    assertThat(calls("imsi_v2")).isEqualTo(1);
    assertThat(calls("b2c_v3")).as("nothing sent").isZero();
    assertThat(paidTo(SWAPPED)).isZero();
    assertThat(h.merchant().get("/v1/payouts/" + held.text("id")).text("status")).isEqualTo("held");
    assertThat(h.merchant().get("/v1/payouts?status=held").json().path("data")).hasSize(1);
    assertThat(h.merchant().get("/v1/overview").json().at("/needs_attention/payouts_held").asInt())
        .isEqualTo(1);

    JsonNode event = h.merchant().get("/v1/events?type=payout.held").json().path("data").path(0);
    assertThat(event.at("/data/object/id").asText()).isEqualTo(held.text("id"));
    assertThat(event.at("/data/object/checks/0/outcome").asText())
        .as("the event carries the findings")
        .isEqualTo("held");
  }

  @Test
  void aSwapOutsideTheWindowByTheGatewaysClockIsSent() {
    // The emulator's scenario number was swapped two days ago: eight days ago, six days on.
    h.clock().advance(Duration.ofDays(6));
    Reply sent = h.merchant().post("/v1/payouts", payout(SWAPPED, 500, null));
    assertThat(sent.text("status")).as(sent.json().toString()).isIn("pending", "succeeded");
    assertThat(check(sent, "sim_swap").path("outcome").asText()).isEqualTo("passed");
    assertThat(check(sent, "sim_swap").path("found").asText())
        // The emulator dated the swap by its own start, the gateway's test clock by the harness's:
        // a minute boundary between the two starts adds a minute ("8d 1m ago").
        .containsPattern("8d( 1m)? ago")
        .contains("outside payouts.simSwapGuard (7d)");
    assertThat(awaitSettled(sent.text("id")).text("status")).isEqualTo("succeeded");
    assertThat(paidTo(SWAPPED)).isEqualTo(1);
  }

  @Test
  void theWindowIsMeasuredFromTheGatewaysClock() {
    swappedAgo(WANJIKU, Duration.ofDays(6).plusHours(23));
    assertThat(h.merchant().post("/v1/payouts", payout(WANJIKU, 100, null)).text("status"))
        .isEqualTo("held");
    swappedAgo(WANJIKU, Duration.ofDays(7).plusHours(1));
    assertThat(h.merchant().post("/v1/payouts", payout(WANJIKU, 100, null)).text("status"))
        .isIn("pending", "succeeded");
    // Never swapped: Daraja answers 01-01-1900.
    Reply never = h.merchant().post("/v1/payouts", payout("0708374149", 100, null));
    assertThat(never.text("status")).isIn("pending", "succeeded");
    assertThat(check(never, "sim_swap").path("found").asText())
        .contains("not swapped within the last three months");
    assertThat(calls("b2c_v3")).isEqualTo(2);
  }

  @Test
  void aMatchingNameIsSentAndAnotherNameIsHeld() {
    Reply matching = h.merchant().post("/v1/payouts", payout(WANJIKU, 700, "Kamau Wanjiku Njeri"));
    assertThat(matching.text("status")).as(matching.json().toString()).isIn("pending", "succeeded");
    assertThat(matching.text("expected_name")).isEqualTo("Kamau Wanjiku Njeri");
    JsonNode name = check(matching, "name");
    assertThat(name.path("outcome").asText()).isEqualTo("passed");
    assertThat(name.path("found").asText()).contains("WANJIKU N****** K******");
    assertThat(awaitSettled(matching.text("id")).text("status")).isEqualTo("succeeded");

    Reply other = h.merchant().post("/v1/payouts", payout(WANJIKU, 700, "Akinyi Kamau"));
    assertThat(other.text("status")).isEqualTo("held");
    assertThat(check(other, "name").path("outcome").asText()).isEqualTo("held");
    assertThat(check(other, "name").path("found").asText())
        .contains("no name of the expected name matches wanjiku, n******");
    assertThat(check(other, "sim_swap").path("outcome").asText()).isEqualTo("passed");

    assertThat(calls("hakikisha")).isEqualTo(2);
    assertThat(calls("b2c_v3")).isEqualTo(1);
    assertThat(paidTo(WANJIKU)).as("only the matching payout moved money").isEqualTo(1);
  }

  @Test
  void aCheckThatCannotBeAnsweredHoldsAndNothingIsSent() {
    // Daraja answers the SIM swap check with an error, every time.
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"imsi_v2\",\"mode\":\"reject\",\"rate\":1.0}]}");
    Reply refused = h.merchant().post("/v1/payouts", payout("0708374149", 300, null));
    assertThat(refused.text("status")).isEqualTo("held");
    assertThat(check(refused, "sim_swap").path("outcome").asText()).isEqualTo("unanswered");
    assertThat(check(refused, "sim_swap").path("found").asText())
        .startsWith("Daraja was unavailable")
        .contains("500.003.1001");

    // Hakikisha's connection drops after it answered: no answer reaches the gateway.
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"hakikisha\",\"mode\":\"accept_then_drop\",\"rate\":1.0}]}");
    Reply lost = h.merchant().post("/v1/payouts", payout(WANJIKU, 300, "Wanjiku Njeri Kamau"));
    assertThat(lost.text("status")).isEqualTo("held");
    assertThat(check(lost, "sim_swap").path("outcome").asText()).isEqualTo("passed");
    assertThat(check(lost, "name").path("outcome").asText()).isEqualTo("unanswered");
    assertThat(check(lost, "name").path("found").asText()).startsWith("Daraja was unavailable");

    // A number M-Pesa does not know: both checks answer that it does not exist.
    h.admin("DELETE", "/faults", null);
    Reply unknown = h.merchant().post("/v1/payouts", payout("0799000111", 300, "Juma Otieno"));
    assertThat(unknown.text("status")).isEqualTo("held");
    assertThat(check(unknown, "sim_swap").path("found").asText()).contains("Customer not found");
    assertThat(check(unknown, "name").path("found").asText())
        .contains("The customer does not exist.");

    assertThat(calls("b2c_v3")).as("nothing sent blind").isZero();
    assertThat(paidTo("254708374149") + paidTo(WANJIKU) + paidTo("254799000111")).isZero();
  }

  @Test
  void onlyAnotherApiKeyApprovesAndTheApprovalSendsOnce() {
    Reply held = h.merchant().post("/v1/payouts", payout(SWAPPED, 900, null));
    String id = held.text("id");

    Reply self = h.merchant().post("/v1/payouts/" + id + "/approve", "{}");
    assertThat(self.status()).isEqualTo(409);
    assertThat(self.json().at("/error/code").asText()).isEqualTo("approver_is_maker");
    assertThat(h.merchant().get("/v1/payouts/" + id).text("status")).isEqualTo("held");
    assertThat(calls("b2c_v3")).isZero();

    Reply approved = h.checker().post("/v1/payouts/" + id + "/approve", "{}");
    assertThat(approved.status()).as(approved.json().toString()).isEqualTo(200);
    assertThat(approved.text("status")).isIn("pending", "succeeded");
    assertThat(approved.json().at("/review/decision").asText()).isEqualTo("approved");
    assertThat(approved.json().at("/review/by").asText()).startsWith("key_");
    assertThat(approved.json().path("checks")).as("kept, not checked again").hasSize(1);
    assertThat(calls("imsi_v2")).isEqualTo(1);

    Reply paid = awaitSettled(id);
    assertThat(paid.json().at("/review/decision").asText()).isEqualTo("approved");
    Reply again = h.checker().post("/v1/payouts/" + id + "/approve", "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().at("/error/code").asText()).isEqualTo("not_held");
    assertThat(calls("b2c_v3")).isEqualTo(1);
    assertThat(paidTo(SWAPPED)).isEqualTo(1);
    assertThat(h.merchant().eventTypes(id))
        .contains("payout.held", "payout.approved", "payout.succeeded");
  }

  @Test
  void aResubmittedPayoutIsCheckedAgainAndNeedsANewApproval() {
    // The emulator's 254700002040 is not registered for M-Pesa: its payout fails (2040).
    String unregistered = "254700002040";
    swappedAgo(unregistered, Duration.ofDays(1));
    String id = h.merchant().post("/v1/payouts", payout(unregistered, 300, null)).text("id");
    assertThat(h.checker().post("/v1/payouts/" + id + "/approve", "{}").status()).isEqualTo(200);
    Reply failed =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/payouts/" + id),
                r -> r.text("status").equals("failed"));
    assertThat(failed.json().at("/review/decision").asText()).isEqualTo("approved");

    Reply resubmitted = h.merchant().post("/v1/payouts/" + id + "/resubmit", "{}");
    assertThat(resubmitted.text("status")).isEqualTo("held");
    assertThat(resubmitted.json().path("review").isNull())
        .as("the approval was of the first sending")
        .isTrue();
    assertThat(resubmitted.json().path("checks")).hasSize(2);
    assertThat(resubmitted.json().at("/checks/1/attempt").asInt()).isEqualTo(1);
    assertThat(resubmitted.json().at("/checks/1/outcome").asText()).isEqualTo("held");
    assertThat(calls("b2c_v3")).as("only the approved first sending").isEqualTo(1);
  }

  @Test
  void fiftyApprovalsAtOnceSendThePayoutOnce() throws Exception {
    String id = h.merchant().post("/v1/payouts", payout(SWAPPED, 1_200, null)).text("id");
    ExecutorService approvers = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Reply>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(
          approvers.submit(
              () -> {
                start.await();
                return h.checker().post("/v1/payouts/" + id + "/approve", "{}");
              }));
    }
    start.countDown();
    int approved = 0;
    for (Future<Reply> answer : answers) {
      Reply reply = answer.get();
      if (reply.status() == 200) {
        approved++;
      } else {
        assertThat(reply.status()).as(reply.json().toString()).isEqualTo(409);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo("not_held");
      }
    }
    approvers.shutdown();

    assertThat(approved).isEqualTo(1);
    assertThat(awaitSettled(id).text("status")).isEqualTo("succeeded");
    assertThat(calls("b2c_v3")).isEqualTo(1);
    assertThat(paidTo(SWAPPED)).as("one B2C payment in M-Pesa's ledger").isEqualTo(1);
    assertThat(h.merchant().eventTypes(id).stream().filter("payout.approved"::equals)).hasSize(1);
  }

  @Test
  void aRejectedPayoutIsCancelledAndNeverSent() {
    String id = h.merchant().post("/v1/payouts", payout(SWAPPED, 400, null)).text("id");

    // The maker may withdraw it: rejecting sends nothing.
    Reply rejected = h.merchant().post("/v1/payouts/" + id + "/reject", "{}");
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.text("status")).isEqualTo("cancelled");
    assertThat(rejected.json().at("/review/decision").asText()).isEqualTo("rejected");
    assertThat(rejected.text("failure_reason")).contains("nothing was sent");

    Reply approve = h.checker().post("/v1/payouts/" + id + "/approve", "{}");
    assertThat(approve.status()).isEqualTo(409);
    assertThat(approve.json().at("/error/code").asText()).isEqualTo("not_held");
    assertThat(approve.json().at("/error/message").asText()).contains("rejected by key_");
    assertThat(h.merchant().post("/v1/payouts/" + id + "/resubmit", "{}").status())
        .as("only a failed payout is sent again")
        .isEqualTo(409);
    assertThat(calls("b2c_v3")).isZero();
    assertThat(paidTo(SWAPPED)).isZero();
    assertThat(h.merchant().eventTypes(id)).contains("payout.held", "payout.rejected");

    Reply notHeld = h.checker().post("/v1/payouts/po_nosuchpayout/approve", "{}");
    assertThat(notHeld.status()).isEqualTo(404);
  }

  @Test
  void aHeldBatchRowWaitsForApprovalWhileTheOtherRowsAreSent() {
    String batch =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"Sellers\",\"items\":["
                    + "{\"phone\":\"0708374149\",\"amount\":100},"
                    + "{\"phone\":\""
                    + SWAPPED
                    + "\",\"amount\":200},"
                    + "{\"phone\":\""
                    + WANJIKU
                    + "\",\"amount\":300,\"expected_name\":\"Wanjiku Kamau\"}]}")
            .text("id");
    assertThat(h.merchant().post("/v1/payout-batches/" + batch + "/confirm", "{}").status())
        .isEqualTo(200);
    h.gateway().sendPayoutBatchesNow();

    List<JsonNode> rows = new ArrayList<>();
    h.merchant()
        .get("/v1/payout-batches/" + batch + "/items")
        .json()
        .path("data")
        .forEach(rows::add);
    assertThat(rows.get(0).path("status").asText()).isIn("pending", "succeeded");
    assertThat(rows.get(1).path("status").asText()).isEqualTo("held");
    // "Wanjiku Kamau" leaves M-Pesa's N****** unaccounted for.
    assertThat(rows.get(2).path("status").asText()).isEqualTo("held");
    assertThat(rows.get(2).at("/checks/1/check").asText()).isEqualTo("name");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> paidTo("254708374149") == 1);
    h.gateway().sendPayoutBatchesNow();
    Reply sending = h.merchant().get("/v1/payout-batches/" + batch);
    assertThat(sending.text("status")).as("rows wait for a person").isEqualTo("sending");
    assertThat(sending.json().at("/progress/held/count").asInt()).isEqualTo(2);

    // The batch's maker is each row's: its key cannot approve them.
    String swappedRow = rows.get(1).path("id").asText();
    assertThat(
            h.merchant()
                .post("/v1/payouts/" + swappedRow + "/approve", "{}")
                .json()
                .at("/error/code")
                .asText())
        .isEqualTo("approver_is_maker");
    assertThat(h.checker().post("/v1/payouts/" + swappedRow + "/approve", "{}").status())
        .isEqualTo(200);
    assertThat(
            h.checker()
                .post("/v1/payouts/" + rows.get(2).path("id").asText() + "/reject", "{}")
                .status())
        .isEqualTo(200);
    awaitSettled(swappedRow);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              h.gateway().sendPayoutBatchesNow(); // completes a batch with every row settled
              return h.merchant().get("/v1/payout-batches/" + batch).text("status");
            },
            "completed"::equals);
    assertThat(calls("b2c_v3")).isEqualTo(2);
    assertThat(paidTo(SWAPPED)).isEqualTo(1);
    assertThat(paidTo(WANJIKU)).isZero();
  }

  @Test
  void cancellingABatchCancelsItsHeldRows() {
    String csv = "phone,amount,expected_name\n" + WANJIKU + ",150,Otieno Juma\n";
    Reply created = h.merchant().postCsv("/v1/payout-batches?type=business&remarks=Refund", csv);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String batch = created.text("id");
    h.merchant().post("/v1/payout-batches/" + batch + "/confirm", "{}");
    h.gateway().sendPayoutBatchesNow();
    JsonNode row =
        h.merchant().get("/v1/payout-batches/" + batch + "/items").json().path("data").path(0);
    assertThat(row.path("status").asText()).isEqualTo("held");
    assertThat(row.path("expected_name").asText()).isEqualTo("Otieno Juma");

    assertThat(h.merchant().post("/v1/payout-batches/" + batch + "/cancel", "{}").status())
        .isEqualTo(200);
    Reply cancelled = h.merchant().get("/v1/payouts/" + row.path("id").asText());
    assertThat(cancelled.text("status")).isEqualTo("cancelled");
    assertThat(h.checker().post("/v1/payouts/" + cancelled.text("id") + "/approve", "{}").status())
        .isEqualTo(409);
    assertThat(calls("b2c_v3")).isZero();
  }

  @Test
  void aBadExpectedNameIsRefusedNamingTheFieldAndNothingIsRecorded() {
    for (String bad : List.of("", "K", "12345", "x".repeat(101))) {
      Reply refused = h.merchant().post("/v1/payouts", payout(WANJIKU, 100, bad));
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.json().at("/error/param").asText()).isEqualTo("expected_name");
    }
    Reply control = h.merchant().post("/v1/payouts", payout(WANJIKU, 100, "Wanjiku\\u0007Kamau"));
    assertThat(control.status()).isEqualTo(400);
    Reply row =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"x y\",\"items\":[{\"phone\":\"0708374149\","
                    + "\"amount\":100},{\"phone\":\"0708374149\",\"amount\":100,"
                    + "\"expected_name\":\"7\"}]}");
    assertThat(row.status()).isEqualTo(400);
    assertThat(row.json().at("/error/rows/0/row").asInt()).isEqualTo(2);
    assertThat(row.json().at("/error/rows/0/param").asText()).isEqualTo("expected_name");

    assertThat(h.merchant().get("/v1/payouts").json().path("data")).isEmpty();
    assertThat(calls("imsi_v2") + calls("hakikisha") + calls("b2c_v3")).isZero();
  }

  @Test
  void noSecretReachesTheFindingsTheirEventsOrTheApi() {
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"hakikisha\",\"mode\":\"reject\",\"rate\":1.0}]}");
    String refused =
        h.merchant().post("/v1/payouts", payout(WANJIKU, 100, "Wanjiku Kamau")).text("id");
    h.admin("DELETE", "/faults", null);
    String swapped =
        h.merchant().post("/v1/payouts", payout(SWAPPED, 100, "Swapped Sim")).text("id");
    h.checker().post("/v1/payouts/" + swapped + "/approve", "{}");

    StringBuilder seen = new StringBuilder();
    for (String id : List.of(refused, swapped)) {
      seen.append(h.merchant().get("/v1/payouts/" + id).json());
      seen.append(h.merchant().get("/v1/events?object_id=" + id).json());
    }
    assertThat(seen.toString())
        .contains("sim_swap")
        .doesNotContain(GatewayHarness.API_KEY)
        .doesNotContain(GatewayHarness.CHECKER_KEY)
        .doesNotContain(GatewayHarness.CALLBACK_SECRET)
        .doesNotContain("gateway-test-secret")
        .doesNotContain(Sandbox.INITIATOR_PASSWORD)
        .doesNotContain("Bearer");
  }
}
