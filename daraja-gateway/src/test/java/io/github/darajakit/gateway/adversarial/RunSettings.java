package io.github.darajakit.gateway.adversarial;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;

/**
 * How big a run is. The defaults are the bounded form that runs in every {@code ./mvnw verify};
 * each can be changed with a system property {@code adversarial.<name>} (the long form's script and
 * the {@code adversarial-long} Maven profile set them).
 *
 * @param seed the seed of the operation sequence, the fault schedule, the crashes and the
 *     emulator's random decisions ({@code adversarial.seed}; a fresh one each run by default)
 * @param operations operations to generate ({@code adversarial.operations})
 * @param crashes how many times an instance is killed with SIGKILL and restarted
 * @param storms storms of concurrent resubmissions of one payout, each {@code stormSize} strong
 * @param stormSize resubmissions sent at once in a storm
 * @param batches payout batches to create
 * @param batchRows the most rows in one batch (batches get between a quarter of it and all of it)
 * @param workers merchant threads running operations side by side
 * @param ratePerSecond {@code payouts.ratePerSecond} of the gateways
 * @param settle the longest wait for things to settle after the operations, before judging; the
 *     wait ends as soon as nothing moves, so a generous ceiling costs nothing on a run that settles
 *     (about 14 s on a 2-core machine), and a run judged before it settled reports false findings
 */
record RunSettings(
    long seed,
    int operations,
    int crashes,
    int storms,
    int stormSize,
    int batches,
    int batchRows,
    int workers,
    int ratePerSecond,
    Duration settle) {

  /** One fresh seed per JVM, so the SQLite and PostgreSQL runs of one build share it. */
  private static final long FRESH_SEED = new SecureRandom().nextLong() & Long.MAX_VALUE;

  /** Where the oracle's verdict is written, under {@code target/}. */
  static final String REPORT_DIR = "target/adversarial";

  /** The bounded form's size, unless a system property says otherwise. */
  static RunSettings fromSystemProperties() {
    return new RunSettings(
        Long.getLong("adversarial.seed", FRESH_SEED),
        Integer.getInteger("adversarial.operations", 350),
        Integer.getInteger("adversarial.crashes", 2),
        Integer.getInteger("adversarial.storms", 2),
        Integer.getInteger("adversarial.stormSize", 50),
        Integer.getInteger("adversarial.batches", 3),
        Integer.getInteger("adversarial.batchRows", 80),
        Integer.getInteger("adversarial.workers", 8),
        Integer.getInteger("adversarial.ratePerSecond", 20),
        Duration.ofSeconds(Integer.getInteger("adversarial.settleSeconds", 60)));
  }

  /**
   * Which stores to run on: {@code sqlite}, {@code postgresql} or {@code both} ({@code
   * adversarial.store}, default {@code both}).
   */
  static boolean wants(String store) {
    String wanted = System.getProperty("adversarial.store", "both").toLowerCase(Locale.ROOT);
    return wanted.equals("both") || wanted.equals(store);
  }

  /** The system properties that replay this run. */
  String replay() {
    return "-Dadversarial.seed="
        + seed
        + " -Dadversarial.operations="
        + operations
        + " -Dadversarial.crashes="
        + crashes
        + " -Dadversarial.storms="
        + storms
        + " -Dadversarial.batches="
        + batches
        + " -Dadversarial.batchRows="
        + batchRows
        + " -Dadversarial.stormSize="
        + stormSize
        + " -Dadversarial.workers="
        + workers
        + " -Dadversarial.ratePerSecond="
        + ratePerSecond;
  }
}
