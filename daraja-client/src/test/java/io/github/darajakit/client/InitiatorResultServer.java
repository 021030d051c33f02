package io.github.darajakit.client;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ResultURL for tests: a JDK HTTP server on a free port that keeps every JSON body posted to it,
 * per path, and answers like a merchant's receiver ({@code {"ResultCode":0,…}}). Results are read
 * with plain Jackson: parsing them is the callbacks package's job, not the services'.
 */
final class InitiatorResultServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();

  InitiatorResultServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in);
            received
                .computeIfAbsent(
                    exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>())
                .add(body);
          }
          byte[] answer =
              "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  /** The absolute URL of a path on this server, e.g. {@code url("/b2c/result")}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Waits for the {@code n}th (1-based) body posted to a path and returns it. */
  JsonNode awaitBody(String path, int n) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> received.getOrDefault(path, List.of()).size() >= n);
    return received.get(path).get(n - 1);
  }

  /** Waits for the first body posted to a path, and returns its {@code Result}. */
  JsonNode result(String path) {
    return awaitBody(path, 1).path("Result");
  }

  /** Everything posted to a path so far. */
  List<JsonNode> bodies(String path) {
    return List.copyOf(received.getOrDefault(path, List.of()));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
