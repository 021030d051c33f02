package io.github.darajakit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.darajakit.gateway.store.LineDiff.Hunk;
import io.github.darajakit.gateway.store.LineDiff.Line;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SQLite and PostgreSQL migrations are two hand-kept copies of one schema; this fails when they
 * drift apart. Both folders must hold the same {@code V<n>__*.sql} files, listed alike in their
 * {@code index.txt}, and each pair must read the same line by line once the known dialect
 * differences ({@link #REWRITES}) are rewritten to one form. Blank lines and whole-line {@code --}
 * comments are ignored (the migration runner skips them too); runs of spaces count as one. Any
 * other difference must be listed in {@link #ALLOWED} with the reason it is right.
 *
 * <p>{@link MigratedSchemasMatchTest} checks the same from the other end: the schemas the gateway's
 * migration runner builds from these files, read back through JDBC.
 */
class MigrationFilesMatchTest {

  /**
   * The ways the dialects spell one thing. Each rewrites a text found in a line of its own dialect
   * only, so a PostgreSQL spelling in a SQLite file (or the reverse) still shows as a difference.
   * Add one only for a difference the files actually need.
   */
  static final List<Rewrite> REWRITES =
      List.of(
          new Rewrite(
              "INTEGER PRIMARY KEY AUTOINCREMENT",
              "BIGSERIAL PRIMARY KEY",
              "<64-bit auto-increment primary key>",
              "SQLite's INTEGER PRIMARY KEY is the 64-bit rowid, and AUTOINCREMENT keeps it from"
                  + " reusing the ids of deleted rows; PostgreSQL's BIGSERIAL is a BIGINT fed by a"
                  + " sequence, which never reuses values either"));

  /**
   * Differences that are meant, line for line: which file, the SQLite line and the PostgreSQL line
   * as written (spaces collapsed; {@code ""} for a line only the other dialect has), and why.
   * Empty: beyond {@link #REWRITES}, the two sets say the same thing.
   */
  static final List<Allowed> ALLOWED = List.of();

  private static final String FOLDER = "/io/github/darajakit/gateway/db/";

  /** One dialect difference: its SQLite text, its PostgreSQL text, and what both become. */
  record Rewrite(String sqlite, String postgresql, String canonical, String why) {}

  /** A listed difference between one line of each dialect's copy of a migration. */
  record Allowed(String file, String sqlite, String postgresql, String why) {}

  @Test
  void bothDialectsHaveTheSameMigrationFilesListedInTheSameOrder() {
    List<String> sqliteIndex = index(Dialect.SQLITE);
    List<String> postgresqlIndex = index(Dialect.POSTGRESQL);
    assertThat(postgresqlIndex)
        .as(
            "db/postgresql/index.txt must list the same migrations, in the same order, as"
                + " db/sqlite/index.txt: a migration added to one dialect only leaves the other's"
                + " databases without it")
        .isEqualTo(sqliteIndex);
    for (Dialect dialect : Dialect.values()) {
      assertThat(migrationFiles(dialect))
          .as(
              "the V*.sql files in db/%s/ must be exactly those its index.txt lists: the"
                  + " migration runner applies only listed files",
              dialect.migrations())
          .containsExactlyInAnyOrderElementsOf(index(dialect));
    }
  }

  @Test
  void eachMigrationSaysTheSameInBothDialects() {
    // A migration only one dialect has is for the test above to report.
    List<String> inBoth = new ArrayList<>(index(Dialect.SQLITE));
    inBoth.retainAll(index(Dialect.POSTGRESQL));
    Set<Allowed> used = new HashSet<>();
    StringBuilder problems = new StringBuilder();
    for (String file : inBoth) {
      problems.append(
          differences(
              file, read(Dialect.SQLITE, file), read(Dialect.POSTGRESQL, file), ALLOWED, used));
    }
    problems.append(unusedAllowances(ALLOWED, used));
    if (!problems.isEmpty()) {
      fail(problems + "\n" + failureHelp());
    }
  }

  @Test
  void anAutoIncrementKeyIsTheSameLineInBothDialects() {
    String sqlite = "CREATE TABLE t (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  x TEXT\n);\n";
    String postgresql = "CREATE TABLE t (\n  id BIGSERIAL PRIMARY KEY,\n  x TEXT\n);\n";

    assertThat(differences("V1__t.sql", sqlite, postgresql, List.of(), new HashSet<>())).isEmpty();
  }

  @Test
  void aPostgresqlSpellingCopiedIntoTheSqliteFileIsADifference() {
    // To SQLite, BIGSERIAL is only a type name: the column is not the rowid, and stays NULL.
    String copied = "CREATE TABLE t (\n  id BIGSERIAL PRIMARY KEY\n);\n";

    assertThat(differences("V1__t.sql", copied, copied, List.of(), new HashSet<>()))
        .contains("2: id BIGSERIAL PRIMARY KEY | ")
        .contains(
            "written alike, but SQLite must say 'INTEGER PRIMARY KEY AUTOINCREMENT' and PostgreSQL"
                + " 'BIGSERIAL PRIMARY KEY'");
  }

  @Test
  void aColumnInOneDialectOnlyIsShownBesideWhatTheOtherHasThere() {
    String sqlite = "CREATE TABLE t (\n  a TEXT,\n\n  -- why b\n  b TEXT NOT NULL,\n  c TEXT\n);\n";
    String postgresql = "CREATE TABLE t (\n  a   TEXT,\n  c TEXT\n);\n";

    String report = differences("V2__t.sql", sqlite, postgresql, List.of(), new HashSet<>());

    assertThat(report)
        .isEqualTo(
            """
            V2__t.sql differs:
                sqlite                 | postgresql
                   5: b TEXT NOT NULL, | (nothing)
            """);
  }

  @Test
  void anIndexDifferingOnlyInItsWhereClauseIsADifference() {
    String sqlite = "CREATE INDEX t_due ON t (due_at) WHERE due_at IS NOT NULL;\n";
    String postgresql = "CREATE INDEX t_due ON t (due_at);\n";

    assertThat(differences("V3__t.sql", sqlite, postgresql, List.of(), new HashSet<>()))
        .contains("1: CREATE INDEX t_due ON t (due_at) WHERE due_at IS NOT NULL;")
        .contains("1: CREATE INDEX t_due ON t (due_at);");
  }

  @Test
  void aListedDifferenceIsAcceptedAndCountsAsUsed() {
    String sqlite = "PRAGMA foreign_keys = ON;\nCREATE TABLE t (a TEXT);\n";
    String postgresql = "CREATE TABLE t (a TEXT);\n";
    Allowed pragma =
        new Allowed("V4__t.sql", "PRAGMA foreign_keys = ON;", "", "PostgreSQL has no PRAGMA");
    Set<Allowed> used = new HashSet<>();

    assertThat(differences("V4__t.sql", sqlite, postgresql, List.of(pragma), used)).isEmpty();
    assertThat(used).containsExactly(pragma);
    assertThat(unusedAllowances(List.of(pragma), used)).isEmpty();
  }

  @Test
  void anAllowanceThatNoLongerMatchesIsReportedForRemoval() {
    Allowed stale = new Allowed("V4__t.sql", "PRAGMA foreign_keys = ON;", "", "gone");

    assertThat(unusedAllowances(List.of(stale), Set.of()))
        .contains("V4__t.sql")
        .contains("PRAGMA foreign_keys = ON;")
        .contains("remove it");
  }

  /**
   * The differences between one migration's two copies that neither a rewrite nor an allowance
   * explains, side by side, or {@code ""}; allowances that explained something are added to {@code
   * used}.
   */
  static String differences(
      String file, String sqlite, String postgresql, List<Allowed> allowed, Set<Allowed> used) {
    List<Hunk> hunks =
        LineDiff.hunks(lines(Dialect.SQLITE, sqlite), lines(Dialect.POSTGRESQL, postgresql));
    StringBuilder report = new StringBuilder();
    for (Hunk hunk : hunks) {
      boolean explained = true;
      int rows = Math.max(hunk.left().size(), hunk.right().size());
      for (int row = 0; row < rows; row++) {
        String sqliteLine = row < hunk.left().size() ? hunk.left().get(row).text() : "";
        String postgresqlLine = row < hunk.right().size() ? hunk.right().get(row).text() : "";
        Allowed allowance = find(allowed, file, sqliteLine, postgresqlLine);
        if (allowance == null) {
          explained = false;
        } else {
          used.add(allowance);
        }
      }
      if (!explained) {
        report.append(LineDiff.sideBySide("sqlite", "postgresql", hunk));
        report.append(sameTextHints(hunk));
      }
    }
    return report.isEmpty() ? "" : file + " differs:\n" + report;
  }

  /**
   * Why a line written alike in both files still differs: it holds a dialect spelling, and one file
   * has the other dialect's.
   */
  private static String sameTextHints(Hunk hunk) {
    StringBuilder hints = new StringBuilder();
    for (int row = 0; row < Math.min(hunk.left().size(), hunk.right().size()); row++) {
      String text = hunk.left().get(row).text();
      if (!text.equals(hunk.right().get(row).text())) {
        continue;
      }
      for (Rewrite rewrite : REWRITES) {
        if (text.contains(rewrite.sqlite()) || text.contains(rewrite.postgresql())) {
          hints.append(
              String.format(
                  "    (written alike, but SQLite must say '%s' and PostgreSQL '%s': %s)%n",
                  rewrite.sqlite(), rewrite.postgresql(), rewrite.why()));
        }
      }
    }
    return hints.toString();
  }

  /** The allowances that matched nothing: each must go, or it would excuse a future drift. */
  static String unusedAllowances(List<Allowed> allowed, Set<Allowed> used) {
    StringBuilder report = new StringBuilder();
    for (Allowed allowance : allowed) {
      if (!used.contains(allowance)) {
        report
            .append("ALLOWED entry for ")
            .append(allowance.file())
            .append(" matches no difference any more (sqlite '")
            .append(allowance.sqlite())
            .append("', postgresql '")
            .append(allowance.postgresql())
            .append("'): remove it\n");
      }
    }
    return report.toString();
  }

  private static Allowed find(
      List<Allowed> allowed, String file, String sqliteLine, String postgresqlLine) {
    for (Allowed allowance : allowed) {
      if (allowance.file().equals(file)
          && allowance.sqlite().equals(sqliteLine)
          && allowance.postgresql().equals(postgresqlLine)) {
        return allowance;
      }
    }
    return null;
  }

  /**
   * A file's lines as the comparison sees them: numbered as in the file, blank lines and whole-line
   * comments dropped, runs of spaces collapsed; each is compared by its text with this dialect's
   * spellings of {@link #REWRITES} replaced by the shared form.
   */
  private static List<Line> lines(Dialect dialect, String sql) {
    List<Line> lines = new ArrayList<>();
    String[] fileLines = sql.split("\n", -1);
    for (int i = 0; i < fileLines.length; i++) {
      String text = fileLines[i].strip().replaceAll("\\s+", " ");
      if (text.isEmpty() || text.startsWith("--")) {
        continue;
      }
      String key = text;
      for (Rewrite rewrite : REWRITES) {
        key =
            key.replace(
                dialect == Dialect.SQLITE ? rewrite.sqlite() : rewrite.postgresql(),
                rewrite.canonical());
      }
      lines.add(new Line(i + 1, text, key));
    }
    return lines;
  }

  private static String failureHelp() {
    StringBuilder help = new StringBuilder();
    help.append(
        "The SQLite and PostgreSQL migrations differ (left: db/sqlite/, right: db/postgresql/, under"
            + " daraja-gateway/src/main/resources"
            + FOLDER
            + "). To fix: make the same change in both files (a change to a schema that has shipped"
            + " goes in a new V<n>__*.sql of both dialects, listed in both index.txt files); or, if"
            + " the difference is a real dialect difference, add to ALLOWED in "
            + MigrationFilesMatchTest.class.getSimpleName()
            + ": new Allowed(\"<file>\", \"<sqlite line>\", \"<postgresql line>\", \"<why it is"
            + " right>\"). Already treated as equal:");
    for (Rewrite rewrite : REWRITES) {
      help.append(" '")
          .append(rewrite.sqlite())
          .append("' (SQLite) = '")
          .append(rewrite.postgresql())
          .append("' (PostgreSQL).");
    }
    return help.toString();
  }

  static List<String> index(Dialect dialect) {
    List<String> files = new ArrayList<>();
    for (String line : read(dialect, "index.txt").split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        files.add(line.trim());
      }
    }
    return files;
  }

  private static Set<String> migrationFiles(Dialect dialect) {
    String folder = FOLDER + dialect.migrations() + "/";
    URL url = MigrationFilesMatchTest.class.getResource(folder);
    assertThat(url).as("migrations folder %s on the test class path", folder).isNotNull();
    assertThat(url.getProtocol())
        .as("migrations folder %s must be a directory to list it", folder)
        .isEqualTo("file");
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      Set<String> names = new TreeSet<>();
      files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .forEach(names::add);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Dialect dialect, String file) {
    String path = FOLDER + dialect.migrations() + "/" + file;
    try (InputStream in = MigrationFilesMatchTest.class.getResourceAsStream(path)) {
      assertThat(in).as("migration %s on the test class path", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
