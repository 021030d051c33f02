package io.github.darajakit.gateway.api;

import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The dashboard: three static files, served without a key. They hold no data: the page asks for an
 * API key and reads everything through the merchant API with it, so nothing is readable without
 * one. Everything is served by the gateway itself (no CDN: the machines it runs on may have no
 * internet).
 */
public final class Dashboard {

  private Dashboard() {}

  /** Adds {@code /} and {@code /dashboard/app.js|app.css}. */
  public static void routes(Router router) {
    Reply page = load("index.html", "text/html;charset=UTF-8");
    Reply script = load("app.js", "text/javascript;charset=UTF-8");
    Reply style = load("app.css", "text/css;charset=UTF-8");
    router
        .addPublic("GET", "/", call -> page)
        .addPublic("GET", "/dashboard/app.js", call -> script)
        .addPublic("GET", "/dashboard/app.css", call -> style);
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
