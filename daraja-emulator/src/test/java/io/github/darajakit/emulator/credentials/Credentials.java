package io.github.darajakit.emulator.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.crypto.Cipher;

/** SecurityCredentials made the way client code makes them (REFERENCE §19). */
final class Credentials {

  /** Safaricom's sandbox certificate, as shipped by SDKs. */
  static final String SANDBOX_CERTIFICATE = "/sandbox-apicrypt.safaricom.co.ke.cer";

  private Credentials() {}

  /** Reads an X.509 certificate from a test resource. */
  static X509Certificate resourceCertificate(String path) {
    try (InputStream in = Credentials.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return certificate(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a PEM or DER certificate. */
  static X509Certificate certificate(byte[] encoded) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64(RSA/ECB/PKCS1Padding(password)) with the certificate's public key. */
  static String encrypt(X509Certificate certificate, String password) {
    return encrypt(certificate, password.getBytes(StandardCharsets.UTF_8));
  }

  /** Base64(RSA/ECB/PKCS1Padding(plaintext)) with the certificate's public key. */
  static String encrypt(X509Certificate certificate, byte[] plaintext) {
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
      return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
