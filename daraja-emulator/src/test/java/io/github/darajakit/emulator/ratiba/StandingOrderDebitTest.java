package io.github.darajakit.emulator.ratiba;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Debits on every due date, driven by the emulator's clock, each reported to the shortcode's C2B
 * ConfirmationURL exactly as a C2B payment under that registration would be.
 */
class StandingOrderDebitTest {

  // Clock jumps of a year must not have the janitor prune the debits under test.
  @RegisterExtension
  static EmulatorHarness h = new EmulatorHarness(c -> c.retention(Duration.ofDays(3650)));

  private final Ratiba ratiba = new Ratiba(h);
  private final AdminWorld world = new AdminWorld(h.daraja());

  private ObjectNode order(
      String name,
      String shortCode,
      LocalDate start,
      LocalDate end,
      String frequency,
      long amount) {
    return Requests.standingOrder(
            name,
            Requests.TEST_MSISDN,
            shortCode,
            start.format(Ratiba.YYYYMMDD),
            end.format(Ratiba.YYYYMMDD),
            frequency,
            h.url(Ratiba.CALLBACK))
        .put("Amount", String.valueOf(amount))
        .put("AccountReference", "ACC-" + name);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aYearJumpDeliversEveryWeeklyDebitOnceInDateOrderAsV2Confirmations() {
    ratiba.registerC2b(2, "600992");
    LocalDate start = Ratiba.today().plusDays(1);
    LocalDate end = start.plusYears(1);
    String id = ratiba.active(order("Gym", "600992", start, end, "3", 100));
    BigDecimal utilityBefore = world.account("600992", "Utility Account");

    ratiba.clockTo(end.plusDays(10), LocalTime.NOON);

    List<LocalDate> expected = new ArrayList<>();
    for (LocalDate d = start; !d.isAfter(end); d = d.plusWeeks(1)) {
      expected.add(d);
    }
    JsonNode debits = ratiba.order(id).path("debits");
    assertThat(debits).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(debits.get(i).path("dueDate").asText()).isEqualTo(expected.get(i).toString());
      assertThat(debits.get(i).path("status").asText()).isEqualTo("completed");
    }
    List<JsonNode> ledger = ratiba.debitsInLedger();
    assertThat(ledger).hasSize(expected.size());
    assertThat(ledger)
        .allSatisfy(t -> assertThat(t.path("kind").asText()).isEqualTo("standing_order_pay_bill"));
    assertThat(ledger)
        .allSatisfy(t -> assertThat(t.path("billReference").asText()).isEqualTo("ACC-Gym"));
    assertThat(world.account("600992", "Utility Account"))
        .isEqualByComparingTo(utilityBefore.add(BigDecimal.valueOf(100L * expected.size())));
    assertThat(ratiba.order(id).path("status").asText()).isEqualTo("ended");

    List<JsonNode> confirmations =
        h.receiver().awaitCount(Ratiba.CONFIRM, expected.size()).stream()
            .map(r -> r.body())
            .toList();
    assertThat(confirmations).hasSize(expected.size());
    List<String> transTimes = new ArrayList<>();
    for (JsonNode c : confirmations) {
      assertThat(c.path("TransactionType").asText()).isEqualTo("Pay Bill");
      assertThat(c.path("TransAmount").asText()).isEqualTo("100.00");
      assertThat(c.path("BusinessShortCode").asText()).isEqualTo("600992");
      assertThat(c.path("BillRefNumber").asText()).isEqualTo("ACC-Gym");
      assertThat(c.path("MSISDN").asText()).isEqualTo("2547 ***** 149");
      assertThat(c.path("FirstName").asText()).isEqualTo("JOHN");
      transTimes.add(c.path("TransTime").asText());
    }
    assertThat(transTimes)
        .containsExactlyInAnyOrderElementsOf(
            expected.stream().map(d -> d.format(Ratiba.YYYYMMDD) + "000000").toList());
    List<JsonNode> sent = world.deliveries("c2b_confirmation");
    List<String> sentInOrder = new ArrayList<>();
    sent.forEach(d -> sentInOrder.add(0, d.path("body").path("TransTime").asText()));
    assertThat(sentInOrder).isSorted();
    assertThat(world.deliveries("c2b_validation")).isEmpty();

    ratiba.clockBy("400d");
    assertThat(ratiba.order(id).path("debits")).hasSize(expected.size());
    assertThat(ratiba.debitsInLedger()).hasSize(expected.size());
  }

