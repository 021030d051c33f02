package io.github.darajakit.client.webhooks;

import io.github.darajakit.client.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhooks the <a href="https://www.standardwebhooks.com">Standard Webhooks</a>
 * way: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">}, with {@code
 * webhook-id} and {@code webhook-timestamp} (unix seconds) beside it. Pure functions over the raw
 * body bytes, signer beside verifier; comparisons are constant-time.
 *
 * <h2>Sending (the gateway)</h2>
 *
 * <pre>{@code
 * byte[] body = json.getBytes(StandardCharsets.UTF_8);   // sign exactly the bytes you send
 * Map<String, String> headers =
 *     WebhookSignature.headers(List.of(secret), "msg_" + eventId, clock.instant(), body);
 * headers.forEach(request::header);
 * }</pre>
 *
 * <p>During a secret rotation pass the new and the old secret: the header then carries both
 * signatures and receivers holding either secret accept it.
 *
 * <h2>Receiving (a merchant)</h2>
 *
 * <pre>{@code
 * byte[] body = exchange.getRequestBody().readAllBytes(); // the raw bytes, never re-serialised JSON
 * try {
 *   VerifiedWebhook webhook = WebhookSignature.verify(
 *       List.of(secret), exchange.getRequestHeaders()::getFirst, body, Clock.systemUTC());
 *   if (seen.add(webhook.id())) {
 *     handle(body);
 *   }
 *   respond(exchange, 204);
 * } catch (WebhookVerificationException e) {
 *   log.warn("refused webhook: {} ({})", e.getMessage(), e.reason());
 *   respond(exchange, 400);
 * }
 * }</pre>
 *
 * <p>The timestamp must be within {@link #DEFAULT_TOLERANCE} (five minutes) of the clock, either
 * way, which bounds replays; {@code webhook-id} is the idempotency key for the rest. Signatures of
 * other versions (e.g. {@code v1a}, asymmetric) are ignored.
 */
public final class WebhookSignature {

  /** The unique message id header; the same on every retry of one event. */
  public static final String ID_HEADER = "webhook-id";

  /** The attempt's timestamp header, in unix seconds. */
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";

  /** The space-separated list of {@code version,signature} entries. */
  public static final String SIGNATURE_HEADER = "webhook-signature";

  /** The specification's tolerance between the timestamp and now, in either direction. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final Pattern SECONDS = Pattern.compile("\\d{1,18}");
  private static final Pattern PRINTABLE_VERSION = Pattern.compile("[A-Za-z0-9]{1,8}");

  private WebhookSignature() {}

  /**
   * One signature, {@code v1,<base64>}, of {@code {id}.{timestamp}.{body}}.
   *
   * <pre>{@code
   * WebhookSignature.sign(WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
   *     "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
   *     "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
   * // "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
   * }</pre>
   *
   * @param secret the signing secret
   * @param id the message id: non-blank, without {@code .} or whitespace (a dot would let a
   *     signature be re-split into another id and timestamp)
   * @param timestamp unix seconds of this attempt
   * @param body the exact bytes sent
   * @throws IllegalArgumentException for an unusable id or a negative timestamp
   */
  public static String sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    checkId(id);
    if (timestamp < 0) {
      throw new IllegalArgumentException(
          "timestamp " + timestamp + " is negative: expected unix seconds");
    }
    return VERSION + "," + Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body));
  }

  /**
   * The {@code webhook-signature} value: one signature per secret, space-separated, in the order
   * given (during a rotation: the new secret and the old one).
   *
   * @throws IllegalArgumentException if there is no secret, or as {@link #sign}
   */
  public static String signatureHeader(
      List<WebhookSecret> secrets, String id, long timestamp, byte[] body) {
    requireSecrets(secrets);
    StringJoiner header = new StringJoiner(" ");
    for (WebhookSecret secret : secrets) {
      header.add(sign(secret, id, timestamp, body));
    }
    return header.toString();
  }

  /**
   * The three headers to send, in order: {@code webhook-id}, {@code webhook-timestamp} (the
   * instant's whole seconds) and {@code webhook-signature}.
   *
   * @throws IllegalArgumentException as {@link #signatureHeader}
   */
  public static Map<String, String> headers(
      List<WebhookSecret> secrets, String id, Instant timestamp, byte[] body) {
    long seconds = timestamp.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    String signature = signatureHeader(secrets, id, seconds, body);
    headers.put(ID_HEADER, id);
    headers.put(TIMESTAMP_HEADER, Long.toString(seconds));
    headers.put(SIGNATURE_HEADER, signature);
    return Collections.unmodifiableMap(headers);
  }

  /**
   * Verifies a webhook against one secret, reading the headers through {@code headers}: {@code
   * request::getHeader} (Servlet), {@code exchange.getRequestHeaders()::getFirst} (JDK server), or
   * a case-insensitive map's {@code ::get}.
   *
   * @return the verified id and timestamp
   * @throws WebhookVerificationException if it does not verify, saying why
   */
  public static VerifiedWebhook verify(
      WebhookSecret secret, Function<String, String> headers, byte[] body, Clock clock) {
    return verify(List.of(secret), headers, body, clock);
  }

  /**
   * Verifies a webhook against any of several secrets (during a rotation: the new and the old),
   * reading the headers through {@code headers}.
   *
   * @return the verified id and timestamp
   * @throws WebhookVerificationException if it does not verify, saying why
   */
  public static VerifiedWebhook verify(
      List<WebhookSecret> secrets, Function<String, String> headers, byte[] body, Clock clock) {
    Objects.requireNonNull(headers, "headers");
    return verify(
        secrets,
        headers.apply(ID_HEADER),
        headers.apply(TIMESTAMP_HEADER),
        headers.apply(SIGNATURE_HEADER),
        body,
        clock,
        DEFAULT_TOLERANCE);
  }

  /**
   * Verifies a webhook from its three header values with the default five-minute tolerance.
   *
   * @param secrets the secrets any of which may have signed it
   * @param id the {@code webhook-id} value, or {@code null} if absent
   * @param timestamp the {@code webhook-timestamp} value, or {@code null} if absent
   * @param signatures the {@code webhook-signature} value, or {@code null} if absent
   * @param body the raw body bytes as received
   * @param clock now
   * @return the verified id and timestamp
   * @throws WebhookVerificationException if it does not verify, saying why
   */
  public static VerifiedWebhook verify(
      List<WebhookSecret> secrets,
      String id,
      String timestamp,
      String signatures,
      byte[] body,
      Clock clock) {
    return verify(secrets, id, timestamp, signatures, body, clock, DEFAULT_TOLERANCE);
  }

  /**
   * Verifies a webhook from its three header values.
   *
   * <p>In order: every header present; the timestamp whole unix seconds within {@code tolerance} of
   * {@code clock} (either way); then some {@code v1} signature equal, in constant time, to the
   * HMAC-SHA256 under some secret. Other versions are skipped.
   *
   * @param secrets the secrets any of which may have signed it
   * @param id the {@code webhook-id} value, or {@code null} if absent
   * @param timestamp the {@code webhook-timestamp} value, or {@code null} if absent
   * @param signatures the {@code webhook-signature} value, or {@code null} if absent
   * @param body the raw body bytes as received
   * @param clock now
   * @param tolerance how far the timestamp may be from now
   * @return the verified id and timestamp
   * @throws WebhookVerificationException if it does not verify, saying why
   * @throws IllegalArgumentException if {@code secrets} is empty or {@code tolerance} negative
   */
  public static VerifiedWebhook verify(
      List<WebhookSecret> secrets,
      String id,
      String timestamp,
      String signatures,
      byte[] body,
      Clock clock,
      Duration tolerance) {
    requireSecrets(secrets);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(clock, "clock");
    if (tolerance == null || tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must be zero or positive, e.g. 5 minutes");
    }
    if (id == null || id.isBlank()) {
      throw missing(ID_HEADER);
    }
    if (timestamp == null || timestamp.isBlank()) {
      throw missing(TIMESTAMP_HEADER);
    }
    if (signatures == null || signatures.isBlank()) {
      throw missing(SIGNATURE_HEADER);
    }
    String seconds = timestamp.strip();
    if (!SECONDS.matcher(seconds).matches()) {
      // The value is not echoed: it is the sender's text, and may be anything.
      throw new WebhookVerificationException(
          Reason.MALFORMED_HEADER,
          TIMESTAMP_HEADER + " is not whole unix seconds (e.g. 1674087231)");
    }
    long sent = Long.parseLong(seconds);
    long now = clock.instant().getEpochSecond();
    long allowed = tolerance.getSeconds();
    if (now - sent > allowed) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_TOO_OLD,
          TIMESTAMP_HEADER
              + " "
              + sent
              + " is "
              + (now - sent)
              + " s before now; at most "
              + allowed
              + " s is accepted: a replay, or a delivery delayed too long");
    }
    if (sent - now > allowed) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_TOO_NEW,
          TIMESTAMP_HEADER
              + " "
              + sent
              + " is "
              + (sent - now)
              + " s after now; at most "
              + allowed
              + " s is accepted: check the sender's and this server's clocks");
    }
    byte[] content = content(id.strip(), seconds, body);
    List<byte[]> expected = new ArrayList<>(secrets.size());
    for (WebhookSecret secret : secrets) {
      expected.add(mac(secret, content));
    }
    int candidates = 0;
    Set<String> otherVersions = new LinkedHashSet<>();
    for (String entry : signatures.strip().split("\\s+")) {
      int comma = entry.indexOf(',');
      if (comma <= 0) {
        continue;
      }
      String version = entry.substring(0, comma);
      if (!version.equals(VERSION)) {
        otherVersions.add(PRINTABLE_VERSION.matcher(version).matches() ? version : "?");
        continue;
      }
      candidates++;
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(comma + 1));
      } catch (IllegalArgumentException notBase64) {
        continue;
      }
      for (byte[] mac : expected) {
        if (MessageDigest.isEqual(mac, given)) {
          return new VerifiedWebhook(id.strip(), Instant.ofEpochSecond(sent));
        }
      }
    }
    if (candidates == 0) {
      throw new WebhookVerificationException(
          Reason.NO_SUPPORTED_SIGNATURE,
          SIGNATURE_HEADER
              + " has no v1 (HMAC-SHA256) signature"
              + (otherVersions.isEmpty() ? "" : ", only " + String.join(", ", otherVersions))
              + ": expected v1,<base64>");
    }
    throw new WebhookVerificationException(
        Reason.SIGNATURE_MISMATCH,
        "none of the "
            + candidates
            + " v1 signature(s) in "
            + SIGNATURE_HEADER
            + " matches any of the "
            + secrets.size()
            + " configured secret(s): the body, id or timestamp was changed, the body was"
            + " re-serialised before verifying, or another secret signed it");
  }

  private static WebhookVerificationException missing(String header) {
    return new WebhookVerificationException(
        Reason.MISSING_HEADER, header + " header is missing: not a Standard Webhooks request");
  }

  private static void requireSecrets(List<WebhookSecret> secrets) {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret is required");
    }
    for (WebhookSecret secret : secrets) {
      // Not List.contains(null): immutable lists throw on it.
      Objects.requireNonNull(secret, "a webhook secret in the list is null");
    }
  }

  private static void checkId(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("webhook id is blank: use a unique id such as msg_…");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '.' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "webhook id must not contain '.', whitespace or control characters: a dot would let"
                + " a signature be re-split into another id and timestamp");
      }
    }
  }

  private static byte[] mac(WebhookSecret secret, String id, long timestamp, byte[] body) {
    return mac(secret, content(id, Long.toString(timestamp), body));
  }

  private static byte[] content(String id, String timestamp, byte[] body) {
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }

  private static byte[] mac(WebhookSecret secret, byte[] content) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
      return mac.doFinal(content);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java runtime has HmacSHA256, and it accepts keys of any length.
      throw new IllegalStateException("HmacSHA256 is unavailable in this Java runtime", e);
    }
  }
}
