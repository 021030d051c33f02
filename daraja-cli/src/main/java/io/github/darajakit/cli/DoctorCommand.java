package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.cli.doctor.CheckResult;
import io.github.darajakit.cli.doctor.Doctor;
import io.github.darajakit.cli.doctor.DoctorContext;
import io.github.darajakit.cli.doctor.Finding;
import io.github.darajakit.cli.doctor.Sizes;
import io.github.darajakit.cli.doctor.Status;
import io.github.darajakit.gateway.GatewayConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daraja doctor}: the go-live checklist, run against the environment as configured. Prints
 * ✓, ✗ or ⚠ per check with the fix for each ✗, or JSON for CI; exits 1 when any check fails.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    header = "Checks the configured environment is ready for real money (moves none).",
    description = {
      "Runs the go-live checklist against the environment as configured (MPESA_*,",
      "DARAJA_*, and the gateway's settings: --config, --data-dir, --db, as",
      "`daraja gateway` reads them): credentials give a token, the clock agrees with",
      "Daraja's, the SecurityCredential's certificate fits the environment and the",
      "credential decrypts (the emulator can tell), the shortcodes exist and fit",
      "their APIs, callback URLs are https, public and free of refused words, C2B URLs",
      "are registered, the database takes writes and is backed up.",
      "",
      "Prints ✓ pass, ✗ fail (with the fix), ⚠ could not check, - skipped; exits 1",
      "when a check fails. Against the emulator, checks that only matter for",
      "production say so and skip. Secrets are never printed. Moves no money.",
      "",
      "Examples:",
      "  daraja doctor",
      "  MPESA_ENV=production daraja doctor --config gateway.json --backup /backups",
      "  daraja doctor --no-gateway --url https://shop.example.co.ke/payments/result --json"
    })
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin DarajaOptions daraja;
  @Mixin GatewayConfigOptions gatewayConfig;
  @Mixin Output output;

  @Option(
      names = "--no-gateway",
      description =
          "You use only the SDK: leave out the gateway's callback URLs, C2B settings and database.")
  boolean noGateway;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Another callback URL to check (CallBackURL, ResultURL, QueueTimeOutURL, confirmation,"
              + " validation); repeatable.")
  List<String> urls = new ArrayList<>();

  @Option(
      names = "--max-clock-skew",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description = "Most the clock may differ from Daraja's (default: ${DEFAULT-VALUE}).")
  String maxClockSkew;

  @Option(
      names = "--min-free-space",
      paramLabel = "SIZE",
      defaultValue = "1GB",
      description = "Least free disk beside an SQLite database (default: ${DEFAULT-VALUE}).")
  String minFreeSpace;

  @Option(
      names = "--backup",
      paramLabel = "PATH",
      description = "Where the database's backups land (a directory or a file).")
  Path backup;

  @Option(
      names = "--backup-max-age",
      paramLabel = "DURATION",
      defaultValue = "26h",
      description = "Oldest the newest backup may be (default: ${DEFAULT-VALUE}).")
  String backupMaxAge;

  private static final List<String> INITIATOR_VARIABLES =
      List.of(
          "MPESA_INITIATOR_NAME",
          "MPESA_INITIATOR_PASSWORD",
          "MPESA_SECURITY_CREDENTIAL",
          "MPESA_CERTIFICATE");

  private final Map<String, String> env;

  DoctorCommand() {
    this(System.getenv());
  }

  DoctorCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    long minFree;
    try {
      minFree = Sizes.parse(minFreeSpace);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--min-free-space: " + e.getMessage());
    }
    GatewayConfig gateway = null;
    if (!noGateway) {
      try {
        gateway = gatewayConfig.builder(env).build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    String environment = daraja.environment();
    // The initiator settings have checks of their own: a wrong certificate must not hide whether
    // the keys get a token, nor stop the shortcodes being looked up.
    Map<String, String> withoutInitiator = new HashMap<>(env);
    INITIATOR_VARIABLES.forEach(withoutInitiator::remove);
    DarajaOptions forQueries = daraja.over(withoutInitiator);
    List<CheckResult> results;
    try (DoctorContext context =
        DoctorContext.builder(environment, daraja.baseUrl(), env)
            .clients(forQueries::client)
            .emulatorCertificate(daraja::emulatorCertificate)
            .gateway(gateway)
            .maxClockSkew(ResultOptions.duration("--max-clock-skew", maxClockSkew))
            .minFreeBytes(minFree)
            .backup(backup, ResultOptions.duration("--backup-max-age", backupMaxAge))
            .urls(urls)
            .build()) {
      results = Doctor.standard().run(context);
      print(context, results);
    }
    boolean failed = results.stream().anyMatch(r -> r.status() == Status.FAIL);
    return failed ? DarajaCli.EXIT_FAILURE : 0;
  }

  private void print(DoctorContext context, List<CheckResult> results) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    results.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    ObjectNode data = Output.object();
    data.put("environment", context.environment()).put("base_url", context.baseUrl());
    ArrayNode checks = data.putArray("checks");
    StringBuilder text = new StringBuilder();
    text.append("daraja doctor: ")
        .append(context.environment())
        .append(" at ")
        .append(context.baseUrl())
        .append("\n\n");
    for (CheckResult r : results) {
      Finding f = r.finding();
      ObjectNode check = checks.addObject();
      check
          .put("id", r.id())
          .put("title", r.title())
          .put("status", r.status().name().toLowerCase(Locale.ROOT))
          .put("message", f.message())
          .put("fix", f.fix());
      text.append(symbol(r.status()))
          .append(' ')
          .append(r.title())
          .append(" [")
          .append(r.id())
          .append("]\n    ")
          .append(f.message())
          .append('\n');
      if (f.fix() != null && (r.status() == Status.FAIL || r.status() == Status.WARN)) {
        text.append("    fix: ").append(f.fix()).append('\n');
      }
    }
    ObjectNode summary = data.putObject("summary");
    counts.forEach((s, n) -> summary.put(s.name().toLowerCase(Locale.ROOT), n));
    data.put("ok", counts.get(Status.FAIL) == 0);
    text.append('\n')
        .append(counts.get(Status.PASS))
        .append(" passed, ")
        .append(counts.get(Status.FAIL))
        .append(" failed, ")
        .append(counts.get(Status.WARN))
        .append(" could not check, ")
        .append(counts.get(Status.SKIP))
        .append(" skipped");
    PrintWriter out = spec.commandLine().getOut();
    output.print(out, data, text.toString());
  }

  private static String symbol(Status status) {
    return switch (status) {
      case PASS -> "✓";
      case FAIL -> "✗";
      case WARN -> "⚠";
      case SKIP -> "-";
    };
  }
}
