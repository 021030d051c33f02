package io.github.darajakit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No document's Java can slip by unchecked: every Markdown file of the repository's root and of
 * {@code docs/} that has a {@code ```java} block is compiled by some docs test.
 */
class JavaSnippetsCoverageTest {

  /** README.md, the other root documents, and everything in docs/ (not its images). */
  private static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>();
    for (Path folder : List.of(JavaSnippets.REPOSITORY, JavaSnippets.REPOSITORY.resolve("docs"))) {
      try (Stream<Path> files = Files.list(folder)) {
        files.filter(f -> f.toString().endsWith(".md")).forEach(documents::add);
      }
    }
    return documents;
  }

  private static String name(Path document) {
    return JavaSnippets.REPOSITORY.relativize(document).toString().replace('\\', '/');
  }

  @Test
  void everyDocumentWithAJavaSnippetIsCompiledBySomeDocsTest() throws IOException {
    Set<String> withJava = new TreeSet<>();
    for (Path document : documents()) {
      if (!JavaSnippets.in(List.of(document)).isEmpty()) {
        withJava.add(name(document));
      }
    }
    assertThat(withJava).as("documents with ```java blocks").contains("README.md", "docs/sdk.md");
    Set<String> unchecked =
        withJava.stream()
            .filter(d -> !JavaSnippets.CHECKED_BY.containsKey(d))
            .filter(d -> !JavaSnippets.CHECKED_ELSEWHERE.containsKey(d))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(unchecked)
        .as(
            "documents whose ```java blocks no docs test compiles: add each to"
                + " JavaSnippets.CHECKED_BY with the docs test of the module whose classes it uses")
        .isEmpty();
  }

  @Test
  void everyDocumentTheRegistryNamesExistsAndHasJava() throws IOException {
    for (String document : JavaSnippets.CHECKED_BY.keySet()) {
      Path file = JavaSnippets.REPOSITORY.resolve(document);
      assertThat(file).as("a document JavaSnippets.CHECKED_BY names").exists();
      assertThat(JavaSnippets.in(List.of(file)))
          .as("the ```java blocks of %s, which JavaSnippets.CHECKED_BY says are compiled", document)
          .isNotEmpty();
    }
  }
}
