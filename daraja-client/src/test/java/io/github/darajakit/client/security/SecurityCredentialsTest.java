package io.github.darajakit.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SecurityCredentials (REFERENCE §19), no I/O beyond the classpath and a temporary directory.
 * Safaricom's private keys are unavailable, so decryption is checked with the emulator's key pair,
 * whose certificate and PKCS#8 key ship as resources of the {@code daraja-emulator} test
 * dependency.
 */
class SecurityCredentialsTest {

  private static final String PASSWORD = "Safaricom999!*!";
  private static final String EMULATOR_CERT = "/io/github/darajakit/emulator/initiator-cert.pem";
  private static final String EMULATOR_KEY = "/io/github/darajakit/emulator/initiator-key.pem";

  private static String resource(String path) throws IOException {
    try (InputStream in = SecurityCredentialsTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static X509Certificate emulatorCertificate() throws IOException {
    return SecurityCredentials.certificate(resource(EMULATOR_CERT));
  }

  private static PrivateKey emulatorKey() throws Exception {
    String base64 =
        resource(EMULATOR_KEY)
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static byte[] decrypt(String transformation, String credential) throws Exception {
    Cipher cipher = Cipher.getInstance(transformation);
    cipher.init(Cipher.DECRYPT_MODE, emulatorKey());
    return cipher.doFinal(Base64.getDecoder().decode(credential));
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  @Test
  void bundledCertificatesAreSafaricomsRsa2048Ones() {
    X509Certificate sandbox = SecurityCredentials.sandboxCertificate();
    X509Certificate production = SecurityCredentials.productionCertificate();
    assertThat(sandbox.getSubjectX500Principal().getName()).contains("CN=apicrypt.safaricom.co.ke");
    assertThat(production.getSubjectX500Principal().getName())
        .contains("CN=apigee.apicaller.safaricom.co.ke");
    assertThat(((RSAPublicKey) sandbox.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(((RSAPublicKey) production.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(sandbox).isNotEqualTo(production);
  }

  @Test
  void sandboxAndProductionCredentialsAreBase64Of256Bytes() {
    for (Environment environment :
        new Environment[] {
          Environment.SANDBOX, Environment.PRODUCTION, Environment.custom("http://127.0.0.1:8090")
        }) {
      String credential = SecurityCredentials.encrypt(PASSWORD, environment);
      assertThat(credential).as(environment.name()).hasSize(344).matches("[A-Za-z0-9+/]+={0,2}");
      assertThat(Base64.getDecoder().decode(credential)).hasSize(256);
    }
  }

  @Test
  void everyEncryptionDiffersBecausePkcs1PaddingIsRandomised() {
    X509Certificate sandbox = SecurityCredentials.sandboxCertificate();
    String first = SecurityCredentials.encrypt(PASSWORD, sandbox);
    String second = SecurityCredentials.encrypt(PASSWORD, sandbox);
    assertThat(first).hasSize(344);
    assertThat(second).hasSize(344);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void theHolderOfTheCertificatesPrivateKeyRecoversThePassword() throws Exception {
    String credential = SecurityCredentials.encrypt(PASSWORD, emulatorCertificate());
    assertThat(credential).hasSize(344);
    assertThat(new String(decrypt("RSA/ECB/PKCS1Padding", credential), StandardCharsets.UTF_8))
        .isEqualTo(PASSWORD);
  }

  @Test
  void nonAsciiPasswordsAreEncryptedAsUtf8() throws Exception {
    String password = "Päss#wörd&1";
    String credential = SecurityCredentials.encrypt(password, emulatorCertificate());
    assertThat(decrypt("RSA/ECB/PKCS1Padding", credential))
        .isEqualTo(password.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void paddingIsPkcs1Version15NotOaep() throws Exception {
    String credential = SecurityCredentials.encrypt(PASSWORD, emulatorCertificate());
    // Raw RSA shows the encryption block: 00 02 <at least 8 non-zero random bytes> 00 <message>.
    byte[] block = decrypt("RSA/ECB/NoPadding", credential);
    assertThat(block).hasSize(256);
    assertThat(block[0]).isEqualTo((byte) 0x00);
    assertThat(block[1]).isEqualTo((byte) 0x02);
    int separator = -1;
    for (int i = 2; i < block.length; i++) {
      if (block[i] == 0) {
        separator = i;
        break;
      }
    }
    assertThat(separator).isGreaterThanOrEqualTo(10);
    assertThat(Arrays.copyOfRange(block, separator + 1, block.length))
        .isEqualTo(PASSWORD.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> decrypt("RSA/ECB/OAEPWithSHA-1AndMGF1Padding", credential))
        .isInstanceOf(Exception.class);
  }

  @Test
  void anyUserSuppliedCertificateWorksForAnyEnvironmentButTheSandboxOneNotForProduction()
      throws Exception {
    X509Certificate emulator = emulatorCertificate();
    String forProduction = SecurityCredentials.encrypt(PASSWORD, emulator, Environment.PRODUCTION);
    assertThat(new String(decrypt("RSA/ECB/PKCS1Padding", forProduction), StandardCharsets.UTF_8))
        .isEqualTo(PASSWORD);
    assertThat(
            SecurityCredentials.encrypt(
                PASSWORD, SecurityCredentials.sandboxCertificate(), Environment.SANDBOX))
        .hasSize(344);
  }

  @Test
  void theSandboxCertificateIsRefusedForProductionNamingTheCertificate() throws Exception {
    // Also when the user loads the same certificate from their own copy of the file.
    X509Certificate copy =
        SecurityCredentials.certificate(pem(SecurityCredentials.sandboxCertificate()));
    for (X509Certificate sandbox :
        new X509Certificate[] {SecurityCredentials.sandboxCertificate(), copy}) {
      assertThatThrownBy(
              () -> SecurityCredentials.encrypt(PASSWORD, sandbox, Environment.PRODUCTION))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> {
                assertThat(e.field()).isEqualTo("certificate");
                assertThat(e.getMessage())
                    .contains("the sandbox certificate cannot encrypt a production credential")
                    .contains("SecurityCredentials.productionCertificate()")
                    .doesNotContain(PASSWORD);
              });
    }
  }

  @Test
  void isSandboxRecognisesOnlyTheSandboxCertificate() throws Exception {
    assertThat(SecurityCredentials.isSandbox(SecurityCredentials.sandboxCertificate())).isTrue();
    assertThat(
            SecurityCredentials.isSandbox(
                SecurityCredentials.certificate(pem(SecurityCredentials.sandboxCertificate()))))
        .isTrue();
    assertThat(SecurityCredentials.isSandbox(SecurityCredentials.productionCertificate()))
        .isFalse();
    assertThat(SecurityCredentials.isSandbox(emulatorCertificate())).isFalse();
  }

  @Test
  void badPemIsAClearErrorNamingTheCertificate() {
    for (String bad :
        new String[] {
          "",
          "not a certificate",
          "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
          "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        }) {
      assertThatThrownBy(() -> SecurityCredentials.certificate(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> {
                assertThat(e.field()).isEqualTo("certificate");
                assertThat(e.getMessage())
                    .isEqualTo(
                        "certificate: is not a PEM X.509 certificate (-----BEGIN"
                            + " CERTIFICATE-----…)");
              });
    }
  }

  @Test
  void certificateFilesAreReadAsPemOrDer(@TempDir Path dir) throws Exception {
    X509Certificate emulator = emulatorCertificate();
    Path pemFile = Files.writeString(dir.resolve("emulator.pem"), resource(EMULATOR_CERT));
    Path derFile = Files.write(dir.resolve("emulator.cer"), emulator.getEncoded());
    assertThat(SecurityCredentials.certificate(pemFile)).isEqualTo(emulator);
    assertThat(SecurityCredentials.certificate(derFile)).isEqualTo(emulator);
  }

  @Test
  void missingOrGarbageCertificateFilesAreClearErrors(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nowhere.pem");
    assertThatThrownBy(() -> SecurityCredentials.certificate(missing))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("certificate");
              assertThat(e.getMessage()).startsWith("certificate: cannot read " + missing);
            });
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
    assertThatThrownBy(() -> SecurityCredentials.certificate(garbage))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo("certificate: " + garbage + " is not an X.509 certificate"));
  }

  @Test
  void anEmptyOrMissingPasswordIsRefusedNamingThePassword() {
    X509Certificate sandbox = SecurityCredentials.sandboxCertificate();
    for (String empty : new String[] {"", null}) {
      assertThatThrownBy(() -> SecurityCredentials.encrypt(empty, sandbox))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> {
                assertThat(e.field()).isEqualTo("initiatorPassword");
                assertThat(e.getMessage()).isEqualTo("initiatorPassword: is required");
              });
      assertThatThrownBy(() -> SecurityCredentials.encrypt(empty, Environment.PRODUCTION))
          .isInstanceOf(DarajaValidationException.class)
          .hasMessage("initiatorPassword: is required");
    }
  }

  @Test
  void aPasswordTooLongForRsa2048IsBlamedOnThePasswordNotTheCertificate() throws Exception {
    // PKCS#1 v1.5 with a 2048-bit key carries at most 245 bytes.
    String longest = "a".repeat(245);
    assertThat(
            decrypt(
                "RSA/ECB/PKCS1Padding",
                SecurityCredentials.encrypt(longest, emulatorCertificate())))
        .hasSize(245);
    String tooLong = "a".repeat(246);
    assertThatThrownBy(
            () -> SecurityCredentials.encrypt(tooLong, SecurityCredentials.sandboxCertificate()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("initiatorPassword");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "initiatorPassword: is 246 bytes in UTF-8; this certificate's RSA key"
                          + " encrypts at most 245 bytes");
            });
  }
}
