package io.github.darajakit.cli;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.GatewayConfig;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daraja gateway}: runs the payments service. With Daraja credentials in the environment it
 * talks to the sandbox or production; without, it runs an embedded emulator and says so.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the DarajaKit gateway: merchant API, Daraja callbacks, reconciliation, webhooks.",
      "Without MPESA_CONSUMER_KEY/MPESA_CONSUMER_SECRET it runs against an embedded emulator.",
      "",
      "Environment: MPESA_* (see docs/sdk.md), DARAJA_API_KEY, DARAJA_PUBLIC_URL,",
      "DARAJA_CALLBACK_SECRET, DARAJA_DASHBOARD_PASSWORD, MPESA_C2B_SHORTCODE,",
      "MPESA_B2C_SHORTCODE (docs/gateway.md#running-it).",
      "",
      "Example:",
      "  daraja gateway --port 8080 --data-dir ./daraja-data",
      "  daraja gateway --db jdbc:postgresql://127.0.0.1:5432/payments?user=gateway"
    })
final class GatewayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Interface to bind (default: 127.0.0.1).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Port (default: 8080).")
  Integer port;

  @Mixin GatewayConfigOptions gatewayConfig;

  private final Map<String, String> env;
  private final CountDownLatch stopped = new CountDownLatch(1);

  GatewayCommand() {
    this(System.getenv());
  }

  GatewayCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean emulated =
        blank(env.get("MPESA_CONSUMER_KEY")) || blank(env.get("MPESA_CONSUMER_SECRET"));
    GatewayConfig settings;
    try {
      // Resolved first, so that a bad setting is refused before an emulator or client starts.
      settings = settings(emulated ? Sandbox.SHORTCODE_1 : null);
    } catch (IllegalArgumentException e) {
      err.println("daraja gateway: " + e.getMessage());
      return DarajaCli.EXIT_USAGE;
    }
    DarajaEmulator emulator = null;
    DarajaClient daraja;
    DarajaGateway.Builder gatewayBuilder = DarajaGateway.builder();
    try {
      if (emulated) {
        emulator =
            DarajaEmulator.builder()
                .config(embeddedEmulatorConfig(settings.c2bShortCode()))
                .port(0)
                .start();
        daraja =
            DarajaClient.builder()
                .baseUrl(emulator.baseUrl())
                .consumerKey("daraja-gateway")
                .consumerSecret("emulator")
                .shortCode(Sandbox.STK_SHORTCODE)
                .passkey(Sandbox.STK_PASSKEY)
                .initiator(
                    Sandbox.INITIATOR_NAME,
                    Sandbox.INITIATOR_PASSWORD,
                    SecurityCredentials.certificate(emulator.certificatePem()))
                .listener(gatewayBuilder.darajaListener())
                .build();
        gatewayBuilder.emulatorAdminUrl(emulator.adminUrl());
      } else {
        daraja = DarajaClient.fromEnv(env, b -> b.listener(gatewayBuilder.darajaListener()));
      }
    } catch (DarajaException | IllegalArgumentException e) {
      err.println("daraja gateway: " + e.getMessage());
      if (emulator != null) {
        emulator.close();
      }
      return DarajaCli.EXIT_USAGE;
    }
    DarajaGateway gateway;
    try {
      gateway = gatewayBuilder.config(settings).daraja(daraja).start();
    } catch (RuntimeException e) {
      err.println("daraja gateway: " + e.getMessage());
      daraja.close();
      if (emulator != null) {
        emulator.close();
      }
      return e instanceof IllegalArgumentException ? DarajaCli.EXIT_USAGE : DarajaCli.EXIT_FAILURE;
    }
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              stopped.countDown();
              try {
                main.join(10_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "daraja-gateway-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    banner(out, gateway, emulator);
    try {
      stopped.await();
    } finally {
      gateway.close();
      daraja.close();
      if (emulator != null) {
        emulator.close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException exiting) {
        // the JVM is exiting: the hook is running and waits for us
      }
    }
    return 0;
  }

  /**
   * The embedded emulator's settings. Only this gateway talks to it, so it listens on loopback; its
   * admin API, which can move the emulated money and which the dashboard's phone panel calls from
   * this process, answers only this machine; and since the callback URLs it records carry the
   * gateway's callback secret (the one thing that authenticates Daraja's callbacks), its admin
   * answers mask them. External Validation is on for the gateway's C2B shortcode, as Safaricom
   * turns it on for a merchant who asks, so the gateway's validation modes work out of the box.
   */
  static EmulatorConfig embeddedEmulatorConfig(String c2bShortCode) {
    return EmulatorConfig.builder()
        .host("127.0.0.1")
        .adminLoopbackOnly(true)
        .redactCallbackUrls(true)
        .externalValidation(c2bShortCode == null ? Set.of() : Set.of(c2bShortCode))
        .build();
  }

  /**
   * The settings {@link GatewayConfigOptions} reads, then the embedded emulator's shortcodes where
   * nothing else names one, then --host and --port.
   */
  private GatewayConfig settings(String emulatorShortCode) {
    GatewayConfig.Builder builder = gatewayConfig.builder(env);
    if (emulatorShortCode != null) {
      GatewayConfig resolved = builder.build();
      if (resolved.c2bShortCode() == null) {
        // The embedded emulator's test PayBill, with C2B recovery on, as a production setup would
        // be.
        builder.c2bShortCode(emulatorShortCode).c2bPullNominatedNumber(Sandbox.TEST_MSISDN);
      }
      if (resolved.payoutShortCode() == null) {
        // One of the emulator's test B2C shortcodes, funded, so payouts work out of the box.
        builder.payoutShortCode(Sandbox.SHORTCODE_2);
      }
    }
    if (host != null) {
      builder.host(host);
    }
    if (port != null) {
      builder.port(port);
    }
    return builder.build();
  }

  private void banner(PrintWriter out, DarajaGateway gateway, DarajaEmulator emulator) {
    String base = gateway.baseUrl();
    out.println("DarajaKit gateway listening on " + base);
    out.println();
    if (emulator != null) {
      out.println(
          "  *** NO DARAJA CREDENTIALS: using an EMBEDDED EMULATOR at "
              + emulator.baseUrl()
              + " ***");
      out.println(
          "  *** No real money moves. Set MPESA_CONSUMER_KEY and MPESA_CONSUMER_SECRET to go live. ***");
      out.println(
          "  Test phone          254708374149 (pays); others in docs/emulator.md#scenarios");
    } else {
      out.println("  Daraja              " + envName() + " (credentials from MPESA_*)");
    }
    out.println(
        "  Dashboard           "
            + base
            + "/   (sign in with the API key"
            + (gateway.config().dashboardPassword() != null ? " or the dashboard password" : "")
            + (emulator != null ? "; its Phone page answers the test customer's prompts)" : ")"));
    out.println("  Database            " + gateway.databaseDescription());
    out.println("  Callbacks           " + gateway.publicUrl() + "/daraja/<secret>/…");
    String key = gateway.generatedApiKey();
    if (key != null) {
      out.println("  API key             " + key + "   (shown once: it is stored hashed)");
    } else if (gateway.config().apiKey() != null) {
      out.println("  API key             as configured (DARAJA_API_KEY or --config)");
    } else {
      out.println(
          "  API key             generated at an earlier start (stored hashed); set DARAJA_API_KEY to choose one");
    }
    String shownKey = key != null ? key : "$DARAJA_API_KEY";
    out.println();
    out.println("Create a payment:");
    out.println("  curl -X POST " + base + "/v1/payments \\");
    // Double quotes: when the key is shown as $DARAJA_API_KEY the shell must expand it.
    out.println(
        "    -H \"Authorization: Bearer " + shownKey + "\" -H 'Content-Type: application/json' \\");
    out.println(
        "    -d '{\"phone\":\"0708374149\",\"amount\":10,\"reference\":\"INV-1\",\"description\":\"Invoice 1\"}'");
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private String envName() {
    String name = env.get("MPESA_ENV");
    return "MPESA_ENV=" + (blank(name) ? "sandbox" : name);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
