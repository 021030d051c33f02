package io.github.darajakit.gateway.adversarial;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The load balancer in front of the gateway instances, as production has one: every instance gives
 * Daraja this address as its public URL, so a Result for a payout one instance sent may reach the
 * other, and a callback arriving while the only instance restarts is lost (Daraja does not retry).
 * Each callback goes to an instance that is up, chosen at random; what the instance answered is
 * passed back to the emulator and written in the {@link CallbackLog}.
 */
final class CallbackFront implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(DarajaWire.daemon("front"));
  private final CallbackLog log;
  private final String prefix;
  private final SplittableRandom random;

  /**
   * Takes its port (the instances need its address in their settings before they start); nothing is
   * forwarded before {@link #start}.
   */
  CallbackFront(CallbackLog log, String callbackSecret, long seed) {
    this.log = log;
    this.prefix = "/daraja/" + callbackSecret + "/";
    this.random = new SplittableRandom(seed);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public URL every instance is configured with. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts forwarding callbacks to the fleet's instances that are up. */
  void start(GatewayFleet fleet) {
    server.createContext("/", exchange -> forward(fleet, exchange));
    server.setExecutor(threads);
    server.start();
  }

  private void forward(GatewayFleet fleet, HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String path = exchange.getRequestURI().getRawPath();
    int status = 404;
    String answer = "{\"error\":\"not found\"}";
    if (path.startsWith(prefix)) {
      Optional<GatewayFleet.Instance> instance;
      synchronized (random) {
        instance = fleet.pickIfUp(random);
      }
      String kind = path.substring(prefix.length());
      // With every instance down the callback is refused here; it is still logged, as posted and
      // not acknowledged, since Daraja did send it.
      CallbackLog.Post post =
          instance.isPresent()
              ? log.post(CallbackLog.Source.EMULATOR, "", instance.get(), kind, body)
              : log.refused(CallbackLog.Source.EMULATOR, kind, body);
      status = post.status() < 0 ? 502 : post.status();
      answer = post.status() < 0 ? "{\"error\":\"no gateway answered\"}" : post.answer();
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
