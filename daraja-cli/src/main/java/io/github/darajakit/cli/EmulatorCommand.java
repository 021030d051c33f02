package io.github.darajakit.cli;

import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.EmulatorConfigException;
import io.github.darajakit.emulator.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daraja emulator}: runs the Daraja emulator in the foreground until Ctrl-C. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a local, stateful Daraja (every API, real callbacks, magic test numbers).",
      "Point any Daraja SDK's base URL at it; consumer key and secret can be anything.",
      "",
      "Example:",
      "  daraja emulator --port 8090",
      "  curl -u key:secret 'http://127.0.0.1:8090/oauth/v1/generate?grant_type=client_credentials'"
    })
final class EmulatorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      description = "Interface to bind (default: ${DEFAULT-VALUE}). Use 0.0.0.0 to expose it.",
      defaultValue = "127.0.0.1")
  String host;

  @Option(
      names = "--port",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).",
      defaultValue = "8090")
  int port;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "JSON settings file (keys in docs/emulator.md).")
  Path config;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EmulatorConfig settings;
    try {
      if (config != null && !Files.isRegularFile(config)) {
        err.println("daraja emulator: --config " + config + ": no such file");
        return DarajaCli.EXIT_USAGE;
      }
      settings = config == null ? EmulatorConfig.defaults() : EmulatorConfig.load(config);
    } catch (EmulatorConfigException e) {
      err.println("daraja emulator: " + e.getMessage());
      return DarajaCli.EXIT_USAGE;
    }
    DarajaEmulator emulator;
    try {
      emulator = DarajaEmulator.builder().config(settings).host(host).port(port).start();
    } catch (IllegalStateException e) {
      err.println("daraja emulator: " + e.getMessage());
      return DarajaCli.EXIT_FAILURE;
    }
    Thread main = Thread.currentThread();
    Thread shutdownHook =
        new Thread(
            () -> {
              stopped.countDown();
              try {
                main.join(5_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "daraja-emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    String base = emulator.baseUrl();
    out.println("Daraja emulator listening on " + base);
    out.println();
    out.println(
        "  Base URL            " + base + "   (use it instead of https://sandbox.safaricom.co.ke)");
    out.println(
        "  Consumer key/secret any values"
            + (settings.apps().isEmpty() ? "" : " of the configured apps (strict mode)"));
    out.println(
        "  STK shortcode       " + Sandbox.STK_SHORTCODE + "  passkey " + Sandbox.STK_PASSKEY);
    out.println("  Test MSISDN         " + Sandbox.TEST_MSISDN);
    out.println(
        "  Initiator           " + Sandbox.INITIATOR_NAME + " / " + Sandbox.INITIATOR_PASSWORD);
    out.println(
        "  Certificate         " + base + "/__admin/certificate  (to encrypt SecurityCredential)");
    out.println(
        "  Scenario numbers    " + base + "/__admin/scenarios  (table in docs/emulator.md)");
    out.println("  Admin API           " + base + "/__admin/");
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
    try {
      stopped.await();
    } finally {
      emulator.close();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the JVM is exiting: the hook is running and waits for us
      }
    }
    return 0;
  }
}
