package io.github.darajakit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** How a command prints what it did: text for people, or one JSON object for scripts. */
final class Output {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--json", description = "Print one JSON object instead of text, for scripts.")
  boolean json;

  /** An empty JSON object to fill. */
  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Prints {@code data} as JSON, or {@code text} for people. */
  void print(PrintWriter out, ObjectNode data, String text) {
    if (json) {
      out.println(write(data));
    } else {
      out.println(text);
    }
    out.flush();
  }

  static String write(ObjectNode data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
