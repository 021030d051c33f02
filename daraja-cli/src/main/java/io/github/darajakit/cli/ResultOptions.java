package io.github.darajakit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where the Result of an initiator request (B2C, balance, status, reversal) goes, and whether the
 * command waits for it: Daraja answers these on a ResultURL, never in the reply.
 */
final class ResultOptions {

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "Receive the Result here (default against the emulator: a free local port). Against"
              + " Daraja, pair it with --public-url.")
  String listen;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The https address Daraja reaches --listen at (e.g. a tunnel); the command then waits for"
              + " the Result.")
  String publicUrl;

  @Option(
      names = "--result-url",
      paramLabel = "URL",
      description = "Have Daraja post the Result there instead, and do not wait for it.")
  String resultUrl;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "How long to wait for the Result (default: ${DEFAULT-VALUE}).")
  String timeout;

  /** Whether the command waits for the Result, given the environment. */
  boolean waits(DarajaOptions daraja) {
    if (resultUrl != null) {
      return false;
    }
    if (daraja.isEmulator() || publicUrl != null) {
      return true;
    }
    throw new UsageException(
        "Daraja posts this request's Result to a ResultURL: give --public-url (an https address"
            + " that reaches --listen) to wait for it here, or --result-url to have it sent"
            + " elsewhere");
  }

  /** Starts receiving Results (only when {@link #waits}). */
  ResultCatcher catcher() {
    String host = "127.0.0.1";
    int port = 0;
    if (listen != null) {
      int colon = listen.lastIndexOf(':');
      try {
        if (colon >= 0) {
          host = listen.substring(0, colon).isEmpty() ? "0.0.0.0" : listen.substring(0, colon);
          port = Integer.parseInt(listen.substring(colon + 1));
        } else {
          port = Integer.parseInt(listen);
        }
      } catch (NumberFormatException e) {
        throw new UsageException("--listen must be HOST:PORT or PORT; got '" + listen + "'");
      }
    }
    return ResultCatcher.start(host, port, publicUrl);
  }

  /** {@code --timeout} as a duration: {@code 90s}, {@code 2m}, {@code 500ms}. */
  Duration timeout() {
    return duration("--timeout", timeout);
  }

  /**
   * A duration that may run to hours or days: {@code 90s}, {@code 5m}, {@code 2h}, {@code 30d}
   * (checking an old webhook delivery, a payment link's lifetime), where the other options'
   * durations are seconds or minutes.
   */
  static Duration longDuration(String option, String text) {
    String t = text.strip();
    try {
      if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("d")) {
        return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (NumberFormatException e) {
      throw new UsageException(
          option + " must be a duration such as 90s, 5m, 2h or 30d; got '" + text + "'");
    }
    return duration(option, t);
  }

  static Duration duration(String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("h") && !t.startsWith("p")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.parse(text);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new UsageException(
          option + " must be a duration such as 90s, 2m or 500ms; got '" + text + "'");
    }
  }
}
