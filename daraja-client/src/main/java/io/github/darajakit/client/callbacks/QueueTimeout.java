package io.github.darajakit.client.callbacks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A post to a request's QueueTimeOutURL: M-Pesa did not process the request in time. Daraja does
 * not document this payload (REFERENCE §1.4), so whatever identifiers a {@code {"Result":{…}}}
 * envelope holds are read and everything else is kept raw. <b>Do not assume nothing moved</b>: look
 * the transaction up (Transaction Status) before paying again.
 *
 * @param originatorConversationId the OriginatorConversationID if the body had one, else {@code ""}
 * @param conversationId the ConversationID if the body had one, else {@code ""}
 * @param resultCode the ResultCode as text if the body had one, else {@code ""}
 * @param resultDesc the ResultDesc if the body had one, else {@code ""}
 * @param parameters any {@code ResultParameter} items, as text
 * @param rawJson the body as received
 */
public record QueueTimeout(
    String originatorConversationId,
    String conversationId,
    String resultCode,
    String resultDesc,
    Map<String, String> parameters,
    String rawJson)
    implements DarajaCallback {

  /** Copies the map. */
  public QueueTimeout {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** The identifiers only. */
  @Override
  public String toString() {
    return "QueueTimeout[originatorConversationId="
        + originatorConversationId
        + ", conversationId="
        + conversationId
        + ", resultCode="
        + resultCode
        + "]";
  }
}
