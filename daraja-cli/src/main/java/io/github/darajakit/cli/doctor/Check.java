package io.github.darajakit.cli.doctor;

/**
 * One go-live check: looks at one thing in the configured environment and says whether it is fit
 * for real money, and if not, what to do.
 */
public interface Check {

  /** A stable identifier for scripts, e.g. {@code oauth}. */
  String id();

  /** What is checked, in a few words, e.g. {@code Credentials give a token}. */
  String title();

  /**
   * Runs the check. A check that cannot look answers {@link Status#WARN} ("could not check") or
   * {@link Status#SKIP} (does not apply here) rather than throwing.
   */
  Finding run(DoctorContext context);
}
