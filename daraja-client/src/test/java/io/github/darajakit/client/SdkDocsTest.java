package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
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

  static final Path REPOSITORY = Path.of("..");
  private static final List<Path> DOCUMENTS =
      List.of(REPOSITORY.resolve("docs/sdk.md"), REPOSITORY.resolve("README.md"));
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

  /** A {@code ```java} block: where it starts, and its lines. */
  record Snippet(Path document, int line, String code) {
    String className() {
      return "Snippet" + document.getFileName().toString().replaceAll("\\W", "_") + "_" + line;
    }

    JavaFileObject source() {
      StringBuilder text = new StringBuilder();
      IMPORTS.forEach(i -> text.append("import ").append(i).append(";\n"));
      text.append("class ").append(className()).append(" {\n").append(CONTEXT);
      text.append("void snippet() throws Exception {\n").append(code).append("\n}\n}\n");
      return new SimpleJavaFileObject(
          java.net.URI.create("string:///" + className() + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return text;
        }
      };
    }
  }

  static List<Snippet> snippets(Path document) throws IOException {
    List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("```java")) {
        int start = i + 1;
        StringBuilder code = new StringBuilder();
        for (i = start; !lines.get(i).strip().equals("```"); i++) {
          code.append(lines.get(i)).append('\n');
        }
        found.add(new Snippet(document, start + 1, code.toString()));
      }
    }
    return found;
  }

  @Test
  void everyJavaSnippetInTheSdkDocsCompilesOnJava17(@TempDir Path classes) throws Exception {
    List<Snippet> snippets = new ArrayList<>();
    for (Path document : DOCUMENTS) {
      snippets.addAll(snippets(document));
    }
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
    assertThat(compile(List.of(java21), classes)).contains("java21.md snippet at line 1");
  }

  /** Compiles snippets as Java 17 against the SDK: the errors, one a line, or "" if none. */
  static String compile(List<Snippet> snippets, Path classes) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of("--release", "17", "-proc:none", "-d", classes.toString(), "-cp", sdkClassPath());
      boolean compiled =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  snippets.stream().map(Snippet::source).collect(Collectors.toList()))
              .call();
      String errors =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .map(d -> where(snippets, d) + ": " + d.getMessage(null))
              .collect(Collectors.joining("\n"));
      assertThat(compiled)
          .as("compiled exactly when nothing was reported")
          .isEqualTo(errors.isEmpty());
      return errors;
    }
  }

  /** The SDK's classes and its two dependencies, wherever the build put them. */
  private static String sdkClassPath() throws URISyntaxException {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type :
        List.of(
            DarajaClient.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonProperty.class,
            Logger.class)) {
      entries.add(
          Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static String where(List<Snippet> snippets, Diagnostic<? extends JavaFileObject> d) {
    String name = d.getSource() == null ? "" : d.getSource().getName();
    for (Snippet snippet : snippets) {
      if (name.contains(snippet.className())) {
        return snippet.document() + " snippet at line " + snippet.line();
      }
    }
    return name;
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
