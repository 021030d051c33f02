package io.github.darajakit.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/spring-boot.md as a reader copies it: every {@code ```java} block is a whole source file
 * (its own imports, its own classes) and compiles on Java 17 against the starter, the test slice
 * and the Spring, JUnit and AssertJ a Boot application has.
 */
class StarterDocsTest {

  private static final Path GUIDE = Path.of("../docs/spring-boot.md");
  private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```$");

  /**
   * Writes each block to {@code snippetN/Snippet.java} in a package of its own (N the guide's line
   * where the code starts), so names may repeat between blocks and an error names its line.
   */
  static List<String> write(String guide, Path sources) throws IOException {
    List<String> files = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(guide);
    while (block.find()) {
      long line = guide.substring(0, block.start(1)).chars().filter(c -> c == '\n').count() + 1;
      Path file = sources.resolve("snippet" + line).resolve("Snippet.java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "package snippet" + line + ";\n" + block.group(1));
      files.add(file.toString());
    }
    return files;
  }

  /** javac's report: empty when everything compiled. */
  static String compile(List<String> files, Path classes) {
    // Surefire runs tests from a manifest-only jar; the real class path is in this property.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-proc:none",
                "-Xlint:none",
                "-nowarn",
                "-d",
                classes.toString(),
                "-cp",
                classPath.replace(';', File.pathSeparatorChar)));
    arguments.addAll(files);
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, report, report, arguments.toArray(String[]::new));
    String text = report.toString(StandardCharsets.UTF_8);
    return status == 0 ? "" : text.isEmpty() ? "javac failed with status " + status : text;
  }

  @Test
  void everyJavaSnippetOfTheSpringBootGuideCompilesOnJava17(@TempDir Path work) throws IOException {
    List<String> files =
        write(Files.readString(GUIDE, StandardCharsets.UTF_8), work.resolve("src"));
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    assertThat(compile(files, work.resolve("classes"))).as("javac on the snippets").isEmpty();
  }

  @Test
  void aSnippetThatDoesNotCompileIsReportedWithItsLine(@TempDir Path work) throws IOException {
    String guide = "# Guide\n\n```java\nclass Broken { DarajaClientt client; }\n```\n";
    List<String> files = write(guide, work.resolve("src"));
    assertThat(files).hasSize(1);
    assertThat(compile(files, work.resolve("classes")))
        .contains("snippet4" + File.separator + "Snippet.java")
        .contains("DarajaClientt");
  }
}
