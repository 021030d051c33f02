package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.RawHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every answer tells a browser: not to frame it, sniff it, keep it (unless it is one of the
 * dashboard's files) or send a referrer from it; and HEAD answered wherever GET is.
 */
class HttpHeadersTest {

  private static final String PASSWORD = "a dashboard password for headers";

  @RegisterExtension
  GatewayHarness h =
      new GatewayHarness(UnaryOperator.identity(), g -> g.dashboardPassword(PASSWORD), false);

  private RawHttp http() {
    URI base = URI.create(h.gateway().baseUrl());
    return new RawHttp(base.getHost(), base.getPort());
  }

  private RawHttp.Answer send(String method, String target, String key, String json) {
    String head =
        method
            + " "
            + target
            + " HTTP/1.1\r\n"
            + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
            + (json == null ? "" : "Content-Type: application/json\r\n");
    return http()
        .send(
            method,
            head.getBytes(StandardCharsets.ISO_8859_1),
            json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  private static void hardened(RawHttp.Answer answer, String what) {
    assertThat(answer.header("X-Frame-Options")).as(what).isEqualTo("DENY");
    assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
    assertThat(answer.header("Content-Security-Policy"))
        .as(what)
        .contains("frame-ancestors 'none'");
  }

  @Test
  void moneyDataAndSessionsAreNeverStoredAndNothingMayFrameThem() {
    String token = h.merchant().dashboardSignIn(PASSWORD).text("token");
    List<RawHttp.Answer> secretOrMoney =
        List.of(
            send("GET", "/v1/payments", GatewayHarness.API_KEY, null),
            send("GET", "/v1/payments", null, null),
            send("GET", "/v1/nothing-here", GatewayHarness.API_KEY, null),
            send("GET", "/v1/overview", token, null),
            send("GET", "/dashboard/session", null, null),
            send("POST", "/dashboard/session", null, "{\"password\":\"" + PASSWORD + "\"}"),
            send("GET", "/metrics", null, null),
            send("GET", "/health", null, null),
            send("POST", "/daraja/" + GatewayHarness.CALLBACK_SECRET + "/stk", null, "{}"),
            send("POST", "/daraja/wrong-secret-000000000/stk", null, "{}"),
            send("GET", "/v1/payments?status=%zz", GatewayHarness.API_KEY, null));
    for (RawHttp.Answer answer : secretOrMoney) {
      String what = answer.status() + " " + answer.bodyText();
      hardened(answer, what);
      assertThat(answer.header("Cache-Control")).as(what).isEqualTo("no-store");
      assertThat(answer.header("Content-Security-Policy"))
          .as(what)
          .startsWith("default-src 'none'");
    }
  }

  @Test
  void theDashboardCarriesItsPolicyAsAHeaderAndItsFilesMayBeKeptIfAskedAgain() {
    RawHttp.Answer page = send("GET", "/", null, null);
    hardened(page, "the page");
    assertThat(page.header("Content-Security-Policy"))
        .contains("default-src 'self'", "script-src 'self'", "connect-src 'self'");
    assertThat(page.bodyText()).doesNotContain("http-equiv=\"Content-Security-Policy\"");
    for (String file : List.of("/", "/dashboard/app.js", "/dashboard/app.css", "/openapi.json")) {
      RawHttp.Answer answer = send("GET", file, null, null);
      hardened(answer, file);
      assertThat(answer.header("Cache-Control")).as(file).isEqualTo("no-cache");
    }
  }

  @Test
  void aRequestJettyCannotParseIsA400WithTheErrorBodyAndTheHeaders() {
    RawHttp.Answer answer =
        http()
            .send(
                "GET",
                ("GET /daraja/" + GatewayHarness.CALLBACK_SECRET + "/stk\nx HTTP/1.1\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1),
                null);
    assertThat(answer.status()).isBetween(400, 499);
    assertThat(answer.bodyText()).contains("\"code\":\"request_malformed\"");
    hardened(answer, "malformed");
  }

  @Test
  void headIsAnsweredWhereverGetIsWithTheSameHeadersAndNoBody() {
    for (Router.Listing route : h.gateway().routes()) {
      if (!route.method().equals("GET")) {
        continue;
      }
      String path = route.pattern().replaceAll("\\{[a-z_]+}", "nothing_here");
      String key = route.authenticated() ? GatewayHarness.API_KEY : null;
      RawHttp.Answer head = send("HEAD", path, key, null);
      RawHttp.Answer get = path.equals("/v1/events/stream") ? head : send("GET", path, key, null);
      String what = "HEAD " + path;
      assertThat(head.status()).as(what).isEqualTo(get.status()).isNotEqualTo(405);
      assertThat(head.body()).as(what).isEmpty();
      for (String header :
          List.of("Content-Type", "Content-Length", "Cache-Control", "Content-Security-Policy")) {
        if (header.equals("Content-Length") && path.equals("/metrics")) {
          continue; // the GET itself is counted in the next scrape
        }
        assertThat(head.header(header)).as(what + " " + header).isEqualTo(get.header(header));
      }
    }
    assertThat(send("HEAD", "/v1/payments", null, null).status()).isEqualTo(401);
    assertThat(send("HEAD", "/v1/reconcile", GatewayHarness.API_KEY, null).status())
        .as("HEAD where only POST is")
        .isEqualTo(405);
  }

  @Test
  void headOnTheEventStreamHoldsNoPlaceInIt() {
    for (int i = 0; i < 20; i++) {
      RawHttp.Answer head = send("HEAD", "/v1/events/stream", GatewayHarness.API_KEY, null);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Type")).startsWith("text/event-stream");
    }
    assertThat(send("GET", "/v1/events/stream", GatewayHarness.API_KEY, null).status())
        .as("more HEADs than the 16 streams allowed, and a reader still gets in")
        .isEqualTo(200);
  }
}
