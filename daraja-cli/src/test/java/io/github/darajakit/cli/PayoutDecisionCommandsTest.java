package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.payouts.FraudChecks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daraja payouts approve|reject} against a running gateway whose checks before sending
 * ({@code payouts.simSwapGuard}) hold payouts to the emulator's swapped SIM, and {@code daraja
 * payouts run --gateway} stopping, instead of waiting forever, when only held rows are left.
 */
class PayoutDecisionCommandsTest {

  private static final String MAKER = "dk_test_payouts_maker_key_0123456789";
  private static final String CHECKER = "dk_test_payouts_checker_key_0123456789";

  /** The emulator's scenario number whose SIM was swapped two days before it started. */
  private static final String SWAPPED = "254700000911";

  @TempDir Path dir;
  private GatewayOnEmulator running;
  private EmulatorAdmin admin;
  private DarajaGateway gateway;
  private String out;
  private String err;

  @BeforeEach
  void start() {
    running =
        new GatewayOnEmulator(
            dir,
            MAKER + "," + CHECKER,
            g -> g.fraudChecks(new FraudChecks(Duration.ofDays(7), false)));
    admin = running.admin;
    gateway = running.gateway;
  }

  @AfterEach
  void stop() {
    running.close();
  }

  private int daraja(String key, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        DarajaCli.run(
            Map.of("DARAJA_API_KEY", key, "DARAJA_GATEWAY_URL", gateway.baseUrl()),
            new PrintWriter(o, true),
            new PrintWriter(e, true),
            args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  private String heldPayout() {
    try (PayoutsCommand.Gateway gw = PayoutsCommand.Gateway.remote(gateway.baseUrl(), MAKER)) {
      JsonNode payout =
          gw.post(
              "/v1/payouts",
              Output.object()
                  .put("phone", SWAPPED)
                  .put("amount", 500)
                  .put("type", "business")
                  .put("remarks", "Seller payout"),
              "held-" + java.util.UUID.randomUUID());
      assertThat(payout.path("status").asText()).isEqualTo("held");
      return payout.path("id").asText();
    }
  }

  @Test
  void onlyAnotherKeyApprovesAHeldPayoutAndItIsSentOnce() throws Exception {
    String id = heldPayout();

    assertThat(daraja(MAKER, "payouts", "approve", id)).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err)
        .startsWith("daraja payouts approve: ")
        .contains("another API key must approve it");
    assertThat(admin.calls("b2c_v3")).isZero();

    assertThat(daraja(CHECKER, "payouts", "approve", id)).as(err).isZero();
    assertThat(out).startsWith("Payout " + id + " approved and sent (now ");
    assertThat(admin.calls("b2c_v3")).isEqualTo(1);
    assertThat(daraja(CHECKER, "payouts", "approve", id, "--json")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err).contains("Only a held payout can be approved or rejected");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.ledger(SWAPPED).size() == 1);
    assertThat(admin.calls("b2c_v3")).isEqualTo(1);
  }

  @Test
  void aRejectedPayoutIsCancelledAndNeverSent() throws Exception {
    String id = heldPayout();
    assertThat(daraja(MAKER, "payouts", "reject", id, "--json")).as(err).isZero();
    assertThat(Output.JSON.readTree(out).path("status").asText()).isEqualTo("cancelled");
    assertThat(Output.JSON.readTree(out).at("/review/decision").asText()).isEqualTo("rejected");
    assertThat(daraja(MAKER, "payouts", "reject", "not an id")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(admin.calls("b2c_v3")).isZero();
  }

  @Test
  void aRunWithHeldRowsStopsToAskForADecisionAndTheBatchCompletesAfterIt() throws Exception {
    Path file = dir.resolve("sellers.csv");
    Files.writeString(file, "phone,amount\n0708374149,100\n" + SWAPPED + ",200\n");

    assertThat(
            daraja(
                MAKER,
                "payouts",
                "run",
                file.toString(),
                "--type",
                "business",
                "--remarks",
                "Sellers",
                "--yes",
                "--gateway",
                gateway.baseUrl()))
        .as(err)
        .isEqualTo(DarajaCli.EXIT_DECLINED);
    assertThat(err).contains("1 row(s) held by the gateway's checks before sending");
    assertThat(out).contains("1 succeeded (KES 100)").contains("1 held, waiting for approval");
    assertThat(admin.ledger(SWAPPED).size()).isZero();

    try (PayoutsCommand.Gateway gw = PayoutsCommand.Gateway.remote(gateway.baseUrl(), MAKER)) {
      String held = gw.json(gw.get("/v1/payouts?status=held")).at("/data/0/id").asText();
      assertThat(daraja(CHECKER, "payouts", "approve", held)).as(err).isZero();
      String batch = gw.json(gw.get("/v1/payout-batches")).at("/data/0/id").asText();
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> gw.json(gw.get("/v1/payout-batches/" + batch)).path("status").asText(),
              "completed"::equals);
    }
    assertThat(admin.ledger(SWAPPED).size()).isEqualTo(1);
    assertThat(admin.calls("b2c_v3")).isEqualTo(2);
  }
}
