package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.DarajaValidationException;
import java.io.PrintWriter;
import java.util.Map;
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
    footer = {
      "",
      "Exit codes:",
      "  0  done",
      "  1  failed: Daraja refused or could not be reached; nothing moved",
      "  2  bad usage or input; nothing sent",
      "  3  the transaction ran and did not succeed (cancelled, failed)",
      "  4  the outcome is unknown: it may have happened; never send it again under a new id",
      "     without proof that it failed (the command says how to look it up)",
      "Every command has --help with an example. See docs/cli.md."
    },
    subcommands = {
      GatewayCommand.class,
      EmulatorCommand.class,
      StkCommand.class,
      B2cCommand.class,
      PayoutsCommand.class,
      PlansCommand.class,
      SubscriptionsCommand.class,
      InvoicesCommand.class,
      LinksCommand.class,
      BalanceCommand.class,
      StatusCommand.class,
      ReverseCommand.class,
      C2bCommand.class,
      QrCommand.class,
      LookupCommand.class,
      BillManagerCommand.class,
      TokenCommand.class,
      CredentialCommand.class,
      DoctorCommand.class,
      WebhooksCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DarajaCli {

  /** Exit code for bad usage or bad input: nothing was done. */
  public static final int EXIT_USAGE = 2;

  /** Exit code for a failure while running: Daraja refused, or could not be reached. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code when the transaction ran and did not succeed (cancelled, failed). */
  public static final int EXIT_DECLINED = 3;

  /** Exit code when the outcome is unknown: it may have happened. */
  public static final int EXIT_UNKNOWN = 4;

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

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return run(
        System.getenv(),
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        args);
  }

  /**
   * Runs the command line with these environment variables and streams (tests call this) and
   * returns its exit code.
   */
  public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine(env);
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  /** The exit code a failure means (see the footer of {@code daraja --help}). */
  static int exitCode(Exception e) {
    if (e instanceof UsageException || e instanceof DarajaValidationException) {
      return EXIT_USAGE;
    }
    if (e instanceof DarajaOutcomeUnknownException) {
      return EXIT_UNKNOWN;
    }
    // Refused because Daraja already has this id: this request moved nothing, the earlier one
    // with the same id may have.
    if (e instanceof DarajaApiException api && api.isDuplicateRequest()) {
      return EXIT_UNKNOWN;
    }
    return EXIT_FAILURE;
  }

  /** What a failure says: for exit code 4, the recipe for an unknown outcome too. */
  static String message(Exception e, CommandLine.ParseResult parsed) {
    if (e instanceof DarajaOutcomeUnknownException unknown) {
      // Its message states the recipe already.
      return e.getMessage() + UnknownOutcome.lookUp(unknown.identifiers());
    }
    if (exitCode(e) == EXIT_UNKNOWN) {
      CommandLine.ParseResult command = parsed;
      while (command.hasSubcommand()) {
        command = command.subcommand();
      }
      return e.getMessage()
          + "\n"
          + UnknownOutcome.recipe(
              UnknownOutcome.lookUp(
                  command.matchedOptionValue("--originator-conversation-id", "")));
    }
    return e.getMessage();
  }

  /**
   * The command line, its commands made with these environment variables: a command that takes a
   * {@code Map} of them gets them, so that tests need not change the process's.
   */
  static CommandLine commandLine(Map<String, String> env) {
    CommandLine commandLine =
        new CommandLine(
            new DarajaCli(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                try {
                  java.lang.reflect.Constructor<K> withEnv = type.getDeclaredConstructor(Map.class);
                  return withEnv.newInstance(env);
                } catch (NoSuchMethodException e) {
                  return CommandLine.defaultFactory().create(type);
                }
              }
            });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          int code = exitCode(e);
          String message = message(e, parsed);
          cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
          if (parsed.originalArgs().contains("--json")) {
            ObjectNode error = Output.object();
            error.putObject("error").put("exit_code", code).put("message", message);
            cmd.getOut().println(Output.write(error));
          }
          return code;
        });
    return commandLine;
  }
}
