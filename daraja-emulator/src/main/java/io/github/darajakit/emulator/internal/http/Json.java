package io.github.darajakit.emulator.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The emulator's JSON handling: a tree model, so the wire keeps Daraja's exact mix of strings and
 * numbers, key order and misspellings.
 *
 * <p>The parser is locked down for hostile input: Daraja bodies are at most four levels deep, so
 * anything deeper, or with absurd strings or numbers, is rejected before it costs memory.
 */
public final class Json {

  private static final int MAX_NESTING_DEPTH = 32;
  private static final int MAX_STRING_LENGTH = 1 << 20;
  private static final int MAX_NUMBER_LENGTH = 64;

  /** Exact decimals: {@code 1.00} stays {@code 1.00} on the wire. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxStringLength(MAX_STRING_LENGTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .build())
          .nodeFactory(NODES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A new empty array node. */
  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * Parses bytes into a tree.
   *
   * @throws JsonProcessingException if the bytes are not one well-formed JSON value within limits
   */
  public static JsonNode parse(byte[] body) throws IOException {
    JsonNode node = MAPPER.readTree(body);
    if (node == null || node.isMissingNode()) {
      throw new JsonProcessingException("empty body") {};
    }
    return node;
  }

  /** Parses a string, for configuration and admin input. */
  public static JsonNode parse(String text) throws IOException {
    return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Serialises a tree to UTF-8 bytes. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises a tree to a string. */
  public static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises a tree, indented for people. */
  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Converts a plain Java value (records, maps, lists) into a tree. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }
}
