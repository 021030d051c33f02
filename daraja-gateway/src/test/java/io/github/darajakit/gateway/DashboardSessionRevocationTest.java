package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signing out of the dashboard ends the session on the gateway, not only in the browser: its token
 * is refused by every instance on the database, by the API and by the event stream.
 */
class DashboardSessionRevocationTest {

  private static final String PASSWORD = "a long dashboard password";

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs it again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), g -> g.dashboardPassword(PASSWORD), false);
  }

  private String signIn() {
    Reply session = h.merchant().dashboardSignIn(PASSWORD);
    assertThat(session.status()).isEqualTo(201);
    return session.text("token");
  }

  private static Reply signOut(String baseUrl, String token) {
    return new MerchantClient(baseUrl, null)
        .send("DELETE", "/dashboard/session", null, null, token);
  }

  private static int stream(String baseUrl, String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events/stream"))
                .header("Authorization", "Bearer " + token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void signingOutRefusesTheTokenOnEveryInstanceAndEndsItsOpenStream() throws Exception {
    String token = signIn();
    String other = signIn();
    try (DarajaGateway second = h.newGateway(UnaryOperator.identity())) {
      MerchantClient onFirst = new MerchantClient(h.gateway().baseUrl(), token);
      MerchantClient onSecond = new MerchantClient(second.baseUrl(), token);
      assertThat(onFirst.get("/v1/payments").status()).isEqualTo(200);
      assertThat(onSecond.get("/v1/payments").status()).isEqualTo(200);
      HttpResponse<InputStream> open =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(second.baseUrl() + "/v1/events/stream"))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      assertThat(open.statusCode()).isEqualTo(200);
      CompletableFuture<Void> ended =
          CompletableFuture.runAsync(
              () -> {
                try (InputStream in = open.body()) {
                  in.readAllBytes();
                } catch (java.io.IOException e) {
                  // ended: what is awaited
                }
              });

      Reply out = signOut(h.gateway().baseUrl(), token);
      assertThat(out.status()).isEqualTo(200);
      assertThat(out.json().path("deleted").asBoolean()).isTrue();

      assertThat(onFirst.get("/v1/payments").status()).isEqualTo(401);
      assertThat(onSecond.get("/v1/payments").status()).as("another instance").isEqualTo(401);
      assertThat(stream(second.baseUrl(), token)).as("a new stream").isEqualTo(401);
      ended.get(10, TimeUnit.SECONDS); // the stream open on the other instance ended
      assertThat(signOut(second.baseUrl(), token).status()).as("again: still out").isEqualTo(200);

      // One session signed out, not every one.
      assertThat(new MerchantClient(second.baseUrl(), other).get("/v1/payments").status())
          .isEqualTo(200);
    }
  }

  @Test
  void onlyASessionTokenCanBeSignedOut() {
    for (String key : new String[] {null, GatewayHarness.API_KEY, "ds_forged_token_here"}) {
      Reply refused = signOut(h.gateway().baseUrl(), key);
      assertThat(refused.status()).as(String.valueOf(key)).isEqualTo(401);
      assertThat(refused.json().path("error").path("code").asText()).isEqualTo("session_invalid");
    }
    assertThat(h.merchant().get("/v1/payments").status())
        .as("the API key still works")
        .isEqualTo(200);
  }

  @Test
  void signedOutSessionsAreForgottenOnceTheyWouldHaveExpired() throws Exception {
    String token = signIn();
    assertThat(signOut(h.gateway().baseUrl(), token).status()).isEqualTo(200);
    assertThat(revocations()).isEqualTo(1);
    h.gateway().housekeepNow();
    assertThat(revocations()).as("not expired yet: kept").isEqualTo(1);

    h.clock().advance(Duration.ofHours(12).plusSeconds(1));
    h.gateway().housekeepNow();
    assertThat(revocations()).isZero();
    assertThat(new MerchantClient(h.gateway().baseUrl(), token).get("/v1/payments").status())
        .as("expired, so still refused")
        .isEqualTo(401);
  }

  private long revocations() throws Exception {
    try (Connection c = DriverManager.getConnection(h.databaseUrl());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM dashboard_revocations")) {
      r.next();
      return r.getLong(1);
    }
  }
}
