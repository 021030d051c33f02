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
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The caps on prompts per client address and per link: counted in the database, so they hold across
 * instances; the address is the connection's unless it comes from a trusted proxy. (The per-phone
 * cap is in {@link CheckoutTest}.)
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

    DarajaGateway other = h.newGateway(UnaryOperator.identity());
    try {
      // Two more prompts through another instance on the same database: three from this address.
      assertThat(pay(other.baseUrl(), newSession(), "254700000001", null).statusCode())
          .isEqualTo(202);
      assertThat(pay(other.baseUrl(), newSession(), "254700001037", null).statusCode())
          .isEqualTo(202);
    } finally {
      other.close();
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
}
