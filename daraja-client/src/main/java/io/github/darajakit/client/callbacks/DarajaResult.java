package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;
import java.util.Map;
import java.util.Optional;

/**
 * An initiator API's result, {@code {"Result":{…}}}, posted to the request's ResultURL. One record
 * per API, each with the common {@link ResultEnvelope} and its own typed parameters; {@link
 * UnknownResult} when the API could not be told (see {@link DarajaCallbacks#parse(String)}).
 *
 * <p>Match it to your request by {@link #originatorConversationId()} (or {@link
 * #conversationId()}), and treat a repeat as a duplicate.
 */
public sealed interface DarajaResult extends DarajaCallback
    permits B2cResult,
        B2bResult,
        TransactionStatusResult,
        AccountBalanceResult,
        ReversalResult,
        UnknownResult {

  /** The fields every result carries. */
  ResultEnvelope envelope();

  /** {@code ResultType} as text, usually {@code "0"}. */
  default String resultType() {
    return envelope().resultType();
  }

  /** The ResultCode with its meaning in this API's family. */
  default ResultCode resultCode() {
    return envelope().resultCode();
  }

  /** What the result means for the money. */
  default Outcome outcome() {
    return envelope().resultCode().outcome();
  }

  /** Daraja's ResultDesc. */
  default String resultDesc() {
    return envelope().resultDesc();
  }

  /** The OriginatorConversationID, or {@code ""}. */
  default String originatorConversationId() {
    return envelope().originatorConversationId();
  }

  /** The ConversationID, or {@code ""}. */
  default String conversationId() {
    return envelope().conversationId();
  }

  /** The top-level TransactionID (a receipt, or a placeholder), or {@code ""}. */
  default String transactionId() {
    return envelope().transactionId();
  }

  /** Every {@code ResultParameter} as text, in order. */
  default Map<String, String> parameters() {
    return envelope().parameters();
  }

  /**
   * One parameter by key, matched ignoring case and spaces ({@code "Conversation ID"} is {@code
   * ConversationID}); value-less items give {@code ""}.
   */
  default Optional<String> parameter(String key) {
    return envelope().parameter(key);
  }

  /** Every {@code ReferenceItem} as text, in order. */
  default Map<String, String> referenceItems() {
    return envelope().referenceItems();
  }

  @Override
  default String rawJson() {
    return envelope().rawJson();
  }
}
