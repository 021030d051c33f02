package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.webhooks.VerifiedWebhook;
import io.github.darajakit.client.webhooks.WebhookSecret;
import io.github.darajakit.client.webhooks.WebhookSignature;
import io.github.darajakit.client.webhooks.WebhookVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code daraja webhooks verify}: checks a DarajaKit gateway webhook's signature by hand. */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description = "The webhooks the DarajaKit gateway sends to your application.",
    subcommands = WebhooksCommand.Verify.class)
final class WebhooksCommand {

  /**
   * Where {@code --body-stdin} reads from. Tests replace it; {@link DarajaCli} makes commands
   * through picocli's factory, which leaves no other way in.
   */
  static volatile Supplier<InputStream> standardInput = () -> System.in;

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a gateway webhook's signature against the endpoint's secret.",
        "",
        "The Standard Webhooks headers (webhook-id, webhook-timestamp and",
        "webhook-signature) are checked over the exact body bytes received. Prints",
        "'valid' (exit 0), or why it is not valid (exit 1). The secret is never",
        "printed; leave --secret out when DARAJA_WEBHOOK_SECRET holds it, which keeps",
        "it out of shell history. A delivery older than --tolerance is not valid: to",
        "check an old one's signature, give a longer one such as --tolerance 30d.",
        "",
        "Example (the specification's own, signed in 2021: hence the tolerance):",
        "  printf '{\"test\": 2432232314}' > body.json",
        "  daraja webhooks verify --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw \\",
        "    --id msg_p5jXN8AQM9LWM0D4loKWxJek --timestamp 1614265330 \\",
        "    --signature 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' \\",
        "    --body body.json --tolerance 3650d"
      })
  static final class Verify implements Callable<Integer> {

    /** The variable {@code --secret} defaults to. */
    static final String SECRET_VARIABLE = "DARAJA_WEBHOOK_SECRET";

    private final Map<String, String> env;

    @Spec CommandSpec spec;
    @Mixin Output output;

    @Option(
        names = "--secret",
        paramLabel = "WHSEC",
        description = "The endpoint's signing secret, whsec_… (default: " + SECRET_VARIABLE + ").")
    String secret;

    @Option(
        names = "--id",
        required = true,
        paramLabel = "ID",
        description = "The webhook-id header.")
    String id;

    @Option(
        names = "--timestamp",
        required = true,
        paramLabel = "SECONDS",
        description = "The webhook-timestamp header: unix seconds.")
    String timestamp;

    @Option(
        names = "--signature",
        required = true,
        paramLabel = "SIGNATURES",
        description = "The webhook-signature header: v1,<base64>, space-separated if several.")
    String signature;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Body body;

    @Option(
        names = "--tolerance",
        paramLabel = "DURATION",
        defaultValue = "5m",
        description =
            "How far the timestamp may be from now, either way: 90s, 5m, 2h, 30d (default:"
                + " ${DEFAULT-VALUE}).")
    String tolerance;

    /** Exactly one of the two places the body comes from. */
    static final class Body {
      @Option(
          names = "--body",
          required = true,
          paramLabel = "FILE",
          description = "The raw body as received, byte for byte.")
      Path file;

      @Option(
          names = "--body-stdin",
          required = true,
          description = "Read the raw body from standard input.")
      boolean stdin;
    }

    /** Reads {@code DARAJA_WEBHOOK_SECRET} from the process's environment. */
    Verify() {
      this(System.getenv());
    }

    /** Reads {@code DARAJA_WEBHOOK_SECRET} from {@code env} (what {@link DarajaCli} passes). */
    Verify(Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      WebhookSecret key = secret();
      if (id.isBlank()) {
        throw new UsageException("--id is empty: give the webhook-id header, e.g. msg_…");
      }
      if (!timestamp.strip().matches("\\d{1,18}")) {
        throw new UsageException(
            "--timestamp must be whole unix seconds (the webhook-timestamp header, e.g."
                + " 1674087231); got '"
                + timestamp
                + "'");
      }
      if (signature.isBlank()) {
        throw new UsageException(
            "--signature is empty: give the webhook-signature header, v1,<base64>");
      }
      // Checking an old delivery by hand needs hours or days.
      Duration allowed = ResultOptions.longDuration("--tolerance", tolerance);
      if (allowed.isNegative()) {
        throw new UsageException("--tolerance must not be negative; got '" + tolerance + "'");
      }
      byte[] content = body();
      ObjectNode data = Output.object();
      data.put("id", id.strip()).put("timestamp", timestamp.strip());
      try {
        VerifiedWebhook webhook =
            WebhookSignature.verify(
                List.of(key), id, timestamp, signature, content, Clock.systemUTC(), allowed);
        data.put("valid", true).put("signed_at", webhook.timestamp().toString());
        output.print(
            spec.commandLine().getOut(),
            data,
            "valid: " + webhook.id() + ", signed at " + webhook.timestamp());
        return 0;
      } catch (WebhookVerificationException e) {
        // The SDK's message never contains the secret or the signature that would be valid.
        data.put("valid", false).put("reason", e.reason().name()).put("message", e.getMessage());
        output.print(spec.commandLine().getOut(), data, "not valid: " + e.getMessage());
        return DarajaCli.EXIT_FAILURE;
      }
    }

    private WebhookSecret secret() {
      String given = secret != null ? secret : env.get(SECRET_VARIABLE);
      if (given == null || given.isBlank()) {
        throw new UsageException(
            "--secret is required (or set " + SECRET_VARIABLE + "): the endpoint's whsec_… secret");
      }
      try {
        return WebhookSecret.parse(given);
      } catch (IllegalArgumentException e) {
        // The SDK's message never repeats the secret's text.
        throw new UsageException("--secret: " + e.getMessage());
      }
    }

    private byte[] body() {
      if (body.file != null) {
        if (!Files.isRegularFile(body.file)) {
          throw new UsageException("--body: no such file " + body.file);
        }
        try {
          return Files.readAllBytes(body.file);
        } catch (IOException e) {
          throw new UsageException("--body: cannot read " + body.file + ": " + e.getMessage());
        }
      }
      try (InputStream in = standardInput.get()) {
        // Every byte, trailing newline included: the signature covers the body exactly.
        return in.readAllBytes();
      } catch (IOException e) {
        throw new CommandException("cannot read standard input: " + e.getMessage());
      }
    }
  }
}
