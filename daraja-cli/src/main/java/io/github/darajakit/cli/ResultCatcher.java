package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A small HTTP server that receives the Results Daraja posts for the commands of one run (B2C,
 * balance, status, reversal, and an STK push's callback), so a command can wait for its Result and
 * show it. Against the emulator it listens on a free local port; against the real Daraja it needs
 * an address Daraja can reach ({@code --public-url}, e.g. a tunnel to {@code --listen}).
 */
final class ResultCatcher implements AutoCloseable {

  private final HttpServer server;
  private final String publicUrl;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** A post from Daraja: to {@code /result} or {@code /timeout}. */
  record Received(boolean queueTimeout, JsonNode body) {}

  private ResultCatcher(HttpServer server, String publicUrl) {
    this.server = server;
    this.publicUrl = publicUrl;
  }

  /**
   * Listens on {@code host:port} (0 for a free port).
   *
   * @param publicUrl where Daraja reaches it, or {@code null} for {@code http://host:port}
   */
  static ResultCatcher start(String host, int port, String publicUrl) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new CommandException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    String base =
        publicUrl != null
            ? strip(publicUrl)
            : "http://" + host + ":" + server.getAddress().getPort();
    ResultCatcher catcher = new ResultCatcher(server, base);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            try {
              catcher.received.add(
                  new Received(
                      exchange.getRequestURI().getPath().endsWith("/timeout"),
                      Output.JSON.readTree(body)));
            } catch (IOException notJson) {
              // not a Result: answered, not kept
            }
          }
          byte[] answer =
              "{\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    return catcher;
  }

  /** Where Daraja should post Results. */
  String resultUrl() {
    return publicUrl + "/result";
  }

  /** Where Daraja should post queue timeouts. */
  String timeoutUrl() {
    return publicUrl + "/timeout";
  }

  /**
   * Waits for the Result (or queue timeout) of the request Daraja acknowledged with these ids.
   *
   * @return its body, or empty if none came in time
   */
  Optional<Received> await(String conversationId, String originatorConversationId, Duration wait) {
    return await(
        body -> {
          JsonNode result = body.has("Result") ? body.get("Result") : body;
          String conversation = result.path("ConversationID").asText("");
          String originator = result.path("OriginatorConversationID").asText("");
          return (!conversation.isEmpty() && conversation.equals(conversationId))
              || (!originator.isEmpty() && originator.equals(originatorConversationId));
        },
        wait);
  }

  /**
   * Waits for the STK callback of the push Daraja answered with {@code checkoutRequestId}: the only
   * place the M-Pesa receipt of an STK payment is given (STK Query does not carry it).
   */
  Optional<Received> awaitStkCallback(String checkoutRequestId, Duration wait) {
    return await(
        body -> checkoutRequestId.equals(body.at("/Body/stkCallback/CheckoutRequestID").asText()),
        wait);
  }

  private Optional<Received> await(Predicate<JsonNode> isTheOne, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      for (Received post : received) {
        if (isTheOne.test(post.body())) {
          return Optional.of(post);
        }
      }
      if (System.nanoTime() > deadline) {
        return Optional.empty();
      }
      try {
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private static String strip(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
