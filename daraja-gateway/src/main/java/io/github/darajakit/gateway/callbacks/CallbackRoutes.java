package io.github.darajakit.gateway.callbacks;

import io.github.darajakit.client.callbacks.DarajaCallbacks;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which handler applies which kind of callback: the money flows register their kinds here, and the
 * callback endpoint and intake look them up without knowing any flow.
 *
 * <p>Registration happens while the gateway is wired, before it takes callbacks; after that the
 * routes are only read.
 */
public final class CallbackRoutes {

  /** What Daraja is answered once a callback is stored, unless its kind says otherwise. */
  public static final String ACKNOWLEDGEMENT = DarajaCallbacks.acknowledge();

  /** What the SDK allows as a callback token (StkPushRequest.callbackToken). */
  private static final Pattern CALLBACK_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private record Route(
      CallbackKind kind,
      CallbackHandler handler,
      boolean takesToken,
      Function<byte[], String> answer,
      String acknowledgement) {}

  /**
   * A path resolved: its kind, the token its last segment carried (if the kind takes one), and what
   * a stored callback of it is answered.
   */
  public record Resolved(
      CallbackKind kind, String token, Function<byte[], String> answer, String acknowledgement) {

    /**
     * For kinds whose answer to Daraja depends on the body (C2B validation): decides it, before the
     * callback is stored. {@code null} for the others, which are answered with an acknowledgement.
     */
    public Function<byte[], String> answer() {
      return answer;
    }
  }

  private final Map<String, Route> byPath = new LinkedHashMap<>();
  private final Map<String, Route> byName = new LinkedHashMap<>();

  /** With the kinds every gateway keeps: {@link CallbackKind#RESULT} and queue timeouts. */
  public CallbackRoutes() {
    add(CallbackKind.RESULT, CallbackHandler.keep("kept; no feature reads these results yet"));
    add(
        CallbackKind.QUEUE_TIMEOUT,
        CallbackHandler.keep("kept; the question is asked again on the reconciler's schedule"));
  }

  /** Routes a kind to its handler; stored callbacks are answered {@link #ACKNOWLEDGEMENT}. */
  public CallbackRoutes add(CallbackKind kind, CallbackHandler handler) {
    return add(kind, handler, ACKNOWLEDGEMENT);
  }

  /**
   * Routes a kind to its handler; once stored, a callback of it is answered {@code
   * acknowledgement}: the answer its sender takes as "received" (Bill Manager keeps pushing a
   * payment until it reads {@code {"resmsg":"Success","rescode":"200"}}).
   */
  public CallbackRoutes add(CallbackKind kind, CallbackHandler handler, String acknowledgement) {
    return put(new Route(kind, handler, false, null, acknowledgement));
  }

  /**
   * Routes a kind whose path may end in a token naming the object it concerns ({@code
   * …/stk/<payment id>}): the handler finds it in {@link Received#callbackToken()}.
   */
  public CallbackRoutes addWithToken(CallbackKind kind, CallbackHandler handler) {
    return put(new Route(kind, handler, true, null, ACKNOWLEDGEMENT));
  }

  /**
   * Routes a kind Daraja waits on for an answer that depends on the body (C2B validation): {@code
   * answer} decides it, off the I/O threads and outside any transaction, and the answer is stored
   * with the callback.
   */
  public CallbackRoutes addAnswered(
      CallbackKind kind, Function<byte[], String> answer, CallbackHandler handler) {
    return put(new Route(kind, handler, false, answer, null));
  }

  private CallbackRoutes put(Route route) {
    if (byPath.containsKey(route.kind().path()) || byName.containsKey(route.kind().name())) {
      throw new IllegalStateException("callback kind registered twice: " + route.kind());
    }
    byPath.put(route.kind().path(), route);
    byName.put(route.kind().name(), route);
    return this;
  }

  /** Every kind served, in the order registered. */
  public List<CallbackKind> kinds() {
    List<CallbackKind> kinds = new ArrayList<>();
    byPath.values().forEach(r -> kinds.add(r.kind()));
    return kinds;
  }

  /** The kind stored under this name, if any flow registered it. */
  public Optional<CallbackKind> named(String name) {
    return Optional.ofNullable(byName.get(name)).map(Route::kind);
  }

  /** The kind (and token) served at a path after {@code /daraja/{secret}/}, if any. */
  public Optional<Resolved> resolve(String path) {
    Route exact = byPath.get(path);
    if (exact != null) {
      return Optional.of(new Resolved(exact.kind(), null, exact.answer(), exact.acknowledgement()));
    }
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      Route route = byPath.get(path.substring(0, slash));
      String token = path.substring(slash + 1);
      if (route != null && route.takesToken() && CALLBACK_TOKEN.matcher(token).matches()) {
        return Optional.of(
            new Resolved(route.kind(), token, route.answer(), route.acknowledgement()));
      }
    }
    return Optional.empty();
  }

  /**
   * Applies one callback in the caller's transaction: a body that breaks a field limit is kept and
   * changes nothing; the others go to their kind's handler.
   */
  public Verdict apply(Connection c, Received received) throws SQLException {
    Optional<String> broken = CallbackFields.problem(received.body());
    if (broken.isPresent()) {
      return Verdict.of(
          Verdict.Outcome.UNPARSEABLE,
          broken.get() + ": kept as received, nothing applied",
          null,
          null);
    }
    Route route = byName.get(received.kind().name());
    if (route == null) {
      throw new IllegalStateException("no handler for callback kind " + received.kind());
    }
    return route.handler().apply(c, received);
  }
}
