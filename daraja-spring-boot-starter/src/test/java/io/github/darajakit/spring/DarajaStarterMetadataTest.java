package io.github.darajakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata IDEs read to complete {@code daraja.*}: generated from {@link
 * DarajaProperties} by spring-boot-configuration-processor, with the hints of
 * additional-spring-configuration-metadata.json merged in.
 */
class DarajaStarterMetadataTest {

  @Test
  void theMetadataDescribesEveryPropertyAndHintsTheEnvironments() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        DarajaProperties.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode property : metadata.path("properties")) {
      names.add(property.path("name").asText());
      assertThat(property.path("description").asText())
          .as("description of %s", property.path("name").asText())
          .isNotBlank();
    }
    assertThat(names)
        .contains(
            "daraja.env",
            "daraja.base-url",
            "daraja.consumer-key",
            "daraja.consumer-secret",
            "daraja.short-code",
            "daraja.passkey",
            "daraja.initiator-name",
            "daraja.initiator-password",
            "daraja.security-credential",
            "daraja.connect-timeout",
            "daraja.read-timeout",
            "daraja.max-retries",
            "daraja.health.cache-ttl",
            "daraja.callbacks.enabled",
            "daraja.callbacks.path",
            "daraja.callbacks.secret",
            "daraja.callbacks.public-url");
    List<String> environments = new ArrayList<>();
    for (JsonNode hint : metadata.path("hints")) {
      if (hint.path("name").asText().equals("daraja.env")) {
        hint.path("values").forEach(v -> environments.add(v.path("value").asText()));
      }
    }
    assertThat(environments).containsExactly("sandbox", "production", "emulator");
  }
}
