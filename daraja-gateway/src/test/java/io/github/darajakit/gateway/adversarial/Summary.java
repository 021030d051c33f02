package io.github.darajakit.gateway.adversarial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run did and what the oracle found, printed and written to a file under {@code
 * target/adversarial/}: the seed to replay it, operations by kind, crashes, injected faults, forged
 * and replayed callbacks, resubmissions, batch rows, and the oracle's counts.
 */
final class Summary {

  private final String text;
  private final boolean passed;
  private final Oracle.Verdict verdict;

  Summary(
      RunSettings settings,
      AdversarialRun.Store store,
      int instances,
      int operations,
      Tally tally,
      int crashes,
      List<Duration> starts,
      Oracle.Verdict verdict,
      String stillOpen,
      List<String> harnessErrors,
      Duration startUp,
      Duration operating,
      Duration settling,
      Duration judging) {
    this.verdict = verdict;
    this.passed = verdict.passed() && harnessErrors.isEmpty();
    StringBuilder out = new StringBuilder();
    line(out, "DarajaKit adversarial run: %s, %d gateway instance(s)", store, instances);
    line(
        out,
        "seed %d; replay with: %s -Dadversarial.store=%s%s",
        settings.seed(),
        settings.replay(),
        store.name().toLowerCase(Locale.ROOT),
        store == AdversarialRun.Store.POSTGRESQL
            ? " -Dadversarial.instances.postgresql=" + instances
            : "");
    line(
        out,
        "time: %s start-up, %s operations, %s settling%s, %s judging",
        seconds(startUp),
        seconds(operating),
        seconds(settling),
        stillOpen.isEmpty() ? "" : " (gave up waiting, e.g. for " + stillOpen + ")",
        seconds(judging));
    line(out, "");
    line(out, "operations: %d — %s", operations, tally.line("operations"));
    line(out, "milliseconds spent per kind: %s", tally.line("operation milliseconds"));
    line(out, "crashes (kill -9, restart on the same database): %d", crashes);
    line(
        out,
        "instance starts: %d, %s to %s each",
        starts.size(),
        seconds(starts.stream().min(Duration::compareTo).orElse(Duration.ZERO)),
        seconds(starts.stream().max(Duration::compareTo).orElse(Duration.ZERO)));
    line(out, "merchant answers: %s", tally.line("answers"));
    line(out, "gateway 5xx answers: %s", tally.line("server errors"));
    line(out, "requests with no answer: %s", tally.line("no answer"));
    line(out, "creates never answered: %s", tally.line("creates never answered"));
    line(out, "retries with the same Idempotency-Key: %s", tally.line("retries"));
    line(out, "resubmissions: %s", tally.line("resubmits"));
    line(out, "batches: %s", tally.line("batches"));
    line(out, "reversals: %s", tally.line("reversals"));
    line(out, "C2B payments by customers: %s", tally.line("c2b payments"));
    line(out, "fault changes: %s", tally.line("fault changes"));
    line(out, "injected faults: %s", tally.line("injected faults"));
    line(out, "money-moving requests on the wire: %s", tally.line("money-moving requests"));
    line(
        out,
        "forged callbacks: %d — %s",
        tally.total("forged callbacks"),
        tally.line("forged callbacks"));
    line(out, "replayed callbacks: %s", tally.line("replayed callbacks"));
    line(out, "callbacks posted: %s", tally.line("callbacks"));
    line(out, "callback outcomes stored: %s", tally.line("callback outcomes"));
    line(out, "ledger entries: %s", tally.line("ledger"));
    line(out, "gateway records: %s", tally.line("gateway records"));
    line(out, "");
    line(out, "oracle (each must be 0):");
    verdict.violations.forEach((name, count) -> line(out, "  %-70s %d", name, count));
    verdict.observations.forEach((name, count) -> line(out, "  (%s: %d)", name, count));
    for (Map.Entry<String, List<String>> examples : verdict.examples.entrySet()) {
      line(out, "");
      line(out, "%s, e.g.:", examples.getKey());
      examples.getValue().forEach(example -> line(out, "  - %s", example));
    }
    if (!harnessErrors.isEmpty()) {
      line(out, "");
      line(
          out,
          "harness errors (the harness failed, not necessarily a gateway): %d",
          harnessErrors.size());
      harnessErrors.stream().limit(10).forEach(error -> line(out, "  - %s", error));
    }
    line(out, "");
    line(out, passed ? "PASSED" : "FAILED (seed %d)", settings.seed());
    this.text = out.toString();
  }

  boolean passed() {
    return passed;
  }

  Oracle.Verdict verdict() {
    return verdict;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Prints the summary and writes it to {@code file}. */
  void print(Path file) {
    System.out.println(text);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("summary written to " + file.toAbsolutePath());
  }

  private static void line(StringBuilder out, String format, Object... values) {
    out.append(String.format(Locale.ROOT, format, values)).append('\n');
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
