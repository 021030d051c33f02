package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code daraja bill-manager opt-in|update} against an in-process emulator. */
class BillManagerCommandTest {

  private static final String CALLBACK =
      "https://pay.example.co.ke/daraja/s3cret/bill-manager/payment";

  private static DarajaEmulator emulator;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Map<String, String> env = Map.of();

  @BeforeAll
  static void startEmulator() {
    emulator = DarajaEmulator.builder().port(0).start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @BeforeEach
  void resetEmulator() {
    emulator.reset();
  }

  @Test
  void anOptInPrintsTheAppKeyBillManagerIssuedOnce() throws Exception {
    assertThat(
            run(
                "opt-in",
                "--short-code",
                "600992",
                "--email",
                "billing@shop.example.com",
                "--json"))
        .as(err.toString())
        .isZero();
    JsonNode printed = Output.JSON.readTree(out.toString());
    String appKey = printed.path("app_key").asText();
    assertThat(appKey).isNotBlank();

    JsonNode biller = admin("/billmanager/600992");
    assertThat(biller.toString()).contains(appKey).contains(CALLBACK);

    // Bill Manager takes one opt-in per shortcode: the second is its 409, and nothing changes.
    assertThat(run("opt-in", "--short-code", "600992", "--email", "other@shop.example.com"))
        .isEqualTo(DarajaCli.EXIT_FAILURE);
    assertThat(err.toString()).contains("Biller already Registered");
    assertThat(admin("/billmanager/600992").toString()).contains("billing@shop.example.com");
  }

  @Test
  void anUpdateChangesTheOptIn() throws Exception {
    assertThat(run("opt-in", "--short-code", "600992", "--email", "billing@shop.example.com"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("app key (shown once; keep it secret)");
    String appKey = out.toString().lines().toList().get(1);

    // Without the key an update is a usage error and sends nothing.
    assertThat(run("update", "--short-code", "600992", "--email", "accounts@shop.example.com"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("DARAJA_BILL_MANAGER_APP_KEY");
    assertThat(admin("/billmanager/600992").toString()).contains("billing@shop.example.com");

    out.getBuffer().setLength(0);
    env = Map.of("DARAJA_BILL_MANAGER_APP_KEY", appKey);
    assertThat(
            run(
                "update",
                "--short-code",
                "600992",
                "--email",
                "accounts@shop.example.com",
                "--no-reminders"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("600992: Bill Manager opt-in updated");
    assertThat(admin("/billmanager/600992").toString()).contains("accounts@shop.example.com");
  }

  @Test
  void badInputIsAUsageErrorAndNothingIsSent() throws Exception {
    assertThat(run("opt-in", "--short-code", "12", "--email", "billing@shop.example.com"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("shortCode");
    assertThat(admin("/billmanager").toString()).doesNotContain("600992");
  }

  private int run(String subcommand, String... options) {
    List<String> all = new ArrayList<>(List.of("bill-manager", subcommand));
    all.addAll(List.of(options));
    if (!all.contains("--contact")) {
      all.addAll(List.of("--contact", "0710123456"));
    }
    all.addAll(List.of("--callback-url", CALLBACK, "--base-url", emulator.baseUrl()));
    return DarajaCli.run(
        env, new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
  }

  private JsonNode admin(String path) throws Exception {
    return new EmulatorAdmin(emulator).get(path);
  }
}
