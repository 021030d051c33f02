package io.github.darajakit.gateway.http;

import io.github.darajakit.gateway.core.GatewayError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a URL's query ({@code a=1&b=two%20words}) strictly: a bad percent-escape, bytes that are
 * not UTF-8, a control character or a parameter given twice is the caller's mistake, answered with
 * a 400 that names the parameter — never decoded into something the caller did not mean.
 */
final class QueryString {

  private QueryString() {}

  /**
   * The parameters in the order given; {@code +} stands for a space, as browsers send it.
   *
   * @param raw the query as sent (still percent-encoded), or {@code null}
   * @throws ApiError 400 naming the parameter that is wrong
   */
  static Map<String, String> parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // "a=1&&b=2", or a trailing "&": nothing was meant by it
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName, rawName, "its name");
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name, "its value");
      if (parameters.putIfAbsent(name, value) != null) {
        throw ApiError.invalid(
            name, "query parameter '" + name + "' is given more than once; give it once");
      }
    }
    return Collections.unmodifiableMap(parameters);
  }

  private static String decode(String text, String parameter, String part) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw ApiError.invalid(
              GatewayError.printable(parameter),
              "query parameter '"
                  + GatewayError.printable(parameter)
                  + "' has a bad percent-escape in "
                  + part
                  + ": '%' must be followed by two hex digits (send a literal '%' as %25)");
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        // Jetty hands the query over as sent; anything outside ASCII is already UTF-8 text.
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.invalid(
          GatewayError.printable(parameter),
          "query parameter '"
              + GatewayError.printable(parameter)
              + "' is not UTF-8 in "
              + part
              + ": percent-encode the UTF-8 bytes of the text");
    }
    if (decoded.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.invalid(
          GatewayError.printable(parameter),
          "query parameter '"
              + GatewayError.printable(parameter)
              + "' holds a control character in "
              + part
              + ": send printable text");
    }
    return decoded;
  }
}
