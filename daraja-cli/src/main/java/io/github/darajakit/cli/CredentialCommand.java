package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Environment;
import io.github.darajakit.client.security.SecurityCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daraja credential}: an initiator password encrypted into a SecurityCredential. */
@Command(
    name = "credential",
    mixinStandardHelpOptions = true,
    header = "Encrypts an initiator password into a SecurityCredential.",
    description = {
      "Encrypts an initiator password into the SecurityCredential that B2C, B2B,",
      "reversal, balance and status requests carry (RSA with M-Pesa's certificate).",
      "The certificate: --certificate if given, else the environment's: Safaricom's",
      "sandbox or production one, or the emulator's (GET /__admin/certificate).",
      "Prints only the credential; in text mode a note on standard error says which",
      "certificate was used. Each run gives a different credential: all are valid.",
      "",
      "Prefer --password-stdin: a password on the command line lands in shell",
      "history and in the process list.",
      "",
      "Example:",
      "  read -rs PW && printf '%%s' \"$PW\" |",
      "    daraja credential --env sandbox --password-stdin"
    })
final class CredentialCommand implements Callable<Integer> {

  /**
   * Where {@code --password-stdin} reads from. Tests replace it; {@link DarajaCli} makes commands
   * through picocli's factory, which leaves no other way in.
   */
  static volatile Supplier<InputStream> standardInput = () -> System.in;

  /** More than any password RSA-2048 can carry (245 bytes): the rest is not read. */
  private static final int MAX_PASSWORD_BYTES = 4096;

  @Spec CommandSpec spec;
  @Mixin DarajaOptions daraja;
  @Mixin Output output;

  @Option(
      names = "--password-stdin",
      description =
          "Read the initiator password from standard input (one trailing newline is dropped).")
  boolean passwordStdin;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description = "The initiator password (prefer --password-stdin).")
  String password;

  @Option(
      names = "--certificate",
      paramLabel = "FILE",
      description = "Encrypt with this certificate (PEM or DER) instead of the environment's.")
  Path certificateFile;

  @Override
  public Integer call() {
    String initiatorPassword = password();
    if (certificateFile != null && !Files.isRegularFile(certificateFile)) {
      throw new UsageException("--certificate: no such file " + certificateFile);
    }
    String environment = daraja.environment();
    X509Certificate certificate;
    String source;
    try {
      if (certificateFile != null) {
        certificate = SecurityCredentials.certificate(certificateFile);
        source = certificateFile.toString();
      } else {
        certificate =
            switch (environment) {
              case "production" -> SecurityCredentials.productionCertificate();
              case "sandbox" -> SecurityCredentials.sandboxCertificate();
              default -> daraja.emulatorCertificate();
            };
        source =
            switch (environment) {
              case "production" -> "Safaricom's production certificate";
              case "sandbox" -> "Safaricom's sandbox certificate";
              default -> "the emulator's certificate from " + daraja.baseUrl();
            };
      }
    } catch (DarajaValidationException e) {
      throw new UsageException("--certificate: " + reason(e));
    }
    String credential = encrypt(initiatorPassword, certificate, environment);
    ObjectNode data = Output.object();
    data.put("security_credential", credential)
        .put("environment", environment)
        .put("certificate", source)
        .put("certificate_subject", certificate.getSubjectX500Principal().getName());
    if (!output.json) {
      // On stderr, so that $(daraja credential …) captures the credential alone.
      spec.commandLine().getErr().println("Encrypted with " + source + ".");
      spec.commandLine().getErr().flush();
    }
    output.print(spec.commandLine().getOut(), data, credential);
    return 0;
  }

  /** The password from the one place it was given, never echoed in any message. */
  private String password() {
    if (passwordStdin && password != null) {
      throw new UsageException("give the password once: --password-stdin or --password, not both");
    }
    if (password != null) {
      if (password.isEmpty()) {
        throw new UsageException("--password is empty");
      }
      if (!output.json) {
        spec.commandLine()
            .getErr()
            .println("Note: --password lands in shell history; prefer --password-stdin.");
      }
      return password;
    }
    if (!passwordStdin) {
      throw new UsageException(
          "no password: pipe it in with --password-stdin (or give --password PASSWORD)");
    }
    byte[] bytes;
    try (InputStream in = standardInput.get()) {
      bytes = in.readNBytes(MAX_PASSWORD_BYTES);
    } catch (IOException e) {
      throw new CommandException("cannot read standard input: " + e.getMessage());
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    // `echo` and a typed line end in a newline that is not part of the password.
    if (text.endsWith("\r\n")) {
      text = text.substring(0, text.length() - 2);
    } else if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty()) {
      throw new UsageException(
          "--password-stdin: standard input is empty: pipe the password in, e.g."
              + " printf '%s' \"$PW\" | daraja credential --password-stdin");
    }
    return text;
  }

  private String encrypt(String initiatorPassword, X509Certificate certificate, String env) {
    try {
      // For production the SDK also refuses the sandbox certificate, which would fail on real
      // money with ResultCode 2001.
      return env.equals("production")
          ? SecurityCredentials.encrypt(initiatorPassword, certificate, Environment.PRODUCTION)
          : SecurityCredentials.encrypt(initiatorPassword, certificate);
    } catch (DarajaValidationException e) {
      String option =
          e.field().equals("certificate")
              ? "--certificate"
              : passwordStdin ? "--password-stdin" : "--password";
      throw new UsageException(option + ": " + reason(e));
    }
  }

  /** The validation message without its leading field name, which the option replaces. */
  private static String reason(DarajaValidationException e) {
    String prefix = e.field() + ": ";
    return e.getMessage().startsWith(prefix)
        ? e.getMessage().substring(prefix.length())
        : e.getMessage();
  }
}
