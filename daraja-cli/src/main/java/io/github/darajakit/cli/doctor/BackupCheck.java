package io.github.darajakit.cli.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Check 8, continued: a recent backup of the gateway's database exists. The gateway has no backup
 * setting of its own (backups are made with {@code sqlite3 .backup} or {@code pg_dump}, see
 * docs/going-live.md#database-and-backups), so where they land is given with {@code --backup}.
 */
final class BackupCheck implements Check {

  @Override
  public String id() {
    return "database-backup";
  }

  @Override
  public String title() {
    return "Gateway database is backed up";
  }

  @Override
  public Finding run(DoctorContext context) {
    if (context.gateway() == null) {
      return Finding.skip("the gateway is left out (--no-gateway)");
    }
    Path backup = context.backup();
    boolean sqlite = context.gateway().databaseUrl().startsWith("jdbc:sqlite:");
    String how =
        sqlite
            ? "back up from cron with sqlite3 gateway.db \".backup /backups/gateway-$(date +%F).db\""
                + " (never copy the .db file alone while the gateway runs)"
            : "back up from cron with pg_dump, and archive WAL if losing minutes matters";
    if (backup == null) {
      if (!context.isProduction()) {
        return Finding.skip(
            "backups matter in production; give --backup DIR to check them here too");
      }
      return Finding.warn(
          "could not check: the gateway keeps no record of backups; give --backup DIR (or FILE)"
              + " where yours land",
          how + "; then run doctor with --backup");
    }
    Optional<FileTime> newest;
    try {
      newest = newest(backup);
    } catch (IOException e) {
      return Finding.fail("cannot read " + backup + ": " + e, how);
    }
    if (newest.isEmpty()) {
      return Finding.fail("no backup in " + backup, how);
    }
    Duration age = Duration.between(newest.get().toInstant(), context.clock().instant());
    String shown = "the newest backup in " + backup + " is " + hours(age) + " old";
    if (age.compareTo(context.backupMaxAge()) > 0) {
      return Finding.fail(
          shown + " (at most " + hours(context.backupMaxAge()) + " wanted)",
          how + "; and alert when it stops");
    }
    return Finding.pass(shown + "; test a restore now and then");
  }

  /** When the newest regular file (the file itself, or any in the directory tree) was written. */
  private static Optional<FileTime> newest(Path backup) throws IOException {
    if (!Files.exists(backup)) {
      throw new IOException("no such file or directory");
    }
    try (Stream<Path> files = Files.walk(backup, 3)) {
      return files.filter(Files::isRegularFile).map(BackupCheck::modified).max(FileTime::compareTo);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.from(Instant.EPOCH);
    }
  }

  private static String hours(Duration d) {
    if (d.toHours() >= 48) {
      return d.toDays() + " days";
    }
    return d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() + " min";
  }
}
