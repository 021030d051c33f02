package io.github.darajakit.emulator.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A merchant's callback endpoint for tests: a JDK HTTP server on a free port that records every
 * POST and answers with a scripted status, body and delay per path. Independent of the emulator's
 * own HTTP stack on purpose.
 */
public final class CallbackReceiver implements AutoCloseable {

  /**
   * One received callback.
   *
   * @param path the request path
   * @param body the parsed JSON body
   * @param raw the raw body text
   * @param receivedAtNanos {@link System#nanoTime()} on arrival
   */
  public record Received(String path, JsonNode body, String raw, long receivedAtNanos) {}

  /**
   * How to answer a path.
   *
   * @param status HTTP status
   * @param body response body
   * @param delay wait before answering
   */
  public record Answer(int status, String body, Duration delay) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  public CallbackReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /**
   * Scripts the answer for a path (default: 200 {@code {"ResultCode":0,"ResultDesc":"Success"}}).
   */
  public void answer(String path, int status, String body, Duration delay) {
    answers.put(path, new Answer(status, body, delay));
  }

  /** Everything received so far. */
  public List<Received> all() {
    return new ArrayList<>(received);
  }

  /** Everything received on a path so far. */
  public List<Received> on(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits (up to 10 s) for the first callback on a path matching a condition. */
  public Received awaitOne(String path, Predicate<JsonNode> condition) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(
            () ->
                received.stream()
                    .filter(r -> r.path().equals(path) && condition.test(r.body()))
                    .findFirst()
                    .orElse(null),
            r -> r != null);
  }

  /** Waits for the first callback on a path. */
  public Received awaitOne(String path) {
    return awaitOne(path, body -> true);
  }

  /** Waits until {@code count} callbacks have arrived on a path and returns them. */
  public List<Received> awaitCount(String path, int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> on(path).size() >= count);
    return on(path);
  }

  /** Forgets what was received and every scripted answer. */
  public void clear() {
    received.clear();
    answers.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode body;
    try {
      body = JSON.readTree(raw);
    } catch (IOException e) {
      body = JSON.createObjectNode().put("unparseable", raw);
    }
    received.add(new Received(path, body, raw, System.nanoTime()));
    Answer answer =
        answers.getOrDefault(
            path, new Answer(200, "{\"ResultCode\":0,\"ResultDesc\":\"Success\"}", Duration.ZERO));
    if (!answer.delay().isZero()) {
      try {
        Thread.sleep(answer.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
