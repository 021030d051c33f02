package io.github.darajakit.gateway.callbacks;

import io.github.darajakit.gateway.core.ClientAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daraja's way in: {@code POST /daraja/{secret}/{stk|c2b/validation|c2b/confirmation|result|
 * timeout|bill-manager/payment|…}}.
 *
 * <p>The secret is compared in constant time; a wrong one answers 404 and stores nothing. With an
 * allow-list, other senders get 403. Otherwise every body — readable or not — is stored, and only
 * once the transaction holding it has committed is Daraja answered 200 with its kind's
 * acknowledgement. If it cannot be stored, the answer is 503: an acknowledgement is a promise we
 * must keep.
 *
 * <p>Non-blocking: the body is read asynchronously and the answer written when the group commit
 * completes, so waiting callbacks hold no threads.
 */
public final class CallbackEndpoint {

  private static final Logger log = LoggerFactory.getLogger(CallbackEndpoint.class);
  private static final int MAX_BODY = 256 * 1024;
  private static final String PREFIX = "/daraja/";

  // Refusals in the gateway's one error shape; none says more than a stranger may know.
  private static final String NOT_FOUND =
      error("invalid_request_error", "resource_missing", "No such callback path.");
  private static final String FORBIDDEN =
      error(
          "invalid_request_error",
          "address_not_allowed",
          "This address may not post callbacks (security.allowedCallbackAddresses).");
  private static final String USE_POST =
      error("invalid_request_error", "method_not_allowed", "Daraja's callbacks are POSTed.");
  private static final String NOT_STORED =
      error(
          "api_error",
          "not_stored",
          "The callback was not stored, so it is not acknowledged; it may be sent again.");

  private final byte[] secret;
  private final Set<String> allowedAddresses;
  private final Set<String> trustedProxies;
  private final CallbackIntake intake;
  private final CallbackRoutes routes;
  private final Executor blocking;
  private final Clock clock;
  private final BiConsumer<String, String> refusals;

  /**
   * @param secret the path secret
   * @param allowedAddresses sender IPs allowed; empty allows any
   * @param trustedProxies addresses of our own reverse proxies: a request from one is taken to come
   *     from the address it appended to {@code X-Forwarded-For}
   * @param intake stores and applies
   * @param routes the kinds served, and for some how their answer is decided
   * @param blocking runs answer decisions (they may call the merchant) and writes answers
   * @param clock time of receipt
   * @param refusals told (kind, reason) of every request refused before storage, for metrics
   */
  public CallbackEndpoint(
      String secret,
      Set<String> allowedAddresses,
      Set<String> trustedProxies,
      CallbackIntake intake,
      CallbackRoutes routes,
      Executor blocking,
      Clock clock,
      BiConsumer<String, String> refusals) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.allowedAddresses = Set.copyOf(allowedAddresses);
    this.trustedProxies = Set.copyOf(trustedProxies);
    this.intake = intake;
    this.routes = routes;
    this.blocking = blocking;
    this.clock = clock;
    this.refusals = refusals;
  }

  /** True for paths this endpoint serves. */
  public static boolean serves(String path) {
    return path.startsWith(PREFIX);
  }

  /** The path Daraja calls for a kind, with the secret in it. */
  public static String path(String secret, CallbackKind kind) {
    return PREFIX + secret + "/" + kind.path();
  }

  /** Handles a request; never blocks. */
  public void handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String rest = path.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String given = slash < 0 ? rest : rest.substring(0, slash);
    String kindPath = slash < 0 ? "" : rest.substring(slash + 1);
    // Constant time, so the secret cannot be guessed byte by byte from response times.
    Optional<CallbackRoutes.Resolved> resolved = routes.resolve(kindPath);
    if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
      refusals.accept(resolved.map(r -> r.kind().path()).orElse("unknown"), "wrong_secret");
      log.warn("callback with a wrong path secret from {}", Request.getRemoteAddr(request));
      write(response, callback, 404, NOT_FOUND);
      return;
    }
    if (resolved.isEmpty()) {
      refusals.accept("unknown", "unknown_path");
      write(response, callback, 404, NOT_FOUND);
      return;
    }
    // Some kinds name their object on the path: an STK push's CallBackURL ends …/stk/<payment id>.
    CallbackKind kind = resolved.get().kind();
    String token = resolved.get().token();
    Function<byte[], String> answer = resolved.get().answer();
    String acknowledgement = resolved.get().acknowledgement();
    String remote = sender(request);
    if (!allowedAddresses.isEmpty() && !allowedAddresses.contains(remote)) {
      refusals.accept(kind.path(), "address_not_allowed");
      log.warn("callback from {}, which is not on the allow-list", remote);
      write(response, callback, 403, FORBIDDEN);
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      refusals.accept(kind.path(), "method");
      write(response, callback, 405, USE_POST);
      return;
    }
    long receivedAt = clock.millis();
    Content.Source.asByteArrayAsync(
        request,
        MAX_BODY,
        new Promise.Invocable<byte[]>() {
          @Override
          public void succeeded(byte[] body) {
            accept(
                kind, token, answer, acknowledgement, body, remote, receivedAt, response, callback);
          }

          @Override
          public void failed(Throwable failure) {
            // Too large or cut short: still evidence of something; keep what can be said.
            byte[] note =
                ("{\"unreadable\":\"" + failure.getClass().getSimpleName() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            accept(
                kind, token, answer, acknowledgement, note, remote, receivedAt, response, callback);
          }

          @Override
          public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
          }
        });
  }

  /** Who sent the request, seen through our own proxies only ({@link ClientAddress}). */
  private String sender(Request request) {
    return ClientAddress.of(
        Request.getRemoteAddr(request),
        request.getHeaders().getValuesList("X-Forwarded-For"),
        trustedProxies);
  }

  private void accept(
      CallbackKind kind,
      String token,
      Function<byte[], String> answerFor,
      String acknowledgement,
      byte[] body,
      String remote,
      long receivedAt,
      Response response,
      Callback callback) {
    if (answerFor != null) {
      // The decision may ask the merchant's URL: never on an I/O thread, never in a transaction.
      blocking.execute(
          () -> {
            String answer = answerFor.apply(body);
            intake
                .submit(new Received(kind, body, remote, receivedAt, answer, null))
                .whenComplete(
                    (verdict, failure) -> {
                      if (failure != null) {
                        log.error(
                            "{} callback could not be stored; answering anyway",
                            kind.name(),
                            failure);
                      }
                      write(response, callback, 200, answer);
                    });
          });
      return;
    }
    // Answered on the pool, not on the thread that committed: that thread is the intake's writer,
    // and every moment it spends writing responses is a moment no batch is being written.
    intake
        .submit(new Received(kind, body, remote, receivedAt, null, token))
        .whenCompleteAsync(
            (verdict, failure) -> {
              if (failure != null) {
                write(response, callback, 503, NOT_STORED);
              } else {
                write(response, callback, 200, acknowledgement);
              }
            },
            blocking);
  }

  private static String error(String type, String code, String message) {
    return "{\"error\":{\"type\":\""
        + type
        + "\",\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\",\"param\":null}}";
  }

  private static void write(Response response, Callback callback, int status, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    if (status >= 400) {
      // A refusal leaves the body unread, and the server then drops the connection: saying so
      // keeps a client from sending its next request down a connection about to close.
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
