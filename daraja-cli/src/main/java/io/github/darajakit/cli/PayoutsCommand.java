package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.GatewayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code daraja payouts run FILE.csv}: pays a file of payouts, exactly once; {@code approve} and
 * {@code reject} decide on a payout the gateway's checks before sending held.
 */
@Command(
    name = "payouts",
    mixinStandardHelpOptions = true,
    description = "Pay many customers from a CSV file; approve or reject held payouts.",
    subcommands = {
      PayoutsCommand.Run.class,
      PayoutsCommand.Approve.class,
      PayoutsCommand.Reject.class
    })
final class PayoutsCommand {

  /** A person's decision on a held payout: {@code POST /v1/payouts/{id}/approve|reject}. */
  abstract static class Decision extends SubscriptionsCommand.GatewayCall {
    @Parameters(paramLabel = "ID", description = "The held payout, po_….")
    String id;

    /** Sends the decision and prints "Payout po_… {@code done} (now {@code status})." */
    Integer decide(Gateway gw, String action, String done) {
      JsonNode payout =
          gw.post(
              BillingText.objectPath("payouts", "a payout", "po_", id) + "/" + action,
              null,
              "cli-" + UUID.randomUUID());
      print(
          payout,
          "Payout "
              + payout.path("id").asText()
              + " "
              + done
              + " (now "
              + payout.path("status").asText()
              + ").");
      return 0;
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = {
        "Approves a payout the gateway's checks before sending held (payouts.simSwapGuard,",
        "payouts.nameCheck) and sends it, once. Only an API key other than the one that",
        "created the payout may approve it: put the checker's key first in DARAJA_API_KEY.",
        "",
        "Example:",
        "  DARAJA_API_KEY=$CHECKER_KEY daraja payouts approve po_…"
      })
  static final class Approve extends Decision {
    @Override
    Integer call(Gateway gw) {
      return decide(gw, "approve", "approved and sent");
    }
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = {
        "Rejects a payout the gateway's checks before sending held: it is cancelled and never",
        "sent.",
        "",
        "Example:",
        "  daraja payouts reject po_…"
      })
  static final class Reject extends Decision {
    @Override
    Integer call(Gateway gw) {
      return decide(gw, "reject", "rejected");
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Pays every row of a CSV file (header: phone,amount and optionally type, remarks,",
        "occasion, reference) as one gateway payout batch: every row is checked first and",
        "nothing is sent unless all are valid; then rows go out at --rate a second with a",
        "progress bar, and a result CSV is written at the end.",
        "",
        "Stop it (Ctrl-C) or lose the machine at any moment: running the same command on the",
        "same file again resumes the batch, and no one is paid twice. A file already paid is",
        "refused unless --again is given.",
        "",
        "The batch runs in a gateway embedded in this command (SQLite in --data-dir), or in a",
        "running one with --gateway and DARAJA_API_KEY.",
        "",
        "Example:",
        "  daraja payouts run payroll.csv --type salary --remarks 'November salary' --rate 20"
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DarajaOptions daraja;
    @Mixin Output output;

    @Parameters(paramLabel = "FILE.csv", description = "The payouts.")
    Path file;

    @Option(names = "--type", description = "business, salary or promotion, for rows without one.")
    String type;

    @Option(names = "--remarks", description = "Remarks for rows without them (2–100 characters).")
    String remarks;

    @Option(
        names = "--rate",
        defaultValue = "10",
        description = "Rows sent a second at most (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        names = "--results",
        paramLabel = "FILE",
        description = "Where to write the result CSV (default: FILE.results.csv).")
    Path results;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        defaultValue = "daraja-data",
        description = "Where the embedded gateway keeps its database (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
        names = "--gateway",
        paramLabel = "URL",
        description = "Run the batch in this gateway instead (its API key in DARAJA_API_KEY).")
    String gateway;

    @Option(
        names = "--public-url",
        paramLabel = "URL",
        description =
            "Against Daraja: the https address that reaches the embedded gateway (DARAJA_PUBLIC_URL)"
                + ", where Daraja posts the Results.")
    String publicUrl;

    @Option(
        names = "--port",
        defaultValue = "0",
        description = "The embedded gateway's port (default: a free one).")
    int port;

    @Option(
        names = "--result-wait",
        paramLabel = "DURATION",
        defaultValue = "2m",
        description =
            "How long a row's Result is awaited before the embedded gateway asks Transaction Status"
                + " about it (default: ${DEFAULT-VALUE}).")
    String resultWait;

    @Option(names = "--again", description = "Pay a file that was already paid, once more.")
    boolean again;

    @Option(
        names = "--yes",
        description = "Do not ask before sending (it is asked only at a terminal).")
    boolean yes;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new UsageException(file + ": no such file");
      }
      if (rate < 1 || rate > 10_000) {
        throw new UsageException("--rate must be 1 to 10000 rows a second; got " + rate);
      }
      byte[] csv = Files.readAllBytes(file);
      String fingerprint = sha256(csv);
      Path report = results != null ? results : resultsFile(file);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (Gateway gw = gateway != null ? Gateway.remote(gateway, apiKey()) : embedded()) {
        String description = "payouts run " + file.getFileName() + " sha256:" + fingerprint;
        JsonNode batch = gw.findBatch(description);
        if (batch != null && batch.path("status").asText().equals("completed") && !again) {
          throw new UsageException(
              file
                  + " was paid already, in batch "
                  + batch.path("id").asText()
                  + " (completed "
                  + batch.path("completed_at").asText()
                  + "). To pay it once more, give --again.");
        }
        if (batch == null || (again && batch.path("status").asText().equals("completed"))) {
          batch =
              gw.createBatch(
                  csv,
                  description,
                  type,
                  remarks,
                  again ? "again-" + System.currentTimeMillis() : fingerprint,
                  err);
          if (batch == null) {
            return DarajaCli.EXIT_USAGE;
          }
          if (!output.json) {
            out.printf(
                "%s: %d payouts, KES %,d in total (batch %s).%n",
                file.getFileName(),
                batch.path("item_count").asInt(),
                batch.path("total_amount").asLong(),
                batch.path("id").asText());
          }
        } else if (!output.json) {
          out.printf("Resuming batch %s (%s).%n", batch.path("id").asText(), file.getFileName());
        }
        String id = batch.path("id").asText();
        if (batch.path("status").asText().equals("awaiting_confirmation")) {
          if (!yes && !confirmedAtTerminal(batch)) {
            gw.post("/v1/payout-batches/" + id + "/cancel", "cancel-" + id);
            err.println("Not sent: batch " + id + " cancelled.");
            return DarajaCli.EXIT_USAGE;
          }
          batch = gw.post("/v1/payout-batches/" + id + "/confirm", "confirm-" + id);
        }
        Thread interrupted =
            new Thread(
                () ->
                    err.println(
                        "\nStopped. Nothing is paid twice: run the same command again to resume"
                            + " batch "
                            + id
                            + "."));
        Runtime.getRuntime().addShutdownHook(interrupted);
        try {
          batch = follow(gw, id, err);
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(interrupted);
          } catch (IllegalStateException exiting) {
            // the JVM is exiting: the message is on its way
          }
        }
        String status = batch.path("status").asText();
        byte[] reportCsv =
            gw.get("/v1/payout-batches/" + id + "/items?format=csv")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(report, reportCsv);
        JsonNode progress = batch.path("progress");
        long succeeded = progress.path("succeeded").path("count").asLong();
        long failed = progress.path("failed").path("count").asLong();
        long unknown = progress.path("unknown").path("count").asLong();
        long held = progress.path("held").path("count").asLong();
        var data = Output.object();
        data.put("batch_id", id).put("status", status).put("results", report.toString());
        data.set("progress", progress);
        output.print(
            out,
            data,
            String.format(
                    "Batch %s %s: %d succeeded (KES %,d), %d failed, %d unknown.%nResults: %s",
                    id,
                    status,
                    succeeded,
                    progress.path("succeeded").path("amount").asLong(),
                    failed,
                    unknown,
                    report)
                + (unknown > 0
                    ? "\nUnknown payouts may have been paid: they are never sent again; the"
                        + " gateway keeps asking M-Pesa about them."
                    : "")
                + (held > 0 ? "\n" + held + " held, waiting for approval or rejection." : ""));
        if (unknown == 0 && held > 0) {
          return DarajaCli.EXIT_DECLINED; // not sent, nothing moved: a person decides
        }
        if (unknown > 0 || !status.equals("completed")) {
          return DarajaCli.EXIT_UNKNOWN;
        }
        return failed > 0 ? DarajaCli.EXIT_DECLINED : 0;
      }
    }

