package io.github.darajakit.client;

import static org.awaitility.Awaitility.await;

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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A merchant's callback endpoint for tests: a JDK HTTP server on a free port that keeps every body
 * posted to it as the exact text received, per path, so tests can hand it to {@code
 * DarajaCallbacks} as a merchant would. It answers {@code
 * {"ResultCode":0,"ResultDesc":"Accepted"}}.
 */
final class CallbackRecorder implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, List<String>> received = new ConcurrentHashMap<>();

  CallbackRecorder() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          received
              .computeIfAbsent(
                  exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>())
              .add(body);
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

  /** The absolute URL of a path on this server, e.g. {@code url("/stk")}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Every body posted to a path so far, in arrival order. */
  List<String> bodies(String path) {
    return List.copyOf(received.getOrDefault(path, List.of()));
  }

  /** The first body posted to a path that contains {@code text} (e.g. an id), if any yet. */
  Optional<String> find(String path, String text) {
    return bodies(path).stream().filter(body -> body.contains(text)).findFirst();
  }

  /** Waits for a body posted to a path that contains {@code text}, and returns it. */
  String awaitBody(String path, String text) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> find(path, text), Optional::isPresent)
        .orElseThrow();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
