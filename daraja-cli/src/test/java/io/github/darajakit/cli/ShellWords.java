package io.github.darajakit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line split into words as bash splits a simple command: single quotes literal, double
 * quotes with {@code $VAR} expanded, a backslash escaping the next character, {@code #} at the
 * start of a word beginning a comment. Enough for the guides' {@code ./daraja} examples; pipes,
 * redirections and {@code $(…)} are left to bash.
 */
final class ShellWords {

  private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");

  private ShellWords() {}

  static List<String> split(String command, Map<String, String> env) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    while (i < command.length()) {
      char c = command.charAt(i);
      if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        i++;
        continue;
      }
      if (c == '#' && word == null) {
        break;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        word.append(command, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        int end = i + 1;
        while (command.charAt(end) != '"') {
          end += command.charAt(end) == '\\' ? 2 : 1;
        }
        word.append(expand(command.substring(i + 1, end).replaceAll("\\\\(.)", "$1"), env));
        i = end + 1;
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(i + 1));
        i += 2;
      } else if (c == '$') {
        Matcher variable = VARIABLE.matcher(command).region(i, command.length());
        if (variable.lookingAt()) {
          word.append(expand(variable.group(), env));
          i = variable.end();
        } else {
          word.append(c);
          i++;
        }
      } else {
        word.append(c);
        i++;
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** {@code $VAR} and {@code ${VAR}} replaced by their values ("" when unset). */
  static String expand(String text, Map<String, String> env) {
    Matcher variable = VARIABLE.matcher(text);
    StringBuilder expanded = new StringBuilder();
    while (variable.find()) {
      String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
      variable.appendReplacement(expanded, Matcher.quoteReplacement(env.getOrDefault(name, "")));
    }
    return variable.appendTail(expanded).toString();
  }
}
