package io.github.darajakit.gateway.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.darajakit.gateway.support.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The adversarial harness (docs/reliability.md#the-adversarial-harness): many merchants creating,
 * resubmitting, cancelling and reversing payments, payouts, B2B payments and batches, forged and
 * replayed callbacks, emulator faults and {@code kill -9} of gateway processes — and afterwards the
 * emulator's ledger, the wire in front of it and the callback log agree that nothing was paid
 * twice, nothing acknowledged was lost, no receipt was credited twice, nothing paid was left
 * failed, and nothing was sent twice.
 *
 * <p>Each run prints its seed; {@code -Dadversarial.seed=<seed>} replays its operations. In {@code
 * ./mvnw verify} it runs the bounded form: one instance on SQLite always, and two on PostgreSQL
 * when {@code DARAJA_TEST_POSTGRES_URL} is set. {@code daraja-gateway/run-adversarial.sh} runs the
 * long form.
 */
class AdversarialTest {

  @Test
  void oneInstanceOnSqliteNeverPaysTwiceNorLosesAnAcknowledgedCallback() throws Exception {
    assumeTrue(RunSettings.wants("sqlite"), "adversarial.store excludes sqlite");
    // SQLite serves one process: one instance.
    assertPassed(AdversarialRun.Store.SQLITE, 1);
  }

  @Test
  void twoInstancesOnPostgresqlNeverPayTwiceNorLoseAnAcknowledgedCallback() throws Exception {
    assumeTrue(RunSettings.wants("postgresql"), "adversarial.store excludes postgresql");
    Postgres.baseUrl(); // skips (or, in CI, fails) without a PostgreSQL
    assertPassed(
        AdversarialRun.Store.POSTGRESQL, Integer.getInteger("adversarial.instances.postgresql", 2));
  }

  private static void assertPassed(AdversarialRun.Store store, int instances) throws Exception {
    RunSettings settings = RunSettings.fromSystemProperties();
    Path dir =
        Path.of(
            RunSettings.REPORT_DIR, store.name().toLowerCase(Locale.ROOT) + "-" + settings.seed());
    if (Files.exists(dir)) {
      // A replay of the same seed starts from an empty database, not the last run's.
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    Summary summary;
    try (AdversarialRun run = new AdversarialRun(settings, store, instances, dir)) {
      summary = run.run();
    }
    assertThat(summary.passed()).as("%s", summary).isTrue();
  }
}
