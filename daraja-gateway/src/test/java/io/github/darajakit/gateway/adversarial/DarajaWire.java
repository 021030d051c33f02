package io.github.darajakit.gateway.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Daraja's front door as the gateways see it: a pass-through in the test's JVM, in front of the
 * emulator, that writes down every money-moving request and what became of it. The emulator's
 * ledger shows what was paid; only this shows what was <em>asked</em>, including a second request
 * under an OriginatorConversationID the emulator refused as a duplicate (nothing moved, but the
 * gateway sent the same payout twice) and requests whose answer the emulator dropped on purpose.
 *
 * <p>When the emulator closes a connection without answering (its {@code accept_then_drop} fault),
 * this closes the gateway's connection without answering too, so the gateway sees exactly the
 * ambiguous timeout the fault is meant to produce.
 */
final class DarajaWire implements AutoCloseable {

  /** The Daraja requests that move money, and the request field that tells one intent's apart. */
  enum MoneyRequest {
    STK_PUSH("/mpesa/stkpush/v1/processrequest", "PhoneNumber", "CheckoutRequestID"),
    B2C("/mpesa/b2c/v3/paymentrequest", "OriginatorConversationID", "ConversationID"),
    B2B("/mpesa/b2b/v1/paymentrequest", "AccountReference", "OriginatorConversationID"),
    REVERSAL("/mpesa/reversal/v1/request", "TransactionID", "ConversationID");

    final String path;
    final String keyField;
    final String answerField;

    MoneyRequest(String path, String keyField, String answerField) {
      this.path = path;
      this.keyField = keyField;
      this.answerField = answerField;
    }

    static MoneyRequest of(String path) {
      for (MoneyRequest request : values()) {
        if (request.path.equals(path)) {
          return request;
        }
      }
      return null;
    }
  }

  /** Daraja's refusal of a reused OriginatorConversationID: proof a second request was sent. */
  static final String DUPLICATE_REQUEST = "500.002.1001";

  /** SpikeArrest: refused at the door, nothing ran. */
  static final String SPIKE_ARREST = "500.003.02";

  /**
   * One money-moving request.
   *
   * @param key the request's {@link MoneyRequest#keyField} (the phone, OriginatorConversationID,
   *     account reference or receipt)
   * @param status the emulator's HTTP status, or {@code -1} when it closed without answering
   * @param errorCode Daraja's error code in the answer, or {@code ""}
   * @param answerId the id in the answer ({@link MoneyRequest#answerField}), or {@code ""}
   */
  record Sent(MoneyRequest request, String key, int status, String errorCode, String answerId) {

    /**
     * Whether the request got past Daraja's door: accepted, answered with nothing (the emulator
     * processes before it drops), or refused as a duplicate of one that did. Refusals that prove
     * nothing ran (SpikeArrest, a bad token, a bad field) are not sends.
     */
    boolean reachedProcessing() {
      return status == 200 || status == -1 || DUPLICATE_REQUEST.equals(errorCode);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String emulatorBaseUrl;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon("daraja-wire"));
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();

  DarajaWire(String emulatorBaseUrl) {
    this.emulatorBaseUrl = emulatorBaseUrl;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::forward);
    server.setExecutor(threads);
    server.start();
  }

  /** Where the gateways should think Daraja is. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every money-moving request so far, in the order the answers came. */
  List<Sent> sent() {
    return new ArrayList<>(sent);
  }

  private void forward(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(emulatorBaseUrl + path + (query == null ? "" : "?" + query)))
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Authorization", "Content-Type", "Accept")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    MoneyRequest money = MoneyRequest.of(path);
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      if (money != null) {
        sent.add(new Sent(money, field(body, money.keyField), -1, "", ""));
      }
      // Leaving without an answer makes the server drop the connection: the gateway sees what the
      // emulator did to this proxy.
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (money != null) {
      JsonNode json = parse(answer.body());
      sent.add(
          new Sent(
              money,
              field(body, money.keyField),
              answer.statusCode(),
              json.path("errorCode").asText(""),
              json.path(money.answerField).asText("")));
    }
    answer
        .headers()
        .firstValue("Content-Type")
        .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
    exchange.sendResponseHeaders(
        answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  private static String field(byte[] body, String name) {
    return parse(body).path(name).asText("");
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
