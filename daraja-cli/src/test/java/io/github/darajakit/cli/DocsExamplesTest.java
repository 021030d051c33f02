package io.github.darajakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.cli.DocExamples.Block;
import io.github.darajakit.cli.DocExamples.Example;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The terminal examples of the guides do what the guides say ({@link DocExamples} has the
 * convention). Each document gets a gateway of its own, started as {@code ./daraja gateway} starts
 * it without credentials (embedded emulator, SQLite, free ports), and its examples run in document
 * order: {@code curl} and other shell commands as real processes ({@code bash -c}), {@code
 * ./daraja} in this JVM with the same environment. The addresses the guides use are this gateway's
 * and emulator's: {@code $GW}, {@code $EMU}, {@code $KEY} (also {@code DARAJA_API_KEY}), and the
 * defaults {@code http://127.0.0.1:8080} (gateway) and {@code http://127.0.0.1:8090} (emulator);
 * {@code $DARAJA_DASHBOARD_PASSWORD} is its dashboard password. {@code export NAME=…} is a value
 * the reader has and the test provides.
 *
 * <p>What happens after an asynchronous step (a callback, a Result, a billing run) is shown by a
 * read: a {@code curl} without a method or body, or a {@code list} or {@code show} command. A read
 * whose output is not yet what the guide shows is asked again for up to {@link #SETTLE}; nothing
 * that changes anything is ever repeated.
 */
class DocsExamplesTest {

  private static final Path REPOSITORY = Path.of("..");

  /** The guides whose examples run here. */
  private static final List<String> GUIDES =
      List.of("README.md", "docs/gateway.md", "docs/payouts.md", "docs/cli.md");

  /** The gateways' dashboard password, in {@code $DARAJA_DASHBOARD_PASSWORD} as a reader has it. */
  private static final String DASHBOARD_PASSWORD = "docs examples password";

  /** How long a shell command may run: the guides' commands answer in a second or two. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

  /** How long an example that reads state is asked again until the state is what it shows. */
  private static final Duration SETTLE = Duration.ofSeconds(15);

  @Test
  void everyCommandBlockOfTheGuidesRunsOrSaysWhyNot() throws IOException {
    List<String> unmarked = new ArrayList<>();
    for (String guide : GUIDES) {
      for (Block block : DocExamples.blocks(REPOSITORY.resolve(guide))) {
        if (block.looksLikeCommands() && !block.runs() && block.notRun().isEmpty()) {
          unmarked.add(guide + " line " + block.line());
        }
      }
    }
    assertThat(unmarked)
        .as(
            "blocks of commands that are neither ```console examples nor marked"
                + " <!-- not-run: reason -->")
        .isEmpty();
  }

  @Test
  void anOutputMatchesWhatItShowsAndLearnsItsIds() {
    Map<String, String> ids = new HashMap<>();
    assertThat(
            DocExamples.matches(
                "{\"id\":\"pay_c8OsKa3ASNM32hyE1HqP3H4T\",\"status\":\"pending\", … }\n",
                "{\"id\":\"pay_0VdAAAAbbbbCCCCddddEEEEf\",\"status\":\"pending\",\"amount\":1}",
                ids))
        .isTrue();
    assertThat(ids).containsEntry("pay_c8OsKa3ASNM32hyE1HqP3H4T", "pay_0VdAAAAbbbbCCCCddddEEEEf");
    assertThat(DocExamples.withLiveIds("curl $GW/v1/payments/pay_c8OsKa3ASNM32hyE1HqP3H4T", ids))
        .isEqualTo("curl $GW/v1/payments/pay_0VdAAAAbbbbCCCCddddEEEEf");
  }

  @Test
  void anOutputThatSaysSomethingElseDoesNotMatch() {
    Map<String, String> ids = new HashMap<>();
    ids.put("pay_c8OsKa3ASNM32hyE1HqP3H4T", "pay_0VdAAAAbbbbCCCCddddEEEEf");
    assertThat(
            DocExamples.matches(
                "{\"id\":\"pay_c8OsKa3ASNM32hyE1HqP3H4T\",\"status\":\"succeeded\", … }",
                "{\"id\":\"pay_0VdAAAAbbbbCCCCddddEEEEf\",\"status\":\"pending\"}",
                ids))
        .as("another status")
        .isFalse();
    assertThat(
            DocExamples.matches(
                "{\"id\":\"pay_c8OsKa3ASNM32hyE1HqP3H4T\", … }",
                "{\"id\":\"pay_0VdZZZZbbbbCCCCddddEEEEf\",\"status\":\"pending\"}",
                ids))
        .as("another payment than the one the document showed before")
        .isFalse();
    assertThat(DocExamples.matches("Paid.\nReceipt: ULIQNGGKCF\n", "Paid.\n", new HashMap<>()))
        .as("a line missing")
        .isFalse();
  }

  static List<String> guides() {
    return GUIDES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guides")
  void theExamplesOfAGuideDoWhatItSays(String guide, @TempDir Path dir) throws Exception {
    Path document = REPOSITORY.resolve(guide);
    List<Block> blocks = DocExamples.blocks(document);
    long examples =
        blocks.stream()
            .filter(Block::runs)
            .mapToLong(b -> DocExamples.examples(document, b).size())
            .sum();
    long notRun = blocks.stream().filter(b -> b.notRun().isPresent()).count();
    System.out.printf(
        "%s: %d examples run, %d blocks of commands marked not-run%n", guide, examples, notRun);
    if (examples == 0) {
      return;
    }
    List<String> failures = new ArrayList<>();
    List<DocExamples.Restart> restarts = new ArrayList<>(DocExamples.restarts(document));
    // Every gateway started, the newest first: "previous" goes back to the one before.
    Deque<RunningGateway> gateways = new ArrayDeque<>();
    gateways.push(new RunningGateway(dir, 1, List.of()));
    try {
      Session session = new Session(gateways.peek(), dir);
      for (Block block : blocks) {
        while (!restarts.isEmpty() && restarts.get(0).line() < block.line()) {
          String settings = restarts.remove(0).settings();
          if (settings.equals("previous")) {
            gateways.pop().close();
          } else {
            gateways.push(
                new RunningGateway(dir, gateways.size() + 1, ShellWords.split(settings, Map.of())));
          }
          session.use(gateways.peek());
        }
        if (block.file().isPresent()) {
          Files.write(dir.resolve(block.file().get()), block.lines(), StandardCharsets.UTF_8);
        }
        if (block.runs()) {
          for (Example example : DocExamples.examples(document, block)) {
            // Later examples may not depend on a failed one: each says what it found.
            session.run(example).ifPresent(failures::add);
          }
        }
      }
    } finally {
      gateways.forEach(RunningGateway::close);
    }
    assertThat(failures).as("examples of %s that do not do what it says", guide).isEmpty();
  }

  /** {@code ./daraja gateway} without credentials, on free ports, in a thread of this JVM. */
  private static final class RunningGateway implements AutoCloseable {
    final StringWriter banner = new StringWriter();
    final Thread thread;
    final String url;
    final String emulatorUrl;
    final String apiKey;

    /**
     * @param dir the examples' folder: its database goes in {@code daraja-data-NUMBER}
     * @param settings {@code NAME=value} variables and command-line options, as {@code ./daraja
     *     gateway} would be given them
     */
    RunningGateway(Path dir, int number, List<String> settings) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("DARAJA_DASHBOARD_PASSWORD", DASHBOARD_PASSWORD);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "gateway",
                  "--port",
                  "0",
                  "--data-dir",
                  dir.resolve("daraja-data-" + number).toString()));
      for (String setting : settings) {
        if (setting.matches("[A-Z_]+=.*")) {
          env.put(
              setting.substring(0, setting.indexOf('=')),
              setting.substring(setting.indexOf('=') + 1));
        } else {
          // A file named in an option is one of the document's, in the example's folder.
          args.add(setting.matches("[\\w.-]+\\.json") ? dir.resolve(setting).toString() : setting);
        }
      }
      thread =
          new Thread(
              () ->
                  DarajaCli.run(
                      env,
                      new PrintWriter(banner, true),
                      new PrintWriter(banner, true),
                      args.toArray(String[]::new)));
      thread.start();
      url = printed("gateway listening on (http://127\\.0\\.0\\.1:\\d+)");
      emulatorUrl = printed("EMBEDDED EMULATOR at (http://127\\.0\\.0\\.1:\\d+)");
      printed("(Press Ctrl-C to stop)");
      apiKey =
          env.containsKey("DARAJA_API_KEY")
              ? env.get("DARAJA_API_KEY").split(",")[0]
              : printed("API key +(dk_\\S+)");
    }

    private String printed(String pattern) {
      return Printed.await(banner, pattern, Duration.ofSeconds(60));
    }

    @Override
    public void close() {
      thread.interrupt();
      try {
        thread.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A reader's terminal: its variables, its folder, and the ids learnt from outputs so far. */
  private static final class Session {
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, String> ids = new HashMap<>();
    private final Path dir;
    private int lastExit;

    Session(RunningGateway gateway, Path dir) {
      this.dir = dir;
      use(gateway);
    }

    /** The addresses and key of this gateway, from now on. */
    void use(RunningGateway gateway) {
      env.put("GW", gateway.url);
      env.put("EMU", gateway.emulatorUrl);
      env.put("KEY", gateway.apiKey);
      env.put("DARAJA_API_KEY", gateway.apiKey);
      env.put("DARAJA_GATEWAY_URL", gateway.url);
      env.put("MPESA_BASE_URL", gateway.emulatorUrl);
      env.put("DARAJA_DASHBOARD_PASSWORD", DASHBOARD_PASSWORD);
      addresses.put("http://127.0.0.1:8080", gateway.url);
      addresses.put("http://127.0.0.1:8090", gateway.emulatorUrl);
      // The embedded emulator's address in gateway.md's banner, a standalone one's in cli.md.
      addresses.put("http://127.0.0.1:37393", gateway.emulatorUrl);
      addresses.put("http://127.0.0.1:18111", gateway.emulatorUrl);
    }

    private String live(String text) {
      String live = DocExamples.withLiveIds(text, ids);
      for (Map.Entry<String, String> address : addresses.entrySet()) {
        live = live.replace(address.getKey(), address.getValue());
      }
      return live;
    }

    /** Runs the example: empty if it printed what the document shows, else what went wrong. */
    Optional<String> run(Example example) throws Exception {
      String command = live(example.command());
      String expected = live(example.expected());
      boolean readsOnly = isRead(command);
      long deadline = System.nanoTime() + SETTLE.toNanos();
      String output;
      while (true) {
        output = execute(command);
        if (DocExamples.matches(expected, output, ids)) {
          return Optional.empty();
        }
        // State the example shows after an asynchronous step (a callback) is asked for again.
        if (!readsOnly || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(250);
      }
      return Optional.of(
          example.document()
              + " line "
              + example.line()
              + ": $ "
              + command
              + "\nexpected (whitespace aside, … for anything):\n"
              + expected
              + "\nbut it printed:\n"
              + output
              + "\n");
    }

    /** A {@code curl} that only reads (no method, no body), or a command's list or show. */
    private static boolean isRead(String command) {
      if (DARAJA.matcher(command).lookingAt()) {
        return command.matches(".*daraja \\w+ (list|show) .*");
      }
      return command.startsWith("curl ")
          && !command.contains(" -X ")
          && !command.contains(" -d ")
          && !command.contains(" --data");
    }

    private String execute(String command) throws Exception {
      Matcher export = Pattern.compile("export (\\w+)=(\\S+)(\\s+#.*)?").matcher(command);
      if (export.matches()) {
        // "…" is a value the reader has and the test provides (an API key).
        if (!export.group(2).equals("…")) {
          env.put(export.group(1), ShellWords.expand(export.group(2), env));
        }
        lastExit = 0;
        return "";
      }
      Matcher assignment = Pattern.compile("([A-Za-z_]\\w*)=(\\$\\(.*\\)|\\S+)").matcher(command);
      if (assignment.matches()) {
        // A variable set from a command's output, for the commands after it.
        String name = assignment.group(1);
        String value = bash(command + "; printf '%s' \"$" + name + "\"");
        env.put(name, value);
        return "";
      }
      if (!DARAJA.matcher(command).lookingAt()) {
        return bash(command.replace("$?", Integer.toString(lastExit)));
      }
      List<String> words = ShellWords.split(command, env);
      Map<String, String> variables = new LinkedHashMap<>(env);
      int i = 0;
      while (i < words.size() && words.get(i).matches("\\w+=.*")) {
        String[] pair = words.get(i++).split("=", 2);
        variables.put(pair[0], pair[1]);
      }
      if (hasShellSyntax(command)) {
        throw new IllegalStateException("./daraja runs in this JVM, without a shell: " + command);
      }
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      lastExit =
          DarajaCli.run(
              variables,
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              words.subList(i + 1, words.size()).stream()
                  // A file the examples made is in their folder, not this JVM's.
                  .map(
                      w ->
                          !w.isEmpty() && Files.isRegularFile(dir.resolve(w))
                              ? dir.resolve(w).toString()
                              : w)
                  .toArray(String[]::new));
      return out + err.toString();
    }

    private String bash(String command) throws Exception {
      Path output = Files.createTempFile(dir, "output", ".txt");
      ProcessBuilder shell =
          new ProcessBuilder("bash", "-c", command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      shell.environment().putAll(env);
      Process process = shell.start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return Files.readString(output)
            + "\n(still running after "
            + COMMAND_TIMEOUT.toSeconds()
            + " s: stopped)";
      }
      lastExit = process.exitValue();
      return Files.readString(output);
    }

    /** {@code ./daraja} or {@code daraja}, after variables set for it alone. */
    private static final Pattern DARAJA = Pattern.compile("(\\w+=\\S*\\s+)*(\\./)?daraja(\\s|$)");

    /** Pipes, redirections, lists and command substitution: bash's business, not ours. */
    private static boolean hasShellSyntax(String command) {
      return Pattern.compile("(^|\\s)(\\||>|<|;|&&|\\|\\|)(\\s|$)").matcher(command).find()
          || command.contains("$(");
    }
  }
}
