package io.github.darajakit.cli.doctor;

/** How a check came out, from the least to the most serious. */
public enum Status {
  /** Does not apply to this environment or configuration; the finding says why. */
  SKIP,
  /** Fit for going live. */
  PASS,
  /** Could not be checked, or works but deserves a look. */
  WARN,
  /** Not fit: the finding says how to fix it. */
  FAIL;

  /** The more serious of the two. */
  Status worst(Status other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
