package io.github.darajakit.cli.doctor;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs go-live checks in order and reports what each found, with every secret masked. A check that
 * throws is reported as "could not check" rather than ending the run.
 */
public final class Doctor {

  private final List<Check> checks;

  /** A doctor running these checks, in this order. */
  public Doctor(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  /**
   * The go-live checks: OAuth, the clock, the certificate and the initiator credential, the
   * shortcodes, the callback URLs and their C2B registration, the database and its backups.
   */
  public static Doctor standard() {
    return new Doctor(
        List.of(
            new TokenCheck(),
            new ClockCheck(),
            new CertificateCheck(),
            new InitiatorCredentialCheck(),
            new ShortCodeCheck(),
            new CallbackUrlCheck(),
            new C2bRegistrationCheck(),
            new DatabaseCheck(),
            new BackupCheck()));
  }

  /** The checks, in order. */
  public List<Check> checks() {
    return checks;
  }

  /** Runs every check against the context. */
  public List<CheckResult> run(DoctorContext context) {
    List<CheckResult> results = new ArrayList<>();
    for (Check check : checks) {
      Finding finding;
      try {
        finding = check.run(context);
      } catch (RuntimeException e) {
        finding =
            Finding.warn(
                "could not check: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
      }
      results.add(
          new CheckResult(
              check.id(),
              check.title(),
              new Finding(
                  finding.status(),
                  context.redact(finding.message()),
                  context.redact(finding.fix()))));
    }
    return results;
  }
}
