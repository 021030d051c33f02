package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.ResultCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields every {@code {"Result":{…}}} carries, whatever the API (REFERENCE §6.3, §7, §9–11).
 *
 * @param resultType {@code "0"} completed (Daraja documents {@code "1"} as "waiting for further
 *     messages"), as text
 * @param resultCode the ResultCode with its meaning in the API's family
 * @param resultDesc Daraja's ResultDesc
 * @param originatorConversationId the OriginatorConversationID (yours for B2C v3 and B2Pochi), or
 *     {@code ""}
 * @param conversationId Daraja's ConversationID, or {@code ""}
 * @param transactionId the top-level TransactionID: the receipt for payments, a placeholder such as
 *     {@code MBN0000000} for queries and failures, or {@code ""}
 * @param parameters {@code ResultParameters.ResultParameter} as text, in order; a value-less item
 *     maps to {@code ""}; numbers are written exactly as received
 * @param referenceItems {@code ReferenceData.ReferenceItem} the same way
 * @param rawJson the body as received
 */
public record ResultEnvelope(
    String resultType,
    ResultCode resultCode,
    String resultDesc,
    String originatorConversationId,
    String conversationId,
    String transactionId,
    Map<String, String> parameters,
    Map<String, String> referenceItems,
    String rawJson) {

  /** Copies the maps, keeping their order. */
  public ResultEnvelope {
    parameters = ordered(parameters);
    referenceItems = ordered(referenceItems);
  }

  private static Map<String, String> ordered(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * A parameter by key; keys match ignoring case and spaces ({@code "Conversation ID"} finds {@code
   * ConversationID}).
   */
  public Optional<String> parameter(String key) {
    return CallbackReader.lookup(parameters, key);
  }

  /** A reference item by key, matched like {@link #parameter}. */
  public Optional<String> referenceItem(String key) {
    return CallbackReader.lookup(referenceItems, key);
  }

  /** The identifiers only: parameters often name the customer and their number. */
  @Override
  public String toString() {
    return "resultCode="
        + resultCode.code()
        + ", resultDesc="
        + resultDesc
        + ", originatorConversationId="
        + originatorConversationId
        + ", conversationId="
        + conversationId
        + ", transactionId="
        + transactionId;
  }
}
