package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code <dependency>} blocks a new user copies from README.md and docs/sdk.md name artifacts
 * the build really makes, at the version it really makes them, so the instructions cannot go stale
 * when the version moves on.
 */
class InstallationDocsTest {

  private static final Path REPOSITORY = Path.of("..");
  private static final List<Path> DOCUMENTS =
      List.of(REPOSITORY.resolve("README.md"), REPOSITORY.resolve("docs/sdk.md"));

  /** A Maven {@code <artifactId>daraja-…</artifactId>}, with the {@code <version>} after it. */
  private static final Pattern MAVEN_COORDINATE =
      Pattern.compile(
          "<artifactId>(daraja-[\\w-]+)</artifactId>(?:\\s*<version>([^<]*)</version>)?");

  /** A Gradle {@code "io.github.darajakit:daraja-…:version"}, the version optional. */
  private static final Pattern GRADLE_COORDINATE =
      Pattern.compile("\"io\\.github\\.darajakit:(daraja-[\\w-]+)(?::([^\"]*))?\"");

  /** The version of the build under test: the surefire configuration in this module's pom. */
  private static String projectVersion() {
    String version = System.getProperty("darajakit.version");
    assertThat(version)
        .as("system property darajakit.version (set by maven-surefire-plugin in the pom)")
        .isNotBlank();
    return version;
  }

  private static String read(Path document) throws IOException {
    return Files.readString(document, StandardCharsets.UTF_8);
  }

  /** The fenced {@code ```xml} and {@code ```kotlin} blocks that name a DarajaKit artifact. */
  private static List<String> buildBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher block =
        Pattern.compile("```(?:xml|kotlin)\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (block.find()) {
      if (block.group(1).contains("io.github.darajakit")) {
        blocks.add(block.group(1));
      }
    }
    return blocks;
  }

  /** Every DarajaKit artifact named in the build blocks, with the version written beside it. */
  private static Map<String, List<String>> versionsByArtifact(List<String> blocks) {
    Map<String, List<String>> versions = new TreeMap<>();
    for (String block : blocks) {
      for (Pattern coordinate : List.of(MAVEN_COORDINATE, GRADLE_COORDINATE)) {
        Matcher found = coordinate.matcher(block);
        while (found.find()) {
          List<String> written = versions.computeIfAbsent(found.group(1), a -> new ArrayList<>());
          if (found.group(2) != null) {
            written.add(found.group(2));
          }
        }
      }
    }
    return versions;
  }

  @Test
  void everyVersionInTheDependencyBlocksIsTheProjectVersion() throws IOException {
    String version = projectVersion();
    for (Path document : DOCUMENTS) {
      Map<String, List<String>> versions = versionsByArtifact(buildBlocks(read(document)));
      assertThat(versions)
          .as(document + " names the BOM and the SDK")
          .containsKeys("daraja-bom", "daraja-client");
      List<String> written = versions.values().stream().flatMap(List::stream).toList();
      assertThat(written).as(document + ": versions written in its dependency blocks").isNotEmpty();
      assertThat(written)
          .as(document + ": versions written in its dependency blocks")
          .containsOnly(version);
    }
  }

  @Test
  void everyArtifactTheDocsNameIsTheBomOrOneItManagesAtTheProjectVersion() throws Exception {
    String version = projectVersion();
    org.w3c.dom.Document bom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(REPOSITORY.resolve("daraja-bom/pom.xml").toFile());
    Element project = bom.getDocumentElement();
    assertThat(childText(project, "version")).as("daraja-bom's own version").isEqualTo(version);
    List<String> managed = new ArrayList<>(List.of("daraja-bom"));
    NodeList dependencies = project.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      managed.add(childText(dependency, "artifactId"));
      assertThat(childText(dependency, "version")).isEqualTo("${project.version}");
    }
    assertThat(managed).contains("daraja-client", "daraja-emulator", "daraja-gateway");

    for (Path document : DOCUMENTS) {
      assertThat(versionsByArtifact(buildBlocks(read(document))).keySet())
          .as(document + ": artifacts named in its dependency blocks")
          .isSubsetOf(managed);
    }
  }

  @Test
  void readmeAndSdkGuideGiveTheSameDependencyBlocks() throws IOException {
    assertThat(buildBlocks(read(DOCUMENTS.get(1))))
        .as("docs/sdk.md's blocks, in README.md's order")
        .isEqualTo(buildBlocks(read(DOCUMENTS.get(0))));
  }

  private static String childText(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
        return child.getTextContent().strip();
      }
    }
    throw new AssertionError(parent.getTagName() + " has no <" + name + ">");
  }
}