    /** Polls the batch until it is completed or cancelled, drawing progress on stderr. */
    private JsonNode follow(Gateway gw, String id, PrintWriter err) throws InterruptedException {
      ProgressBar bar = new ProgressBar(err, !output.json);
      while (true) {
        JsonNode batch = gw.json(gw.get("/v1/payout-batches/" + id));
        bar.draw(batch);
        String status = batch.path("status").asText();
        if (status.equals("completed") || status.equals("cancelled")) {
          bar.done();
          return batch;
        }
        if (status.equals("paused")) {
          bar.done();
          err.println(
              "The batch is paused: resume it (POST /v1/payout-batches/"
                  + id
                  + "/resume)"
                  + " and run this command again.");
          return batch;
        }
        long held = batch.at("/progress/held/count").asLong();
        if (held > 0 && held == stillOpen(batch.path("progress"))) {
          // Only a person can move the rest: waiting here would wait forever.
          bar.done();
          err.println(
              held
                  + " row(s) held by the gateway's checks before sending wait for another API"
                  + " key's decision: 'daraja payouts approve|reject po_…' (ids in GET"
                  + " /v1/payout-batches/"
                  + id
                  + "/items?format=csv). The gateway completes the batch once they are decided;"
                  + " that report then has every row's result.");
          return batch;
        }
        TimeUnit.MILLISECONDS.sleep(250);
      }
    }

