package io.github.darajakit.gateway.http;

import io.github.darajakit.gateway.auth.ApiKeys;
import io.github.darajakit.gateway.callbacks.CallbackEndpoint;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.ops.GatewayMetrics;
import io.github.darajakit.gateway.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP server. Daraja's callbacks go to {@link CallbackEndpoint} on the I/O thread
 * (it never blocks); merchant API calls run on the thread pool, through API-key authentication,
 * {@code Idempotency-Key} handling for POSTs, error mapping and metrics.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** Where a streamed answer to HEAD goes: nowhere, refused at the first byte. */
  private static final OutputStream NO_BODY =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          throw new IOException("a HEAD answer has no body");
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          throw new IOException("a HEAD answer has no body");
        }
      };

  private final Server server;
  private final ServerConnector connector;
  private final Router router;
  private final ApiKeys apiKeys;
  private final Idempotency idempotency;
  // Attached after the port is bound: the callback URLs need it.
  private volatile CallbackEndpoint callbacks;
  private final GatewayMetrics metrics;

  public ApiServer(
      String host,
      int port,
      Router router,
      ApiKeys apiKeys,
      Idempotency idempotency,
      GatewayMetrics metrics) {
    this.router = router;
    this.apiKeys = apiKeys;
    this.idempotency = idempotency;
    this.metrics = metrics;
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("daraja-gateway-http");
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(new Dispatch());
    server.setErrorHandler(
        (request, response, callback) -> {
          write(request, response, callback, malformed(request, response.getStatus()));
          return true;
        });
  }

  /**
   * The answer to a request Jetty could not parse (it calls the error handler before any of ours
   * runs). Each is the sender's mistake, so each is a 4xx — Jetty's 505 for a request line without
   * a usable HTTP version included: a stray line break in a URL ends the line early, and Daraja's
   * paths must never answer a malformed request with a 5xx.
   */
  private static Reply malformed(Request request, int status) {
    Object reason =
        request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_MESSAGE);
    // Jetty's reasons name a rule ("Illegal character CNTL=0x0"), never a header's value; anything
    // else is left out rather than echoed.
    String why =
        reason instanceof String text && text.matches("[A-Za-z0-9 =:,._'-]{1,80}")
            ? " (" + text + ")"
            : "";
    ApiError error =
        switch (status) {
          case 413 -> ApiError.malformedRequest(413, "The request is too large" + why + ".");
          case 414 ->
              ApiError.malformedRequest(
                  414,
                  "The URL is too long"
                      + why
                      + ": the request line and headers may take 8 KiB; send long values in a body.");
          case 431 ->
              ApiError.malformedRequest(
                  431, "The headers are too large" + why + ": together they may take 8 KiB.");
          default ->
              status >= 400 && status < 500 && status != 400
                  ? ApiError.malformedRequest(status, "The request is malformed" + why + ".")
                  : ApiError.malformedRequest(
                      400,
                      "The request is malformed"
                          + why
                          + ": send a request line 'METHOD /path HTTP/1.1' with the URL"
                          + " percent-encoded and no control character (%00 to %1F, %7F) in its"
                          + " path, and headers without control characters.");
        };
    return Reply.json(error.status(), error.toJson());
  }

  /** Starts listening. */
  public void start() {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot listen on "
              + connector.getHost()
              + ":"
              + connector.getPort()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Connects Daraja's callback paths; until then they answer 503 (nothing acknowledged). */
  public void attach(CallbackEndpoint endpoint) {
    this.callbacks = endpoint;
  }

  /** The port bound. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Every route the merchant API, the dashboard and the operations endpoints answer. */
  public java.util.List<Router.Listing> routes() {
    return router.listing();
  }

  /** The pool that runs blocking work (API calls, validation decisions). */
  public java.util.concurrent.Executor blockingPool() {
    return server.getThreadPool();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.debug("server did not stop cleanly", e);
    }
  }

  private final class Dispatch extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      if (CallbackEndpoint.serves(path)) {
        // Put first: the endpoint writes its own answers, and adds to these without clearing them.
        SecurityHeaders.put(response.getHeaders(), null, null, null);
        CallbackEndpoint endpoint = callbacks;
        if (endpoint == null) {
          write(
              request,
              response,
              callback,
              Reply.json(503, ApiError.unavailable("starting").toJson()));
        } else {
          endpoint.handle(request, response, callback);
        }
        return true;
      }
      server.getThreadPool().execute(() -> api(request, response, callback));
      return true;
    }
  }

  private void api(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    String route = "unmatched";
    Reply reply;
    try {
      Router.Match match = router.match(request.getMethod(), Request.getPathInContext(request));
      route = request.getMethod() + " " + String.join("/", match.route().segments());
      HttpCall call = new HttpCall(request, match.params());
      if (match.route().authenticated()) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        Optional<String> key = apiKeys.authenticate(authorization);
        call.apiKeyId(
            key.orElseThrow(
                () ->
                    ApiKeys.bearer(authorization).isPresent()
                        ? ApiError.keyNotRecognised()
                        : ApiError.unauthorized()));
        // Before anything runs: a request with a query it cannot take must change nothing.
        call.checkQuery(match.route().query());
      }
      if (match.route().authenticated() && request.getMethod().equals("POST")) {
        String idempotencyKey = request.getHeaders().get("Idempotency-Key");
        if (idempotencyKey != null && idempotencyKey.chars().anyMatch(Character::isISOControl)) {
          throw ApiError.invalid(
              "Idempotency-Key", "Idempotency-Key holds a control character: send printable text");
        }
        String query = request.getHttpURI().getQuery();
        reply =
            idempotency.run(
                call.apiKeyId(),
                idempotencyKey,
                call.method(),
                // The query is part of the request: a CSV batch takes its description there.
                query == null ? call.path() : call.path() + "?" + query,
                call.body(),
                () -> invoke(match.route().handler(), call));
      } else {
        reply = invoke(match.route().handler(), call);
      }
    } catch (ApiError e) {
      reply = Reply.json(e.status(), e.toJson());
      if (e.retryAfterSeconds() != null) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, e.retryAfterSeconds());
      }
    } catch (StoreException e) {
      log.error(
          "database failure answering {} {}",
          request.getMethod(),
          Request.getPathInContext(request),
          e);
      reply =
          Reply.json(
              503, ApiError.unavailable("The database is unavailable; retry shortly.").toJson());
    } catch (RuntimeException e) {
      log.error(
          "gateway bug answering {} {}", request.getMethod(), Request.getPathInContext(request), e);
      reply = Reply.json(500, ApiError.internal().toJson());
    }
    metrics.request(route, reply.status(), Duration.ofNanos(System.nanoTime() - started));
    write(request, response, callback, reply);
  }

  /**
   * Writes a streamed answer on this (pool) thread until the stream ends or the client goes: the
   * few dashboards watching live hold a thread each, which the pool has plenty of.
   */
  private static void stream(Request request, Response response, Callback callback, Reply reply) {
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    // Proxies such as nginx would otherwise hold events back in their buffers.
    response.getHeaders().put("X-Accel-Buffering", "no");
    if (request.getMethod().equals("HEAD")) {
      // No body: the stream meets a closed client at its first write, ends as it would when a
      // reader leaves, and gives back its place among the streams allowed.
      try {
        reply.stream().write(NO_BODY);
      } catch (IOException | RuntimeException e) {
        log.debug("stream for HEAD ended: {}", e.toString());
      }
      response.write(true, ByteBuffer.allocate(0), callback);
      return;
    }
    try (OutputStream out = org.eclipse.jetty.io.Content.Sink.asOutputStream(response)) {
      reply.stream().write(out);
      callback.succeeded();
    } catch (IOException e) {
      // The client went away: the usual way a stream ends.
      callback.failed(e);
    } catch (RuntimeException e) {
      // Jetty can also report a connection closed under a blocking write this way.
      log.debug("event stream ended: {}", e.toString());
      callback.failed(e);
    }
  }

  private static Reply invoke(Router.Handler handler, HttpCall call) {
    try {
      return handler.handle(call);
    } catch (GatewayError e) {
      throw ApiError.of(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Request request, Response response, Callback callback, Reply reply) {
    SecurityHeaders.put(
        response.getHeaders(), reply.contentType(), reply.cacheControl(), reply.securityPolicy());
    // An answer given before the body was read (a key not recognised, a path that does not exist):
    // what has arrived of the body is drained; if more is still coming, the server closes the
    // connection after answering, and says so here. Without the header, a client that reuses the
    // connection sends its next request down a closed socket and gets no answer at all.
    if (!request.consumeAvailable()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    if (reply.stream() != null) {
      stream(request, response, callback, reply);
      return;
    }
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
    if (reply.contentEncoding() != null) {
      response.getHeaders().put(HttpHeader.CONTENT_ENCODING, reply.contentEncoding());
      response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
    }
    // HEAD: the headers GET would send, Content-Length included, and no body.
    boolean head = request.getMethod().equals("HEAD");
    response.write(true, ByteBuffer.wrap(head ? new byte[0] : reply.body()), callback);
  }
}
