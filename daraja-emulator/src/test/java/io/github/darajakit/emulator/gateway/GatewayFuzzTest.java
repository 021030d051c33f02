package io.github.darajakit.emulator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.http.Endpoint;
import io.github.darajakit.emulator.support.DarajaAssertions;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of every POST endpoint: random bytes, truncated JSON, valid bodies with fields
 * replaced by random JSON of random types, huge and exotic strings. Whatever arrives, the answer is
 * a Daraja answer: a success, a 4xx envelope, or one of the documented business 500s — and garbage
 * is always a 4xx. A failing seed replays exactly: rerun with the seed in the test's name.
 */
class GatewayFuzzTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final int CASES_PER_ENDPOINT = 30;
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What the body is, and so what the emulator may answer. */
  enum Expect {
    /** Not one JSON object within the limits: exactly 400.002.05. */
    INVALID_PAYLOAD,
    /** A JSON object whose known field holds an object, array or boolean: 400.002.02. */
    INVALID_FIELD,
    /** A non-JSON Content-Type: Daraja sees no fields, 400.002.02 for the first one. */
    FIRST_FIELD,
    /** Anything Daraja may answer a well-formed body: success, 4xx or a business 500. */
    ANY_DARAJA_ANSWER
  }

  record Case(String kind, byte[] body, String contentType, Expect expect) {
    String describe() {
      String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      return kind + " (" + body.length + " bytes, " + contentType + "): " + text;
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 20_240_706L, 8_675_309L})
  void everyRandomBodyGetsADarajaAnswerAndGarbageIsAlwaysA4xx(long seed) throws Exception {
    Random random = new Random(seed);
    String token = h.daraja().token();
    String checkoutRequestId =
        h.daraja()
            .post(Endpoint.STK_PUSH.path(), Requests.stkPush("254711000001", 1, h.url("/fuzz-stk")))
            .text("CheckoutRequestID");
    List<String> failures = new ArrayList<>();
    int sent = 0;

    for (int i = 0; i < CASES_PER_ENDPOINT; i++) {
      for (Endpoint endpoint : Endpoint.values()) {
        if (endpoint == Endpoint.OAUTH) {
          continue;
        }
        ObjectNode valid = ValidBodies.of(endpoint, h, seed + "-" + i, checkoutRequestId);
        Case fuzz = generate(random, valid, endpoint.maxBodyBytes(MAX_BODY_BYTES));
        Reply reply;
        try {
          reply = send(endpoint, fuzz, token);
        } catch (IOException e) {
          failures.add(
              "seed "
                  + seed
                  + " case "
                  + i
                  + " "
                  + endpoint
                  + ": no answer ("
                  + e
                  + ")\n  sent "
                  + fuzz.describe());
          continue;
        } finally {
          sent++;
        }
        String problem = judge(endpoint, fuzz, reply);
        if (problem != null) {
          failures.add(
              "seed "
                  + seed
                  + " case "
                  + i
                  + " "
                  + endpoint
                  + ": "
                  + problem
                  + "\n  sent "
                  + fuzz.describe()
                  + "\n  got "
                  + reply.status()
                  + " "
                  + abbreviate(reply.raw()));
        }
      }
    }

    assertThat(sent).isGreaterThanOrEqualTo(400);
    assertThat(failures).as("answers that are not Daraja answers").isEmpty();
    assertThat(h.daraja().adminGet("health").path("status").asText()).isEqualTo("UP");
    Reply stillServing =
        h.daraja()
            .post(
                Endpoint.C2B_REGISTER_V1.path(),
                ValidBodies.of(Endpoint.C2B_REGISTER_V1, h, "after", ""));
    assertThat(stillServing.status()).as("%s", stillServing).isEqualTo(200);
  }

  /** Null if the answer is acceptable for the case, else what is wrong with it. */
  private static String judge(Endpoint endpoint, Case fuzz, Reply reply) {
    String raw = reply.raw();
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.contains("<html") || lower.contains("<!doctype")) {
      return "an HTML page";
    }
    if (raw.contains("Exception") || raw.contains("\tat ") || raw.contains("java.")) {
      return "a stack trace";
    }
    if (!reply.json().isObject()) {
      return "not a JSON object";
    }
    int status = reply.status();
    String code = reply.text("errorCode");
    if (status >= 200 && status < 300) {
      if (fuzz.expect() != Expect.ANY_DARAJA_ANSWER) {
        return "a success for " + fuzz.expect();
      }
      return reply.json().has("errorCode") ? "a success carrying an errorCode" : null;
    }
    if (endpoint == Endpoint.C2B_REGISTER_V1 || endpoint == Endpoint.C2B_REGISTER_V2) {
      // Daraja's proxy answers a SOAP fault, not an envelope, for the STK-only shortcode.
      JsonNode fault = reply.json().path("Envelope").path("Body").path("Fault");
      if (status == 500 && fault.path("faultstring").asText().contains("SCO-AddURLVault")) {
        return fuzz.expect() == Expect.ANY_DARAJA_ANSWER ? null : "a SOAP fault for garbage";
      }
    }
    if (endpoint.takesArray()
        && new String(fuzz.body(), StandardCharsets.UTF_8).stripLeading().startsWith("[")
        && status >= 400
        && status < 500
        && !reply.json().has("errorCode")) {
      // An array is what Bill Manager's bulk calls take: refused in its own envelope, not
      // 400.002.05.
      return null;
    }
    if (endpoint.ownFieldErrors() && fuzz.expect() != Expect.INVALID_PAYLOAD) {
      // Hakikisha, Org Info and IMSI answer field errors in their own envelopes (their tests
      // check them): here only that a bad field is a 4xx without the gateway's errorCode.
      if (status >= 400 && status < 500 && !reply.json().has("errorCode")) {
        return null;
      }
      return "expected a 4xx in the product's own envelope";
    }
    try {
      DarajaAssertions.assertEnvelope(reply);
    } catch (AssertionError e) {
      return "not a Daraja error envelope: " + e.getMessage();
    }
    return switch (fuzz.expect()) {
      case INVALID_PAYLOAD -> code.equals("400.002.05") ? null : "expected 400.002.05";
      case INVALID_FIELD ->
          code.equals("400.002.02")
                  && reply.text("errorMessage").startsWith("Bad Request - Invalid ")
              ? null
              : "expected 400.002.02";
      case FIRST_FIELD ->
          code.equals("400.002.02")
                  && reply
                      .text("errorMessage")
                      .equals("Bad Request - Invalid " + ValidBodies.firstField(endpoint))
              ? null
              : "expected 400.002.02 Invalid " + ValidBodies.firstField(endpoint);
      case ANY_DARAJA_ANSWER -> {
        if (status >= 400 && status < 500) {
          yield null;
        }
        yield allowedServerError(endpoint, code, reply.text("errorMessage"))
            ? null
            : "a server error Daraja does not give for this endpoint";
      }
    };
  }

  /** The documented business 500s (REFERENCE §2), per endpoint. Never "Internal Server Error". */
  private static boolean allowedServerError(Endpoint endpoint, String code, String message) {
    return switch (endpoint) {
      case STK_PUSH, STK_QUERY ->
          code.equals("500.001.1001")
              && Set.of(
                      "Merchant does not exist",
                      "Wrong credentials",
                      "Unable to lock subscriber, a transaction is already in process for the"
                          + " current subscriber")
                  .contains(message);
      case RATIBA -> code.equals("500.001.1001") && message.equals("Merchant does not exist");
      case B2C_V3, B2POCHI ->
          code.equals("500.002.1001") && message.equals("Duplicate OriginatorConversationID.");
      case C2B_REGISTER_V1, C2B_REGISTER_V2 ->
          code.equals("500.003.1001") && message.equals("Urls are already registered.");
      default -> false;
    };
  }

  private static Reply send(Endpoint endpoint, Case fuzz, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(h.daraja().baseUrl() + endpoint.path()))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
    if (fuzz.contentType() != null) {
      request.header("Content-Type", fuzz.contentType());
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode json;
    try {
      json = DarajaHttp.JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      json = DarajaHttp.JSON.missingNode();
    }
    return new Reply(
        response.statusCode(),
        json == null ? DarajaHttp.JSON.missingNode() : json,
        response.body());
  }

  // ---- generators -------------------------------------------------------------------------

  private static Case generate(Random random, ObjectNode valid, int maxBodyBytes) {
    String validText = valid.toString();
    return switch (random.nextInt(11)) {
      case 0 -> new Case("random bytes", randomBytes(random), json(random), Expect.INVALID_PAYLOAD);
      case 1 -> {
        int cut = random.nextInt(validText.length());
        yield new Case(
            "truncated JSON",
            utf8(validText.substring(0, cut)),
            json(random),
            Expect.INVALID_PAYLOAD);
      }
      case 2 -> {
        String tail = pick(random, "x", "}", ",", "{}", "[1]", "\"a\"", "null", "0", "\u0000");
        yield new Case(
            "trailing garbage", utf8(validText + tail), json(random), Expect.INVALID_PAYLOAD);
      }
      case 3 -> {
        String value;
        do {
          value = randomJson(random, 3);
        } while (value.startsWith("{"));
        yield new Case("non-object JSON", utf8(value), json(random), Expect.INVALID_PAYLOAD);
      }
      case 4 -> {
        int depth = 33 + random.nextInt(5_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String field = pick(random, fieldNames(valid));
        String body =
            "{\""
                + field
                + "\":"
                + open.repeat(depth)
                + (open.equals("[") ? "" : "1")
                + close.repeat(depth)
                + "}";
        yield new Case("deep nesting " + depth, utf8(body), json(random), Expect.INVALID_PAYLOAD);
      }
      case 5 -> {
        ObjectNode copy = valid.deepCopy();
        copy.put(pick(random, fieldNames(valid)), "z".repeat(maxBodyBytes));
        yield new Case(
            "over the size limit", utf8(copy.toString()), json(random), Expect.INVALID_PAYLOAD);
      }
      case 6 -> {
        String contentType =
            pick(
                random,
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "text/html");
        yield new Case("foreign content type", utf8(validText), contentType, Expect.FIRST_FIELD);
      }
      default -> mutated(random, valid, maxBodyBytes);
    };
  }

  /** The valid body with some fields replaced, removed or added. */
  private static Case mutated(Random random, ObjectNode valid, int maxBodyBytes) {
    List<String> names = fieldNames(valid);
    Map<String, String> fields = new LinkedHashMap<>();
    valid.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().toString()));
    int replacements = 1 + random.nextInt(3);
    List<String> replaced = new ArrayList<>();
    for (int i = 0; i < replacements; i++) {
      String name = pick(random, names);
      String value = randomJson(random, 2);
      fields.put(name, value);
      replaced.add(name);
    }
    boolean wrongType =
        replaced.stream()
            .map(name -> fields.get(name).charAt(0))
            .anyMatch(first -> first == '{' || first == '[' || first == 't' || first == 'f');
    if (random.nextInt(4) == 0) {
      String victim = pick(random, names);
      if (!replaced.contains(victim)) {
        fields.remove(victim);
      }
    }
    if (random.nextInt(4) == 0) {
      fields.put(randomKey(random), randomJson(random, 2));
    }
    StringBuilder body = new StringBuilder("{");
    fields.forEach(
        (name, value) -> {
          if (body.length() > 1) {
            body.append(',');
          }
          body.append(quote(name)).append(':').append(value);
        });
    body.append('}');
    byte[] bytes = utf8(body.toString());
    Expect expect =
        bytes.length > maxBodyBytes
            ? Expect.INVALID_PAYLOAD
            : wrongType ? Expect.INVALID_FIELD : Expect.ANY_DARAJA_ANSWER;
    String contentType = random.nextInt(10) == 0 ? null : json(random);
    return new Case("mutated " + replaced, bytes, contentType, expect);
  }

  /** Random JSON text of a random type; containers nest at most {@code depth} levels. */
  private static String randomJson(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    return switch (kind) {
      case 0, 1 -> quote(randomString(random));
      case 2, 3 -> randomNumber(random);
      case 4 -> random.nextBoolean() ? "true" : "false";
      case 5 -> "null";
      case 6 -> quote("");
      case 7 -> {
        StringBuilder array = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          array.append(i == 0 ? "" : ",").append(randomJson(random, depth - 1));
        }
        yield array.append(']').toString();
      }
      default -> {
        StringBuilder object = new StringBuilder("{");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          object
              .append(i == 0 ? "" : ",")
              .append(quote(randomKey(random)))
              .append(':')
              .append(randomJson(random, depth - 1));
        }
        yield object.append('}').toString();
      }
    };
  }

  private static String randomNumber(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> Long.toString(random.nextLong());
      case 1 -> Integer.toString(random.nextInt(1000));
      case 2 -> "-" + random.nextInt(1000);
      case 3 -> random.nextInt(1000) + "." + random.nextInt(100);
      case 4 -> "0";
      case 5 -> "-0.0";
      case 6 -> "1e" + random.nextInt(1_000_000_000);
      case 7 -> "-1E-" + random.nextInt(1_000_000_000);
      case 8 -> "0e" + (random.nextBoolean() ? "-" : "") + random.nextInt(1_000_000_000);
      case 9 -> "9".repeat(1 + random.nextInt(60));
      case 10 -> "254708374149";
      default -> random.nextInt(100) + "." + "0".repeat(1 + random.nextInt(40)) + "1";
    };
  }

  private static String randomString(Random random) {
    int length =
        switch (random.nextInt(6)) {
          case 0 -> random.nextInt(3);
          case 1 -> 200 + random.nextInt(2_000);
          case 2 -> 10_000 + random.nextInt(40_000);
          default -> 1 + random.nextInt(20);
        };
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      switch (random.nextInt(8)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.appendCodePoint(0x1F300 + random.nextInt(0x300));
        case 2 ->
            text.append(pick(random, "\u202E", "\u200B", "\uFEFF", "\u00E9", "\u4E2D", "\u0000"));
        case 3 ->
            text.append(
                pick(random, "http://127.0.0.1/x", "254708374149", "174379", "<html>", "\\"));
        default -> text.append((char) (0x20 + random.nextInt(0x5F)));
      }
    }
    return text.toString();
  }

  private static String randomKey(Random random) {
    return pick(
        random,
        "Extra",
        "amount",
        "AMOUNT",
        "",
        "__proto__",
        "Amount ",
        "\u00C5mount",
        "x".repeat(300));
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(3_000)];
    random.nextBytes(bytes);
    // Never a JSON object by accident: an object starts with '{' (after whitespace or a BOM).
    int[] notAnObjectStart = {'x', ']', 0x80, 0xFF, '"', '-'};
    bytes[0] = (byte) notAnObjectStart[random.nextInt(notAnObjectStart.length)];
    return bytes;
  }

  private static String json(Random random) {
    return pick(
        random,
        "application/json",
        "application/json; charset=UTF-8",
        "application/json;charset=utf-8");
  }

  private static List<String> fieldNames(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static String quote(String text) {
    try {
      return DarajaHttp.JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
