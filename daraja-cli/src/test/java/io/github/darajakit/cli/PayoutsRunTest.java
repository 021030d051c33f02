package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code daraja payouts run}: a file is checked whole before anything is sent, paid once, its
 * results written, and a second run of the same file (after it finished, or after the command was
 * killed half-way) pays no one twice.
 */
class PayoutsRunTest {

  @TempDir Path dir;
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

  private List<String> args(Path csv, String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "payouts",
                "run",
                csv.toString(),
                "--base-url",
                emulator.baseUrl(),
                "--data-dir",
                dir.resolve("data").toString()));
    all.addAll(List.of(more));
    return all;
  }

  private int daraja(Path csv, String... more) {
    out = new StringWriter();
    err = new StringWriter();
    return DarajaCli.run(
        Map.of(),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        args(csv, more).toArray(String[]::new));
  }

  private JsonNode admin(String path) throws Exception {
    return new EmulatorAdmin(emulator).get(path);
  }

  /** Payments the emulator made to this number. */
  private long paidTo(String phone) throws Exception {
    JsonNode rows = new EmulatorAdmin(emulator).ledger(phone);
    long paid = 0;
    for (JsonNode t : rows) {
      if (t.path("kind").asText().startsWith("b2c")
          && t.path("status").asText().equals("completed")) {
        paid++;
      }
    }
    return paid;
  }

  private Path csv(String name, String... rows) throws Exception {
    return Files.writeString(
        dir.resolve(name), "phone,amount,reference\n" + String.join("\n", rows) + "\n");
  }

  @Test
  void aFileIsPaidOnceWithAResultFileAndRefusedTheSecondTime() throws Exception {
    Path file =
        csv("payroll.csv", "0708374149,100,E-1", "254700000001,200,E-2", "0700000002,300,E-3");
    int exit = daraja(file, "--type", "salary", "--remarks", "November salary", "--rate", "50");
    assertThat(exit).as(err.toString() + out).isZero();
    assertThat(out.toString()).contains("3 payouts, KES 600").contains("3 succeeded");
    Path results = dir.resolve("payroll.results.csv");
    List<String> lines = Files.readAllLines(results);
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l).contains("succeeded"));
    assertThat(paidTo("254708374149")).isEqualTo(1);

    int again = daraja(file, "--type", "salary", "--remarks", "November salary");
    assertThat(again).isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("was paid already").contains("--again");
    assertThat(paidTo("254708374149")).isEqualTo(1);

    assertThat(daraja(file, "--type", "salary", "--remarks", "November salary", "--again"))
        .as(err.toString())
        .isZero();
    assertThat(paidTo("254708374149")).as("paid once more, on purpose").isEqualTo(2);
  }

  @Test
  void aFileWithABadRowIsRefusedWholeNamingTheRowAndNothingIsSent() throws Exception {
    Path file =
        csv(
            "bad.csv",
            "0708374149,100,E-1",
            "12345,200,E-2",
            "0700000002,5,E-3",
            "0700000003,1.5,E-4",
            "0700000004,99999999999999999999999,E-5");
    assertThat(daraja(file, "--type", "salary", "--remarks", "November"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString())
        .contains("row 2: phone '12345'")
        .contains("row 3: amount KES 5 is outside what Daraja accepts here")
        .contains("row 4: amount must be a whole number of Kenyan shillings (e.g. 150), got 1.5")
        .contains("row 5: amount 99999999999999999999999 is too large")
        .contains("Nothing was sent");
    assertThat(admin("/counters").path("endpoints").path("b2c_v3").asInt()).isZero();
    assertThat(daraja(dir.resolve("missing.csv"))).isEqualTo(DarajaCli.EXIT_USAGE);
  }

  @Test
  void failedRowsAreExitCodeThreeAndReported() throws Exception {
    Path file = csv("mixed.csv", "0708374149,100,E-1", "254700002040,100,E-2");
    assertThat(daraja(file, "--type", "business", "--remarks", "Seller payout", "--rate", "50"))
        .isEqualTo(DarajaCli.EXIT_DECLINED);
    assertThat(out.toString()).contains("1 succeeded").contains("1 failed");
    assertThat(Files.readString(dir.resolve("mixed.results.csv"))).contains("2040");
  }

  @Test
  void killedHalfWayItResumesTheSameBatchAndPaysNoOneTwice() throws Exception {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(String.format("2547110000%02d,50,R-%d", i, i));
    }
    Path file = csv("slow.csv", rows.toArray(String[]::new));
    // The first run, in its own JVM, at one row a second: killed with SIGKILL after two rows.
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DarajaCli.class.getName()));
    command.addAll(
        args(
            file,
            "--type",
            "business",
            "--remarks",
            "Seller payout",
            "--rate",
            "1",
            "--result-wait",
            "1s"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("MPESA_"));
    builder.redirectOutput(dir.resolve("first-run.log").toFile());
    Process first = builder.start();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin("/counters").path("endpoints").path("b2c_v3").asInt() >= 2);
    } finally {
      first.destroyForcibly().waitFor();
    }
    int sentBefore = admin("/counters").path("endpoints").path("b2c_v3").asInt();
    assertThat(sentBefore).isLessThan(6);

    int exit = daraja(file, "--type", "business", "--remarks", "Seller payout", "--rate", "50");
    assertThat(exit)
        .as(err.toString() + out + Files.readString(dir.resolve("first-run.log")))
        .isIn(0, DarajaCli.EXIT_UNKNOWN);
    assertThat(out.toString()).contains("Resuming batch");
    for (int i = 0; i < 6; i++) {
      assertThat(paidTo(String.format("2547110000%02d", i))).as("row %d", i + 1).isEqualTo(1);
    }
    assertThat(admin("/counters").path("endpoints").path("b2c_v3").asInt())
        .as("each row sent once")
        .isEqualTo(6);
  }
}
