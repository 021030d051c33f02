package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.http.Json;
import java.math.BigDecimal;

/**
 * Builds the asynchronous {@code {"Result":{…}}} envelopes of the initiator APIs (REFERENCE §6.3,
 * §7, §9–11), keeping each API's quirks: which values are numbers and which strings, whether {@code
 * ResultParameter} is an array or a single object, value-less items.
 */
final class Results {

  /** Whether the envelope's ResultType/ResultCode are JSON numbers or strings. */
  enum CodeStyle {
    NUMBERS,
    STRINGS
  }

  private final ObjectNode root = Json.object();
  private final ObjectNode result = root.putObject("Result");

  private Results() {}

  /** Starts an envelope. Non-numeric result codes are always strings. */
  static Results envelope(
      CodeStyle style,
      String resultCode,
      String resultDesc,
      String originatorConversationId,
      String conversationId,
      String transactionId) {
    Results r = new Results();
    boolean numeric = resultCode.chars().allMatch(Character::isDigit);
    if (style == CodeStyle.NUMBERS) {
      r.result.put("ResultType", 0);
    } else {
      r.result.put("ResultType", "0");
    }
    if (style == CodeStyle.NUMBERS && numeric) {
      r.result.put("ResultCode", Long.parseLong(resultCode));
    } else {
      r.result.put("ResultCode", resultCode);
    }
    r.result.put("ResultDesc", resultDesc);
    r.result.put("OriginatorConversationID", originatorConversationId);
    r.result.put("ConversationID", conversationId);
    r.result.put("TransactionID", transactionId);
    return r;
  }

  /** Overrides ResultType (e.g. 1 for a queue timeout). */
  Results resultType(int type) {
    result.put("ResultType", type);
    return this;
  }

  /** Adds {@code ResultParameters.ResultParameter} as an array and returns it for filling. */
  Parameters parameters() {
    return new Parameters(result.putObject("ResultParameters").putArray("ResultParameter"));
  }

  /** Adds {@code ResultParameters.ResultParameter} as a single object (B2B failures). */
  Results singleParameter(String key, Object value) {
    ObjectNode item = result.putObject("ResultParameters").putObject("ResultParameter");
    item.put("Key", key);
    putValue(item, value);
    return this;
  }

  /** {@code ReferenceData.ReferenceItem} as a single object. */
  Results referenceItem(String key, String value) {
    ObjectNode item = result.putObject("ReferenceData").putObject("ReferenceItem");
    item.put("Key", key);
    if (value != null) {
      item.put("Value", value);
    }
    return this;
  }

  /** {@code ReferenceData.ReferenceItem} as an array and returns it for filling. */
  Parameters referenceItems() {
    return new Parameters(result.putObject("ReferenceData").putArray("ReferenceItem"));
  }

  ObjectNode json() {
    return root;
  }

  /** Items with {@code Key} and optional {@code Value}. */
  static final class Parameters {
    private final ArrayNode items;

    private Parameters(ArrayNode items) {
      this.items = items;
    }

    /** An item; a {@code null} value leaves {@code Value} out, as Daraja does. */
    Parameters add(String key, Object value) {
      ObjectNode item = items.addObject().put("Key", key);
      putValue(item, value);
      return this;
    }
  }

  private static void putValue(ObjectNode item, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof BigDecimal decimal) {
      item.put("Value", decimal);
    } else if (value instanceof Long number) {
      item.put("Value", number);
    } else if (value instanceof Integer number) {
      item.put("Value", number);
    } else {
      item.put("Value", value.toString());
    }
  }
}
