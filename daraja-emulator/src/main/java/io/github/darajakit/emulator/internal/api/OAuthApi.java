package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.Faults;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Endpoint;
import io.github.darajakit.emulator.internal.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /oauth/v1/generate?grant_type=client_credentials} with HTTP Basic auth (REFERENCE §3),
 * and the store of issued tokens every other endpoint checks.
 */
public final class OAuthApi {

  /** An issued token. */
  private record Grant(String consumerKey, Instant expiresAt) {}

  private final Mpesa mpesa;
  private final Faults faults;
  private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> tokensByConsumer = new ConcurrentHashMap<>();

  public OAuthApi(Mpesa mpesa, Faults faults) {
    this.mpesa = mpesa;
    this.faults = faults;
  }

  /**
   * The consumer key in a Basic header, if the header is Basic and decodes to {@code key:secret};
   * used to attribute (and rate-limit) token requests before they are answered.
   */
  public static Optional<String> basicConsumerKey(String authorization) {
    return basicCredentials(authorization).map(credentials -> credentials[0]);
  }

  /** Issues a token, or fails with Daraja's {@code 400.008.0x} errors. */
  public ApiResponse generate(String authorization, String query) {
    if (!"client_credentials".equals(queryParameter(query, "grant_type"))) {
      throw DarajaError.of("400.008.02", "Invalid grant type passed");
    }
    String[] credentials =
        basicCredentials(authorization)
            .orElseThrow(() -> DarajaError.of("400.008.01", "Invalid authentication type passed"));
    EmulatorConfig config = mpesa.config();
    if (!config.apps().isEmpty() && !knownApp(config, credentials[0], credentials[1])) {
      throw DarajaError.of("400.008.01", "Invalid authentication type passed");
    }
    String consumerKey = credentials[0];
    Duration ttl = faults.tokenTtl().orElse(config.tokenTtl());
    String token = mpesa.ids().accessToken();
    Instant expiresAt = mpesa.clock().instant().plus(ttl);
    Set<String> issued =
        tokensByConsumer.computeIfAbsent(consumerKey, k -> ConcurrentHashMap.newKeySet());
    if (config.reissueInvalidatesPrevious()) {
      issued.forEach(tokens::remove);
      issued.clear();
    }
    tokens.put(token, new Grant(consumerKey, expiresAt));
    issued.add(token);
    ObjectNode body = Json.object().put("access_token", token);
    long seconds = Math.max(1, ttl.toSeconds());
    if (config.expiresInType() == EmulatorConfig.ExpiresInType.NUMBER) {
      body.put("expires_in", seconds);
    } else {
      body.put("expires_in", Long.toString(seconds));
    }
    return ApiResponse.ok(body);
  }

  /**
   * The app behind a {@code Bearer} header, or the Daraja error for this endpoint's family.
   *
   * @throws DarajaError {@code 404.001.04} for a missing or malformed header, the family's
   *     invalid-token code for an unknown or expired token, {@code 401.002.01} if strict mode does
   *     not enable the product for the app
   */
  public String authenticate(String authorization, Endpoint endpoint) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      throw DarajaError.of("404.001.04", "Invalid Authentication Header");
    }
    String token = authorization.substring(7).trim();
    Grant grant = tokens.get(token);
    if (grant == null || !mpesa.clock().instant().isBefore(grant.expiresAt())) {
      throw endpoint.tokenFamily().invalidToken(token);
    }
    EmulatorConfig config = mpesa.config();
    if (!config.apps().isEmpty()) {
      Optional<EmulatorConfig.App> app =
          config.apps().stream()
              .filter(a -> a.consumerKey().equals(grant.consumerKey()))
              .findFirst();
      if (app.isPresent()
          && !app.get().products().isEmpty()
          && !app.get().products().contains(endpoint.id())) {
        throw DarajaError.of("401.002.01", "Error Occurred - Invalid Access Token - " + token);
      }
    }
    return grant.consumerKey();
  }

  /** Number of live tokens. */
  public int liveTokens() {
    return tokens.size();
  }

  /** Forgets expired tokens. */
  public void prune() {
    Instant now = mpesa.clock().instant();
    tokens.entrySet().removeIf(e -> !now.isBefore(e.getValue().expiresAt()));
    tokensByConsumer.values().forEach(set -> set.removeIf(t -> !tokens.containsKey(t)));
  }

  /** Forgets every token. */
  public void reset() {
    tokens.clear();
    tokensByConsumer.clear();
  }

  private static boolean knownApp(EmulatorConfig config, String key, String secret) {
    return config.apps().stream()
        .anyMatch(
            app ->
                app.consumerKey().equals(key)
                    && MessageDigest.isEqual(
                        app.consumerSecret().getBytes(StandardCharsets.UTF_8),
                        secret.getBytes(StandardCharsets.UTF_8)));
  }

  private static Optional<String[]> basicCredentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }

  private static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0
            ? ""
            : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
