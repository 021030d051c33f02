package io.github.darajakit.client.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.darajakit.client.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

  /** The Standard Webhooks reference libraries' published test vector. */
  private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long VECTOR_TIMESTAMP = 1614265330L;
  private static final byte[] VECTOR_BODY =
      "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final WebhookSecret SECRET = WebhookSecret.parse(VECTOR_SECRET);
  private static final WebhookSecret OTHER =
      WebhookSecret.of("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII));

  private static Clock at(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }

  private static VerifiedWebhook verifyVector(
      String id, String timestamp, String signature, byte[] body, Clock clock) {
    return WebhookSignature.verify(List.of(SECRET), id, timestamp, signature, body, clock);
  }

  private static WebhookVerificationException refused(Runnable verification) {
    WebhookVerificationException e =
        catchThrowableOfType(WebhookVerificationException.class, verification::run);
    assertThat(e).as("verification must fail").isNotNull();
    assertThat(e.getMessage())
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .doesNotContain(VECTOR_SIGNATURE.substring(3))
        .doesNotContain(OTHER.serialized().substring(6));
    return e;
  }

  @Test
  void signingReproducesThePublishedTestVector() {
    assertThat(WebhookSignature.sign(SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
        .isEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void thePublishedTestVectorVerifiesAtItsOwnTime() {
    VerifiedWebhook verified =
        verifyVector(VECTOR_ID, "1614265330", VECTOR_SIGNATURE, VECTOR_BODY, at(VECTOR_TIMESTAMP));
    assertThat(verified)
        .isEqualTo(new VerifiedWebhook(VECTOR_ID, Instant.ofEpochSecond(VECTOR_TIMESTAMP)));
  }

  @Test
  void theSecretPrefixIsOptionalAsInTheReferenceLibraries() {
    assertThat(WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo(SECRET);
    assertThat(SECRET.serialized()).isEqualTo(VECTOR_SECRET);
    assertThat(SECRET.bytes()).hasSize(24);
  }

  @Test
  void signedHeadersRoundTripThroughTheVerifier() {
    WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
    byte[] body =
        "{\"type\":\"payment.succeeded\",\"data\":{\"amount\":\"10.00\",\"name\":\"Wanjik\u0169\"}}"
            .getBytes(StandardCharsets.UTF_8);
    Instant now = Instant.parse("2026-03-01T09:00:00.750Z");
    Map<String, String> headers = WebhookSignature.headers(List.of(secret), "msg_01J9", now, body);
    assertThat(headers.keySet())
        .containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
    assertThat(headers.get("webhook-timestamp")).isEqualTo(Long.toString(now.getEpochSecond()));
    assertThat(headers.get("webhook-signature")).startsWith("v1,").doesNotContain(" ");

    Map<String, String> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> received.put(name.toUpperCase(), value));
    VerifiedWebhook verified =
        WebhookSignature.verify(secret, received::get, body, Clock.fixed(now, ZoneOffset.UTC));
    assertThat(verified.id()).isEqualTo("msg_01J9");
    assertThat(verified.timestamp()).isEqualTo(Instant.ofEpochSecond(now.getEpochSecond()));
  }

  @Test
  void generatedSecretsAre32RandomBytesAndSurviveSerialisation() {
    WebhookSecret a = WebhookSecret.generate(new SecureRandom());
    WebhookSecret b = WebhookSecret.generate(new SecureRandom());
    assertThat(a.bytes()).hasSize(32);
    assertThat(a).isNotEqualTo(b);
    assertThat(WebhookSecret.parse(a.serialized())).isEqualTo(a);
  }

  @ParameterizedTest(name = "{0} s from the timestamp")
  @ValueSource(longs = {-300, -1, 0, 1, 300})
  void timestampsWithinFiveMinutesEitherWayAreAccepted(long offset) {
    assertThat(
            verifyVector(
                    VECTOR_ID,
                    "1614265330",
                    VECTOR_SIGNATURE,
                    VECTOR_BODY,
                    at(VECTOR_TIMESTAMP + offset))
                .id())
        .isEqualTo(VECTOR_ID);
  }

  @Test
  void aTimestampOneSecondPastTheToleranceIsTooOld() {
    WebhookVerificationException e =
        refused(
            () ->
                verifyVector(
                    VECTOR_ID,
                    "1614265330",
                    VECTOR_SIGNATURE,
                    VECTOR_BODY,
                    at(VECTOR_TIMESTAMP + 301)));
    assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(e.getMessage()).contains("301 s before now").contains("at most 300 s");
  }

  @Test
  void aTimestampOneSecondBeyondTheToleranceInTheFutureIsTooNew() {
    WebhookVerificationException e =
        refused(
            () ->
                verifyVector(
                    VECTOR_ID,
                    "1614265330",
                    VECTOR_SIGNATURE,
                    VECTOR_BODY,
                    at(VECTOR_TIMESTAMP - 301)));
    assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_NEW);
    assertThat(e.getMessage()).contains("301 s after now");
  }

  @Test
  void aCustomToleranceIsHonoured() {
    assertThat(
            WebhookSignature.verify(
                List.of(SECRET),
                VECTOR_ID,
                "1614265330",
                VECTOR_SIGNATURE,
                VECTOR_BODY,
                at(VECTOR_TIMESTAMP + 3600),
                Duration.ofHours(1)))
        .isNotNull();
    assertThat(
            refused(
                    () ->
                        WebhookSignature.verify(
                            List.of(SECRET),
                            VECTOR_ID,
                            "1614265330",
                            VECTOR_SIGNATURE,
                            VECTOR_BODY,
                            at(VECTOR_TIMESTAMP + 1),
                            Duration.ZERO))
                .reason())
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThatThrownBy(
            () ->
                WebhookSignature.verify(
                    List.of(SECRET),
                    VECTOR_ID,
                    "1614265330",
                    VECTOR_SIGNATURE,
                    VECTOR_BODY,
                    at(0),
                    Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void duringRotationEitherSignatureOrEitherSecretVerifies() {
    String both =
        WebhookSignature.signatureHeader(
            List.of(OTHER, SECRET), VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY);
    assertThat(both)
        .isEqualTo(
            WebhookSignature.sign(OTHER, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY)
                + " "
                + VECTOR_SIGNATURE);
    // A receiver still on the old secret accepts the second signature.
    assertThat(verifyVector(VECTOR_ID, "1614265330", both, VECTOR_BODY, at(VECTOR_TIMESTAMP)))
        .isNotNull();
    // A receiver holding new and old secrets accepts a sender still on either.
    assertThat(
            WebhookSignature.verify(
                List.of(OTHER, SECRET),
                VECTOR_ID,
                "1614265330",
                VECTOR_SIGNATURE,
                VECTOR_BODY,
                at(VECTOR_TIMESTAMP)))
        .isNotNull();
    // Extra whitespace between entries is tolerated.
    assertThat(
            verifyVector(
                VECTOR_ID,
                "1614265330",
                "  v1,bm9wZQ==   " + VECTOR_SIGNATURE + " ",
                VECTOR_BODY,
                at(VECTOR_TIMESTAMP)))
        .isNotNull();
  }

  static Stream<Arguments> tampered() {
    byte[] body = VECTOR_BODY.clone();
    body[body.length - 2]++;
    return Stream.of(
        Arguments.of("body changed", VECTOR_ID, "1614265330", body),
        Arguments.of(
            "body re-serialised",
            VECTOR_ID,
            "1614265330",
            "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8)),
        Arguments.of("id changed", VECTOR_ID + "x", "1614265330", VECTOR_BODY),
        Arguments.of("timestamp changed", VECTOR_ID, "1614265331", VECTOR_BODY),
        Arguments.of("timestamp zero-padded", VECTOR_ID, "01614265330", VECTOR_BODY),
        Arguments.of("empty body", VECTOR_ID, "1614265330", new byte[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampered")
  void tamperingWithBodyIdOrTimestampBreaksTheSignature(
      String label, String id, String timestamp, byte[] body) {
    WebhookVerificationException e =
        refused(() -> verifyVector(id, timestamp, VECTOR_SIGNATURE, body, at(VECTOR_TIMESTAMP)));
    assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(e.getMessage())
        .contains("none of the 1 v1 signature(s)")
        .contains("1 configured secret(s)");
  }

  @Test
  void aSignatureFromAnotherSecretDoesNotVerify() {
    String other = WebhookSignature.sign(OTHER, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY);
    assertThat(
            refused(
                    () ->
                        verifyVector(
                            VECTOR_ID, "1614265330", other, VECTOR_BODY, at(VECTOR_TIMESTAMP)))
                .reason())
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void otherVersionsAreIgnored() {
    String asymmetricOnly = "v1a," + VECTOR_SIGNATURE.substring(3) + " v2,abc";
    WebhookVerificationException e =
        refused(
            () ->
                verifyVector(
                    VECTOR_ID, "1614265330", asymmetricOnly, VECTOR_BODY, at(VECTOR_TIMESTAMP)));
    assertThat(e.reason()).isEqualTo(Reason.NO_SUPPORTED_SIGNATURE);
    assertThat(e.getMessage()).contains("only v1a, v2");
    // A v1a entry beside a good v1 one is simply skipped.
    assertThat(
            verifyVector(
                VECTOR_ID,
                "1614265330",
                asymmetricOnly + " " + VECTOR_SIGNATURE,
                VECTOR_BODY,
                at(VECTOR_TIMESTAMP)))
        .isNotNull();
    // The same bytes under another version never count as v1.
    assertThat(
            refused(
                    () ->
                        verifyVector(
                            VECTOR_ID,
                            "1614265330",
                            "V1," + VECTOR_SIGNATURE.substring(3),
                            VECTOR_BODY,
                            at(VECTOR_TIMESTAMP)))
                .reason())
        .isEqualTo(Reason.NO_SUPPORTED_SIGNATURE);
  }

  @ParameterizedTest(name = "signature header ''{0}''")
  @ValueSource(strings = {"garbage", "v1,", "v1,not base64!", "v1,%%%", ",abc", "v1,bm9wZQ=="})
  void malformedOrWrongV1EntriesNeverVerify(String header) {
    WebhookVerificationException e =
        refused(
            () -> verifyVector(VECTOR_ID, "1614265330", header, VECTOR_BODY, at(VECTOR_TIMESTAMP)));
    assertThat(e.reason()).isIn(Reason.SIGNATURE_MISMATCH, Reason.NO_SUPPORTED_SIGNATURE);
  }

  @Test
  void missingHeadersAreNamed() {
    assertThat(
            refused(
                () ->
                    verifyVector(
                        null, "1614265330", VECTOR_SIGNATURE, VECTOR_BODY, at(VECTOR_TIMESTAMP))))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER))
        .hasMessageContaining("webhook-id");
    assertThat(
            refused(
                () ->
                    verifyVector(
                        VECTOR_ID, " ", VECTOR_SIGNATURE, VECTOR_BODY, at(VECTOR_TIMESTAMP))))
        .hasMessageContaining("webhook-timestamp header is missing");
    assertThat(
            refused(
                () ->
                    verifyVector(VECTOR_ID, "1614265330", null, VECTOR_BODY, at(VECTOR_TIMESTAMP))))
        .hasMessageContaining("webhook-signature header is missing");
    Map<String, String> none = Map.of();
    assertThat(
            refused(
                    () ->
                        WebhookSignature.verify(
                            SECRET, none::get, VECTOR_BODY, at(VECTOR_TIMESTAMP)))
                .reason())
        .isEqualTo(Reason.MISSING_HEADER);
  }

  @ParameterizedTest(name = "timestamp ''{0}''")
  @ValueSource(
      strings = {
        "abc",
        "1614265330.5",
        "-5",
        "1e9",
        "99999999999999999999",
        "2021-02-25T15:02:10Z"
      })
  void aTimestampThatIsNotWholeSecondsIsMalformedAndNotEchoed(String timestamp) {
    WebhookVerificationException e =
        refused(
            () ->
                verifyVector(
                    VECTOR_ID, timestamp, VECTOR_SIGNATURE, VECTOR_BODY, at(VECTOR_TIMESTAMP)));
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_HEADER);
    assertThat(e.getMessage()).doesNotContain(timestamp);
  }

  @Test
  void secretsNeverAppearInMessagesOrToString() {
    assertThat(SECRET.toString())
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .contains("24 bytes");
    String notBase64 = "whsec_secret!with*bad%chars-that-are-long-enough";
    assertThatThrownBy(() -> WebhookSecret.parse(notBase64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret!with")
        .hasNoCause();
    String tooShort =
        "whsec_"
            + Base64.getEncoder()
                .encodeToString("sixteen-bytes!!!".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> WebhookSecret.parse(tooShort))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes")
        .hasMessageNotContaining(tooShort.substring(6));
    assertThatThrownBy(() -> WebhookSecret.of(new byte[65])).hasMessageContaining("65 bytes");
    assertThatThrownBy(() -> WebhookSecret.parse(" ")).hasMessageContaining("empty");
  }

  @Test
  void theSignerRefusesIdsThatCouldBeReSplitAndNegativeTimes() {
    for (String id : List.of("msg.1", "msg 1", "", "msg\n1")) {
      assertThatThrownBy(() -> WebhookSignature.sign(SECRET, id, VECTOR_TIMESTAMP, VECTOR_BODY))
          .as(id)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> WebhookSignature.sign(SECRET, VECTOR_ID, -1, VECTOR_BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> WebhookSignature.signatureHeader(List.of(), VECTOR_ID, 1, VECTOR_BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one webhook secret");
  }

  @Test
  void signingIsOverTheExactBytes() {
    byte[] utf8 = "{\"name\":\"Wanjik\u0169\"}".getBytes(StandardCharsets.UTF_8);
    byte[] latin = "{\"name\":\"Wanjik\u0169\"}".getBytes(StandardCharsets.UTF_16LE);
    assertThat(WebhookSignature.sign(SECRET, "m", 1, utf8))
        .isNotEqualTo(WebhookSignature.sign(SECRET, "m", 1, latin));
    assertThat(WebhookSignature.sign(SECRET, "m", 1, utf8))
        .isEqualTo(WebhookSignature.sign(SECRET, "m", 1, utf8.clone()));
  }
}
