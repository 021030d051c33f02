package io.github.darajakit.emulator.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Initiator SecurityCredentials (REFERENCE §19, §22.6): checked against the initiator's password
 * when encrypted for the emulator, accepted or refused by mode when not, and locked (8006) after
 * repeated failures until the admin API resets the emulator. A refused credential never moves
 * money.
 */
class SecurityCredentialTest {

  static final String B2C_V3 = "/mpesa/b2c/v3/paymentrequest";
  static final String PASSWORD = "Safaricom999!*!";
  static final String INVALID = "The initiator information is invalid.";
  static final String LOCKED = "The security credential is locked.";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);
  final AtomicInteger requests = new AtomicInteger();

  /** A B2C payment of KES 100 to the test MSISDN; returns its Result. */
  JsonNode pay(String initiator, String credential) {
    ObjectNode body =
        Requests.b2c(
                "credential-" + requests.incrementAndGet(),
                credential,
                100,
                Requests.TEST_MSISDN,
                h.url("/b2c/result"),
                h.url("/b2c/timeout"))
            .put("InitiatorName", initiator);
    return steps.initiator(B2C_V3, body).result();
  }

  JsonNode pay(String credential) {
    return pay("testapi", credential);
  }

  /** Pays and checks that nothing at all changed. */
  JsonNode refused(String credential) {
    Map<String, BigDecimal> before = world.snapshot();
    JsonNode result = pay(credential);
    assertThat(world.snapshot()).isEqualTo(before);
    return result;
  }

  void settings(String json) {
    Reply reply = h.daraja().admin("PATCH", "settings", json);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
  }

  static void assertCode(JsonNode result, int code, String desc) {
    assertThat(result.path("ResultCode").isIntegralNumber()).isTrue();
    assertThat(result.path("ResultCode").asInt()).isEqualTo(code);
    assertThat(result.path("ResultDesc").asText()).isEqualTo(desc);
    assertThat(result.has("ResultParameters")).isFalse();
  }

  static String sandboxCredential(String password) {
    return Credentials.encrypt(
        Credentials.resourceCertificate(Credentials.SANDBOX_CERTIFICATE), password);
  }

  static String base64OfRandomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void rightPasswordEncryptedWithTheEmulatorsCertificatePays() {
    JsonNode result = pay(h.credential());

    assertThat(result.path("ResultCode").asInt()).isZero();
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("250100.00");
  }

  @Test
  void aCredentialAcceptedUncheckedIsCountedSoItCannotPassUnnoticed() {
    String foreign = sandboxCredential(PASSWORD);

    pay(foreign);
    pay(foreign);
    pay(h.credential());

    assertThat(h.daraja().adminGet("credentials").path("acceptedUnchecked").asLong())
        .as("two unchecked, the emulator's own credential checked")
        .isEqualTo(2);
    h.emulator().reset();
    assertThat(h.daraja().adminGet("credentials").path("acceptedUnchecked").asLong()).isZero();
  }

  @Test
  void wrongPasswordGives2001AndPaysNothing() {
    JsonNode result = refused(h.emulator().securityCredential("wrong"));

    assertCode(result, 2001, INVALID);
    assertThat(result.path("ResultType").asInt()).isZero();
    assertThat(world.transactions()).isEmpty();
  }

  @Test
  void passwordsDifferingOnlyInCaseAreDifferent() {
    assertCode(refused(h.emulator().securityCredential("safaricom999!*!")), 2001, INVALID);
  }

  @Test
  void oneCredentialCanBeReusedForManyRequests() {
    String credential = h.credential();

    for (int i = 0; i < 4; i++) {
      assertThat(pay(credential).path("ResultCode").asInt()).isZero();
    }
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("250400.00");
  }

  @Test
  void everyEncryptionOfThePasswordIsDifferentAndEveryOneIsValid() {
    String first = h.credential();
    String second = h.credential();

    assertThat(first).isNotEqualTo(second);
    assertThat(pay(first).path("ResultCode").asInt()).isZero();
    assertThat(pay(second).path("ResultCode").asInt()).isZero();
  }

  @Test
  void thirdConsecutiveFailureLocksTheInitiatorEvenAgainstTheRightPassword() {
    String wrong = h.emulator().securityCredential("wrong");
    Map<String, BigDecimal> before = world.snapshot();

    assertCode(pay(wrong), 2001, INVALID);
    assertCode(pay(wrong), 2001, INVALID);
    assertCode(pay(wrong), 2001, INVALID);
    assertThat(h.daraja().adminGet("credentials").path("locked").toString())
        .isEqualTo("[\"testapi\"]");
    assertCode(pay(h.credential()), 8006, LOCKED);
    assertCode(pay(h.credential()), 8006, LOCKED);

    assertThat(world.snapshot()).isEqualTo(before);
    assertThat(world.transactions()).isEmpty();
  }

  @Test
  void twoFailuresDoNotLock() {
    String wrong = h.emulator().securityCredential("wrong");

    pay(wrong);
    pay(wrong);

    assertThat(pay(h.credential()).path("ResultCode").asInt()).isZero();
    assertThat(h.daraja().adminGet("credentials").path("locked")).isEmpty();
  }

  @Test
  void aSuccessInBetweenStartsTheFailureCountAgain() {
    String wrong = h.emulator().securityCredential("wrong");

    pay(wrong);
    pay(wrong);
    assertThat(pay(h.credential()).path("ResultCode").asInt()).isZero();
    pay(wrong);
    pay(wrong);

    assertThat(pay(h.credential()).path("ResultCode").asInt()).isZero();
  }

  @Test
  void lockLastsUntilTheAdminResetsTheEmulator() {
    String wrong = h.emulator().securityCredential("wrong");
    for (int i = 0; i < 3; i++) {
      pay(wrong);
    }
    assertCode(pay(h.credential()), 8006, LOCKED);

    Reply reset = h.daraja().admin("POST", "reset", null);

    assertThat(reset.status()).isEqualTo(200);
    assertThat(h.daraja().adminGet("credentials").path("locked")).isEmpty();
    h.daraja().forgetToken();
    assertThat(pay(h.credential()).path("ResultCode").asInt()).isZero();
  }

  @Test
  void lockThresholdFollowsTheSetting() {
    settings("{\"credentials\":{\"lockAfterFailures\":1}}");

    assertCode(pay(h.emulator().securityCredential("wrong")), 2001, INVALID);

    assertCode(pay(h.credential()), 8006, LOCKED);
  }

  @Test
  void lockedInitiatorIsRefusedByEveryInitiatorApi() {
    String wrong = h.emulator().securityCredential("wrong");
    for (int i = 0; i < 3; i++) {
      pay(wrong);
    }
    String right = h.credential();

    JsonNode balance =
        steps
            .initiator(
                "/mpesa/accountbalance/v1/query",
                Requests.balance(right, "600992", h.url("/balance/result")))
            .result();
    JsonNode b2b =
        steps
            .initiator(
                "/mpesa/b2b/v1/paymentrequest",
                Requests.b2b("BusinessPayBill", right, 100, "600000", h.url("/b2b/result")))
            .result();
    JsonNode status =
        steps
            .initiator(
                "/mpesa/transactionstatus/v1/query",
                Requests.status(right, "SKE0000000", null, "600992", h.url("/ts/result")))
            .result();
    JsonNode reversal =
        steps
            .initiator(
                "/mpesa/reversal/v1/request",
                Requests.reversal(right, "SKE0000000", 100, "600992", h.url("/rev/result")))
            .result();

    for (JsonNode result : new JsonNode[] {balance, b2b, status, reversal}) {
      assertThat(result.path("ResultCode").asText()).isEqualTo("8006");
      assertThat(result.path("ResultDesc").asText()).isEqualTo(LOCKED);
    }
  }

  @Test
  void failuresOfOneInitiatorDoNotLockAnother() {
    String right = h.credential();
    for (int i = 0; i < 3; i++) {
      assertCode(pay("nobody", right), 2001, INVALID);
    }

    assertThat(pay("testapi", right).path("ResultCode").asInt()).isZero();
    assertThat(h.daraja().adminGet("credentials").path("locked").toString())
        .isEqualTo("[\"nobody\"]");
  }

  @Test
  void unknownInitiatorNameGives2001EvenWithTheRightPassword() {
    Map<String, BigDecimal> before = world.snapshot();

    assertCode(pay("apiop37", h.credential()), 2001, INVALID);

    assertThat(world.snapshot()).isEqualTo(before);
  }

  @Test
  void requestsRejectedSynchronouslyDoNotCountTowardsTheLock() {
    String wrong = h.emulator().securityCredential("wrong");
    for (int i = 0; i < 3; i++) {
      ObjectNode body =
          Requests.b2c("sync-" + i, wrong, 100, Requests.TEST_MSISDN, h.url("/r"), h.url("/t"))
              .put("Amount", "not a number");
      assertThat(h.daraja().post(B2C_V3, body).status()).isEqualTo(400);
    }

    assertThat(pay(h.credential()).path("ResultCode").asInt()).isZero();
  }

  @Test
  void credentialEncryptedWithSafaricomsSandboxCertificateIsAcceptedInAutoMode() {
    assertThat(h.daraja().adminGet("credentials").path("mode").asText()).isEqualTo("auto");

    JsonNode result = pay(sandboxCredential(PASSWORD));

    assertThat(result.path("ResultCode").asInt()).isZero();
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("250100.00");
  }

  /**
   * PKCS#1 v1.5 padding is only two bytes of structure, so about one credential in 65,000 made for
   * another key (Safaricom's) still "decrypts" under the emulator's key — into random bytes. Such a
   * credential is built here deterministically by encrypting random bytes for the emulator; AUTO
   * must treat it like any other foreign credential, not as a wrong password.
   */
  @Test
  void foreignCredentialThatHappensToPassOurPaddingCheckIsStillAcceptedInAutoMode() {
    X509Certificate emulator =
        Credentials.certificate(h.emulator().certificatePem().getBytes(StandardCharsets.US_ASCII));
    byte[] garbage = new byte[200];
    new Random(11).nextBytes(garbage);
    garbage[0] = (byte) 0xFF; // never valid UTF-8
    String credential = Credentials.encrypt(emulator, garbage);

    assertThat(pay(credential).path("ResultCode").asInt()).isZero();
    settings("{\"credentials.mode\":\"strict\"}");
    assertCode(refused(credential), 2001, INVALID);
  }

  @Test
  void credentialEncryptedWithSafaricomsSandboxCertificateIsRefusedInStrictMode() {
    settings("{\"credentials.mode\":\"strict\"}");

    assertCode(refused(sandboxCredential(PASSWORD)), 2001, INVALID);
  }

  @Test
  void strictModeStillAcceptsTheRightPasswordEncryptedForTheEmulator() {
    settings("{\"credentials.mode\":\"strict\"}");

    assertThat(pay(h.credential()).path("ResultCode").asInt()).isZero();
  }

  @Test
  void credentialWrappedOverSeveralLinesIsReadWithoutTheLineBreaks() {
    settings("{\"credentials.mode\":\"strict\"}");
    String wrapped = h.credential().replaceAll("(.{64})", "$1\r\n");

    assertThat(wrapped).contains("\r\n");
    assertThat(pay(wrapped).path("ResultCode").asInt()).isZero();
  }

  @Test
  void strictModeRefusesRandomBytes() {
    settings("{\"credentials.mode\":\"strict\"}");

    assertCode(refused(base64OfRandomBytes(256, 7)), 2001, INVALID);
  }

  @Test
  void lenientModeAcceptsAnyBase64OfTwoHundredFiftySixBytes() {
    settings("{\"credentials.mode\":\"lenient\"}");

    for (long seed = 1; seed <= 3; seed++) {
      assertThat(pay(base64OfRandomBytes(256, seed)).path("ResultCode").asInt())
          .as("seed %d", seed)
          .isZero();
    }
    assertThat(pay(h.emulator().securityCredential("wrong")).path("ResultCode").asInt()).isZero();
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("250400.00");
  }

  @Test
  void lenientModeStillRequiresAKnownInitiator() {
    settings("{\"credentials.mode\":\"lenient\"}");

    assertCode(pay("nobody", base64OfRandomBytes(256, 1)), 2001, INVALID);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "auto, not-base64",
    "auto, plain-password",
    "auto, 128-bytes",
    "auto, 255-bytes",
    "auto, 257-bytes",
    "auto, 512-bytes",
    "lenient, not-base64",
    "lenient, plain-password",
    "lenient, 255-bytes",
    "lenient, 257-bytes",
    "strict, not-base64",
    "strict, 128-bytes",
  })
  void credentialThatIsNotBase64OfTwoHundredFiftySixBytesGives2001(String mode, String kind) {
    settings("{\"credentials.mode\":\"" + mode + "\"}");
    String credential =
        switch (kind) {
          case "not-base64" -> "this is not base64 at all!";
          case "plain-password" -> PASSWORD;
          default -> base64OfRandomBytes(Integer.parseInt(kind.substring(0, 3)), 42);
        };

    assertCode(refused(credential), 2001, INVALID);
  }

  @Test
  void passwordBase64EncodedButNotEncryptedGives2001() {
    String encodedOnly =
        Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));

    assertCode(refused(encodedOnly), 2001, INVALID);
  }

  @Test
  void certificateFromTheAdminApiEncryptsCredentialsTheEmulatorAccepts() {
    settings("{\"credentials.mode\":\"strict\"}");
    Reply pem = h.daraja().admin("GET", "certificate", null);
    assertThat(pem.status()).isEqualTo(200);
    assertThat(pem.raw().strip())
        .startsWith("-----BEGIN CERTIFICATE-----")
        .endsWith("-----END CERTIFICATE-----");
    assertThat(pem.raw()).isEqualTo(h.emulator().certificatePem());

    X509Certificate certificate =
        Credentials.certificate(pem.raw().getBytes(StandardCharsets.US_ASCII));
    assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength())
        .isEqualTo(2048);
    String credential = Credentials.encrypt(certificate, PASSWORD);
    assertThat(credential).hasSize(344);

    assertThat(pay(credential).path("ResultCode").asInt()).isZero();
    assertCode(refused(Credentials.encrypt(certificate, "wrong")), 2001, INVALID);
  }

  @Test
  void encryptEndpointMakesAWorkingCredential() {
    settings("{\"credentials.mode\":\"strict\"}");

    Reply right =
        h.daraja().admin("POST", "credentials/encrypt", "{\"password\":\"Safaricom999!*!\"}");
    Reply wrong = h.daraja().admin("POST", "credentials/encrypt", "{\"password\":\"wrong\"}");

    assertThat(right.status()).isEqualTo(200);
    String credential = right.text("securityCredential");
    assertThat(Base64.getDecoder().decode(credential)).hasSize(256);
    assertThat(pay(credential).path("ResultCode").asInt()).isZero();
    assertCode(refused(wrong.text("securityCredential")), 2001, INVALID);
  }

  @Test
  void encryptEndpointWithoutAPasswordIsAClearError() {
    Reply reply = h.daraja().admin("POST", "credentials/encrypt", "{}");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("error")).isEqualTo("'password' is required");
  }
}
