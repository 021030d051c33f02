package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmulatorCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new DarajaCli());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpListsTheEmulatorCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("emulator");
  }

  @Test
  void missingConfigFileIsAUsageErrorNamingTheFile() {
    assertThat(run("emulator", "--port", "0", "--config", "/no/such/file.json"))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("/no/such/file.json").contains("no such file");
  }

  @Test
  void badConfigKeyIsAUsageErrorNamingTheKey(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("emulator.json"), "{\"stk\":{\"nope\":true}}");
    assertThat(run("emulator", "--port", "0", "--config", config.toString()))
        .isEqualTo(DarajaCli.EXIT_USAGE);
    assertThat(err.toString()).contains("stk.nope");
  }

  @Test
  void busyPortFailsWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThat(run("emulator", "--port", String.valueOf(taken.getLocalPort())))
          .isEqualTo(DarajaCli.EXIT_FAILURE);
      assertThat(err.toString()).contains("cannot start the emulator");
    }
  }

  @Test
  void servesUntilInterruptedAndPrintsWhereEverythingIs() throws Exception {
    AtomicInteger exit = new AtomicInteger(-1);
    Thread thread = new Thread(() -> exit.set(run("emulator", "--port", "0")));
    thread.start();
    String baseUrl =
        Printed.await(out, "listening on (http://127\\.0\\.0\\.1:\\d+)", Duration.ofSeconds(20));
    assertThat(out.toString())
        .contains("174379")
        .contains("254708374149")
        .contains("testapi")
        .contains(baseUrl + "/__admin/scenarios");
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");

    thread.interrupt();
    thread.join(10_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(exit.get()).isNotZero();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    assertThat(canConnect(client, baseUrl)).as("the emulator stops with the command").isFalse();
  }

  private static boolean canConnect(HttpClient client, String baseUrl) {
    try {
      client.send(
          HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/health")).build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
