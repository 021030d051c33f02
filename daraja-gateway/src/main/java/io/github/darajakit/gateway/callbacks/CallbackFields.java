package io.github.darajakit.gateway.callbacks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Limits every field of a callback keeps before anything is made of it. Daraja's fields are short
 * (ids of a few dozen characters, descriptions of a sentence, amounts of a few digits); these
 * limits are far above any of them, so a real callback always passes, while a garbled or hostile
 * one — a 5,000-character TransID, a NUL byte, a 23-digit amount — is kept as received and changes
 * nothing. A body that is not JSON passes here: its own parser says why it cannot be read.
 */
final class CallbackFields {

  /** The longest text value or field name kept. */
  static final int MAX_TEXT = 1_000;

  /** The most characters a number may be written with (a receipt time has 14 digits). */
  static final int MAX_NUMBER = 20;

  private static final JsonFactory JSON = new JsonFactory();

  private CallbackFields() {}

  /**
   * Why the body breaks a limit, naming the field; empty if it keeps them all or is not JSON.
   * Streams the body without building a tree: it runs on every callback.
   */
  static Optional<String> problem(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      String field = null;
      String item = null; // the Key or Name of the {"Key": …, "Value": …} item being read
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case FIELD_NAME -> {
            field = parser.currentName();
            Optional<String> problem = text("a field name", field);
            if (problem.isPresent()) {
              return problem;
            }
          }
          case VALUE_STRING -> {
            String value = parser.getText();
            Optional<String> problem = text(describe(field, item), value);
            if (problem.isPresent()) {
              return problem;
            }
            if ("Key".equals(field) || "Name".equals(field)) {
              item = value;
            }
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            if (parser.getTextLength() > MAX_NUMBER) {
              return Optional.of(
                  describe(field, item)
                      + " is a number of "
                      + parser.getTextLength()
                      + " characters (at most "
                      + MAX_NUMBER
                      + ")");
            }
          }
          case END_OBJECT -> item = null;
          default -> {
            // structure and literals carry no text
          }
        }
      }
      return Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(String what, String value) {
    if (value.length() > MAX_TEXT) {
      return Optional.of(
          what + " is " + value.length() + " characters long (at most " + MAX_TEXT + ")");
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f) {
        return Optional.of(what + " holds control character U+" + String.format("%04X", (int) ch));
      }
    }
    return Optional.empty();
  }

  private static String describe(String field, String item) {
    if (field == null) {
      return "a value";
    }
    if (item != null && ("Value".equals(field))) {
      return "the Value of \"" + shorten(item) + "\"";
    }
    return "\"" + shorten(field) + "\"";
  }

  private static String shorten(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }
}