    /** Rows not settled yet: waiting to be sent, held, being sent, or awaiting their Result. */
    private static long stillOpen(JsonNode progress) {
      long open = 0;
      for (String state : new String[] {"queued", "held", "sending", "sent"}) {
        open += progress.path(state).path("count").asLong();
      }
      return open;
    }

    /** Asks at a terminal before paying; without one (scripts, tests) it goes ahead. */
    private boolean confirmedAtTerminal(JsonNode batch) {
      java.io.Console console = System.console();
      if (console == null) {
        return true;
      }
      String answer =
          console.readLine(
              "Pay %d payouts, KES %,d in total? [y/N] ",
              batch.path("item_count").asInt(), batch.path("total_amount").asLong());
      return answer != null && answer.trim().equalsIgnoreCase("y");
    }

    private String apiKey() {
      String key = daraja.variable("DARAJA_API_KEY", null);
      if (key == null) {
        throw new UsageException("--gateway needs the gateway's API key in DARAJA_API_KEY");
      }
      return key.split(",")[0].trim();
    }

    /** A gateway in this process, on the chosen Daraja, keeping its state in --data-dir. */
    private Gateway embedded() throws IOException {
      if (!daraja.isEmulator()
          && publicUrl == null
          && daraja.variable("DARAJA_PUBLIC_URL", null) == null) {
        throw new UsageException(
            "Daraja posts each payout's Result to the gateway: give --public-url (an https address"
                + " that reaches --port), or run the batch in a deployed gateway with --gateway");
      }
      String shortCode =
          daraja.variable("MPESA_B2C_SHORTCODE", daraja.isEmulator() ? Sandbox.SHORTCODE_2 : null);
      if (shortCode == null) {
        throw new UsageException("set MPESA_B2C_SHORTCODE: the shortcode that pays");
      }
      Files.createDirectories(dataDir);
      // The embedded gateway's start-up and housekeeping lines are not this command's output;
      // its warnings (a lost answer, a payout needing a person) still show.
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.github.darajakit"))
          .setLevel(ch.qos.logback.classic.Level.WARN);
      String key = "dk_cli_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      GatewayConfig.Builder config =
          GatewayConfig.builder(
                  "jdbc:sqlite:" + dataDir.resolve("payouts.db").toAbsolutePath().normalize())
              .host("127.0.0.1")
              .port(port)
              .apiKey(key)
              .payoutShortCode(shortCode)
              .payoutRatePerSecond(rate)
              .payoutResultWait(ResultOptions.duration("--result-wait", resultWait));
      String url = publicUrl != null ? publicUrl : daraja.variable("DARAJA_PUBLIC_URL", null);
      if (url != null) {
        config.publicUrl(url);
      }
      DarajaClient client = daraja.client();
      DarajaGateway started;
      try {
        started = DarajaGateway.builder().config(config.build()).daraja(client).start();
      } catch (RuntimeException e) {
        client.close();
        throw new CommandException("could not start the embedded gateway: " + e.getMessage());
      }
      return new Gateway(started.baseUrl(), key, started, client);
    }

