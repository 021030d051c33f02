package io.github.darajakit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code daraja} command. Each subcommand is its own class; this one only wires them together
 * and maps failures to exit codes.
 */
@Command(
    name = "daraja",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "DarajaKit: move money through Safaricom's M-Pesa Daraja API.",
    subcommands = {GatewayCommand.class, EmulatorCommand.class, CommandLine.HelpCommand.class})
public final class DarajaCli {

  /** Exit code for bad usage or bad input: nothing was done. */
  public static final int EXIT_USAGE = 2;

  /** Exit code for a failure while running. */
  public static final int EXIT_FAILURE = 1;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // Chosen before the first logger exists: logback reads its configuration once.
    if ("json".equalsIgnoreCase(System.getenv("DARAJA_LOG_FORMAT"))
        && System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    int code = run(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new DarajaCli());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("daraja: " + e.getMessage());
          return EXIT_FAILURE;
        });
    return commandLine.execute(args);
  }
}
