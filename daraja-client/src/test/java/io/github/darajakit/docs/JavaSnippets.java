package io.github.darajakit.docs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The {@code ```java} blocks of the project's Markdown, and compiling them as a Java 17 reader
 * would. Shared by every module's docs test (this package is the client's test-jar): each compiles
 * the documents {@link #CHECKED_BY} assigns to it, on its own classpath, and {@code
 * JavaSnippetsCoverageTest} fails when a document with a snippet is assigned to nobody.
 */
public final class JavaSnippets {

  /** The repository's root, seen from a module's directory (where Maven runs its tests). */
  public static final Path REPOSITORY = Path.of("..");

  /**
   * Which docs test compiles each document's snippets (by its simple class name): the one whose
   * module has the classes the snippets name. A new document with a {@code ```java} block goes
   * here, or the coverage test fails.
   */
  static final Map<String, String> CHECKED_BY =
      Map.of(
          "README.md", "SdkDocsTest",
          "docs/sdk.md", "SdkDocsTest",
          "docs/emulator.md", "EmulatorDocsTest",
          "docs/gateway.md", "GatewayDocsTest");

  /** Documents whose snippets a test outside this registry compiles, and which test that is. */
  static final Map<String, String> CHECKED_ELSEWHERE =
      Map.of("docs/spring-boot.md", "the Spring Boot starter module's own docs test");

  private JavaSnippets() {}

  /** A {@code ```java} block: its document, the line its code starts on, and the code. */
  public record Snippet(Path document, int line, String code) {

    /** The class the snippet is compiled in, its code the body of its method {@code snippet()}. */
    public String className() {
      return "Snippet_" + document.getFileName().toString().replaceAll("\\W", "_") + "_" + line;
    }
  }

  /**
   * What a snippet is compiled inside: the imports a reader is assumed to have, and fields and
   * methods standing in for values and code of the reader's own (a snippet's declarations shadow
   * them). The snippet is the body of a method that may throw anything.
   */
  public record Wrapper(List<String> imports, String context) {

    JavaFileObject source(Snippet snippet) {
      StringBuilder text = new StringBuilder();
      text.append(prefix(snippet)).append(snippet.code()).append("\n}\n}\n");
      return new SimpleJavaFileObject(
          URI.create("string:///" + snippet.className() + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return text;
        }
      };
    }

    private String prefix(Snippet snippet) {
      StringBuilder text = new StringBuilder();
      imports.forEach(i -> text.append("import ").append(i).append(";\n"));
      text.append("class ").append(snippet.className()).append(" {\n").append(context);
      return text.append("void snippet() throws Exception {\n").toString();
    }

    /** The document's line a line of the generated source is. */
    long documentLine(Snippet snippet, long sourceLine) {
      return snippet.line() + sourceLine - prefix(snippet).lines().count() - 1;
    }
  }

  /** The snippets of the documents {@link #CHECKED_BY} assigns to this docs test, in order. */
  public static List<Snippet> checkedBy(Class<?> docsTest) throws IOException {
    return in(
        new TreeMap<>(CHECKED_BY)
            .entrySet().stream()
                .filter(e -> e.getValue().equals(docsTest.getSimpleName()))
                .map(e -> REPOSITORY.resolve(e.getKey()))
                .collect(Collectors.toList()));
  }

  /** Every {@code ```java} block of these documents, in order. */
  public static List<Snippet> in(List<Path> documents) throws IOException {
    List<Snippet> found = new ArrayList<>();
    for (Path document : documents) {
      List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
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
    }
    return found;
  }

  /**
   * Compiles snippets as Java 17 ({@code --release 17}, whatever the JDK running the build) against
   * the jars or folders holding these classes: the errors, one a line with the document and line
   * they are on, or "" if none.
   */
  public static String compile(
      List<Snippet> snippets, Wrapper wrapper, Path classes, List<Class<?>> classPath)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "--release", "17", "-proc:none", "-d", classes.toString(), "-cp", path(classPath));
      boolean compiled =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  snippets.stream().map(wrapper::source).collect(Collectors.toList()))
              .call();
      String errors =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .map(d -> where(snippets, wrapper, d) + ": " + d.getMessage(null))
              .collect(Collectors.joining("\n"));
      if (compiled != errors.isEmpty()) {
        throw new IllegalStateException(
            "javac " + (compiled ? "succeeded with" : "failed without") + " errors: " + errors);
      }
      return errors;
    }
  }

  private static String path(List<Class<?>> classPath) {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type : classPath) {
      try {
        entries.add(
            Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("where " + type + " was loaded from", e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Where in its document a compiler error is: the snippet's own line, not the wrapper's. */
  private static String where(
      List<Snippet> snippets, Wrapper wrapper, Diagnostic<? extends JavaFileObject> d) {
    String name = d.getSource() == null ? "" : d.getSource().getName();
    for (Snippet snippet : snippets) {
      if (name.endsWith("/" + snippet.className() + ".java")) {
        Path document = snippet.document();
        return (document.startsWith(REPOSITORY) ? REPOSITORY.relativize(document) : document)
            + " line "
            + wrapper.documentLine(snippet, d.getLineNumber());
      }
    }
    return name;
  }
}
