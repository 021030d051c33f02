package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.docs.JavaSnippets;
import io.github.darajakit.docs.JavaSnippets.Snippet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The gateway's guide as a Java developer meets it: every {@code ```java} block of {@code
 * docs/gateway.md} compiles on Java 17 against the gateway and the SDK (the SDK's own guide is
 * checked by the client's {@code SdkDocsTest}).
 */
class GatewayDocsTest {

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

  @Test
  void everyJavaSnippetInTheGatewayGuideCompilesOnJava17(@TempDir Path classes) throws Exception {
    List<Snippet> snippets = JavaSnippets.checkedBy(GatewayDocsTest.class);
    assertThat(snippets)
        .as("the webhook receiver and the embedding example")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(snippets)
        .as("the embedding example resolves the environment as the command does")
        .anyMatch(s -> s.code().contains(".environment(System.getenv())"));
    assertThat(
            JavaSnippets.compile(
                snippets,
                new JavaSnippets.Wrapper(IMPORTS, CONTEXT),
                classes,
                // The gateway's and the SDK's classes and what their signatures name.
                List.of(
                    DarajaGateway.class,
                    DarajaClient.class,
                    ObjectMapper.class,
                    JsonFactory.class,
                    JsonProperty.class,
                    Logger.class)))
        .as("snippets that do not compile")
        .isEmpty();
  }
}
