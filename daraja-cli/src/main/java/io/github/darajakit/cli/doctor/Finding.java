package io.github.darajakit.cli.doctor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a check found.
 *
 * @param status how it came out
 * @param message what was found, in a sentence
 * @param fix what to do about it, or {@code null} when there is nothing to do
 */
public record Finding(Status status, String message, String fix) {

  /** Requires a status and a message. */
  public Finding {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /** Fit for going live. */
  public static Finding pass(String message) {
    return new Finding(Status.PASS, message, null);
  }

  /** Not fit, and how to fix it. */
  public static Finding fail(String message, String fix) {
    return new Finding(Status.FAIL, message, fix);
  }

  /** Could not be checked, or deserves a look, and what to do. */
  public static Finding warn(String message, String fix) {
    return new Finding(Status.WARN, message, fix);
  }

  /** Does not apply here, and why. */
  public static Finding skip(String reason) {
    return new Finding(Status.SKIP, reason, null);
  }

  /**
   * The findings of a check that looks at several things, as one: the most serious status; when
   * anything is amiss, the messages and fixes of what is amiss, else every message.
   */
  static Finding combine(List<Finding> findings) {
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("no findings to combine");
    }
    Status status = Status.SKIP;
    for (Finding f : findings) {
      status = status.worst(f.status());
    }
    boolean amiss = status == Status.FAIL || status == Status.WARN;
    Set<String> messages = new LinkedHashSet<>();
    Set<String> fixes = new LinkedHashSet<>();
    for (Finding f : findings) {
      boolean shown =
          amiss ? f.status() == Status.FAIL || f.status() == Status.WARN : f.status() == status;
      if (shown) {
        messages.add(f.message());
        if (f.fix() != null) {
          fixes.add(f.fix());
        }
      }
    }
    return new Finding(
        status, String.join("; ", messages), fixes.isEmpty() ? null : String.join(" ", fixes));
  }

  /** A list to collect findings in. */
  static List<Finding> list() {
    return new ArrayList<>();
  }
}
