package io.github.darajakit.client.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.darajakit.client.DarajaClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stub Daraja over real HTTP (the JDK's HttpServer) for tests of a service's wire behaviour that
 * must not wait on the emulator: it hands out a token, answers one path prefix from a list of
 * replies (the last one repeats), and records every body, path and Authorization header it got.
 */
public final class StubDaraja implements AutoCloseable {

  /** One answer: its HTTP status, body, and how long to wait before sending it. */
  public record Reply(int status, String body, Duration delay) {
    public static Reply now(int status, String body) {
      return new Reply(status, body, Duration.ZERO);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  /** The prefix of the names of the stub's own threads. */
  public static final String THREAD_PREFIX = "stub-daraja-";

  private final HttpServer server;
  // Named, so tests that count the client's threads can leave the stub's out.
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "stub-daraja-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger oauthRequests = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final List<Reply> replies = new CopyOnWriteArrayList<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

  /** Starts it, answering requests under {@code pathPrefix}. */
  public StubDaraja(String pathPrefix) {
    try {
      // A deep accept queue: tests open hundreds of connections at once, and on a busy machine
      // the default (50) drops some until the client's connect timeout.
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext(
        "/oauth/v1/generate",
        exchange -> {
          oauthRequests.incrementAndGet();
          awaitGate();
          respond(exchange, 200, "{\"access_token\":\"stub-token\",\"expires_in\":\"3599\"}");
        });
    server.createContext(pathPrefix, this::answer);
    server.start();
  }

  /** The replies still to send, in order; tests add to and clear it. */
  public List<Reply> replies() {
    return replies;
  }

  /** From now on, always {@code reply}. */
  public void alwaysAnswer(Reply reply) {
    replies.clear();
    replies.add(reply);
  }

  /**
   * From now on every answer, OAuth's included, waits until {@link #releaseAnswers()}: requests are
   * received and recorded, and stay in flight.
   */
  public void holdAnswers() {
    gate = new CountDownLatch(1);
  }

  /** Sends the answers held by {@link #holdAnswers()}, and answers at once again. */
  public void releaseAnswers() {
    gate.countDown();
  }

  /** How many OAuth requests arrived. */
  public int oauthRequests() {
    return oauthRequests.get();
  }

  /** The JSON bodies received, in order; tests may clear it. */
  public List<JsonNode> received() {
    return received;
  }

  /** The paths requested, in order. */
  public List<String> paths() {
    return paths;
  }

  /** The Authorization headers received, in order. */
  public List<String> authorizations() {
    return authorizations;
  }

  /** The first value of header {@code name} (any case) of the {@code index}th request, or null. */
  public String header(int index, String name) {
    List<String> values = headers.get(index).get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A client builder for this stub, acting for {@code shortCode}. */
  public DarajaClient.Builder clientBuilder(String shortCode, Duration readTimeout) {
    return DarajaClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .consumerKey("key")
        .consumerSecret("secret")
        .shortCode(shortCode)
        .readTimeout(readTimeout);
  }

  @Override
  public void close() {
    releaseAnswers();
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      received.add(JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
    paths.add(exchange.getRequestURI().getPath());
    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    Map<String, List<String>> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    received.putAll(exchange.getRequestHeaders());
    headers.add(received);
    awaitGate();
    Reply now = replies.size() > 1 ? replies.remove(0) : replies.get(0);
    if (!now.delay().isZero()) {
      try {
        Thread.sleep(now.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    respond(exchange, now.status(), now.body());
  }

  private void awaitGate() {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The client gave up waiting (a lost-answer test): nobody is left to answer.
    }
  }
}
