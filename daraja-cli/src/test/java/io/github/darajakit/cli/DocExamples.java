package io.github.darajakit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal examples of a Markdown document, and whether a run's output is what they show.
 *
 * <p>The convention the documents follow:
 *
 * <ul>
 *   <li>An example is a {@code ```console} block: each {@code $ } line is a command (a line ending
 *       in {@code \} goes on), and the lines after it, up to the next {@code $ }, are its output.
 *   <li>In an output, {@code …} stands for anything; ids, receipts and times that change from run
 *       to run are written as a real run printed them and match any value of their shape. An id
 *       (say {@code pay_c8Os…}) is learnt from the output that shows it first and stands for the
 *       same live value in the commands and outputs after it, in document order.
 *   <li>A block of commands that cannot run in a test says why on the line before it: {@code <!--
 *       not-run: reason -->}. Any other fenced block with a {@code $ }, {@code curl} or {@code
 *       ./daraja} line is an error, so that no example goes unchecked by oversight.
 *   <li>{@code <!-- file: NAME -->} before a block makes it a file the examples after it use (a
 *       CSV, a configuration); {@code <!-- gateway: NAME=value --option FILE -->} runs the examples
 *       after it against a gateway started with those settings, and {@code <!-- gateway: previous
 *       -->} goes back to the one before.
 * </ul>
 */
final class DocExamples {

  /** One command of a {@code ```console} block and the output the document shows for it. */
  record Example(Path document, int line, String command, String expected) {}

  /**
   * A fenced block: where it starts, its info string, its lines, its not-run reason, and the file
   * it is the content of ({@code <!-- file: NAME -->} on the line before: the examples after it
   * find it in their folder).
   */
  record Block(
      int line, String info, List<String> lines, Optional<String> notRun, Optional<String> file) {

    boolean runs() {
      return info.equals("console") && notRun.isEmpty();
    }

    /** Whether it holds something a reader would type: a prompt, curl, or the command. */
    boolean looksLikeCommands() {
      return lines.stream()
          .map(String::strip)
          .anyMatch(l -> l.startsWith("$ ") || l.startsWith("curl ") || l.startsWith("./daraja "));
    }
  }

  private static final Pattern NOT_RUN = Pattern.compile("<!--\\s*not-run:\\s*(.+?)\\s*-->");

  /**
   * {@code <!-- gateway: NAME=value … --option … -->}: from here on the examples run against a
   * gateway started again with these variables and options (same folder and database).
   */
  record Restart(int line, String settings) {}

  private static final Pattern RESTART = Pattern.compile("<!--\\s*gateway:\\s*(.+?)\\s*-->");

  static List<Restart> restarts(Path document) throws IOException {
    List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
    List<Restart> restarts = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher restart = RESTART.matcher(lines.get(i));
      if (restart.find()) {
        restarts.add(new Restart(i + 1, restart.group(1)));
      }
    }
    return restarts;
  }

  private static final Pattern FILE = Pattern.compile("<!--\\s*file:\\s*(\\S+)\\s*-->");

  private DocExamples() {}

  static List<Block> blocks(Path document) throws IOException {
    List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.startsWith("```")) {
        continue;
      }
      String indent = lines.get(i).substring(0, lines.get(i).indexOf("```"));
      String before = i > 0 ? lines.get(i - 1) : "";
      Matcher reason = NOT_RUN.matcher(before);
      Optional<String> notRun = reason.find() ? Optional.of(reason.group(1)) : Optional.empty();
      Matcher file = FILE.matcher(before);
      Optional<String> named = file.find() ? Optional.of(file.group(1)) : Optional.empty();
      int start = i + 1;
      List<String> body = new ArrayList<>();
      for (i = start; !lines.get(i).strip().equals("```"); i++) {
        String line = lines.get(i);
        body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
      }
      blocks.add(new Block(start, fence.substring(3).strip(), body, notRun, named));
    }
    return blocks;
  }

  /** The commands of a runnable block, each with the output shown after it. */
  static List<Example> examples(Path document, Block block) {
    List<Example> examples = new ArrayList<>();
    List<String> lines = block.lines();
    int i = 0;
    while (i < lines.size()) {
      if (!lines.get(i).startsWith("$ ")) {
        throw new IllegalStateException(
            document + " line " + (block.line() + i + 1) + ": output before any $ command");
      }
      int line = block.line() + i + 1;
      StringBuilder command = new StringBuilder(lines.get(i).substring(2));
      while (i + 1 < lines.size()) {
        if (command.toString().endsWith("\\")) {
          command.setLength(command.length() - 1);
          command.append(' ').append(lines.get(++i).strip());
        } else if (command.chars().filter(c -> c == '\'').count() % 2 == 1) {
          // Inside single quotes (a JSON body over several lines): the newline is part of it.
          command.append('\n').append(lines.get(++i));
        } else {
          break;
        }
      }
      StringBuilder expected = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).startsWith("$ "); i++) {
        expected.append(lines.get(i)).append('\n');
      }
      examples.add(new Example(document, line, command.toString(), expected.toString()));
    }
    return examples;
  }

  /**
   * Values that change from run to run, by shape. Ids are learnt (the same id means the same live
   * value throughout a document); times and dates only have to look like one.
   */
  private static final Pattern ID =
      Pattern.compile(
          "ws_CO_\\d+|AG_\\d{8}_[0-9A-Za-z]+|\\b[a-z][a-z0-9]*_[A-Za-z0-9]{20,}\\b"
              + "|\\b[0-9a-f]{4,}(?:-[0-9a-f]{4,}){2,}\\b|\\b[A-Z]{2}[A-Z0-9]{8}\\b");

  private static final Pattern TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z?|\\d{4}-\\d{2}-\\d{2}"
              + "|\\d{2}-\\d{2}-\\d{4}|\\b\\d{2}:\\d{2}(?::\\d{2})?\\b");

  private static final Pattern VOLATILE =
      Pattern.compile("(?<id>" + ID.pattern() + ")|(?<time>" + TIME.pattern() + ")|(?<any>…)");

  /**
   * Whether {@code actual} is what {@code expected} shows, whitespace aside (documents wrap long
   * JSON and align columns). On a match, the ids it shows for the first time are added to {@code
   * ids} (document value → live value).
   */
  static boolean matches(String expected, String actual, Map<String, String> ids) {
    StringBuilder regex = new StringBuilder();
    Map<String, String> groups = new LinkedHashMap<>();
    Matcher token = VOLATILE.matcher(expected);
    int last = 0;
    while (token.find()) {
      regex.append(literal(expected.substring(last, token.start())));
      last = token.end();
      if (token.group("any") != null) {
        regex.append(".*?");
      } else if (token.group("time") != null) {
        regex.append("(?:").append(TIME.pattern().replace("\\b", "")).append(")");
      } else if (ids.containsKey(token.group())) {
        regex.append(Pattern.quote(ids.get(token.group())));
      } else if (groups.containsKey(token.group())) {
        regex.append("\\k<").append(groups.get(token.group())).append(">");
      } else {
        String group = "id" + groups.size();
        groups.put(token.group(), group);
        regex.append("(?<").append(group).append(">").append(shapeOf(token.group())).append(")");
      }
    }
    regex.append(literal(expected.substring(last)));
    Matcher match =
        Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual.replaceAll("\\s+", ""));
    if (!match.matches()) {
      return false;
    }
    groups.forEach((value, group) -> ids.put(value, match.group(group)));
    return true;
  }

  private static String literal(String text) {
    String stripped = text.replaceAll("\\s+", "");
    return stripped.isEmpty() ? "" : Pattern.quote(stripped);
  }

  /** A pattern for ids of this one's shape: its prefix kept, the rest any run of its kind. */
  private static String shapeOf(String id) {
    if (id.startsWith("ws_CO_")) {
      return "ws_CO_\\d+";
    }
    if (id.startsWith("AG_")) {
      return "AG_\\d{8}_[0-9A-Za-z]{" + (id.length() - 12) + "}";
    }
    Matcher prefixed = Pattern.compile("([a-z][a-z0-9]*_)[A-Za-z0-9]{20,}").matcher(id);
    if (prefixed.matches()) {
      // As long as the document's: outputs are compared without their spaces, so an id runs
      // straight into the next word.
      return Pattern.quote(prefixed.group(1))
          + "[A-Za-z0-9]{"
          + (id.length() - prefixed.group(1).length())
          + "}";
    }
    if (id.contains("-")) {
      return "[0-9a-f]{4,}(?:-[0-9a-f]{4,}){2,}";
    }
    return "[A-Z]{2}[A-Z0-9]{8}";
  }

  /** The command with every id learnt so far replaced by its live value. */
  static String withLiveIds(String command, Map<String, String> ids) {
    String live = command;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      live = live.replace(id.getKey(), id.getValue());
    }
    return live;
  }
}
