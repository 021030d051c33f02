package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.CheckoutTest.PAYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.checkout.CheckoutSettings;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The caps on prompts per client address and per link, and on sessions opened from links: counted
 * in the database, so they hold across instances; the address is the connection's unless it comes
 * from a trusted proxy. A scripted flood at one phone gets it the hourly cap's prompts and no more.
 */
class CheckoutCapsTest {

  @RegisterExtension GatewayHarness h = harness();

  /**
   * Three prompts a minute per client address, one per link, the phone cap out of the way; SQLite
   * ({@link OnPostgresqlTest} runs this suite again on PostgreSQL).
   */
  GatewayHarness harness() {
    return new GatewayHarness(
        UnaryOperator.identity(),
        gateway -> gateway.checkout(CheckoutSettings.defaults().withCaps(100, 3, 1)),
        false);
  }

  private final HttpClient http = HttpClient.newHttpClient();

  /** Pays a session's code through {@code baseUrl}, as forwarded for {@code forwardedFor}. */
  private HttpResponse<String> pay(String baseUrl, String code, String phone, String forwardedFor)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/pay/api/s/" + code + "/pay"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}"));
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String newSession() {
    return CheckoutTest.code(CheckoutTest.open(h, 20));
  }

  @Test
  void theCapsPerLinkAndPerClientAddressHoldAcrossInstances() throws Exception {
    String base = h.gateway().baseUrl();
    Reply link =
        h.merchant()
            .post(
                "/v1/payment-links",
                "{\"amount\":50,\"reference\":\"LUNCH\",\"description\":\"Lunch\"}");
    String linkCode = link.text("code");
    String first =
        CheckoutTest.code(
            CheckoutTest.publicCall(h, "POST", "/pay/api/" + linkCode + "/sessions", null));
    String second =
        CheckoutTest.code(
            CheckoutTest.publicCall(h, "POST", "/pay/api/" + linkCode + "/sessions", null));
    assertThat(pay(base, first, PAYS, null).statusCode()).isEqualTo(202);
    HttpResponse<String> linkCapped = pay(base, second, "254700000001", null);
    assertThat(linkCapped.statusCode()).isEqualTo(429);
    assertThat(linkCapped.body()).contains("through this link");
    assertThat(linkCapped.headers().firstValue("Retry-After")).isPresent();

    // Another instance on the same PostgreSQL database (an SQLite file has one process: there, the
    // same instance).
    boolean shared = h.databaseUrl().startsWith("jdbc:postgresql:");
    DarajaGateway other = shared ? h.newGateway(UnaryOperator.identity()) : h.gateway();
    try {
      // Two more prompts through the other instance: three from this address.
      assertThat(pay(other.baseUrl(), newSession(), "254700000001", null).statusCode())
          .isEqualTo(202);
      assertThat(pay(other.baseUrl(), newSession(), "254700001037", null).statusCode())
          .isEqualTo(202);
    } finally {
      if (shared) {
        other.close();
      }
    }
    // X-Forwarded-For from a client that is not a trusted proxy is not believed.
    HttpResponse<String> clientCapped = pay(base, newSession(), "254700002001", "10.9.8.7");
    assertThat(clientCapped.statusCode()).isEqualTo(429);
    assertThat(clientCapped.body()).contains("from your network");
    assertThat(h.emulatorCalls("stk_push")).isEqualTo(3);
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBudget() throws Exception {
    DarajaGateway proxied = h.newGateway(gateway -> gateway.trustedProxies(Set.of("127.0.0.1")));
    try {
      String base = proxied.baseUrl();
      String[] phones = {PAYS, "254700000001", "254700001037"};
      for (String phone : phones) {
        assertThat(pay(base, newSession(), phone, "10.0.0.1").statusCode()).isEqualTo(202);
      }
      assertThat(pay(base, newSession(), "254700002001", "10.0.0.1").statusCode()).isEqualTo(429);
      // The right-most address not a proxy's is the client's: the left part is the client's say.
      assertThat(pay(base, newSession(), "254700002001", "10.0.0.1, 10.0.0.2").statusCode())
          .isEqualTo(202);
      assertThat(h.emulatorCalls("stk_push")).isEqualTo(4);
    } finally {
      proxied.close();
    }
  }

  /**
   * A scripted flood at one customer's phone: 60 prompts asked for at once, from 60 client
   * addresses (behind our proxy, so no per-address cap binds), through two gateway instances on one
   * PostgreSQL database (on SQLite, whose file one process owns, through one). The phone gets the
   * hourly cap's five prompts, by the emulator's count, and every other request is a 429 that
   * changed nothing.
   */
  @Test
  void aFloodAtOnePhoneFromManyAddressesAndTwoInstancesSendsItFivePrompts() throws Exception {
    UnaryOperator<GatewayConfig.Builder> proxiedDefaults =
        gateway ->
            gateway.checkout(CheckoutSettings.defaults()).trustedProxies(Set.of("127.0.0.1"));
    DarajaGateway one = h.newGateway(proxiedDefaults);
    boolean shared = h.databaseUrl().startsWith("jdbc:postgresql:");
    DarajaGateway two = shared ? h.newGateway(proxiedDefaults) : one;
    try {
      int requests = 60;
      List<String> sessions = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        sessions.add(newSession());
      }
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String base = (i % 2 == 0 ? one : two).baseUrl();
        String code = sessions.get(i);
        String address = "10.1." + (i / 250) + "." + (i % 250 + 1);
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return pay(base, code, "0708374149", address).statusCode();
                }));
      }
      start.countDown();
      Map<Integer, Integer> byStatus = new TreeMap<>();
      for (Future<Integer> answer : answers) {
        byStatus.merge(answer.get(60, TimeUnit.SECONDS), 1, Integer::sum);
      }
      pool.shutdown();
      assertThat(byStatus).as("answers by status").isEqualTo(Map.of(202, 5, 429, requests - 5));
      assertThat(h.emulatorCalls("stk_push")).as("prompts the phone got").isEqualTo(5);
      assertThat(h.merchant().get("/v1/payments?limit=100").json().path("data").size())
          .isEqualTo(5);
    } finally {
      one.close();
      if (shared) {
        two.close();
      }
    }
  }

  /**
   * Opening sessions from a link is capped per client address a minute: each is a row, so a script
   * cannot fill the database; the customer behind another address is not affected.
   */
  @Test
  void sessionsOpenedFromALinkAreCappedPerAddress() throws Exception {
    DarajaGateway proxied =
        h.newGateway(
            gateway ->
                gateway
                    .checkout(CheckoutSettings.defaults().withSessionsPerClientPerMinute(4))
                    .trustedProxies(Set.of("127.0.0.1")));
    try {
      String linkCode =
          h.merchant()
              .post(
                  "/v1/payment-links",
                  "{\"amount\":50,\"reference\":\"LUNCH\",\"description\":\"Lunch\"}")
              .text("code");
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        statuses.add(open(proxied.baseUrl(), linkCode, "10.2.0.1").statusCode());
      }
      assertThat(statuses).containsExactly(201, 201, 201, 201, 429, 429);
      HttpResponse<String> refused = open(proxied.baseUrl(), linkCode, "10.2.0.1");
      assertThat(refused.body()).contains("opened from your network");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(open(proxied.baseUrl(), linkCode, "10.2.0.2").statusCode()).isEqualTo(201);
      assertThat(h.merchant().get("/v1/checkout/funnel").json().path("created").asInt())
          .isEqualTo(5);
      h.clock().advance(java.time.Duration.ofSeconds(61));
      assertThat(open(proxied.baseUrl(), linkCode, "10.2.0.1").statusCode()).isEqualTo(201);
    } finally {
      proxied.close();
    }
  }

  private HttpResponse<String> open(String baseUrl, String linkCode, String forwardedFor)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/pay/api/" + linkCode + "/sessions"))
            .header("X-Forwarded-For", forwardedFor)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