    static Path resultsFile(Path csv) {
      String name = csv.getFileName().toString();
      String stem =
          name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
              ? name.substring(0, name.length() - 4)
              : name;
      return csv.resolveSibling(stem + ".results.csv");
    }

    private static String sha256(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A gateway spoken to over its merchant API: the one a batch runs in, or any running one. */
  static final class Gateway implements AutoCloseable {
    private final String baseUrl;
    private final String apiKey;
    private final DarajaGateway embedded;
    private final DarajaClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    Gateway(String baseUrl, String apiKey, DarajaGateway embedded, DarajaClient client) {
      this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
      this.apiKey = apiKey;
      this.embedded = embedded;
      this.client = client;
    }

    static Gateway remote(String url, String apiKey) {
      return new Gateway(url, apiKey, null, null);
    }

    /** The batch made from this file before, if the gateway has one. */
    JsonNode findBatch(String description) {
      String after = null;
      while (true) {
        JsonNode page =
            json(
                get(
                    "/v1/payout-batches?limit=100"
                        + (after == null ? "" : "&starting_after=" + after)));
        for (JsonNode batch : page.path("data")) {
          if (description.equals(batch.path("description").asText())
              && !batch.path("status").asText().equals("cancelled")) {
            return batch;
          }
          after = batch.path("id").asText();
        }
        if (!page.path("has_more").asBoolean()) {
          return null;
        }
      }
    }

    /** Creates the batch, or prints every invalid row and returns null. */
    JsonNode createBatch(
        byte[] csv, String description, String type, String remarks, String key, PrintWriter err) {
      StringBuilder query = new StringBuilder("?description=" + encode(description));
      if (type != null) {
        query.append("&type=").append(encode(type));
      }
      if (remarks != null) {
        query.append("&remarks=").append(encode(remarks));
      }
      HttpResponse<String> reply =
          send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/v1/payout-batches" + query))
                  .header("Content-Type", "text/csv")
                  .header("Idempotency-Key", "payouts-run-" + key)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
      JsonNode body = json(reply.body());
      if (reply.statusCode() == 400) {
        JsonNode error = body.path("error");
        err.println(
            "daraja payouts run: "
                + error.path("rows").size()
                + " invalid row(s). Nothing was sent: fix the file and run the command again.");
        for (JsonNode row : error.path("rows")) {
          err.println("  row " + row.path("row").asInt() + ": " + row.path("message").asText());
        }
        return null;
      }
      check(reply, body);
      return body;
    }

    JsonNode post(String path, String idempotencyKey) {
      return post(path, null, idempotencyKey);
    }

    /** POSTs {@code body} as JSON (none when null); an answer other than 2xx is thrown. */
    JsonNode post(String path, JsonNode body, String idempotencyKey) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Idempotency-Key", idempotencyKey);
      if (body == null) {
        request.POST(HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      }
      HttpResponse<String> reply = send(request);
      JsonNode answer = json(reply.body());
      check(reply, answer);
      return answer;
    }

    String get(String path) {
      HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
      if (reply.statusCode() != 200) {
        check(reply, json(reply.body()));
      }
      return reply.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return http.send(
            request
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new CommandException(
            "the gateway at "
                + baseUrl
                + " did not answer: "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandException("interrupted");
      }
    }

    /**
     * Throws a 4xx answer as bad input (exit 2), naming the field the API blamed, and anything else
     * that is not 2xx as a failure (exit 1).
     */
    private static void check(HttpResponse<String> reply, JsonNode body) {
      if (reply.statusCode() >= 300) {
        String message = body.path("error").path("message").asText(reply.body());
        String field = body.path("error").path("param").asText("");
        if (!field.isEmpty() && !message.startsWith(field + ": ")) {
          message = field + ": " + message;
        }
        int status = reply.statusCode();
        // 422: an Idempotency-Key already used for another request; the input to change.
        if (status == 409 || status == 400 || status == 404 || status == 422) {
          throw new UsageException(message);
        }
        if (status == 401) {
          throw new CommandException(
              "the gateway refused the API key in DARAJA_API_KEY (HTTP 401): " + message);
        }
        throw new CommandException(
            "the gateway answered HTTP " + reply.statusCode() + ": " + message);
      }
    }

    JsonNode json(String text) {
      try {
        return Output.JSON.readTree(text);
      } catch (IOException e) {
        throw new CommandException("the gateway's answer is not JSON: " + text);
      }
    }

    static String encode(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
      if (client != null) {
        client.close();
      }
    }
  }
}
