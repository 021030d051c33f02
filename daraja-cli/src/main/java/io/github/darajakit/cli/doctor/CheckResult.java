package io.github.darajakit.cli.doctor;

/**
 * One line of the doctor's report: a check and what it found, secrets already removed.
 *
 * @param id the check's {@link Check#id()}
 * @param title the check's {@link Check#title()}
 * @param finding what it found
 */
public record CheckResult(String id, String title, Finding finding) {

  /** How it came out. */
  public Status status() {
    return finding.status();
  }
}
