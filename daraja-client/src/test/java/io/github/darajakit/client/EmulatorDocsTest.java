package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.docs.JavaSnippets;
import io.github.darajakit.docs.JavaSnippets.Snippet;
import io.github.darajakit.emulator.DarajaEmulator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's guide as a test author meets it: its {@code ```java} blocks (embedding the
 * emulator in JUnit) compile on Java 17 against the emulator and JUnit Jupiter. They are compiled
 * here because the emulator's own module must not depend on anything of the SDK's, this shared
 * snippet compiler included.
 */
class EmulatorDocsTest {

  private static final JavaSnippets.Wrapper WRAPPER =
      new JavaSnippets.Wrapper(
          List.of(
              "io.github.darajakit.emulator.*",
              "org.junit.jupiter.api.*",
              "org.junit.jupiter.api.extension.*",
              "java.time.*"),
          "");

  @Test
  void everyJavaSnippetInTheEmulatorGuideCompilesOnJava17(@TempDir Path classes) throws Exception {
    List<Snippet> snippets = JavaSnippets.checkedBy(EmulatorDocsTest.class);
    List<Class<?>> emulatorAndJupiter = List.of(DarajaEmulator.class, Test.class, ExtendWith.class);
    String errors = JavaSnippets.compile(snippets, WRAPPER, classes, emulatorAndJupiter);
    assertThat(errors).as("snippets that do not compile").isEmpty();
    // The guide shows both ways to get an emulator in a test class.
    assertThat(snippets)
        .anyMatch(s -> s.code().contains("@ExtendWith(DarajaEmulatorExtension.class)"))
        .anyMatch(s -> s.code().contains("@RegisterExtension"));
  }
}
