package io.github.darajakit.gateway.http;

import io.github.darajakit.gateway.core.GatewayError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes merchant API requests by method and path pattern ({@code /v1/payments/{id}}). Where two
 * patterns match, the one with fewer captured segments wins. A path that exists with another method
 * answers 405, an unknown one 404. {@code HEAD} is answered wherever {@code GET} is, by the same
 * handler (the server sends the headers without the body).
 */
public final class Router {

  /** Handles one call. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(HttpCall call) throws Exception;
  }

  /**
   * A route.
   *
   * @param method HTTP method
   * @param segments the pattern split on {@code /}; {@code {name}} segments capture
   * @param handler what runs
   * @param authenticated whether an API key is required
   * @param query the query parameters an authenticated route takes; any other is refused
   */
  record Route(
      String method,
      String[] segments,
      Handler handler,
      boolean authenticated,
      Set<String> query) {}

  /**
   * A matched route.
   *
   * @param route the route
   * @param params captured path parameters
   */
  record Match(Route route, Map<String, String> params) {}

  /**
   * A route as registered, for checks such as "every route is in the OpenAPI document".
   *
   * @param method HTTP method
   * @param pattern the path pattern, e.g. {@code /v1/payments/{id}}
   * @param authenticated whether an API key is required
   * @param query the query parameters it takes (a public route ignores others)
   */
  public record Listing(String method, String pattern, boolean authenticated, Set<String> query) {}

  /** The longest path parameter taken: ids are far shorter, and longer ones only cost lookups. */
  static final int MAX_PATH_PARAMETER = 255;

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route that needs an API key and takes no query parameters. */
  public Router add(String method, String pattern, Handler handler) {
    return add(method, pattern, Set.of(), handler);
  }

  /**
   * Adds a route that needs an API key.
   *
   * @param query the query parameters it takes: a request with any other is refused before the
   *     handler runs, so a misspelt filter is an error rather than a silently unfiltered answer
   */
  public Router add(String method, String pattern, Set<String> query, Handler handler) {
    routes.add(new Route(method, split(pattern), handler, true, Set.copyOf(query)));
    return this;
  }

  /**
   * Adds a route anyone may call (health, metrics, the dashboard's files and sign-in). It reads no
   * query parameters and ignores any sent: browsers and probes add their own.
   */
  public Router addPublic(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), handler, false, Set.of()));
    return this;
  }

  /** Every route, in the order added; a copy, so nothing can be changed through it. */
  public List<Listing> listing() {
    return routes.stream()
        .map(
            r ->
                new Listing(
                    r.method(), "/" + String.join("/", r.segments()), r.authenticated(), r.query()))
        .toList();
  }

  /**
   * The route for a request.
   *
   * @throws ApiError 404 or 405
   */
  Match match(String method, String path) {
    String[] parts = split(path);
    boolean pathExists = false;
    Match best = null;
    String routed = method.equals("HEAD") ? "GET" : method;
    for (Route route : routes) {
      Optional<Map<String, String>> params = capture(route.segments(), parts);
      if (params.isPresent()) {
        // A literal segment beats a capture: /v1/events/stream is not event "stream".
        if (route.method().equals(routed)
            && (best == null || params.get().size() < best.params().size())) {
          best = new Match(route, params.get());
        }
        pathExists = true;
      }
    }
    if (best != null) {
      best.params().forEach(Router::checkPathParameter);
      return best;
    }
    if (pathExists) {
      throw ApiError.methodNotAllowed(GatewayError.printable(method), GatewayError.printable(path));
    }
    throw ApiError.notFound(
        "No such route: " + GatewayError.printable(method) + " " + GatewayError.printable(path));
  }

  /**
   * Refuses what no id holds, before it reaches a lookup: control characters (PostgreSQL cannot
   * even compare a NUL) and lengths no id has.
   */
  private static void checkPathParameter(String name, String value) {
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.invalid(
          name,
          name
              + " in the path holds a control character ("
              + GatewayError.printable(value)
              + "): send the id as it was given to you");
    }
    if (value.length() > MAX_PATH_PARAMETER) {
      throw ApiError.invalid(
          name,
          name
              + " in the path has "
              + value.length()
              + " characters; at most "
              + MAX_PATH_PARAMETER
              + " are taken");
    }
  }

  private static Optional<Map<String, String>> capture(String[] pattern, String[] parts) {
    if (pattern.length != parts.length) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (parts[i].isEmpty()) {
          return Optional.empty();
        }
        params.put(p.substring(1, p.length() - 1), parts[i]);
      } else if (!p.equals(parts[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
