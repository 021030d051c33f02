package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaRateLimitException;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payout batches: every row validated before anything is stored, nothing sent before confirmation,
 * rows sent once each in order, and a batch that pauses, cancels and survives a restart.
 */
class PayoutBatchTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(
        emulator -> emulator.resultDelay(Duration.ofMillis(20)),
        gateway -> gateway.payoutRatePerSecond(1_000),
        false);
  }

  private long b2cCalls() {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("b2c_v3").asLong();
  }

  private Reply batch(String id) {
    return h.merchant().get("/v1/payout-batches/" + id);
  }

  private Reply awaitCompleted(String id) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              h.gateway().sendPayoutBatchesNow();
              return batch(id);
            },
            b -> b.text("status").equals("completed"));
  }

  private static String items(int count, int firstPhone) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"phone\":\"254711")
          .append(String.format("%06d", firstPhone + i))
          .append("\",\"amount\":")
          .append(100 + i)
          .append('}');
    }
    return json.append(']').toString();
  }

  /** A salary batch of {@code count} rows, confirmed; returns its id. */
  private String confirmedSalaryBatch(int count, int firstPhone) {
    String id =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"salary\",\"remarks\":\"Salary\",\"items\":"
                    + items(count, firstPhone)
                    + "}")
            .text("id");
    h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}");
    return id;
  }

  @Test
  void aValidBatchWaitsForConfirmationThenEveryRowIsPaidOnceInOrder() {
    Reply created =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"description\":\"November sellers\",\"type\":\"business\","
                    + "\"remarks\":\"Seller payout\",\"items\":"
                    + items(25, 1)
                    + "}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("awaiting_confirmation");
    assertThat(created.json().path("item_count").asInt()).isEqualTo(25);
    assertThat(created.json().path("total_amount").asLong()).isEqualTo(25 * 100 + 300);
    assertThat(created.json().at("/progress/queued/count").asInt()).isEqualTo(25);
    String id = created.text("id");

    assertThat(h.gateway().sendPayoutBatchesNow()).as("nothing sent before confirmation").isZero();
    assertThat(b2cCalls()).isZero();

    Reply confirmed = h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}");
    assertThat(confirmed.status()).isEqualTo(200);
    assertThat(confirmed.text("status")).isEqualTo("sending");
    Reply done = awaitCompleted(id);
    assertThat(done.json().at("/progress/succeeded/count").asInt()).isEqualTo(25);
    assertThat(done.json().at("/progress/succeeded/amount").asLong()).isEqualTo(25 * 100 + 300);
    assertThat(b2cCalls()).isEqualTo(25);

    JsonNode rows = h.merchant().get("/v1/payout-batches/" + id + "/items?limit=100").json();
    assertThat(rows.path("data")).hasSize(25);
    assertThat(rows.path("data").get(0).path("batch_row").asInt()).isEqualTo(1);
    assertThat(rows.path("data").get(24).path("batch_row").asInt()).isEqualTo(25);
    assertThat(rows.path("data")).allMatch(p -> p.path("mpesa_receipt").asText().length() == 10);
    assertThat(h.merchant().get("/v1/events?type=payout_batch.completed").json().path("data"))
        .hasSize(1);
  }

  /** Asserts a batch was refused for its rows 2, 3 and 4, in that order; answers the problems. */
  private static JsonNode rowsTwoToFourRefused(Reply refused, String... params) {
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("rows_invalid");
    JsonNode problems = refused.json().at("/error/rows");
    assertThat(problems).extracting(r -> r.path("row").asInt()).containsExactly(2, 3, 4);
    assertThat(problems).extracting(r -> r.path("param").asText()).containsExactly(params);
    return problems;
  }

  @Test
  void everyInvalidRowIsReportedAndNothingIsStored() {
    Reply refused =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"salary\",\"remarks\":\"Salary\",\"items\":["
                    + "{\"phone\":\"0708374149\",\"amount\":100},"
                    + "{\"phone\":\"12345\",\"amount\":100},"
                    + "{\"phone\":\"0708374149\",\"amount\":5},"
                    + "{\"phone\":\"0708374149\",\"amount\":100,\"type\":\"bonus\"}]}");
    rowsTwoToFourRefused(refused, "phone", "amount", "type");
    assertThat(h.merchant().get("/v1/payout-batches").json().path("data")).isEmpty();
    assertThat(h.merchant().get("/v1/payouts").json().path("data")).isEmpty();
  }

  @Test
  void aRowsAmountIsRefusedForWhatIsReallyWrongWithItInJsonAndInCsv() {
    Reply json =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"salary\",\"remarks\":\"Salary\",\"items\":["
                    + "{\"phone\":\"0708374149\",\"amount\":100},"
                    + "{\"phone\":\"0708374149\",\"amount\":1.5},"
                    + "{\"phone\":\"0708374149\",\"amount\":99999999999999999999999},"
                    + "{\"phone\":\"12345\",\"amount\":100}]}");
    Reply csv =
        h.merchant()
            .postCsv(
                "/v1/payout-batches?type=salary&remarks=Salary",
                "phone,amount\n"
                    + "0708374149,100\n"
                    + "0708374149,1.5\n"
                    + "0708374149,99999999999999999999999\n"
                    + "12345,100\n");
    for (Reply refused : new Reply[] {json, csv}) {
      JsonNode problems = rowsTwoToFourRefused(refused, "amount", "amount", "phone");
      assertThat(problems.get(0).path("message").asText())
          .isEqualTo("amount must be a whole number of Kenyan shillings (e.g. 150), got 1.5");
      assertThat(problems.get(1).path("message").asText())
          .startsWith("amount 99999999999999999999999 is too large");
    }
    assertThat(h.merchant().get("/v1/payout-batches").json().path("data")).isEmpty();
  }

  @Test
  void aCsvBatchWithMixedOutcomesContinuesPastFailuresAndReportsEachRowHonestly() throws Exception {
    String csv =
        "phone,amount,reference\r\n"
            + "0708374149,200,ORDER-1\r\n"
            + "254700002040,150,ORDER-2\r\n" // unregistered recipient
            + "\"0711000001\",300,\"ORDER-3, late\"\r\n"
            + "254700000003,120,ORDER-4\r\n"; // invalid recipient
    Reply created = h.merchant().postCsv("/v1/payout-batches?type=business&remarks=Refund", csv);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String id = created.text("id");

    h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}");
    Reply done = awaitCompleted(id);
    assertThat(done.json().at("/progress/succeeded/count").asInt()).isEqualTo(2);
    assertThat(done.json().at("/progress/failed/count").asInt()).isEqualTo(2);
    assertThat(done.json().at("/progress/failed/amount").asLong()).isEqualTo(270);

    HttpResponse<String> report =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            h.gateway().baseUrl()
                                + "/v1/payout-batches/"
                                + id
                                + "/items?format=csv"))
                    .header("Authorization", "Bearer " + GatewayHarness.API_KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(report.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = report.body().split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[1]).startsWith("1,").contains(",succeeded,");
    assertThat(lines[2]).startsWith("2,").contains(",failed,").contains(",2040,");
    assertThat(lines[3]).startsWith("3,").contains(",254711000001,300,succeeded,");
    assertThat(lines[4]).startsWith("4,").contains(",failed,");
  }

  @Test
  void aPausedBatchSendsNothingAndACancelledOneCancelsOnlyTheRowsNotSent() {
    String id =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"Seller payout\",\"items\":"
                    + items(10, 100)
                    + "}")
            .text("id");
    h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}");
    h.merchant().post("/v1/payout-batches/" + id + "/pause", "{}");
    assertThat(h.gateway().sendPayoutBatchesNow()).isZero();
    assertThat(b2cCalls()).isZero();
    assertThat(h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}").status())
        .as("a paused batch is resumed, not confirmed")
        .isEqualTo(409);

    Reply cancelled = h.merchant().post("/v1/payout-batches/" + id + "/cancel", "{}");
    assertThat(cancelled.text("status")).isEqualTo("cancelled");
    assertThat(cancelled.json().at("/progress/cancelled/count").asInt()).isEqualTo(10);
    assertThat(h.gateway().sendPayoutBatchesNow()).isZero();
    assertThat(b2cCalls()).isZero();
    assertThat(h.merchant().post("/v1/payout-batches/" + id + "/resume", "{}").status())
        .isEqualTo(409);
  }

  @Test
  void aBatchInterruptedByARestartResumesWithoutPayingAnyoneTwice() {
    String id = confirmedSalaryBatch(40, 500);
    // Stop the gateway while rows are being sent.
    Thread sender =
        new Thread(
            () -> {
              try {
                h.gateway().sendPayoutBatchesNow();
              } catch (RuntimeException stopped) {
                // the gateway went away under it
              }
            });
    sender.start();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b2cCalls() >= 10);
    h.restartGateway();

    // Rows caught half-sent are the reconciler's; the rest are sent after the restart.
    h.clock().advance(Duration.ofMinutes(5));
    h.gateway().reconcileNow();
    Reply done = awaitCompleted(id);
    JsonNode progress = done.json().path("progress");
    assertThat(progress.at("/succeeded/count").asInt() + progress.at("/unknown/count").asInt())
        .isEqualTo(40);
    assertThat(b2cCalls()).as("each row sent at most once").isLessThanOrEqualTo(40);
    JsonNode ledger =
        h.admin("GET", "/transactions?party=600000&limit=1000", null).json().path("transactions");
    assertThat(ledger.size()).as("paid at most once each").isLessThanOrEqualTo(40);
    assertThat(ledger.findValuesAsText("originatorConversationId")).doesNotHaveDuplicates();
  }

  @Test
  void rowsLeasedByADeadSenderAreSentAtOnceAfterARestartOnSqliteOnly() throws Exception {
    String id = confirmedSalaryBatch(3, 700);
    h.stopGateway();
    // What a sender killed with SIGKILL leaves: its queued rows leased to it for a while yet.
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(h.databaseUrl());
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "UPDATE payouts SET lease_owner = 'gw-killed', lease_until = ? WHERE batch_id = ?")) {
      s.setLong(1, h.clock().millis() + Duration.ofHours(1).toMillis());
      s.setString(2, id);
      assertThat(s.executeUpdate()).isEqualTo(3);
    }
    h.startGateway(h.databaseUrl());

    h.gateway().sendPayoutBatchesNow();
    if (h.databaseUrl().startsWith("jdbc:sqlite:")) {
      // One process serves an SQLite file: the one that leased them is dead.
      assertThat(b2cCalls()).isEqualTo(3);
      assertThat(awaitCompleted(id).json().at("/progress/succeeded/count").asInt()).isEqualTo(3);
    } else {
      // On PostgreSQL the holder may be another instance, alive: its lease stands.
      assertThat(b2cCalls()).isZero();
    }
  }

  @Test
  void spikeArrestPutsTheRowBackAndTheBatchCarriesOn() {
    String id =
        h.merchant()
            .post(
                "/v1/payout-batches",
                "{\"type\":\"business\",\"remarks\":\"Payout\",\"items\":" + items(3, 900) + "}")
            .text("id");
    h.merchant().post("/v1/payout-batches/" + id + "/confirm", "{}");
    h.admin("PUT", "/faults", "{\"spikeArrest\":{\"ratePerSecond\":1,\"burst\":1}}");
    int rateLimited = 0;
    for (int i = 0; i < 20 && !batch(id).text("status").equals("completed"); i++) {
      try {
        h.gateway().sendPayoutBatchesNow();
      } catch (DarajaRateLimitException e) {
        rateLimited++;
        assertThat(batch(id).json().at("/progress/queued/count").asInt())
            .as("the refused row is queued again")
            .isPositive();
        h.admin("DELETE", "/faults", null);
      }
    }
    assertThat(rateLimited).as("Daraja's SpikeArrest reached the sender").isPositive();
    Reply done = awaitCompleted(id);
    assertThat(done.json().at("/progress/succeeded/count").asInt()).isEqualTo(3);
    assertThat(done.json().at("/progress/failed/count").asInt()).isZero();
  }
}
