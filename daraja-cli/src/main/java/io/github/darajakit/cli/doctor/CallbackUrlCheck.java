package io.github.darajakit.cli.doctor;

import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.gateway.GatewayConfig;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.callbacks.CallbackUrls;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Check 4: the URLs Daraja calls back on (the gateway's, from its public URL and callback secret,
 * and any given with {@code --url}) are https, public and free of the words Daraja refuses
 * (REFERENCE §1.5: M-PESA, M-Pesa, mpesa, Safaricom, exe, exec, cmd, sql, query, in any case).
 * Against the emulator only the words matter: it calls local addresses over http.
 */
final class CallbackUrlCheck implements Check {

  /** Services REFERENCE §1.5 reports Daraja usually blocks. */
  static final List<String> TUNNELS = List.of("ngrok", "mockbin", "requestbin");

  // Stands for a generated callback secret, which the gateway keeps free of refused words.
  private static final String GENERATED_SECRET = "0000000000000000";

  @Override
  public String id() {
    return "callback-urls";
  }

  @Override
  public String title() {
    return "Callback URLs are https, public, without refused words";
  }

  @Override
  public Finding run(DoctorContext context) {
    Map<String, String> urls = new LinkedHashMap<>();
    GatewayConfig gateway = context.gateway();
    if (gateway != null) {
      String secret =
          gateway.callbackSecret() != null ? gateway.callbackSecret() : GENERATED_SECRET;
      urls.put(
          new CallbackUrls(context.gatewayPublicUrl(), secret).url(CallbackKind.RESULT),
          gateway.publicUrl() != null
              ? "the gateway's, from DARAJA_PUBLIC_URL (server.publicUrl)"
              : "the gateway's: no DARAJA_PUBLIC_URL, so the address it binds");
    }
    for (String url : context.urls()) {
      urls.putIfAbsent(url, "--url");
    }
    if (urls.isEmpty()) {
      return Finding.skip("no callback URL to check: give the gateway's settings or --url URL");
    }
    List<Finding> findings = Finding.list();
    urls.forEach((url, source) -> findings.add(check(context, url, source)));
    return Finding.combine(findings);
  }

  private static Finding check(DoctorContext context, String url, String source) {
    String shown = url + " (" + source + ")";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme =
        uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri == null
        || uri.getHost() == null
        || !(scheme.equals("http") || scheme.equals("https"))) {
      return Finding.fail(
          shown + " is not an absolute http(s) URL",
          "give a URL such as https://pay.example.co.ke");
    }
    String word = refusedWord(url);
    if (word != null) {
      // Not in the callback secret: the gateway's settings refuse such a secret before this runs.
      return Finding.fail(
          shown + " contains \"" + word + "\", which Daraja refuses in callback URLs",
          "use a host name and path without M-PESA, mpesa, Safaricom, exe, exec, cmd, sql or"
              + " query, in any case");
    }
    if (context.isEmulator()) {
      return Finding.pass(
          shown + " has no refused word (the emulator calls http and local addresses)");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String notPublic = notPublic(context, host);
    if (notPublic != null) {
      return Finding.fail(
          shown + " " + notPublic + ": Daraja cannot reach it",
          "set DARAJA_PUBLIC_URL (server.publicUrl) to the public https address of a proxy in"
              + " front of the gateway, e.g. https://pay.example.co.ke");
    }
    if (!scheme.equals("https")) {
      String message = shown + " is plain http";
      String fix = "serve it over https (a TLS proxy in front of the gateway)";
      return context.isProduction()
          ? Finding.fail(message + ": production calls back over https only", fix)
          : Finding.warn(message + ": the sandbox accepts it, production will not", fix);
    }
    for (String tunnel : TUNNELS) {
      if (host.contains(tunnel)) {
        return Finding.warn(
            shown + " is a " + tunnel + " address, which Daraja is reported to block",
            "use your own domain");
      }
    }
    return Finding.pass(shown + " is https, public and has no refused word");
  }

  /** The first word Daraja refuses that the URL contains, in any case, or {@code null}. */
  static String refusedWord(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return C2bRegisterRequest.RESERVED_URL_WORDS.stream()
        .filter(lower::contains)
        .findFirst()
        .orElse(null);
  }

  /** Why Daraja cannot reach the host, or {@code null} if every address is public. */
  private static String notPublic(DoctorContext context, String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return "is on localhost";
    }
    InetAddress[] addresses;
    try {
      addresses =
          context
              .resolver()
              .resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      return "names a host that does not resolve";
    }
    for (InetAddress address : addresses) {
      String kind = privateKind(address);
      if (kind != null) {
        return "points at " + address.getHostAddress() + ", " + kind;
      }
    }
    return null;
  }

  /** What kind of non-public address this is, or {@code null} for a public one. */
  static String privateKind(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isAnyLocalAddress()) {
      return "the unspecified address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (address.isSiteLocalAddress()) {
      return "a private address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      int third = b[2] & 0xff;
      if (first == 100 && second >= 64 && second <= 127) {
        return "a carrier-grade NAT address";
      }
      if (first == 0) {
        return "a reserved address";
      }
      if ((first == 192 && second == 0 && third == 2)
          || (first == 198 && second == 51 && third == 100)
          || (first == 203 && second == 0 && third == 113)) {
        return "a documentation address";
      }
    } else if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
      return "a unique local (private) IPv6 address";
    }
    return null;
  }
}
