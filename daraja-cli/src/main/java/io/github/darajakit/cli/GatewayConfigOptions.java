package io.github.darajakit.cli;

import io.github.darajakit.gateway.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The gateway's settings as {@code daraja gateway} reads them: {@code --data-dir}, {@code --db} and
 * {@code --config}, over the defaults and under the environment. Shared by {@code daraja gateway}
 * and {@code daraja doctor}, so that the doctor examines the very settings the gateway would run
 * with.
 */
final class GatewayConfigOptions {

  @Option(
      names = "--data-dir",
      defaultValue = "./daraja-data",
      paramLabel = "DIR",
      description = "Where the SQLite database lives (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "Database, e.g. jdbc:postgresql://host/db?user=u (default: SQLite in --data-dir).")
  String database;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "JSON settings (docs/gateway.md#configuration); flags and DARAJA_* override it.")
  Path config;

  /**
   * Defaults, then the --config file, then the environment, then --db: the most specific wins. The
   * gateway resolves its own variables ({@link GatewayConfig.Builder#environment}), as it does for
   * an application that embeds it.
   *
   * @throws IllegalArgumentException naming the file, key or variable that is wrong
   */
  GatewayConfig.Builder builder(Map<String, String> env) {
    String sqlite = "jdbc:sqlite:" + dataDir.resolve("gateway.db").toAbsolutePath().normalize();
    GatewayConfig.Builder builder = GatewayConfig.builder(sqlite);
    if (config != null) {
      if (!Files.isRegularFile(config)) {
        throw new IllegalArgumentException("--config " + config + ": no such file");
      }
      builder.load(config);
    }
    builder.environment(env);
    if (database != null) {
      builder.databaseUrl(database);
    }
    return builder;
  }
}
