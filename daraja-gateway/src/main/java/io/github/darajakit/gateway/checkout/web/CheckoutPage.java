package io.github.darajakit.gateway.checkout.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.checkout.Checkout;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's checkout page, {@code /pay/<code>} (a payment link) and {@code /pay/s/<code>} (a
 * checkout session): one HTML answer holding its style, its script and the link's or session's
 * state, so that a cheap phone on a slow network draws it after a single round trip. The script
 * then talks to {@link PublicCheckoutApi}.
 *
 * <p>Its script and style are inline, allowed by their hashes in the page's own
 * Content-Security-Policy: nothing else may run, and nothing is loaded from anywhere else.
 */
public final class CheckoutPage {

  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  /** The page's languages. */
  private static final List<String> LANGUAGES = List.of("en", "sw");

  private final PublicCheckoutApi views;
  private final Checkout checkout;
  private final String template;
  private final String policy;

  CheckoutPage(Checkout checkout, PublicCheckoutApi views) {
    this.checkout = checkout;
    this.views = views;
    this.template = load();
    this.policy =
        "default-src 'none'; script-src "
            + hash(SCRIPT, template)
            + "; style-src "
            + hash(STYLE, template)
            + "; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
  }

  /** Adds the routes. */
  void routes(Router router) {
    router
        .addPublic("GET", "/pay/{code}", this::linkPage)
        .addPublic("GET", "/pay/s/{code}", this::sessionPage);
  }

  private Reply linkPage(HttpCall call) {
    return page(call, "link", code -> views.linkJson(checkout.linkByCode(code)));
  }

  private Reply sessionPage(HttpCall call) {
    return page(call, "session", code -> views.sessionJson(checkout.openPage(code)));
  }

  /**
   * The page with {@code read}'s view of the code's link or session as its state under {@code
   * kind}, or, for an unknown code, the one page every unknown code gets.
   */
  private Reply page(HttpCall call, String kind, Function<String, ObjectNode> read) {
    String code = call.pathParam("code");
    ObjectNode state = Json.object();
    int status = 200;
    try {
      state.set(kind, read.apply(code));
      state.put("code", code);
    } catch (GatewayError.NotFound e) {
      status = 404;
    }
    return page(status, call, state);
  }

  private Reply page(int status, HttpCall call, ObjectNode state) {
    String lang = language(call.query("lang"), call.header("Accept-Language"));
    state.put("lang", lang);
    String html =
        template.replace("__LANG__", lang).replace("__STATE__", inScript(Json.text(state)));
    // Gzipped, a third of the size: a third of the wait on a slow network. The page holds no
    // secret for a reflected input to probe (BREACH): its state is the link's or session's own.
    return Reply.html(status, html)
        .withSecurityPolicy(policy)
        .gzippedFor(call.header("Accept-Encoding"));
  }

  /**
   * English or Swahili: {@code ?lang=} when given, else the first of the two the browser's {@code
   * Accept-Language} prefers (by its q-values), else English.
   */
  static String language(String asked, String acceptLanguage) {
    if (asked != null && LANGUAGES.contains(asked)) {
      return asked;
    }
    if (acceptLanguage == null) {
      return "en";
    }
    try {
      String chosen = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
      return chosen == null ? "en" : chosen;
    } catch (IllegalArgumentException e) {
      return "en"; // a header that is not a language list
    }
  }

  /** JSON safe inside a {@code <script>} element: no {@code </script>} or comment can appear. */
  static String inScript(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static String hash(Pattern element, String html) {
    Matcher m = element.matcher(html);
    if (!m.find()) {
      throw new IllegalStateException("pay.html lost its inline element " + element);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String load() {
    try (InputStream in = CheckoutPage.class.getResourceAsStream("pay.html")) {
      if (in == null) {
        throw new IllegalStateException("pay.html is missing from the gateway's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
