package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A merchant's C2B endpoints on a JDK HTTP server (port 0): records every POST and answers
 * validations with an accept and confirmations with the acknowledgement.
 */
final class C2bCallbackServer implements AutoCloseable {

  /** One received call: path and parsed body. */
  record Received(String path, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, String> answers = new ConcurrentHashMap<>();

  C2bCallbackServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, body));
            String answer =
                answers.getOrDefault(
                    path,
                    path.endsWith("/validate")
                        ? "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}"
                        : "{\"ResultCode\":0,\"ResultDesc\":\"Success\"}");
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
  }

  /** Answers every call on {@code path} with {@code body} (HTTP 200) from now on. */
  void answer(String path, String body) {
    answers.put(path, body);
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Calls received on a path, oldest first. */
  List<JsonNode> bodies(String path) {
    return received.stream().filter(r -> r.path().equals(path)).map(Received::body).toList();
  }

  /** Every call received, oldest first. */
  List<Received> all() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
