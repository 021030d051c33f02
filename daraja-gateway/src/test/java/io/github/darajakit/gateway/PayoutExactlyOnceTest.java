package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once proof for payouts (DESIGN §4): well over a thousand injected failures — Daraja
 * accepting a B2C request and the connection dropping before the answer, Results lost on the way,
 * and the gateway stopped while requests are in flight — and afterwards the emulator's ledger shows
 * every payout paid at most once, and the gateway knows the truth of every one it paid.
 */
class PayoutExactlyOnceTest {

  private static final int PAYOUTS = 1_200;
  private static final String PAYING_SHORTCODE = "600000";

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(
        emulator -> emulator.resultDelay(Duration.ofMillis(20)),
        gateway -> gateway.reconcileSchedule(Collections.nCopies(40, Duration.ofMinutes(1))),
        false);
  }

  private static String phone(int n) {
    return "2547118" + String.format(Locale.ROOT, "%05d", n);
  }

  private static String payout(int n) {
    return "{\"phone\":\""
        + phone(n)
        + "\",\"amount\":"
        + (10 + n % 90)
        + ",\"type\":\"business\",\"remarks\":\"Seller payout "
        + n
        + "\"}";
  }

  @Test
  void everyPayoutIsPaidAtMostOnceAndEveryPaymentIsKnownDespiteInjectedFailures() throws Exception {
    h.admin(
        "PUT",
        "/faults",
        "{\"errors\":[{\"endpoint\":\"b2c_v3\",\"mode\":\"accept_then_drop\",\"rate\":0.85}],"
            + "\"callbacks\":{\"dropRate\":0.5,\"kinds\":[\"result\"]}}");

    // Merchants send every payout with its own Idempotency-Key; the gateway is stopped and
    // restarted half-way through, under load.
    Map<Integer, String> ids = new ConcurrentHashMap<>();
    List<Integer> toRetry = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger answered = new AtomicInteger();
    ExecutorService merchants = Executors.newFixedThreadPool(8);
    List<Future<?>> sent = new ArrayList<>();
    for (int n = 0; n < PAYOUTS; n++) {
      int payout = n;
      sent.add(
          merchants.submit(
              () -> {
                try {
                  Reply reply = h.merchant().post("/v1/payouts", payout(payout), "po-" + payout);
                  if (reply.status() == 201) {
                    ids.put(payout, reply.text("id"));
                  } else {
                    toRetry.add(payout);
                  }
                } catch (RuntimeException e) {
                  toRetry.add(payout); // the gateway went away under this request
                }
                answered.incrementAndGet();
              }));
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= PAYOUTS / 2);
    h.restartGateway();
    for (Future<?> f : sent) {
      f.get(120, TimeUnit.SECONDS);
    }
    merchants.shutdown();

    // Retries of what got no answer, with the same keys, once the dead attempts' key leases end.
    h.clock().advance(Duration.ofMinutes(3));
    for (int n : new ArrayList<>(toRetry)) {
      Reply reply = h.merchant().post("/v1/payouts", payout(n), "po-" + n);
      assertThat(reply.status()).as("retry of payout %d: %s", n, reply.json()).isEqualTo(201);
      ids.put(n, reply.text("id"));
    }
    assertThat(ids).hasSize(PAYOUTS);

    // The reconciler asks Transaction Status until every payout is settled or with a person.
    for (int round = 0; round < 40; round++) {
      long open = stillOpen();
      if (open == 0) {
        break;
      }
      h.clock().advance(Duration.ofMinutes(1));
      h.gateway().reconcileNow();
      try {
        // Transaction Status answers come back as Results: give them a moment to settle some.
        Awaitility.await()
            .atMost(Duration.ofSeconds(3))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> stillOpen() < open);
      } catch (ConditionTimeoutException e) {
        // This round's answers were all dropped; the next round asks again.
      }
    }
    assertThat(stillOpen()).as("payouts neither settled nor with a person").isZero();

    Map<String, JsonNode> byId = allPayouts();
    Map<String, List<JsonNode>> ledgerByOriginatorId = ledgerOfThePayingShortcode();
    int paid = 0;
    for (int n = 0; n < PAYOUTS; n++) {
      JsonNode payout = byId.get(ids.get(n));
      assertThat(payout).as("payout %d is listed", n).isNotNull();
      List<JsonNode> payments =
          ledgerByOriginatorId.getOrDefault(
              payout.path("originator_conversation_id").asText(), List.of());
      assertThat(payments).as("payout %d paid at most once", n).hasSizeLessThanOrEqualTo(1);
      if (payments.size() == 1) {
        paid++;
        assertThat(payout.path("status").asText())
            .as("payout %d was paid", n)
            .isEqualTo("succeeded");
        assertThat(payout.path("mpesa_receipt").asText())
            .isEqualTo(payments.get(0).path("receipt").asText());
        assertThat(payments.get(0).path("amount").asText()).startsWith((10 + n % 90) + ".");
      } else {
        assertThat(payout.path("status").asText())
            .as("payout %d was not paid: never succeeded", n)
            .isNotEqualTo("succeeded");
        assertThat(
                payout.path("status").asText().equals("failed")
                    || !payout.path("needs_attention").isNull())
            .as("payout %d not paid is failed or with a person: %s", n, payout)
            .isTrue();
      }
    }
    // Nothing was paid outside the payouts: not under another id, not to the same phone twice.
    long ledgerEntries = ledgerByOriginatorId.values().stream().mapToLong(List::size).sum();
    assertThat(ledgerEntries).as("B2C payments in the ledger vs payouts paid").isEqualTo(paid);
    Map<String, Long> paymentsPerPhone = new HashMap<>();
    ledgerByOriginatorId.values().stream()
        .flatMap(List::stream)
        .forEach(
            t ->
                paymentsPerPhone.merge(
                    t.path("creditParty").asText().substring(0, 12), 1L, Long::sum));
    assertThat(paymentsPerPhone.values()).allMatch(count -> count == 1);
    long sentToDaraja =
        h.admin("GET", "/counters", null).json().path("endpoints").path("b2c_v3").asLong();
    assertThat(sentToDaraja).as("each payout sent at most once").isLessThanOrEqualTo(PAYOUTS);
    long lostAnswers = countStatus(byId, "unknown") + countEvents("payout.unknown");
    long droppedResults =
        h
            .admin("GET", "/deliveries?kind=result&limit=10000", null)
            .json()
            .path("deliveries")
            .findValues("state")
            .stream()
            .filter(s -> s.asText().equals("dropped"))
            .count();
    System.out.printf(
        "payouts %d, sent %d, paid %d, retried after the restart %d, unknown at some point %d,"
            + " results dropped %d%n",
        PAYOUTS, sentToDaraja, paid, toRetry.size(), lostAnswers, droppedResults);
    assertThat(countEvents("payout.unknown") + droppedResults)
        .as("injected failures")
        .isGreaterThanOrEqualTo(1_000);
  }

  /** Payouts neither settled nor flagged for a person. */
  private long stillOpen() {
    return allPayouts().values().stream()
        .filter(
            p ->
                !p.path("status").asText().equals("succeeded")
                    && !p.path("status").asText().equals("failed")
                    && p.path("needs_attention").isNull())
        .count();
  }

  private Map<String, JsonNode> allPayouts() {
    Map<String, JsonNode> all = new HashMap<>();
    String after = null;
    while (true) {
      Reply page =
          h.merchant()
              .get("/v1/payouts?limit=100" + (after == null ? "" : "&starting_after=" + after));
      for (JsonNode p : page.json().path("data")) {
        all.put(p.path("id").asText(), p);
        after = p.path("id").asText();
      }
      if (!page.json().path("has_more").asBoolean()) {
        return all;
      }
    }
  }

  private Map<String, List<JsonNode>> ledgerOfThePayingShortcode() {
    JsonNode ledger =
        h.admin("GET", "/transactions?party=" + PAYING_SHORTCODE + "&limit=10000", null).json();
    assertThat(ledger.path("transactions").size()).isLessThan(10_000);
    Map<String, List<JsonNode>> byOriginatorId = new HashMap<>();
    for (JsonNode t : ledger.path("transactions")) {
      byOriginatorId
          .computeIfAbsent(t.path("originatorConversationId").asText(), k -> new ArrayList<>())
          .add(t);
    }
    return byOriginatorId;
  }

  private static long countStatus(Map<String, JsonNode> payouts, String status) {
    return payouts.values().stream().filter(p -> p.path("status").asText().equals(status)).count();
  }

  private long countEvents(String type) {
    long count = 0;
    String after = null;
    while (true) {
      Reply page =
          h.merchant()
              .get(
                  "/v1/events?type="
                      + type
                      + "&limit=100"
                      + (after == null ? "" : "&starting_after=" + after));
      for (JsonNode e : page.json().path("data")) {
        count++;
        after = e.path("id").asText();
      }
      if (!page.json().path("has_more").asBoolean()) {
        return count;
      }
    }
  }
}
