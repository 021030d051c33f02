package io.github.darajakit.client.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real payloads of {@code samples.jsonl} (copied from {@code shared/daraja}, REFERENCE §24),
 * each with the facts its {@code expect} says a correct parser extracts.
 */
public final class SampleFile {

  /** Exact decimals, so a payload's {@code 1.00} is written back as {@code 1.00}. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /**
   * One line of the file.
   *
   * @param httpStatus the status it came with, or {@code null} when it was published without one
   * @param payload the payload as JSON text
   */
  public record Sample(
      String id, String kind, Integer httpStatus, String payload, JsonNode expect) {
    @Override
    public String toString() {
      return id;
    }
  }

  private SampleFile() {}

  /** Every sample, in file order. */
  public static List<Sample> all() {
    List<Sample> samples = new ArrayList<>();
    try (InputStream in = SampleFile.class.getResourceAsStream("/samples.jsonl");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode sample = MAPPER.readTree(line);
        JsonNode status = sample.path("http_status");
        samples.add(
            new Sample(
                sample.get("id").asText(),
                sample.get("kind").asText(),
                status.isNumber() ? status.asInt() : null,
                MAPPER.writeValueAsString(sample.get("payload")),
                sample.get("expect")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(samples);
  }

  /** The samples of one kind, e.g. {@code error_envelope}. */
  public static List<Sample> ofKind(String kind) {
    return all().stream().filter(s -> s.kind().equals(kind)).toList();
  }
}
