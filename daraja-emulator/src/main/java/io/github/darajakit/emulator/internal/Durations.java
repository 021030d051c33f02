package io.github.darajakit.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.EmulatorConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: {@code "500ms"}, {@code "2s"}, {@code "PT1H"}.
 */
public final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code "500ms"}, {@code "2s"}, {@code "5m"}, {@code "1h"}, {@code "2d"} or ISO-8601.
   *
   * @throws EmulatorConfigException naming {@code key} if the value is not a duration
   */
  public static Duration parse(String key, JsonNode value) {
    String text = value != null && value.isTextual() ? value.textValue().trim() : null;
    if (text != null) {
      Matcher m = SHORT.matcher(text);
      try {
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          return usable(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
        }
        return usable(Duration.parse(text));
      } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
        // fall through to the error below: unparsable, or too long to count in milliseconds
      }
    }
    throw new EmulatorConfigException(
        "'"
            + key
            + "' must be a duration such as \"500ms\", \"2s\", \"5m\" or \"PT1H\", got "
            + value);
  }

  /** The duration, if it can be counted in milliseconds as the emulator does everywhere. */
  private static Duration usable(Duration duration) {
    duration.toMillis();
    return duration;
  }

  /** {@code "1500ms"}, {@code "2s"} or {@code "48h"}: seconds, or whole hours, if exact. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds >= 3600 && seconds % 3600 == 0 ? (seconds / 3600) + "h" : seconds + "s";
  }
}