  @Test
  void v1RegistrationGetsTheHashedMsisdnAndTheBalanceAfterEachDebit() throws Exception {
    ratiba.registerC2b(1, "600997");
    LocalDate start = Ratiba.today().plusDays(1);
    String id = ratiba.active(order("Rent", "600997", start, start.plusMonths(2), "4", 4500));
    BigDecimal utilityBefore = world.account("600997", "Utility Account");

    ratiba.clockTo(start.plusMonths(3), LocalTime.NOON);

    List<JsonNode> confirmations =
        h.receiver().awaitCount(Ratiba.CONFIRM, 3).stream()
            .map(r -> r.body())
            .sorted(java.util.Comparator.comparing(c -> c.path("TransTime").asText()))
            .toList();
    assertThat(confirmations).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode c = confirmations.get(i);
      assertThat(c.path("MSISDN").asText()).isEqualTo(sha256(Requests.TEST_MSISDN));
      assertThat(c.path("TransAmount").asText()).isEqualTo("4500.00");
      assertThat(c.path("BillRefNumber").asText()).isEqualTo("ACC-Rent");
      assertThat(new BigDecimal(c.path("OrgAccountBalance").asText()))
          .isEqualByComparingTo(utilityBefore.add(BigDecimal.valueOf(4500L * (i + 1))));
      assertThat(c.path("TransID").asText())
          .isEqualTo(ratiba.order(id).path("debits").get(i).path("receipt").asText());
    }
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("236500.00");
  }

  @Test
  void monthlyFromThe31stFallsOnEachMonthsLastDayWhenShorter() {
    LocalDate start = Ratiba.today().plusDays(1);
    while (start.getDayOfMonth() != 31) {
      start = start.plusDays(1);
    }
    String id = ratiba.active(order("Loan", "600992", start, start.plusYears(1), "4", 10));

    ratiba.clockTo(start.plusYears(1).plusDays(1), LocalTime.NOON);

    JsonNode debits = ratiba.order(id).path("debits");
    assertThat(debits).hasSize(13);
    List<String> dates = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      LocalDate due = LocalDate.parse(debits.get(i).path("dueDate").asText());
      assertThat(due.getDayOfMonth()).isEqualTo(Math.min(31, due.lengthOfMonth()));
      assertThat(due.getMonth()).isEqualTo(start.plusMonths(i).getMonth());
      dates.add(due.toString());
    }
    assertThat(dates).anyMatch(d -> d.contains("-02-28") || d.contains("-02-29"));
    assertThat(dates).anyMatch(d -> d.endsWith("-30"));
  }

  @Test
  void insufficientFundsMovesNoMoneyAndSendsNoConfirmationButIsRecorded() {
    ratiba.registerC2b(2, "600992");
    LocalDate start = Ratiba.today().plusDays(1);
    String id = ratiba.active(order("Rent", "600992", start, start.plusDays(5), "2", 100));
    world.setCustomer(Requests.TEST_MSISDN, "150.00");
    BigDecimal utilityBefore = world.account("600992", "Utility Account");

    ratiba.clockTo(start.plusDays(1), LocalTime.NOON);

    JsonNode debits = ratiba.order(id).path("debits");
    assertThat(debits).hasSize(2);
    assertThat(debits.get(0).path("status").asText()).isEqualTo("completed");
    assertThat(debits.get(1).path("status").asText()).isEqualTo("failed");
    assertThat(debits.get(1).path("resultCode").asText()).isEqualTo("1");
    assertThat(debits.get(1).path("receipt").asText()).isEmpty();
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("50.00");
    assertThat(world.account("600992", "Utility Account"))
        .isEqualByComparingTo(utilityBefore.add(BigDecimal.valueOf(100)));
    assertThat(ratiba.debitsInLedger()).hasSize(1);
    h.receiver().awaitCount(Ratiba.CONFIRM, 1);
    assertThat(world.deliveries("c2b_confirmation")).hasSize(1);
  }

  @Test
  void withoutRegisteredUrlsTheDebitStillHappensWithoutAConfirmation() {
    LocalDate start = Ratiba.today().plusDays(1);
    String id = ratiba.active(order("Rent", "600978", start, start, "1", 100));

    ratiba.clockTo(start, LocalTime.of(0, 1));

    JsonNode debit = ratiba.order(id).path("debits").get(0);
    assertThat(debit.path("status").asText()).isEqualTo("completed");
    assertThat(debit.path("confirmationSent").asBoolean()).isFalse();
    assertThat(ratiba.debitsInLedger()).hasSize(1);
    assertThat(world.deliveries("c2b_confirmation")).isEmpty();
    assertThat(ratiba.order(id).path("status").asText()).isEqualTo("ended");
  }

  @Test
  void noDebitIsMadeForADueTimeBeforeTheOrderWasCreated() {
    LocalDate start = Ratiba.today().minusDays(10);
    String id = ratiba.active(order("Old", "600992", start, start.plusDays(20), "2", 10));

    ratiba.clockTo(Ratiba.today().plusDays(2), LocalTime.NOON);

    JsonNode debits = ratiba.order(id).path("debits");
    assertThat(debits).hasSize(2);
    assertThat(debits.get(0).path("dueDate").asText())
        .isEqualTo(Ratiba.today().plusDays(1).toString());
  }

  @Test
  void cancellingStopsFurtherDebits() {
    LocalDate start = Ratiba.today().plusDays(1);
    String id = ratiba.active(order("Rent", "600992", start, start.plusDays(30), "2", 10));
    ratiba.clockTo(start.plusDays(1), LocalTime.NOON);
    assertThat(ratiba.order(id).path("debits")).hasSize(2);

    Reply cancelled = h.daraja().admin("DELETE", "standing-orders/" + id, null);
    ratiba.clockBy("10d");

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.text("status")).isEqualTo("cancelled");
    assertThat(ratiba.order(id).path("debits")).hasSize(2);
    assertThat(ratiba.debitsInLedger()).hasSize(2);
    assertThat(h.daraja().admin("DELETE", "standing-orders/" + id, null).status()).isEqualTo(409);
    assertThat(h.daraja().admin("DELETE", "standing-orders/NOSUCHID00", null).status())
        .isEqualTo(404);
  }

  @Test
  void aCancelledOrdersNameCannotBeUsedAgain() {
    LocalDate start = Ratiba.today().plusDays(1);
    String id = ratiba.active(order("Rent", "600992", start, start.plusDays(30), "2", 10));
    h.daraja().admin("DELETE", "standing-orders/" + id, null);

    String again = ratiba.accepted(order("Rent", "600992", start, start.plusDays(30), "2", 10));

    RatibaConsentTest.assertFailure(
        ratiba.awaitCallback(again), again, "1050", Requests.TEST_MSISDN);
  }

  @Test
  void resetClearsStandingOrders() {
    LocalDate start = Ratiba.today().plusDays(1);
    ratiba.active(order("Rent", "600992", start, start.plusDays(30), "2", 10));
    assertThat(h.daraja().adminGet("state").path("standingOrders").asInt()).isEqualTo(1);

    h.daraja().admin("POST", "reset", null);

    assertThat(ratiba.orders()).isEmpty();
    assertThat(h.daraja().adminGet("state").path("standingOrders").asInt()).isZero();
  }

  @Test
  void theClockMovesOnlyForwardAndAcceptsByOrTo() {
    Reply back = h.daraja().admin("POST", "clock", "{\"to\":\"2001-01-01T09:00:00+03:00\"}");
    Reply both =
        h.daraja().admin("POST", "clock", "{\"to\":\"2101-01-01T09:00:00+03:00\",\"by\":\"1d\"}");
    Reply garbled = h.daraja().admin("POST", "clock", "{\"to\":\"tomorrow\"}");
    Reply by = h.daraja().admin("POST", "clock", "{\"by\":\"30d\"}");

    assertThat(back.status()).isEqualTo(400);
    assertThat(back.text("error")).contains("only moves forward");
    assertThat(both.status()).isEqualTo(400);
    assertThat(garbled.status()).isEqualTo(400);
    assertThat(by.status()).isEqualTo(200);
    assertThat(by.text("offset")).startsWith("PT720H");
  }

  @Test
  void debitTimeIsConfigurable() {
    ratiba.settings("{\"ratiba\":{\"debitTime\":\"09:30\"}}");
    LocalDate start = Ratiba.today().plusDays(1);
    String id = ratiba.active(order("Rent", "600992", start, start, "1", 10));

    ratiba.clockTo(start, LocalTime.of(9, 29));
    assertThat(ratiba.order(id).path("debits")).isEmpty();
    ratiba.clockTo(start, LocalTime.of(9, 30));

    JsonNode debit = ratiba.order(id).path("debits").get(0);
    assertThat(debit.path("at").asText())
        .isEqualTo(start.atTime(9, 30).atZone(Ratiba.EAT).toInstant().toString());
  }

  @Test
  void theConfirmationsTransactionTypeIsConfigurable() {
    ratiba.settings("{\"ratiba\":{\"debitTransactionType\":\"Standing Order\"}}");
    ratiba.registerC2b(2, "600992");
    LocalDate start = Ratiba.today().plusDays(1);
    ratiba.active(order("Rent", "600992", start, start, "1", 10));

    ratiba.clockTo(start, LocalTime.NOON);

    JsonNode confirmation = h.receiver().awaitOne(Ratiba.CONFIRM).body();
    assertThat(confirmation.path("TransactionType").asText()).isEqualTo("Standing Order");
  }
}
