package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The customer's page as HTTP sees it, without a browser ({@link CheckoutPageBrowserTest} drives
 * it): one answer under its weight budget, a policy that allows exactly its own script and style,
 * never kept by a cache, nothing of the merchant's metadata, a state no description can break out
 * of, the customer's language, and the same page for every unknown code.
 */
class CheckoutPageTest {

  /** The budget for page and script together. */
  static final int PAGE_BUDGET_BYTES = 50 * 1024;

  @RegisterExtension
  GatewayHarness h = new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> page(String url, String acceptLanguage) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (acceptLanguage != null) {
      request.header("Accept-Language", acceptLanguage);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Reply session(String description) throws Exception {
    Reply created =
        h.merchant()
            .post(
                "/v1/checkout-sessions",
                "{\"amount\":1500,\"reference\":\"ORD-1\",\"description\":"
                    + quote(description)
                    + ",\"success_url\":\"https://shop.example/paid\","
                    + "\"metadata\":{\"internal_note\":\"vip-customer-credit-line-9f3\"}}");
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    return created;
  }

  @Test
  void thePageIsOneAnswerUnderBudgetWithAPolicyAllowingOnlyItsOwnScriptAndStyle() throws Exception {
    HttpResponse<String> page = page(session("Order 1").text("url"), null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(PAGE_BUDGET_BYTES);
    // Nothing else is fetched: no src, and no link but the empty favicon.
    assertThat(page.body())
        .doesNotContainPattern("\\ssrc=")
        .doesNotContainPattern("<link(?! rel=\"icon\" href=\"data:,\">)");

    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy)
        .contains("default-src 'none'")
        .contains("connect-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    // Exactly the page's own inline script and style are allowed, by hash.
    assertThat(policy).contains("script-src " + hashOf("<script>(.*?)</script>", page.body()));
    assertThat(policy).contains("style-src " + hashOf("<style>(.*?)</style>", page.body()));
  }

  @Test
  void aBrowserThatTakesGzipGetsTheSamePageAThirdOfTheSize() throws Exception {
    String url = session("Order 1").text("url");
    HttpResponse<String> plain = page(url, null);
    HttpResponse<byte[]> zipped =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Accept-Encoding", "br;q=1.0, gzip;q=0.8")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    byte[] body;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      body = in.readAllBytes();
    }
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(plain.body());
    assertThat(zipped.body().length).isLessThan(body.length / 2);
    // gzip;q=0 is a refusal.
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip;q=0").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(refused.body()).isEqualTo(plain.body());
  }

  @Test
  void theStateHoldsNoMetadataAndNoDescriptionCanBreakOutOfIt() throws Exception {
    String hostile = "</script><script>alert(1)</script><!--";
    HttpResponse<String> page = page(session(hostile).text("url"), null);
    assertThat(page.body()).doesNotContain("vip-customer-credit-line-9f3").doesNotContain(hostile);
    assertThat(page.body()).contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
    assertThat(page.body()).doesNotContain(GatewayHarness.API_KEY);
    // Only the page's own two scripts: the state (data, never run) and its code.
    assertThat(Pattern.compile("<script").matcher(page.body()).results().count()).isEqualTo(2);
  }

  @Test
  void theLanguageFollowsTheBrowserUnlessTheAddressChooses() throws Exception {
    String url = session("Order 1").text("url");
    assertThat(page(url, null).body()).contains("<html lang=\"en\"");
    assertThat(page(url, "sw-KE,sw;q=0.9,en;q=0.8").body()).contains("<html lang=\"sw\"");
    assertThat(page(url, "en-GB,en;q=0.9,sw;q=0.5").body()).contains("<html lang=\"en\"");
    assertThat(page(url, "fr-FR,sw;q=0.4").body()).contains("<html lang=\"sw\"");
    assertThat(page(url, "fr-FR").body()).contains("<html lang=\"en\"");
    assertThat(page(url + "?lang=sw", "en").body()).contains("<html lang=\"sw\"");
    // A header that is not a language list is no reason to fail: English.
    HttpResponse<String> odd = page(url, "sw;q=bogus,,;;");
    assertThat(odd.statusCode()).isEqualTo(200);
    assertThat(odd.body()).contains("<html lang=\"en\"");
  }

  @Test
  void theFirstViewMarksTheSessionOpenedOnce() throws Exception {
    Reply session = session("Order 1");
    String id = session.text("id");
    assertThat(h.merchant().get("/v1/checkout-sessions/" + id).json().path("opened_at").isNull())
        .isTrue();
    page(session.text("url"), null);
    String opened = h.merchant().get("/v1/checkout-sessions/" + id).text("opened_at");
    assertThat(opened).isNotBlank();
    h.clock().advance(Duration.ofMinutes(1));
    page(session.text("url"), null);
    assertThat(h.merchant().get("/v1/checkout-sessions/" + id).text("opened_at")).isEqualTo(opened);
    Reply funnel = h.merchant().get("/v1/checkout/funnel");
    assertThat(funnel.json().path("created").asInt()).isEqualTo(1);
    assertThat(funnel.json().path("opened").asInt()).isEqualTo(1);
    assertThat(funnel.json().path("prompted").asInt()).isZero();
  }

  @Test
  void everyUnknownCodeGetsTheSamePage() throws Exception {
    String base = h.gateway().baseUrl();
    HttpResponse<String> wellFormed = page(base + "/pay/s/0000000000000000", null);
    HttpResponse<String> link = page(base + "/pay/ZZZZZZZZZZZZZZZZ", null);
    HttpResponse<String> odd = page(base + "/pay/s/x", null);
    for (HttpResponse<String> missing : List.of(wellFormed, link, odd)) {
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo(wellFormed.body());
    }
    Reply funnel = h.merchant().get("/v1/checkout/funnel?payment_link=plink_nope");
    assertThat(funnel.status()).isEqualTo(404);
  }

  private static String hashOf(String element, String html) throws Exception {
    Matcher m = Pattern.compile(element, Pattern.DOTALL).matcher(html);
    assertThat(m.find()).isTrue();
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
    return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
  }

  /** A JSON string literal, for request bodies. */
  private static String quote(String text) throws Exception {
    return MerchantClient.JSON.writeValueAsString(text);
  }
}
