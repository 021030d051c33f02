package io.github.darajakit.client.security;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;

/**
 * Builds the {@code SecurityCredential} of initiator APIs: the initiator password encrypted with
 * M-Pesa's public key, RSA with PKCS#1 v1.5 padding, Base64-encoded (REFERENCE §19).
 *
 * <pre>{@code
 * String credential = SecurityCredentials.encrypt("Safaricom999!*!", Environment.SANDBOX);
 * String forEmulator = SecurityCredentials.encrypt(password, SecurityCredentials.certificate(pem));
 * }</pre>
 *
 * <p>PKCS#1 v1.5 is randomised: each call gives a different credential, and any of them is valid
 * for as long as the password is. Certificates bundled: Safaricom's sandbox ({@code
 * apicrypt.safaricom.co.ke}) and production ({@code apigee.apicaller.safaricom.co.ke}) ones, as
 * shipped by maintained SDKs; both are expired as certificates, which does not matter for
 * encryption.
 */
public final class SecurityCredentials {

  private static final String SANDBOX = "/io/github/darajakit/client/security/sandbox.cer";
  private static final String PRODUCTION = "/io/github/darajakit/client/security/production.cer";

  private SecurityCredentials() {}

  /** Safaricom's sandbox certificate. */
  public static X509Certificate sandboxCertificate() {
    return load(SANDBOX);
  }

  /** Safaricom's production certificate. */
  public static X509Certificate productionCertificate() {
    return load(PRODUCTION);
  }

  /** A certificate from PEM text (e.g. the emulator's, from {@code /__admin/certificate}). */
  public static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | ClassCastException e) {
      throw new DarajaValidationException(
          "certificate", "is not a PEM X.509 certificate (-----BEGIN CERTIFICATE-----…)");
    }
  }

  /** A certificate from a PEM or DER file. */
  public static X509Certificate certificate(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new DarajaValidationException(
          "certificate", "cannot read " + file + ": " + e.getMessage());
    } catch (CertificateException | ClassCastException e) {
      throw new DarajaValidationException("certificate", file + " is not an X.509 certificate");
    }
  }

  /**
   * Encrypts with the environment's bundled certificate (production for production, else sandbox).
   */
  public static String encrypt(String initiatorPassword, Environment environment) {
    return encrypt(
        initiatorPassword,
        environment.isProduction() ? productionCertificate() : sandboxCertificate(),
        environment);
  }

  /** Encrypts with a given certificate. */
  public static String encrypt(String initiatorPassword, X509Certificate certificate) {
    if (initiatorPassword == null || initiatorPassword.isEmpty()) {
      throw new DarajaValidationException("initiatorPassword", "is required");
    }
    byte[] password = initiatorPassword.getBytes(StandardCharsets.UTF_8);
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
      return Base64.getEncoder().encodeToString(cipher.doFinal(password));
    } catch (IllegalBlockSizeException e) {
      // The password, not the certificate, is at fault: PKCS#1 v1.5 carries the key's size less
      // 11 bytes (245 for Safaricom's 2048-bit keys).
      int limit =
          certificate.getPublicKey() instanceof RSAPublicKey rsa
              ? (rsa.getModulus().bitLength() + 7) / 8 - 11
              : 0;
      throw new DarajaValidationException(
          "initiatorPassword",
          "is "
              + password.length
              + " bytes in UTF-8; this certificate's RSA key encrypts at most "
              + limit
              + " bytes");
    } catch (GeneralSecurityException e) {
      throw new DarajaValidationException(
          "certificate", "cannot encrypt with this certificate (" + e.getMessage() + ")");
    }
  }

  /**
   * Encrypts for an environment with a given certificate, refusing the sandbox certificate for
   * production (the credential would fail with ResultCode 2001 on real money).
   */
  public static String encrypt(
      String initiatorPassword, X509Certificate certificate, Environment environment) {
    if (environment.isProduction() && isSandbox(certificate)) {
      throw new DarajaValidationException(
          "certificate",
          "the sandbox certificate cannot encrypt a production credential: use"
              + " SecurityCredentials.productionCertificate() or the certificate from your"
              + " production app");
    }
    return encrypt(initiatorPassword, certificate);
  }

  /** True if the certificate is Safaricom's bundled sandbox one. */
  public static boolean isSandbox(X509Certificate certificate) {
    try {
      return MessageDigest.isEqual(sandboxCertificate().getEncoded(), certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static X509Certificate load(String resource) {
    try (InputStream in = SecurityCredentials.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled certificate " + resource);
      }
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateException e) {
      throw new IllegalStateException("bundled certificate " + resource + " is unreadable", e);
    }
  }
}
