package io.github.darajakit.cli;

import java.io.StringWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a command running in another thread has printed so far, awaited. */
final class Printed {

  private Printed() {}

  /**
   * Waits until {@code out} holds a match of {@code pattern} (at most {@code within}) and answers
   * its first group.
   */
  static String await(StringWriter out, String pattern, Duration within) {
    Pattern wanted = Pattern.compile(pattern);
    return org.awaitility.Awaitility.await()
        .atMost(within)
        .until(
            () -> {
              Matcher m = wanted.matcher(out.toString());
              return m.find() ? m.group(1) : null;
            },
            found -> found != null);
  }
}
