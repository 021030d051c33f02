package io.github.darajakit.cli;

import io.github.darajakit.client.DarajaOutcomeUnknownException;
import java.util.Map;

/**
 * What every command says when it exits with code 4 about something that may have moved money: the
 * SDK's recipe for an unknown outcome ({@link DarajaOutcomeUnknownException#RECOVERY}), word for
 * word, and how to look this request up from here. It never suggests sending again under a new id.
 */
final class UnknownOutcome {

  private UnknownOutcome() {}

  /** The recipe, then {@code lookUp} (from {@link #lookUp}: empty, or a line of its own). */
  static String recipe(String lookUp) {
    return DarajaOutcomeUnknownException.RECOVERY + lookUp;
  }

  /** How to look up the request sent under this OriginatorConversationID, or {@code ""}. */
  static String lookUp(String originatorConversationId) {
    return originatorConversationId == null || originatorConversationId.isEmpty()
        ? ""
        : "\nLook it up: daraja status --originator-conversation-id " + originatorConversationId;
  }

  /** How to look up a request known only by the ids its exception carries, or {@code ""}. */
  static String lookUp(Map<String, String> ids) {
    if (ids.containsKey("originatorConversationId")) {
      return lookUp(ids.get("originatorConversationId"));
    }
    if (ids.containsKey("callbackToken")) {
      return "\nIts callback comes to the callback URL ending in /" + ids.get("callbackToken");
    }
    if (ids.containsKey("transactionId")) {
      return "\nLook it up: daraja status " + ids.get("transactionId");
    }
    return "";
  }
}
