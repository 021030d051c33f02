package io.github.darajakit.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Memory stays bounded: the janitor (every 5 s) trims the ledger to {@code maxTransactions} and
 * drops entries older than {@code retention}; delivery records are capped as they are made.
 */
class RetentionTest {

  @RegisterExtension
  static EmulatorHarness h =
      new EmulatorHarness(
          c -> c.maxTransactions(100).maxDeliveries(10).retention(Duration.ofHours(1)));

  private static final Duration JANITOR_WAIT = Duration.ofSeconds(12);

  private static void pay(int times) {
    for (int i = 0; i < times; i++) {
      Reply reply =
          h.daraja()
              .admin(
                  "POST",
                  "c2b/payments",
                  "{\"msisdn\":\"254708374149\",\"shortCode\":\"600992\",\"amount\":1}");
      assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    }
  }

  private static int ledgerSize() {
    return h.daraja().adminGet("state").path("transactions").asInt();
  }

  @Test
  void janitorTrimsTheLedgerToMaxTransactionsKeepingTheNewest() {
    pay(130);
    String newest =
        h.daraja()
            .adminGet("transactions?limit=1")
            .path("transactions")
            .get(0)
            .path("receipt")
            .asText();

    await()
        .atMost(JANITOR_WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ledgerSize() <= 100);

    assertThat(ledgerSize()).isEqualTo(100);
    assertThat(h.daraja().admin("GET", "transactions/" + newest, null).status()).isEqualTo(200);
    assertThat(h.daraja().adminGet("transactions?limit=1000").path("transactions").size())
        .isEqualTo(100);
  }

  @Test
  void janitorDropsLedgerEntriesOlderThanTheRetention() {
    pay(5);
    assertThat(ledgerSize()).isEqualTo(5);

    h.daraja().admin("POST", "clock/advance", "{\"by\":\"2h\"}");

    await()
        .atMost(JANITOR_WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ledgerSize() == 0);
  }

  @Test
  void deliveryRecordsAreCappedAtMaxDeliveriesKeepingTheNewest() {
    h.daraja()
        .post(
            "/mpesa/c2b/v1/registerurl",
            Requests.c2bRegister(Requests.SHORTCODE, "Completed", h.url("/confirm"), null));

    pay(15);
    h.receiver().awaitCount("/confirm", 15);

    List<Long> ids = new ArrayList<>();
    for (JsonNode delivery : h.daraja().adminGet("deliveries?limit=1000").path("deliveries")) {
      ids.add(delivery.path("id").asLong());
    }
    assertThat(ids).hasSize(10);
    assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(ids.get(0) - ids.get(9)).isEqualTo(9);
  }
}
