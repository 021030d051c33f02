package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** A one-line progress bar for a payout batch, redrawn in place. */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private String last = "";

  ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Redraws the bar for the batch as it stands, if anything changed. */
  void draw(JsonNode batch) {
    if (!enabled) {
      return;
    }
    JsonNode p = batch.path("progress");
    long total = Math.max(1, batch.path("item_count").asLong());
    long succeeded = p.path("succeeded").path("count").asLong();
    long failed = p.path("failed").path("count").asLong();
    long unknown = p.path("unknown").path("count").asLong();
    long cancelled = p.path("cancelled").path("count").asLong();
    long sent = p.path("sent").path("count").asLong() + succeeded + failed + unknown;
    long settled = succeeded + failed + unknown + cancelled;
    int filled = (int) (WIDTH * settled / total);
    String line =
        String.format(
            "[%s%s] %d/%d settled · %d sent · %d ok · %d failed · %d unknown · KES %,d paid",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            settled,
            total,
            sent,
            succeeded,
            failed,
            unknown,
            p.path("succeeded").path("amount").asLong());
    if (!line.equals(last)) {
      err.print("\r" + line);
      err.flush();
      last = line;
    }
  }

  /** Ends the line. */
  void done() {
    if (enabled && !last.isEmpty()) {
      err.println();
      err.flush();
    }
  }
}
