package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.darajakit.docs.JavaSnippets;
import io.github.darajakit.docs.JavaSnippets.Snippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

/**
 * The SDK's documentation as a Java developer meets it: every {@code ```java} block of {@code
 * docs/sdk.md} and {@code README.md} compiles on Java 17 against the SDK, and the recipe for an
 * unknown outcome reads the same in the docs and in every money-moving method's Javadoc.
 */
class SdkDocsTest {

  private static final Path REPOSITORY = JavaSnippets.REPOSITORY;
  private static final Path SOURCES = Path.of("src/main/java/io/github/darajakit/client");

  /**
   * What a snippet may use without declaring it: the client and values a reader has at hand, and
   * stand-ins for the application's own code (its payout store, its retry queue). A snippet's own
   * declarations shadow these.
   */
  private static final String CONTEXT =
      """
      DarajaClient daraja;
      String key, secret, passkey, resultUrl, timeoutUrl, checkoutRequestId, payoutId, body;
      Instant since, now;
      byte[] rawBody;
      Map<String, String> headers;
      Payouts payouts;
      Payments payments;

      interface Payouts {
        void recordIntent(String id);
        void markSent(String id);
        void markUnknown(String id);
        void markPaid(String id);
        void markFailed(String id);
        void askAgainLater(String id);
      }

      interface Payments {
        void recordIntent(String id);
      }

      void retryLater() {}
      void markPaid() {}
      void offerToTryAgain() {}
      void showReason(String reason) {}
      """;

  private static final List<String> IMPORTS =
      List.of(
          "io.github.darajakit.client.*",
          "io.github.darajakit.client.account.*",
          "io.github.darajakit.client.b2b.*",
          "io.github.darajakit.client.b2c.*",
          "io.github.darajakit.client.billmanager.*",
          "io.github.darajakit.client.c2b.*",
          "io.github.darajakit.client.callbacks.*",
          "io.github.darajakit.client.pull.*",
          "io.github.darajakit.client.qr.*",
          "io.github.darajakit.client.ratiba.*",
          "io.github.darajakit.client.security.*",
          "io.github.darajakit.client.stk.*",
          "io.github.darajakit.client.tax.*",
          "io.github.darajakit.client.transactions.*",
          "io.github.darajakit.client.webhooks.*",
          "java.time.*",
          "java.util.*");

  private static final JavaSnippets.Wrapper WRAPPER = new JavaSnippets.Wrapper(IMPORTS, CONTEXT);

  @Test
  void everyJavaSnippetInTheSdkDocsCompilesOnJava17(@TempDir Path classes) throws Exception {
    List<Snippet> snippets = JavaSnippets.checkedBy(SdkDocsTest.class);
    assertThat(snippets).hasSizeGreaterThanOrEqualTo(12);
    assertThat(compile(snippets, classes)).as("snippets that do not compile").isEmpty();
  }

  @Test
  void aSwitchOverTypesIsRefusedAsJava17RefusesIt(@TempDir Path classes) throws Exception {
    // Pattern matching in switch is Java 21: the check must refuse it however new the JDK that
    // runs the build, or docs that compile here would not compile for a Java 17 reader.
    Snippet java21 =
        new Snippet(
            Path.of("java21.md"),
            1,
            """
            DarajaCallback callback = DarajaCallbacks.parse(body);
            switch (callback) {
              case StkCallback stk -> markPaid();
              default -> retryLater();
            }
            """);
    assertThat(compile(List.of(java21), classes)).contains("java21.md line 3");
  }

  /** Compiles snippets as Java 17 against the SDK and its two dependencies. */
  static String compile(List<Snippet> snippets, Path classes) throws Exception {
    return JavaSnippets.compile(
        snippets,
        WRAPPER,
        classes,
        List.of(
            DarajaClient.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonProperty.class,
            Logger.class));
  }

  @ParameterizedTest(name = "{0} states the unknown-outcome recipe word for word")
  @ValueSource(strings = {"docs/sdk.md", "docs/cli.md"})
  void theGuidesStateTheUnknownOutcomeRecipeWordForWord(String document) throws IOException {
    String guide =
        Files.readAllLines(REPOSITORY.resolve(document), StandardCharsets.UTF_8).stream()
            .map(line -> line.replaceFirst("^>\\s?", ""))
            .collect(Collectors.joining(" "))
            .replaceAll("\\s+", " ");
    assertThat(guide).contains(DarajaOutcomeUnknownException.RECOVERY);
    // The advice this replaced, which paid twice whenever the first request had gone through.
    assertThat(guide).doesNotContainIgnoringCase("(with a new id)");
  }

  @ParameterizedTest(name = "{0}.{1} states the recipe")
  @CsvSource({
    "StkService,         StkPushResponse push",
    "B2cService,         InitiatorAcknowledgement pay",
    "B2cService,         InitiatorAcknowledgement payV1",
    "B2cService,         InitiatorAcknowledgement payToPochi",
    "B2bService,         InitiatorAcknowledgement payBill",
    "B2bService,         InitiatorAcknowledgement buyGoods",
    "B2bService,         InitiatorAcknowledgement topUpB2c",
    "TaxService,         InitiatorAcknowledgement remit",
    "TransactionService, InitiatorAcknowledgement reverse",
    "C2bService,         C2bSimulateResponse simulate",
    "RatibaService,      StandingOrderAcknowledgement create",
  })
  void everyMoneyMovingMethodsJavadocStatesTheRecipe(String service, String signature)
      throws IOException {
    String source = Files.readString(SOURCES.resolve(service + ".java"), StandardCharsets.UTF_8);
    int method = source.indexOf("public " + signature + "(");
    assertThat(method).as("%s.%s", service, signature).isPositive();
    String javadoc = source.substring(source.lastIndexOf("/**", method), method);
    assertThat(javadoc)
        .as("the Javadoc of %s.%s", service, signature)
        .contains("{@value DarajaOutcomeUnknownException#RECOVERY}");
  }
}
