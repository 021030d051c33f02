package io.github.darajakit.gateway.callbacks;

import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.gateway.store.Ids;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in callback paths ({@code /daraja/<secret>/…}). It goes into the C2B URLs Daraja
 * registers, so it must not contain a word Daraja refuses there ({@code sql}, {@code exe}…): a
 * random one does about once in 340.
 */
public final class CallbackSecrets {

  private static final Pattern SECRET_IN_PATH = Pattern.compile("/daraja/[^/\\s'\"]+/");

  private CallbackSecrets() {}

  /** A new random secret, free of Daraja's reserved words. */
  public static String generate() {
    while (true) {
      String secret = Ids.random(32);
      if (reservedWordIn(secret).isEmpty()) {
        return secret;
      }
    }
  }

  /** The first word Daraja refuses in C2B URLs that this secret contains, if any. */
  public static Optional<String> reservedWordIn(String secret) {
    String lower = secret.toLowerCase(Locale.ROOT);
    return C2bRegisterRequest.RESERVED_URL_WORDS.stream().filter(lower::contains).findFirst();
  }

  /**
   * The text with the secret of every callback path it quotes masked ({@code
   * /daraja/****&#47;stk}), for messages (from Daraja or the SDK) that quote a callback URL.
   */
  public static String redact(String text) {
    return text == null ? null : SECRET_IN_PATH.matcher(text).replaceAll("/daraja/****/");
  }
}
