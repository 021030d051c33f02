package io.github.darajakit.cli.doctor;

import io.github.darajakit.client.security.SecurityCredentials;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Which certificate encrypts the initiator password, and whose it is. Safaricom's certificates are
 * told by their SHA-256 fingerprints (REFERENCE §19, {@code shared/daraja/certs/README.md}); the
 * emulator's by its subject.
 */
final class Certificates {

  /** Whose certificate it is. */
  enum Owner {
    SANDBOX("Safaricom's sandbox certificate"),
    PRODUCTION("Safaricom's production certificate"),
    EMULATOR("the DarajaKit emulator's certificate"),
    UNKNOWN("a certificate DarajaKit does not know");

    final String description;

    Owner(String description) {
      this.description = description;
    }
  }

  /** The certificate in use, where it comes from (e.g. {@code MPESA_CERTIFICATE …}), and whose. */
  record InUse(X509Certificate certificate, String source, Owner owner) {

    /** E.g. {@code Safaricom's sandbox certificate (CN=…), from MPESA_CERTIFICATE /etc/m.cer}. */
    String describe() {
      return owner.description + " (" + commonName(certificate) + "), from " + source;
    }
  }

  private static final Map<String, Owner> SAFARICOM =
      Map.of(
          // apicrypt.safaricom.co.ke, the sandbox certificate most SDKs ship
          "a542c3c67b598a337a1cc741e5434c70de565081e5c853e05a51c843764766f0",
          Owner.SANDBOX,
          // sandbox.safaricom.co.ke (DigiCert), shipped by a few SDKs as the sandbox one
          "122ac9047cbc99c8c941697e62eeda9704cf1a45aabcc979bd0334cfd0cb18f7",
          Owner.SANDBOX,
          // apigee.apicaller.safaricom.co.ke, the production certificate SDKs ship
          "9417915212ac708d3ac82b710e71d976fa0eb783f467b159c15ad7216ef2c16b",
          Owner.PRODUCTION);

  private Certificates() {}

  /**
   * The certificate the initiator password is encrypted with: {@code MPESA_CERTIFICATE} if set,
   * else the emulator's against the emulator, else the SDK's bundled one for the environment.
   *
   * @throws io.github.darajakit.client.DarajaValidationException if MPESA_CERTIFICATE is unreadable
   */
  static InUse inUse(DoctorContext context) {
    String file = context.variable("MPESA_CERTIFICATE");
    X509Certificate certificate;
    String source;
    if (file != null) {
      certificate = SecurityCredentials.certificate(Path.of(file));
      source = "MPESA_CERTIFICATE " + file;
    } else if (context.isEmulator()) {
      certificate = context.emulatorCertificate();
      source = "the emulator (GET /__admin/certificate)";
    } else if (context.isProduction()) {
      certificate = SecurityCredentials.productionCertificate();
      source = "the SDK's bundle";
    } else {
      certificate = SecurityCredentials.sandboxCertificate();
      source = "the SDK's bundle";
    }
    return new InUse(certificate, source, owner(certificate));
  }

  /** Whose certificate this is. */
  static Owner owner(X509Certificate certificate) {
    Owner known = SAFARICOM.get(fingerprint(certificate));
    if (known != null) {
      return known;
    }
    if (SecurityCredentials.isSandbox(certificate)) {
      return Owner.SANDBOX;
    }
    String subject = certificate.getSubjectX500Principal().getName();
    if (subject.contains("DarajaKit Emulator")) {
      return Owner.EMULATOR;
    }
    return subject.toLowerCase(Locale.ROOT).contains("sandbox") ? Owner.SANDBOX : Owner.UNKNOWN;
  }

  static String commonName(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    for (String part : subject.split(",")) {
      if (part.trim().startsWith("CN=")) {
        return part.trim();
      }
    }
    return subject;
  }

  private static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
