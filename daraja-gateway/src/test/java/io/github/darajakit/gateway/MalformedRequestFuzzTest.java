package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Throws malformed requests at every route the gateway serves — the merchant API, the dashboard's
 * routes, the operations endpoints and Daraja's callback paths — and checks that none is answered
 * with a 5xx, that every refusal carries the error body a client can act on, and that nothing was
 * written: the money tables keep their row counts, and the callback paths store exactly the bodies
 * they acknowledge.
 *
 * <p>The requests come from a seeded generator; the seed is printed, and {@code -Dfuzz.seed=N}
 * replays a run. {@code -Dfuzz.requests=N} sends more (the default, a few thousand, takes seconds).
 */
class MalformedRequestFuzzTest {

  private static final String DASHBOARD_PASSWORD = "fuzzing-dashboard-password";

  /** Tables a refused request must leave alone (callbacks are counted apart). */
  private static final List<String> TABLES =
      List.of(
          "payments",
          "payouts",
          "payout_batches",
          "reversals",
          "b2b_collections",
          "c2b_payments",
          "events",
          "webhook_endpoints",
          "webhook_deliveries",
          "transaction_lookups",
          "api_keys");

  /**
   * An event stream that opens holds a server thread until its next heartbeat notices the client
   * left, and the gateway allows 16 at once: the generator opens only a few.
   */
  private static final int MAX_STREAM_OPENINGS = 6;

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs it again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(
        UnaryOperator.identity(), g -> g.dashboardPassword(DASHBOARD_PASSWORD), false);
  }

  /** A request to send, and what kind of route it aims at. */
  private record Case(
      int index, String family, String method, byte[] head, byte[] body, boolean mangled) {

    String describe() {
      String text =
          new String(head, StandardCharsets.ISO_8859_1)
              + (body == null ? "" : "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1));
      StringBuilder shown = new StringBuilder();
      for (char c : (text.length() > 600 ? text.substring(0, 600) + "…" : text).toCharArray()) {
        if (c == '\r') {
          continue;
        }
        shown.append(c < 0x20 && c != '\n' || c == 0x7f ? String.format("\\x%02x", (int) c) : c);
      }
      return "#" + index + " [" + family + "] " + shown;
    }
  }

  @Test
  void malformedRequestsAreRefusedWithAClearErrorAndChangeNothing() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    int requests = Integer.getInteger("fuzz.requests", 3000);
    System.out.printf(
        "MalformedRequestFuzzTest: seed %d, %d requests (replay: -Dfuzz.seed=%d)%n",
        seed, requests, seed);

    String paymentId = h.merchant().createPayment("254708374149", 10);
    h.merchant().awaitSettled(paymentId);
    String session = h.merchant().dashboardSignIn(DASHBOARD_PASSWORD).text("token");
    JsonNode openApi = h.merchant().send("GET", "/openapi.json", null, null, null).json();
    Generator generator =
        new Generator(
            new Random(seed),
            h.gateway().routes(),
            h.gateway().callbackKinds(),
            openApi,
            paymentId,
            session);

    Map<String, Long> before = counts();
    long callbacksBefore = acknowledgeable();
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      cases.add(generator.next(i));
    }
    URI base = URI.create(h.gateway().baseUrl());
    RawHttp http = new RawHttp(base.getHost(), base.getPort());
    ExecutorService senders = Executors.newFixedThreadPool(4);
    long started = System.nanoTime();
    List<Future<RawHttp.Answer>> answers = new ArrayList<>();
    try {
      for (Case c : cases) {
        answers.add(senders.submit(() -> http.send(c.method(), c.head(), c.body())));
      }
      List<String> findings = new ArrayList<>();
      List<String> resentAnswered = new ArrayList<>();
      long acknowledgedCallbacks = 0;
      boolean threadsShown = false;
      long resentCallbacks = 0;
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        RawHttp.Answer answer = answerOf(answers.get(i));
        String problem = answer.status() == NO_ANSWER ? answer.bodyText() : problem(c, answer);
        if (problem != null && unanswered(c, answer)) {
          // Seen rarely, under the whole suite's load on PostgreSQL only, and never reproduced
          // alone: a request closed with no answer, or none within the socket timeout, or a
          // well-formed callback answered with Jetty's own 400. What the gateway's threads were
          // doing is printed once; then the same bytes are sent again once (as Daraja resends an
          // unacknowledged callback): answered right, it is reported below, not hidden, and the
          // row counts still prove that nothing was written; answered wrong again, a finding.
          if (!threadsShown) {
            threadsShown = true;
            System.out.printf(
                "MalformedRequestFuzzTest: seed %d: %s; the gateway's threads:%n%s%n",
                seed, problem, threadDump());
          }
          RawHttp.Answer again =
              answerOf(senders.submit(() -> http.send(c.method(), c.head(), c.body())));
          if (again.status() != NO_ANSWER && problem(c, again) == null) {
            resentAnswered.add(problem + ": " + c.describe() + " -> " + show(answer));
            if (c.family().equals("callback")) {
              resentCallbacks++; // its first copy may have been stored
            }
            answer = again;
            problem = null;
          }
        }
        if (problem != null) {
          findings.add(problem + "\n    " + c.describe() + "\n    -> " + show(answer));
        }
        // A C2B validation is answered even when it cannot be stored (M-Pesa waits 8 s, no more).
        if (c.family().equals("callback")
            && answer.status() == 200
            && !c.describe().contains("/c2b/validation")) {
          acknowledgedCallbacks++;
        }
      }
      for (String anomaly : resentAnswered) {
        System.out.printf(
            "MalformedRequestFuzzTest: seed %d: answered right only when sent again: %s%n",
            seed, anomaly);
      }
      System.out.printf(
          "MalformedRequestFuzzTest: %d requests answered in %d ms%n",
          cases.size(), (System.nanoTime() - started) / 1_000_000);
      assertThat(findings)
          .as("seed %d (replay with -Dfuzz.seed=%d): %d findings", seed, seed, findings.size())
          .isEmpty();
      assertThat(counts()).as("rows after the run, seed %d", seed).isEqualTo(before);
      // Every acknowledged callback is stored; a first copy that went unanswered may be too.
      assertThat(acknowledgeable() - callbacksBefore)
          .as("callbacks stored vs acknowledged, seed %d", seed)
          .isBetween(acknowledgedCallbacks, acknowledgedCallbacks + resentCallbacks);
    } finally {
      senders.shutdownNow();
    }
  }

  /** The status of an answer that never came ({@link #answerOf}). */
  private static final int NO_ANSWER = -2;

  /** An answer, or one with status {@link #NO_ANSWER} saying why none came. */
  private static RawHttp.Answer answerOf(Future<RawHttp.Answer> sent) throws InterruptedException {
    try {
      return sent.get();
    } catch (ExecutionException e) {
      return new RawHttp.Answer(
          NO_ANSWER,
          Map.of(),
          ("no answer: " + e.getCause().getMessage()).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Whether a request went unanswered (closed with no answer, or none in time), or a callback to
   * the right secret, sent well-formed, was refused as a malformed one.
   */
  private static boolean unanswered(Case c, RawHttp.Answer answer) {
    return answer.status() < 0
        || c.family().equals("callback")
            && !c.mangled()
            && answer.bodyText().contains("request_malformed");
  }

  /** What is wrong with an answer, or {@code null}. */
  private static String problem(Case c, RawHttp.Answer answer) {
    int status = answer.status();
    if (status < 0) {
      return "closed without an answer";
    }
    if (status >= 500) {
      return "answered " + status;
    }
    boolean write = !c.method().equals("GET") && !c.method().equals("HEAD");
    if (c.family().equals("callback")) {
      // Daraja's paths keep every body they are given, readable or not: it is evidence.
      return c.method().equals("POST") && !c.mangled() && status != 200
          ? "a callback with only its body wrong was not acknowledged"
          : null;
    }
    if (c.family().equals("wrong-secret")) {
      return status < 400 ? "a wrong path secret was answered " + status : null;
    }
    if (status >= 400) {
      if (c.method().equals("HEAD")) {
        return null;
      }
      String requestLine = new String(c.head(), StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
      String type = answer.header("Content-Type");
      if (status == 404
          && type != null
          && type.startsWith("text/html")
          && requestLine.matches("GET /pay/(s/)?[^/?]+(\\?.*)? HTTP/1\\.1")) {
        // The customer's page: an unknown code is a page saying so, in the customer's language.
        return null;
      }
      JsonNode error;
      try {
        error = MerchantClient.JSON.readTree(answer.body()).path("error");
      } catch (Exception e) {
        return "a " + status + " whose body is not JSON";
      }
      if (!error.path("type").isTextual()
          || !error.path("code").isTextual()
          || error.path("message").asText("").isBlank()
          || !error.has("param")) {
        return "a " + status + " without the standard error body";
      }
      return null;
    }
    if (write && c.family().equals("api")) {
      return "a malformed " + c.method() + " was accepted (" + status + ")";
    }
    return null;
  }

  /** Every thread's stack, for a request that went unanswered. */
  private static String threadDump() {
    StringBuilder dump = new StringBuilder();
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              dump.append('"').append(thread.getName()).append("\" ").append(thread.getState());
              for (StackTraceElement frame : stack) {
                dump.append("\n    at ").append(frame);
              }
              dump.append('\n');
            });
    return dump.toString();
  }

  private static String show(RawHttp.Answer answer) {
    String body = answer.bodyText();
    return answer.status() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }

  private Map<String, Long> counts() throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, count(table));
    }
    return counts;
  }

  /** Stored callbacks of the kinds answered only once stored (all but C2B validations). */
  private long acknowledgeable() throws Exception {
    return count("callbacks WHERE kind <> 'C2B_VALIDATION'");
  }

  private long count(String tableAndCondition) throws Exception {
    try (Connection c = DriverManager.getConnection(h.databaseUrl());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + tableAndCondition)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Makes the malformed requests. */
  private static final class Generator {

    private static final String[] CONTROL = {"\u0000", "\u0001", "\n", "\r", "\u001b", "\u007f"};
    private static final String[] BAD_ESCAPES = {"%zz", "%", "%4", "%C3%28", "%FF%FE", "%E2%82"};
    private static final String[] ENCODED_CONTROL = {"%00", "%01", "%0A", "%0D", "%1B", "%7F"};
    private static final String[] ODD_NUMBERS = {
      "-1",
      "0",
      "-0",
      "1e3",
      "0x10",
      "99999999999999999999",
      "9223372036854775807",
      "-9223372036854775808",
      "1.5",
      "NaN",
      "+1000000000-12-31T23:59:59Z",
      "-1000000000-01-01T00:00:00Z",
      "2026-13-45T99:99:99Z",
      "",
      " 1",
    };

    private final Random random;
    private final List<Router.Listing> routes;
    private final CallbackKind[] callbackKinds;
    private final JsonNode openApi;
    private final String paymentId;
    private final String session;
    private int streamOpenings;

    Generator(
        Random random,
        List<Router.Listing> routes,
        List<CallbackKind> callbackKinds,
        JsonNode openApi,
        String paymentId,
        String session) {
      this.random = random;
      this.routes = routes;
      this.callbackKinds = callbackKinds.toArray(CallbackKind[]::new);
      this.openApi = openApi;
      this.paymentId = paymentId;
      this.session = session;
    }

    Case next(int index) {
      int roll = random.nextInt(100);
      if (roll < 18) {
        return callback(index, true);
      }
      if (roll < 22) {
        return callback(index, false);
      }
      return route(index);
    }

    private <T> T pick(T[] options) {
      return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
      return options.get(random.nextInt(options.size()));
    }

    // ---- the merchant API, the dashboard and the operations endpoints ----

    private Case route(int index) {
      Router.Listing route = pick(routes);
      if (route.pattern().equals("/v1/events/stream")) {
        if (streamOpenings >= MAX_STREAM_OPENINGS) {
          return route(index);
        }
        streamOpenings++;
      }
      JsonNode operation =
          openApi.path("paths").path(route.pattern()).path(route.method().toLowerCase(Locale.ROOT));
      // A write must be refused, so its query parameters are ones it does not take; a read gets its
      // own, with wrong values.
      boolean write = !route.method().equals("GET");
      List<String> queryNames = write ? List.of() : queryParameters(operation);
      JsonNode example = bodyExample(operation);
      String method = route.method();
      String path = fillPath(route.pattern());
      List<String> query = new ArrayList<>();
      if (route.pattern().equals("/v1/transactions/{receipt}")) {
        // A lookup with a right receipt asks Daraja, whose Result is a callback: with a shortcode
        // that cannot be right it never gets that far.
        query.add("short_code=" + pick(new String[] {"abc", "-1", "1234", "%E2%82%AC", "0x10"}));
      }
      Map<String, String> headers = new LinkedHashMap<>();
      if (route.authenticated()) {
        headers.put(
            "Authorization",
            "Bearer " + (method.equals("GET") && random.nextInt(4) == 0 ? session : apiKey()));
      }
      String body = example == null ? null : example.toString();
      if (body != null) {
        headers.put("Content-Type", "application/json");
      }
      if (method.equals("POST") && random.nextBoolean()) {
        headers.put("Idempotency-Key", "fuzz-" + index);
      }
      // Writes must be refused, so each gets a mutation that makes it wrong; a read may get a
      // second one, or a harmless change such as HEAD.
      int mutations = 1 + random.nextInt(2);
      byte[] rawBody = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
      for (int m = 0; m < mutations; m++) {
        switch (random.nextInt(example != null ? 12 : 8)) {
          case 0 -> path = mutatePath(path, route);
          case 1 -> query.add(badEscapeQuery(queryNames));
          case 2 -> query.add(controlQuery(queryNames));
          case 3 -> query.add(oddQuery(queryNames));
          case 4 -> query.add(unknownQuery());
          case 5 -> mutateHeaders(headers, method);
          // Odd against the route's own method: a second odd method must not undo the first.
          case 6 -> method = oddMethod(route.method());
          case 7 -> query.add(hugeQuery(queryNames));
          case 8 -> rawBody = wrongTypes(example);
          case 9 -> rawBody = invalidJson(example);
          case 10 -> headers.put("Content-Type", wrongContentType());
          default -> rawBody = unknownField(example);
        }
      }
      return build(index, "api", method, path, query, headers, rawBody, true);
    }

    private String apiKey() {
      return GatewayHarness.API_KEY;
    }

    private String fillPath(String pattern) {
      StringBuilder path = new StringBuilder();
      for (String segment : pattern.substring(1).split("/", -1)) {
        path.append('/');
        if (segment.startsWith("{")) {
          path.append(
              switch (random.nextInt(4)) {
                case 0 -> paymentId;
                case 1 -> "pay_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                case 2 -> "SKC82PACB8";
                default -> "approve";
              });
        } else {
          path.append(segment);
        }
      }
      return pattern.equals("/") ? "/" : path.toString();
    }

    private String mutatePath(String path, Router.Listing route) {
      String junk =
          switch (random.nextInt(7)) {
            case 0 -> pick(CONTROL);
            case 1 -> pick(ENCODED_CONTROL);
            case 2 -> pick(BAD_ESCAPES);
            case 3 -> "x".repeat(200 + random.nextInt(9000));
            case 4 -> "%2F..%2F";
            case 5 -> "\u00e9\u20ac";
            default -> "%E2%82%AC" + "a".repeat(random.nextInt(3000));
          };
      if (route.pattern().contains("{") && random.nextBoolean()) {
        int last = path.lastIndexOf('/');
        int cut = route.pattern().endsWith("}") ? last : path.lastIndexOf('/', last - 1);
        int end = path.indexOf('/', cut + 1);
        return path.substring(0, cut + 1) + junk + (end < 0 ? "" : path.substring(end));
      }
      int at = 1 + random.nextInt(Math.max(1, path.length() - 1));
      return path.substring(0, at) + junk + path.substring(at);
    }

    /** A parameter the route takes, or for a write (which takes none of these) one it does not. */
    private String name(List<String> names) {
      return names.isEmpty() || random.nextInt(5) == 0
          ? pick(new String[] {"limit", "after_row", "created_after", "starting_after", "q"})
          : pick(names);
    }

    private String badEscapeQuery(List<String> names) {
      return random.nextInt(4) == 0
          ? pick(BAD_ESCAPES) + "=1"
          : name(names) + "=" + pick(BAD_ESCAPES) + (random.nextBoolean() ? "abc" : "");
    }

    private String controlQuery(List<String> names) {
      return name(names)
          + "="
          + (random.nextBoolean() ? pick(ENCODED_CONTROL) : pick(CONTROL))
          + (random.nextBoolean() ? "x" : "");
    }

    private String oddQuery(List<String> names) {
      return name(names)
          + "="
          + java.net.URLEncoder.encode(pick(ODD_NUMBERS), StandardCharsets.UTF_8);
    }

    private String unknownQuery() {
      return pick(new String[] {"foo", "Limit", "status[]", "limit ", "_", "x".repeat(300)})
          + "="
          + random.nextInt(10);
    }

    private String hugeQuery(List<String> names) {
      return name(names) + "=" + "9".repeat(100 + random.nextInt(12_000));
    }

    private void mutateHeaders(Map<String, String> headers, String method) {
      int choice = random.nextInt(6);
      if (!method.equals("POST") && (choice == 2 || choice == 3)) {
        choice = 4; // only a POST reads Idempotency-Key: elsewhere a bad one is not wrong
      }
      switch (choice) {
        case 0 -> headers.put("Authorization", "Bearer dk_" + pick(CONTROL) + "x");
        case 1 ->
            headers.put(
                "Authorization",
                pick(
                    new String[] {
                      "Bearer ",
                      "Bearer",
                      "Basic dGVzdDp0ZXN0",
                      "Bearer ds_",
                      "Bearer ds_zz_zz",
                      "Bearer ds_" + "9".repeat(40) + "_abc",
                      "Bearer ds_-1_abc",
                      "bearer " + "k".repeat(9000),
                      "Bearer \u00ff\u00fe"
                    }));
        case 2 -> headers.put("Idempotency-Key", "k".repeat(256 + random.nextInt(500)));
        case 3 -> headers.put("Idempotency-Key", "key" + pick(CONTROL) + "1");
        case 4 -> headers.put("X-Fuzz", "v".repeat(9000 + random.nextInt(20_000)));
        default -> headers.put(pick(new String[] {"Last-Event-ID", "Content-Type"}), "a\u0000b");
      }
    }

    /** Another method than the route's: never the same one, which would be no mutation. */
    private String oddMethod(String method) {
      String odd;
      do {
        odd =
            pick(
                new String[] {
                  "HEAD",
                  "OPTIONS",
                  "TRACE",
                  "PATCH",
                  "FOO",
                  method.toLowerCase(Locale.ROOT),
                  "G\u0000T",
                  "CONNECT",
                  "PUT",
                  "DELETE"
                });
      } while (odd.equals(method));
      return odd;
    }

    private String wrongContentType() {
      return pick(
          new String[] {
            "text/plain",
            "application/xml",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1",
            "text/csv",
            "application/jsonx",
            "",
          });
    }

    /** The example with one field replaced by a value of a type it never takes. */
    private byte[] wrongTypes(JsonNode example) {
      ObjectNode body = example.deepCopy();
      List<String> fields = new ArrayList<>();
      // A field the example leaves null (max_uses) says nothing of its type: a number there may
      // be right, so only fields with a value are given a wrong one.
      body.fields()
          .forEachRemaining(
              f -> {
                if (!f.getValue().isNull()) {
                  fields.add(f.getKey());
                }
              });
      String field = pick(fields);
      JsonNode original = body.get(field);
      String replacement;
      do {
        replacement =
            pick(
                new String[] {
                  "12",
                  "-5",
                  "1.5",
                  "99999999999999999999",
                  "1e400",
                  "true",
                  "[]",
                  "[\"a\"]",
                  "{}",
                  "{\"a\":{\"b\":[1]}}",
                  "\"\"",
                  "\"a\\u0000b\"",
                  "\"" + "x".repeat(5000) + "\"",
                  "\"x\\ny\""
                });
      } while (sameKind(original, replacement));
      String text = body.toString();
      String json =
          text.replace("\"" + field + "\":" + original, "\"" + field + "\":" + replacement);
      return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether a replacement could still be a right value: one of the field's own type (a string for
     * a string), or for a number a positive whole one.
     */
    private static boolean sameKind(JsonNode original, String replacement) {
      char first = replacement.charAt(0);
      if (original.isTextual()) {
        return first == '"' && !replacement.contains("\\u0000") && !replacement.contains("\\n");
      }
      if (original.isNumber()) {
        return replacement.equals("12");
      }
      if (original.isBoolean()) {
        return replacement.equals("true");
      }
      if (original.isArray()) {
        return first == '[' && !replacement.equals("[]");
      }
      return first == '{' && original.isObject() && replacement.equals("{}");
    }

    private byte[] unknownField(JsonNode example) {
      ObjectNode body = example.deepCopy();
      body.put(pick(new String[] {"currency", "Amount", "id", "status", "x\u0000"}), 1);
      return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidJson(JsonNode example) {
      String text = example == null ? "{}" : example.toString();
      return switch (random.nextInt(10)) {
        case 0 ->
            text.substring(0, Math.max(1, text.length() / 2)).getBytes(StandardCharsets.UTF_8);
        case 1 -> (text + "}garbage").getBytes(StandardCharsets.UTF_8);
        case 2 -> "[".repeat(5000).getBytes(StandardCharsets.UTF_8);
        case 3 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
        case 4 -> "{'amount': 10}".getBytes(StandardCharsets.UTF_8);
        case 5 -> ("{\"amount\":" + "9".repeat(200) + "}").getBytes(StandardCharsets.UTF_8);
        case 6 -> new byte[0];
        case 7 -> ("\"" + "x".repeat((1 << 20) + 10) + "\"").getBytes(StandardCharsets.UTF_8);
        case 8 -> text.replace(':', '\u0000').getBytes(StandardCharsets.UTF_8);
        default -> "null".getBytes(StandardCharsets.UTF_8);
      };
    }

    private static List<String> queryParameters(JsonNode operation) {
      List<String> names = new ArrayList<>();
      for (JsonNode parameter : operation.path("parameters")) {
        if (parameter.has("name") && "query".equals(parameter.path("in").asText())) {
          names.add(parameter.get("name").asText());
        }
      }
      return names;
    }

    private JsonNode bodyExample(JsonNode operation) {
      JsonNode example = operation.at("/requestBody/content/application~1json/example");
      return example.isObject() ? example : null;
    }

    // ---- Daraja's callback paths ----

    private Case callback(int index, boolean rightSecret) {
      CallbackKind kind = pick(callbackKinds);
      String path =
          "/daraja/"
              + (rightSecret
                  ? GatewayHarness.CALLBACK_SECRET
                  : pick(new String[] {"wrong-secret-0123456789", "", "%zz", "%00", "x"}))
              + "/"
              + kind.path();
      String method = random.nextInt(8) == 0 ? oddMethod("POST") : "POST";
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", random.nextInt(4) == 0 ? wrongContentType() : "application/json");
      List<String> query = new ArrayList<>();
      boolean mangled = true;
      switch (random.nextInt(6)) {
        case 0 -> query.add(badEscapeQuery(List.of()));
        case 1 -> path = path + pick(ENCODED_CONTROL);
        case 2 -> headers.put("X-Forwarded-For", "196.201.214.200\u0000");
        default -> mangled = !headers.get("Content-Type").equals("application/json");
      }
      return build(
          index,
          rightSecret ? "callback" : "wrong-secret",
          method,
          path,
          query,
          headers,
          callbackBody(kind),
          mangled);
    }

    private byte[] callbackBody(CallbackKind kind) {
      String id = "ws_CO_fuzz" + random.nextInt(1_000_000);
      return switch (random.nextInt(9)) {
        case 0 -> "not json at all".getBytes(StandardCharsets.UTF_8);
        case 1 ->
            ("{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":[\""
                    + id
                    + "\"],\"ResultCode\":\"zero\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        case 2 ->
            ("{\"TransID\":{\"a\":1},\"TransAmount\":\"-10\",\"BusinessShortCode\":600992,"
                    + "\"BillRefNumber\":\"\\u0000\"}")
                .getBytes(StandardCharsets.UTF_8);
        case 3 ->
            ("{\"Result\":{\"ResultCode\":\"\u0000\",\"OriginatorConversationID\":\""
                    + id
                    + "\u0000\",\"ConversationID\":null}}")
                .getBytes(StandardCharsets.UTF_8);
        case 4 -> "[".repeat(3000).getBytes(StandardCharsets.UTF_8);
        case 5 -> new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, '{', (byte) 0xC3, '}'};
        case 6 ->
            ("{\"Body\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        case 7 -> new byte[0];
        default ->
            ("{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\""
                    + id
                    + "\",\"ResultCode\":1032,\"ResultDesc\":\"\\u0000\\u001b[31m\"}}}")
                .getBytes(StandardCharsets.UTF_8);
      };
    }

    // ---- the bytes ----

    private static Case build(
        int index,
        String family,
        String method,
        String path,
        List<String> query,
        Map<String, String> headers,
        byte[] body,
        boolean mangled) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
      head.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, String> header : headers.entrySet()) {
        head.writeBytes(
            (header.getKey() + ": " + header.getValue() + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
      }
      return new Case(index, family, method, head.toByteArray(), body, mangled);
    }
  }
}
