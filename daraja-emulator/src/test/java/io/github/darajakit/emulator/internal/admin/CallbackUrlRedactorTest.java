package io.github.darajakit.emulator.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a redacted callback URL keeps (where it points, what kind it is) and what it never shows.
 */
class CallbackUrlRedactorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // The gateway's paths: the secret segment goes, the kind stays.
        "https://pay.example.co.ke/daraja/Zq8vK2pLw9XyT4mN/stk"
            + " | https://pay.example.co.ke/daraja/***/stk",
        "http://127.0.0.1:8080/daraja/Zq8vK2pLw9XyT4mN/c2b/confirmation"
            + " | http://127.0.0.1:8080/daraja/***/c2b/confirmation",
        "https://pay.example.co.ke/daraja/Zq8vK2pLw9XyT4mN/reversals/result"
            + " | https://pay.example.co.ke/daraja/***/reversals/result",
        // A secret in the last segment, the query, the fragment or the user info goes too.
        "https://shop.example.com/api/v1/mpesa/stk-callback/8f14e45fceea167a"
            + " | https://shop.example.com/api/v1/mpesa/stk-callback/***",
        "https://shop.example.com/callback?token=abc123&order=77#frag"
            + " | https://shop.example.com/callback?***",
        "https://user:hunter2@shop.example.com/hooks/c2b_validation"
            + " | https://***@shop.example.com/hooks/c2b_validation",
        "https://shop.example.com/orders/1234/confirm | https://shop.example.com/***/***/confirm",
        // Nothing secret in it: shown whole.
        "https://shop.example.com/ | https://shop.example.com/",
        "https://shop.example.com | https://shop.example.com",
        "http://localhost:3000/mpesa/callback.php | http://localhost:3000/mpesa/callback.php",
        // Not a URL at all: nothing of it.
        "Zq8vK2pLw9XyT4mN | ***",
      })
  void keepsWhereAndWhatButNotTheSecrets(String url, String redacted) {
    assertThat(CallbackUrlRedactor.redact(url)).isEqualTo(redacted);
  }

  @Test
  void scrubbingTextRemovesTheUrlAndEveryMaskedPartWhereverQuoted() {
    String url = "http://127.0.0.1:9/daraja/Zq8vK2pL%2Fw9X/stk?key=s3cr3t";
    String receiverAnswer =
        "404 no route for /daraja/Zq8vK2pL/w9X/stk (raw Zq8vK2pL%2Fw9X), key s3cr3t; full " + url;

    String scrubbed = CallbackUrlRedactor.scrub(receiverAnswer, url);

    assertThat(scrubbed)
        .doesNotContain("Zq8vK2pL")
        .doesNotContain("s3cr3t")
        .contains("http://127.0.0.1:9/daraja/***/stk?***")
        .startsWith("404 no route for /daraja/***/stk");
  }

  @Test
  void emptyAndMissingUrlsStayAsTheyAre() {
    assertThat(CallbackUrlRedactor.redact("")).isEmpty();
    assertThat(CallbackUrlRedactor.redact(null)).isNull();
    assertThat(CallbackUrlRedactor.scrub("Connection refused", "")).isEqualTo("Connection refused");
  }
}
