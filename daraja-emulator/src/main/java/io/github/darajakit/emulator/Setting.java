package io.github.darajakit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.darajakit.emulator.internal.Durations;
import io.github.darajakit.emulator.internal.http.Json;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One emulator setting, declared once in {@link Settings}: its key, type, default and one line of
 * documentation. {@link EmulatorConfig}'s JSON in and out, range checks and copying, and the
 * settings table of {@code docs/emulator.md}, are all derived from these declarations.
 *
 * @param key the dotted key of configuration files and {@code PATCH /__admin/settings}
 * @param type how values are read, checked, reported and described
 * @param defaultValue the value before anything is configured
 * @param doc one line of Markdown for the settings table; ⚠ marks a choice the reference records as
 *     uncertain
 */
record Setting<T>(String key, Type<T> type, T defaultValue, String doc) {

  Setting {
    defaultValue = type.check().check(key, defaultValue);
  }

  /** Reads {@code json} as this setting's value, checked. */
  T read(JsonNode json) {
    return type.check().check(key, type.read().read(key, json));
  }

  /** {@code value} if this setting allows it (collections copied immutably), else an exception. */
  T check(T value) {
    return type.check().check(key, value);
  }

  /** A value as it is written in a configuration file. */
  JsonNode toJson(T value) {
    return type.write().apply(value);
  }

  /** Reads a JSON value; the exception it throws names the key. */
  @FunctionalInterface
  interface Reader<T> {
    T read(String key, JsonNode json);
  }

  /** Returns the value, perhaps normalised, or throws an exception naming the key. */
  @FunctionalInterface
  interface Check<T> {
    T check(String key, T value);
  }

  /** Puts a value into the reported settings (which leave secrets out). */
  @FunctionalInterface
  interface Reporter<T> {
    void report(ObjectNode parent, String name, T value);
  }

  /**
   * A kind of value.
   *
   * @param allowed the allowed values in words, for the settings table
   * @param read JSON to value
   * @param check range and presence check, and immutable copying
   * @param write value to JSON, as a configuration file holds it
   * @param report how {@code GET /__admin/settings} shows it
   */
  record Type<T>(
      String allowed,
      Reader<T> read,
      Check<T> check,
      Function<T, JsonNode> write,
      Reporter<T> report) {

    Type(String allowed, Reader<T> read, Check<T> check, Function<T, JsonNode> write) {
      this(
          allowed,
          read,
          check,
          write,
          (parent, name, value) -> parent.set(name, write.apply(value)));
    }

    /** This type, reported differently (e.g. without secrets). */
    Type<T> reportedAs(Reporter<T> reporter) {
      return new Type<>(allowed, read, check, write, reporter);
    }
  }

  // ---- the kinds of value --------------------------------------------------------------------

  static Type<Integer> integer(int min, int max) {
    return new Type<>(
        range(min, max),
        (k, v) -> Math.toIntExact(inRange(k, wholeNumber(k, v), min, max)),
        (k, v) -> (int) inRange(k, present(k, v), min, max),
        v -> Json.NODES.numberNode(v));
  }

  static Type<Long> whole(long min, long max) {
    return new Type<>(
        min == Long.MIN_VALUE ? "any whole number" : range(min, max),
        Setting::wholeNumber,
        (k, v) -> inRange(k, present(k, v), min, max),
        v -> Json.NODES.numberNode(v));
  }

  static Type<Boolean> bool() {
    return new Type<>(
        "`true`, `false`",
        (k, v) -> {
          if (!v.isBoolean()) {
            throw new EmulatorConfigException("'" + k + "' must be true or false, got " + v);
          }
          return v.booleanValue();
        },
        Setting::present,
        v -> Json.NODES.booleanNode(v));
  }

  static Type<String> text() {
    return new Type<>("text", Setting::text, Setting::present, TextNode::valueOf);
  }

  static Type<String> nonBlank() {
    return new Type<>(
        "non-blank text",
        Setting::text,
        (k, v) -> {
          if (v == null || v.isBlank()) {
            throw new EmulatorConfigException("'" + k + "' must not be blank");
          }
          return v;
        },
        TextNode::valueOf);
  }

  /** A duration; {@code zero} says whether zero is allowed (it means "off"). */
  static Type<Duration> duration(boolean zero) {
    return new Type<>(
        zero ? "a duration ≥ 0" : "a duration > 0",
        Durations::parse,
        (k, v) -> {
          if (v == null || v.isNegative() || (!zero && v.isZero())) {
            throw new EmulatorConfigException(
                "'" + k + "' must be a " + (zero ? "duration, not negative" : "positive duration"));
          }
          return v;
        },
        v -> TextNode.valueOf(Durations.format(v)));
  }

  /** One of an enum's constants, written in lower case with dashes. */
  static <E extends Enum<E>> Type<E> choice(Class<E> type) {
    return new Type<>(
        Arrays.stream(type.getEnumConstants())
            .map(e -> "`" + name(e) + "`")
            .collect(Collectors.joining(", ")),
        (k, v) -> {
          String name = text(k, v).trim().toUpperCase(Locale.ROOT).replace('-', '_');
          try {
            return Enum.valueOf(type, name);
          } catch (IllegalArgumentException e) {
            throw new EmulatorConfigException(
                "'"
                    + k
                    + "' must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Setting::name).toList()
                    + ", got "
                    + v,
                e);
          }
        },
        Setting::present,
        v -> TextNode.valueOf(name(v)));
  }

  static Type<LocalTime> timeOfDay() {
    return new Type<>(
        "a time of day, `\"HH:mm\"`",
        (k, v) -> {
          try {
            return LocalTime.parse(text(k, v).trim());
          } catch (DateTimeParseException e) {
            throw new EmulatorConfigException(
                "'" + k + "' must be a time of day such as \"00:00\" or \"09:30\", got " + v, e);
          }
        },
        Setting::present,
        v -> TextNode.valueOf(v.toString()));
  }

  // ---- helpers shared with Settings ----------------------------------------------------------

  static String text(String key, JsonNode v) {
    if (!v.isTextual()) {
      throw new EmulatorConfigException("'" + key + "' must be a string, got " + v);
    }
    return v.textValue();
  }

  static <T> T present(String key, T value) {
    if (value == null) {
      throw new EmulatorConfigException("'" + key + "' must be set");
    }
    return value;
  }

  private static long wholeNumber(String key, JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isTextual() && v.textValue().matches("-?\\d{1,18}")) {
      return Long.parseLong(v.textValue());
    }
    throw new EmulatorConfigException("'" + key + "' must be a whole number, got " + v);
  }

  private static long inRange(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new EmulatorConfigException(
          "'" + key + "' must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  private static String range(long min, long max) {
    return String.format(Locale.ROOT, "%,d to %,d", min, max);
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
