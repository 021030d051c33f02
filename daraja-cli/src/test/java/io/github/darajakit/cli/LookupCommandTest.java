package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code daraja lookup sim-swap|imsi|name|org} against an in-process emulator. */
class LookupCommandTest {

  private static DarajaEmulator emulator;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

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
  void aSimSwappedLatelyExitsThreeWithDaysAndZeroWithout() throws Exception {
    LocalDate swapped = LocalDate.now(ZoneId.of("Africa/Nairobi")).minusDays(2);
    admin("PUT", "/customers/254708374149/sim", "{\"lastSwapDate\":\"" + swapped + "\"}");

    assertThat(run("lookup", "sim-swap", "0708374149", "--days", "7"))
        .as(err.toString())
        .isEqualTo(DarajaCli.EXIT_DECLINED);
    assertThat(out.toString()).contains("Swapped in the last 7 days: hold payouts to it.");

    out.getBuffer().setLength(0);
    assertThat(run("lookup", "sim-swap", "0708374149", "--days", "1", "--json")).isZero();
    JsonNode json = Output.JSON.readTree(out.toString());
    assertThat(json.path("swapped_within_days").asBoolean()).isFalse();
    assertThat(json.path("swapped_within_3_months").asBoolean()).isTrue();
  }

  @Test
  void aSimNeverSwappedSaysSo() {
    assertThat(run("lookup", "sim-swap", "0708374149", "--days", "7")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("SIM not swapped in the last 3 months");
  }

  @Test
  void imsiNameAndOrgAreShown() throws Exception {
    assertThat(run("lookup", "imsi", "0708374149")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("254708374149: IMSI ").contains("registered");

    out.getBuffer().setLength(0);
    assertThat(run("lookup", "name", "0708374149", "--json")).as(err.toString()).isZero();
    assertThat(Output.JSON.readTree(out.toString()).path("first_name").asText()).isNotBlank();

    out.getBuffer().setLength(0);
    assertThat(run("lookup", "org", Sandbox.SHORTCODE_2)).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith(Sandbox.SHORTCODE_2 + ": ");
  }

  @Test
  void bongaPointsAreShownAsExactShillings() throws Exception {
    assertThat(run("lookup", "bonga", "40")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("40 Bonga points are worth KES 8 (KES 0.2 a point)");

    out.getBuffer().setLength(0);
    assertThat(run("lookup", "bonga", "45", "--json")).as(err.toString()).isZero();
    var json = Output.JSON.readTree(out.toString());
    assertThat(json.path("amount").asText()).isEqualTo("9");
    assertThat(json.path("rate").asText()).isEqualTo("0.2");

    assertThat(run("lookup", "bonga", "0")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("POINTS");
  }

  @Test
  void badInputIsAUsageErrorAndAnUnknownNumberIsDarajasRefusal() {
    assertThat(run("lookup", "sim-swap", "0708374149", "--days", "120"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("--days");
    assertThat(run("lookup", "name", "12")).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(run("lookup", "name", "0799999999")).isEqualTo(DarajaCli.EXIT_FAILURE);
    assertThat(err.toString()).contains("does not exist");
  }

  private int run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--base-url";
    all[args.length + 1] = emulator.baseUrl();
    return DarajaCli.run(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), all);
  }

  private void admin(String method, String path, String body) throws Exception {
    HttpResponse<String> reply =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.adminUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
  }
}
