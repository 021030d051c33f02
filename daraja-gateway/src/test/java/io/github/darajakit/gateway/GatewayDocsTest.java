package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.darajakit.client.DarajaClient;
import java.io.File;
import java.io.IOException;
import java.net.URI;
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
import org.slf4j.Logger;

/**
 * The gateway's guide as a Java developer meets it: every {@code ```java} block of {@code
 * docs/gateway.md} compiles on Java 17 against the gateway and the SDK (the SDK's own guide is
 * checked by the client's {@code SdkDocsTest}).
 */
class GatewayDocsTest {

  private static final Path GUIDE = Path.of("..", "docs", "gateway.md");

  /**
   * What a snippet may use without declaring it: stand-ins for the reader's own code (the webhook
   * receiver's server, its record of ids already handled).
   */
  private static final String CONTEXT =
      """
      com.sun.net.httpserver.HttpServer server;
      Set<String> processedIds;

      void handle(byte[] body) {}
      """;

  private static final List<String> IMPORTS =
      List.of(
          "io.github.darajakit.client.*",
          "io.github.darajakit.client.webhooks.*",
          "io.github.darajakit.gateway.*",
          "java.nio.file.*",
          "java.time.*",
          "java.util.*");

  /** A {@code ```java} block: the line it starts on, and its code. */
  private record Snippet(int line, String code) {
    String className() {
      return "GatewayGuideSnippet" + line;
    }

    JavaFileObject source() {
      StringBuilder text = new StringBuilder();
      IMPORTS.forEach(i -> text.append("import ").append(i).append(";\n"));
      text.append("class ").append(className()).append(" {\n").append(CONTEXT);
      text.append("void snippet() throws Exception {\n").append(code).append("\n}\n}\n");
      return new SimpleJavaFileObject(
          URI.create("string:///" + className() + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return text;
        }
      };
    }
  }

  private static List<Snippet> snippets() throws IOException {
    List<String> lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
    List<Snippet> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("```java")) {
        int start = i + 1;
        StringBuilder code = new StringBuilder();
        for (i = start; !lines.get(i).strip().equals("```"); i++) {
          code.append(lines.get(i)).append('\n');
        }
        found.add(new Snippet(start + 1, code.toString()));
      }
    }
    return found;
  }

  @Test
  void everyJavaSnippetInTheGatewayGuideCompilesOnJava17(@TempDir Path classes) throws Exception {
    List<Snippet> snippets = snippets();
    assertThat(snippets)
        .as("the webhook receiver and the embedding example")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(snippets)
        .as("the embedding example resolves the environment as the command does")
        .anyMatch(s -> s.code().contains(".environment(System.getenv())"));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of("--release", "17", "-proc:none", "-d", classes.toString(), "-cp", classPath());
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
      assertThat(errors).as("snippets that do not compile").isEmpty();
      assertThat(compiled).isTrue();
    }
  }

  /**
   * The gateway's and the SDK's classes and what their signatures name, wherever the build put
   * them.
   */
  private static String classPath() throws Exception {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type :
        List.of(
            DarajaGateway.class,
            DarajaClient.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonProperty.class,
            Logger.class)) {
      entries.add(
          Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Where in the guide a compiler error is: the snippet's own line, not the wrapper's. */
  private static String where(List<Snippet> snippets, Diagnostic<? extends JavaFileObject> d) {
    String name = d.getSource() == null ? "" : d.getSource().getName();
    long wrapperLines = IMPORTS.size() + 1 + CONTEXT.lines().count() + 1;
    for (Snippet snippet : snippets) {
      if (name.endsWith("/" + snippet.className() + ".java")) {
        return "docs/gateway.md line " + (snippet.line() + d.getLineNumber() - wrapperLines - 1);
      }
    }
    return name;
  }
}
