package io.github.darajakit.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.auth.DashboardSessions;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Requests;
import io.github.darajakit.gateway.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The dashboard: three static files, served without a key. They hold no data: the page asks for an
 * API key and reads everything through the merchant API with it, so nothing is readable without
 * one. Everything is served by the gateway itself (no CDN: the machines it runs on may have no
 * internet).
 */
public final class Dashboard {

  private Dashboard() {}

  /**
   * Adds {@code /}, {@code /dashboard/app.js|app.css}, and {@code /dashboard/session}: {@code GET}
   * says whether a password is offered, {@code POST {"password"}} trades the right one for a
   * session token the merchant API accepts as a key, and {@code DELETE} with that token as the
   * bearer signs it out on every instance.
   */
  public static void routes(Router router, DashboardSessions sessions) {
    // The files hold no data: a browser may keep them, asking again before each use so that an
    // upgraded gateway's dashboard is picked up at once.
    Reply page = load("index.html", "text/html;charset=UTF-8").revalidated();
    Reply script = load("app.js", "text/javascript;charset=UTF-8").revalidated();
    Reply style = load("app.css", "text/css;charset=UTF-8").revalidated();
    router
        .addPublic("GET", "/", call -> page)
        .addPublic("GET", "/dashboard/app.js", call -> script)
        .addPublic("GET", "/dashboard/app.css", call -> style)
        .addPublic(
            "GET",
            "/dashboard/session",
            call -> {
              ObjectNode offer = Json.object();
              offer.put("object", "dashboard_sign_in").put("password", sessions.enabled());
              return Reply.json(200, offer);
            })
        .addPublic(
            "POST",
            "/dashboard/session",
            call -> {
              JsonNode body = call.jsonObject();
              Requests.allowOnly(body, Set.of("password"));
              DashboardSessions.Session signedIn =
                  sessions.signIn(
                      Requests.requiredText(
                          body, "password", "the dashboard password (DARAJA_DASHBOARD_PASSWORD)"),
                      call.remoteAddress());
              ObjectNode session = Json.object();
              session
                  .put("object", "dashboard_session")
                  .put("token", signedIn.token())
                  .put("expires_at", Json.time(signedIn.expiresAt()));
              return Reply.json(201, session);
            })
        .addPublic(
            "DELETE",
            "/dashboard/session",
            call -> {
              String authorization = call.header("Authorization");
              String token =
                  authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                      ? authorization.substring(7).trim()
                      : null;
              if (!sessions.revoke(token)) {
                throw ApiError.sessionInvalid(
                    "Send the session token to sign out as 'Authorization: Bearer ds_…'; API keys"
                        + " are not signed out, they are revoked (docs/callbacks-and-security.md).");
              }
              ObjectNode ended = Json.object();
              ended.put("object", "dashboard_session").put("deleted", true);
              return Reply.json(200, ended);
            });
  }

  private static Reply load(String name, String contentType) {
    String resource = "/io/github/darajakit/gateway/dashboard/" + name;
    try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
      }
      return new Reply(200, contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
