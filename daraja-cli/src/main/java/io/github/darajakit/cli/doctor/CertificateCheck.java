package io.github.darajakit.cli.doctor;

import io.github.darajakit.cli.doctor.Certificates.Owner;
import io.github.darajakit.client.DarajaValidationException;

/**
 * Check 2: the certificate that encrypts the initiator password into the SecurityCredential belongs
 * to the environment. A sandbox certificate in production (or the reverse) makes every initiator
 * request fail with ResultCode 2001 (REFERENCE §19).
 */
final class CertificateCheck implements Check {

  @Override
  public String id() {
    return "certificate";
  }

  @Override
  public String title() {
    return "SecurityCredential certificate fits the environment";
  }

  @Override
  public Finding run(DoctorContext context) {
    if (context.variable("MPESA_INITIATOR_NAME") == null && !context.isEmulator()) {
      return InitiatorCredentialCheck.noInitiator();
    }
    if (context.variable("MPESA_SECURITY_CREDENTIAL") != null
        && context.variable("MPESA_CERTIFICATE") == null) {
      if (context.isEmulator()) {
        return Finding.skip(
            "MPESA_SECURITY_CREDENTIAL is already encrypted; the initiator-credential check asks"
                + " the emulator whether it decrypts it");
      }
      return Finding.warn(
          "could not check: MPESA_SECURITY_CREDENTIAL is already encrypted, and which"
              + " certificate made it cannot be told from it",
          "make it with `daraja credential --env "
              + context.environment()
              + " --password-stdin` (Safaricom's "
              + context.environment()
              + " certificate), or set MPESA_INITIATOR_PASSWORD instead and let the SDK encrypt it");
    }
    Certificates.InUse inUse;
    try {
      inUse = Certificates.inUse(context);
    } catch (DarajaValidationException e) {
      return Finding.fail(
          "MPESA_CERTIFICATE cannot be read: " + e.getMessage(),
          "point MPESA_CERTIFICATE at the PEM or DER certificate from the Daraja portal, or unset"
              + " it to use the SDK's bundled one");
    }
    Owner owner = inUse.owner();
    String found = inUse.describe();
    if (context.isEmulator()) {
      return owner == Owner.EMULATOR
          ? Finding.pass(found)
          : Finding.warn(
              found
                  + ": the emulator cannot decrypt what it encrypts and, in its default auto mode,"
                  + " accepts such credentials unchecked",
              "unset MPESA_CERTIFICATE when working against the emulator");
    }
    Owner wanted = context.isProduction() ? Owner.PRODUCTION : Owner.SANDBOX;
    if (owner == wanted) {
      return Finding.pass(found);
    }
    String fix =
        "unset MPESA_CERTIFICATE (the SDK then uses Safaricom's "
            + context.environment()
            + " certificate) or point it at the "
            + (context.isProduction() ? "ProductionCertificate.cer" : "SandboxCertificate.cer")
            + " from the Daraja portal";
    if (owner == Owner.UNKNOWN) {
      return context.isProduction()
          ? Finding.pass(
              found + "; not a sandbox one (make sure it is the portal's production one)")
          : Finding.warn(found + ", not Safaricom's sandbox one", fix);
    }
    return Finding.fail(
        found
            + ", but MPESA_ENV is "
            + context.environment()
            + ": every B2C, B2B, reversal, balance and status request would fail with ResultCode"
            + " 2001",
        fix);
  }
}
