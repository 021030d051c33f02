package io.github.darajakit.emulator.internal.api;

import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.EmulatorConfig.CredentialMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks initiator SecurityCredentials (REFERENCE §19): RSA PKCS#1 v1.5 over the initiator
 * password, Base64-encoded. The emulator has its own key pair; its certificate is served at {@code
 * /__admin/certificate} so clients can encrypt for it.
 *
 * <p>Repeated bad credentials lock the initiator, after which every request fails with 8006 until
 * the admin API resets the world, as M-Pesa locks the real API password.
 */
public final class InitiatorCredentials {

  /** The result of checking one credential. */
  public enum Verdict {
    VALID,
    /** Wrong password, undecodable credential or unknown initiator: ResultCode 2001. */
    INVALID,
    /** Too many failures: ResultCode 8006. */
    LOCKED
  }

  private static final Logger log = LoggerFactory.getLogger(InitiatorCredentials.class);
  private static final String KEY_RESOURCE = "/io/github/darajakit/emulator/initiator-key.pem";
  private static final String CERT_RESOURCE = "/io/github/darajakit/emulator/initiator-cert.pem";
  private static final int RSA_2048_BYTES = 256;
  private static final int DECRYPTED_CACHE_SIZE = 1024;

  private final Supplier<EmulatorConfig> config;
  private final PrivateKey privateKey;
  private final String certificatePem;
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final Set<String> locked = ConcurrentHashMap.newKeySet();
  private final AtomicLong acceptedUnchecked = new AtomicLong();
  // Each credential is warned about once: clients reuse one credential for thousands of requests.
  private final Set<String> warnedAbout = ConcurrentHashMap.newKeySet();
  // Clients reuse one credential for many requests; RSA decryption is ~1 ms, so remember results.
  private final Map<String, String> decrypted =
      Collections.synchronizedMap(
          new LinkedHashMap<>(DECRYPTED_CACHE_SIZE, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > DECRYPTED_CACHE_SIZE;
            }
          });

  public InitiatorCredentials(Supplier<EmulatorConfig> config) {
    this.config = config;
    this.privateKey = loadPrivateKey();
    this.certificatePem = resource(CERT_RESOURCE);
  }

  /** The emulator's X.509 certificate (PEM) to encrypt initiator passwords with. */
  public String certificatePem() {
    return certificatePem;
  }

  /** Checks one credential for one initiator, counting failures towards a lock. */
  public Verdict check(String initiatorName, String securityCredential) {
    if (locked.contains(initiatorName)) {
      return Verdict.LOCKED;
    }
    EmulatorConfig cfg = config.get();
    String password = cfg.initiators().get(initiatorName);
    boolean valid =
        password != null
            && matches(initiatorName, password, securityCredential, cfg.credentialMode());
    if (valid) {
      failures.remove(initiatorName);
      return Verdict.VALID;
    }
    int count = failures.computeIfAbsent(initiatorName, k -> new AtomicInteger()).incrementAndGet();
    if (count >= cfg.credentialLockAfter()) {
      locked.add(initiatorName);
    }
    return Verdict.INVALID;
  }

  /** What {@link #inspect} found, without it counting towards a lock. */
  public enum Inspection {
    /** Decrypts with the emulator's key to the initiator's password. */
    VALID,
    /** Decrypts, but not to the initiator's password: ResultCode 2001. */
    WRONG_PASSWORD,
    /** No initiator of that name: ResultCode 2001. */
    UNKNOWN_INITIATOR,
    /** Not Base64 of one RSA-2048 block (256 bytes, 344 characters): ResultCode 2001. */
    MALFORMED,
    /**
     * Well formed, but not encrypted with the emulator's certificate (e.g. Safaricom's): accepted
     * unchecked in {@code auto} mode, refused in {@code strict}.
     */
    NOT_FOR_THIS_KEY,
    /** The initiator is locked after repeated failures: ResultCode 8006. */
    LOCKED
  }

  /**
   * What a credential would meet, checked as {@link #check} does but without counting a failure
   * towards the lock, so that a go-live check can ask as often as it likes.
   */
  public Inspection inspect(String initiatorName, String securityCredential) {
    if (locked.contains(initiatorName)) {
      return Inspection.LOCKED;
    }
    byte[] ciphertext = ciphertext(securityCredential);
    if (ciphertext == null) {
      return Inspection.MALFORMED;
    }
    String password = config.get().initiators().get(initiatorName);
    if (password == null) {
      return Inspection.UNKNOWN_INITIATOR;
    }
    String plain = plain(securityCredential, ciphertext);
    if (plain == null) {
      return Inspection.NOT_FOR_THIS_KEY;
    }
    return samePassword(plain, password) ? Inspection.VALID : Inspection.WRONG_PASSWORD;
  }

  /** Initiators currently locked. */
  public Set<String> lockedInitiators() {
    return new TreeSet<>(locked);
  }

  /**
   * How many credentials the emulator could not decrypt and accepted unchecked ({@code auto} mode)
   * since the last reset.
   */
  public long acceptedUnchecked() {
    return acceptedUnchecked.get();
  }

  /** Unlocks everyone and forgets failures. */
  public void reset() {
    locked.clear();
    failures.clear();
    acceptedUnchecked.set(0);
    warnedAbout.clear();
  }

  /** Encrypts a password with the emulator's own key, as a client would (for tests). */
  public String encryptForTests(String password) {
    try {
      var certificate =
          java.security.cert.CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new java.io.ByteArrayInputStream(
                      certificatePem.getBytes(StandardCharsets.US_ASCII)));
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, certificate.getPublicKey());
      return Base64.getEncoder()
          .encodeToString(cipher.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean matches(
      String initiatorName, String password, String credential, CredentialMode mode) {
    byte[] ciphertext = ciphertext(credential);
    if (ciphertext == null) {
      return false;
    }
    if (mode == CredentialMode.LENIENT) {
      return true;
    }
    String plain = plain(credential, ciphertext);
    if (plain == null) {
      // Not encrypted for our key: e.g. made with Safaricom's sandbox certificate, which no one
      // outside Safaricom can decrypt. AUTO accepts it so sandbox-configured clients work, but
      // says so: a client encrypting the wrong thing (or with the wrong certificate) would pass
      // here and get 2001 from Daraja.
      if (mode != CredentialMode.AUTO) {
        return false;
      }
      acceptedUnchecked.incrementAndGet();
      if (warnedAbout.size() < DECRYPTED_CACHE_SIZE && warnedAbout.add(credential)) {
        log.warn(
            "initiator '{}': SecurityCredential accepted UNCHECKED — it is not encrypted with the"
                + " emulator's certificate (perhaps Safaricom's), so neither the password nor the"
                + " encryption could be verified; Daraja answers 2001 \"The initiator information"
                + " is invalid.\" if either is wrong. Set credentials.mode to strict to have the"
                + " emulator refuse it, or encrypt with GET /__admin/certificate.",
            initiatorName);
      }
      return true;
    }
    return samePassword(plain, password);
  }

  private static boolean samePassword(String plain, String password) {
    return java.security.MessageDigest.isEqual(
        plain.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
  }

  /** The RSA block a credential carries, or {@code null} if it is not Base64 of 256 bytes. */
  private static byte[] ciphertext(String credential) {
    byte[] ciphertext;
    try {
      // Some tools wrap Base64 at 64 or 76 columns; the line breaks carry no data.
      ciphertext = Base64.getDecoder().decode(credential.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return ciphertext.length == RSA_2048_BYTES ? ciphertext : null;
  }

  /** The credential decrypted with the emulator's key (remembered), or {@code null}. */
  private String plain(String credential, byte[] ciphertext) {
    String plain = decrypted.get(credential);
    if (plain == null) {
      plain = decrypt(ciphertext);
      if (plain != null) {
        decrypted.put(credential, plain);
      }
    }
    return plain;
  }

  private String decrypt(byte[] ciphertext) {
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.DECRYPT_MODE, privateKey);
      plain = cipher.doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      return null;
    }
    // PKCS#1 v1.5 padding has two bytes of structure, so about one credential in 65,000 made for
    // another key "decrypts" here into random bytes. A password is text: anything else is not ours.
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(plain))
              .toString();
      return text.chars().anyMatch(Character::isISOControl) ? null : text;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static PrivateKey loadPrivateKey() {
    String pem = resource(KEY_RESOURCE);
    String base64 =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the emulator's initiator key is unreadable", e);
    }
  }

  private static String resource(String path) {
    try (InputStream in = InitiatorCredentials.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
