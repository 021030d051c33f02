package io.github.darajakit.cli.doctor;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Environment;
import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.emulator.Sandbox;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * Check 6: the initiator's SecurityCredential decrypts to its password (the emulator can tell, and
 * is asked without counting towards its lock) or, against Safaricom, whose key nobody else holds,
 * is at least shaped right: the Base64 of one RSA-2048 block, 344 characters (REFERENCE §19).
 */
final class InitiatorCredentialCheck implements Check {

  /** One RSA-2048 block. */
  static final int RSA_2048_BYTES = 256;

  /** Its Base64, padding included. */
  static final int CREDENTIAL_CHARACTERS = 344;

  @Override
  public String id() {
    return "initiator-credential";
  }

  @Override
  public String title() {
    return "Initiator credential decrypts";
  }

  /** What the initiator checks answer when no initiator is configured. */
  static Finding noInitiator() {
    return Finding.skip(
        "no initiator configured (MPESA_INITIATOR_NAME): only B2C, B2B, reversal, balance and"
            + " status requests need one");
  }

  @Override
  public Finding run(DoctorContext context) {
    String name = context.variable("MPESA_INITIATOR_NAME");
    String password = context.variable("MPESA_INITIATOR_PASSWORD");
    String credential = context.variable("MPESA_SECURITY_CREDENTIAL");
    String passwordSource = "MPESA_INITIATOR_PASSWORD";
    if (name == null) {
      if (!context.isEmulator()) {
        return noInitiator();
      }
      // As the daraja commands do against the emulator: its test initiator.
      name = Sandbox.INITIATOR_NAME;
      password = Sandbox.INITIATOR_PASSWORD;
      credential = null;
      passwordSource = "the test initiator's password";
    }
    String source;
    if (credential != null) {
      String problem = shapeProblem(credential);
      if (problem != null) {
        return Finding.fail("MPESA_SECURITY_CREDENTIAL " + problem, remake(context));
      }
      source = "MPESA_SECURITY_CREDENTIAL";
    } else if (password != null) {
      Certificates.InUse certificate;
      try {
        certificate = Certificates.inUse(context);
        // As the SDK does: for production it refuses the sandbox certificate.
        credential =
            context.isProduction()
                ? SecurityCredentials.encrypt(
                    password, certificate.certificate(), Environment.PRODUCTION)
                : SecurityCredentials.encrypt(password, certificate.certificate());
      } catch (DarajaValidationException e) {
        return Finding.fail(
            "the initiator password cannot be encrypted: " + e.getMessage(),
            e.field().equals("certificate")
                ? "use the certificate the certificate check asks for"
                : remake(context));
      }
      source = passwordSource + " encrypted with " + certificate.owner().description;
    } else {
      return Finding.fail(
          "MPESA_INITIATOR_NAME is set without MPESA_INITIATOR_PASSWORD or"
              + " MPESA_SECURITY_CREDENTIAL",
          "set MPESA_INITIATOR_PASSWORD (the SDK encrypts it) or MPESA_SECURITY_CREDENTIAL");
    }
    if (context.isEmulator()) {
      return askEmulator(context, name, credential, source);
    }
    return Finding.pass(
        source
            + " is shaped right (Base64 of one RSA-2048 block, "
            + CREDENTIAL_CHARACTERS
            + " characters); only Safaricom can decrypt it: a wrong password shows as ResultCode"
            + " 2001 on the first initiator request");
  }

  /**
   * What is wrong with a credential's shape, or {@code null} if it is the Base64 of one RSA-2048
   * block. Never quotes it: a password put here by mistake would be printed.
   */
  static String shapeProblem(String credential) {
    // Some tools wrap Base64 at 64 or 76 columns; the line breaks carry no data.
    String compact = credential.replaceAll("\\s", "");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      return "is not Base64 ("
          + compact.length()
          + " characters): it must be the initiator password encrypted and Base64-encoded ("
          + CREDENTIAL_CHARACTERS
          + " characters), not the password itself";
    }
    if (bytes.length != RSA_2048_BYTES) {
      return "has "
          + compact.length()
          + " characters ("
          + bytes.length
          + " bytes): a credential is the Base64 of one RSA-2048 block, "
          + CREDENTIAL_CHARACTERS
          + " characters ("
          + RSA_2048_BYTES
          + " bytes)";
    }
    return null;
  }

  private static Finding askEmulator(
      DoctorContext context, String name, String credential, String source) {
    DoctorContext.AdminAnswer answer;
    try {
      answer =
          context.admin(
              "POST",
              "/credentials/check",
              DoctorContext.json(Map.of("initiator", name, "securityCredential", credential)));
    } catch (IOException e) {
      return Finding.warn(
          "could not check: the emulator's admin API did not answer ("
              + e
              + "); "
              + source
              + " is shaped right",
          null);
    }
    if (answer.status() != 200) {
      return Finding.warn(
          "could not check: the emulator's admin API answered HTTP "
              + answer.status()
              + " to POST /__admin/credentials/check (an older emulator, or admin for loopback"
              + " only); "
              + source
              + " is shaped right",
          "run doctor on the emulator's machine, or against ./daraja emulator of this version");
    }
    String result = answer.body().path("result").asText();
    boolean strict = answer.body().path("mode").asText().equals("strict");
    String initiator = "initiator " + name;
    return switch (result) {
      case "valid" ->
          Finding.pass("the emulator decrypts " + source + " to the password of " + initiator);
      case "wrong_password" ->
          Finding.fail(
              source
                  + " decrypts, but not to the password of "
                  + initiator
                  + ": requests would fail with ResultCode 2001",
              "set MPESA_INITIATOR_PASSWORD to the initiator's password (the emulator's test"
                  + " initiator: docs/emulator.md#test-data)");
      case "unknown_initiator" ->
          Finding.fail(
              "the emulator has no " + initiator,
              "use the emulator's test initiator "
                  + Sandbox.INITIATOR_NAME
                  + ", or add yours to the emulator's initiators setting");
      case "not_for_this_key" -> {
        String message =
            source
                + " is not encrypted with the emulator's certificate: the emulator "
                + (strict
                    ? "refuses it (strict mode)"
                    : "accepts it unchecked, which proves nothing");
        String fix =
            "against the emulator, unset MPESA_CERTIFICATE and MPESA_SECURITY_CREDENTIAL (the"
                + " daraja commands then encrypt with its certificate)";
        yield strict ? Finding.fail(message, fix) : Finding.warn(message, fix);
      }
      case "locked" ->
          Finding.fail(
              initiator + " is locked after repeated wrong credentials (ResultCode 8006)",
              "fix the credential, then reset the emulator: POST /__admin/reset");
      default -> Finding.fail("the emulator says " + source + " is " + result, remake(context));
    };
  }

  private static String remake(DoctorContext context) {
    return "make a credential with `daraja credential --env "
        + context.environment()
        + " --password-stdin` and put it in MPESA_SECURITY_CREDENTIAL, or set"
        + " MPESA_INITIATOR_PASSWORD instead and let the SDK encrypt it";
  }
}
