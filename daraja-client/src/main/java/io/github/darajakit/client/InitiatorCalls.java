package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.internal.Check;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Transport;
import java.net.URI;

/** What the initiator-API services share: URL checks and reading the acknowledgement. */
final class InitiatorCalls {

  private InitiatorCalls() {}

  /**
   * A ResultURL or QueueTimeOutURL as sent: checked again against the client's environment, because
   * a request built for the sandbox may be sent by a production client (HTTPS only).
   */
  static String url(ClientContext context, String field, URI url) {
    return Check.callbackUrl(field, url.toString(), context.environment().isProduction())
        .toString();
  }

  /** Reads Daraja's acknowledgement. */
  static InitiatorAcknowledgement acknowledgement(Transport.Answer answer) {
    return acknowledgement(answer.json(), answer.raw(), "");
  }

  /**
   * Reads an acknowledgement; {@code originatorConversationId} is used when the answer does not
   * echo one (the caller already knows it for B2C v3 and B2Pochi).
   */
  static InitiatorAcknowledgement acknowledgement(
      JsonNode json, String raw, String originatorConversationId) {
    return new InitiatorAcknowledgement(
        json.path("ConversationID").asText(""),
        json.path("OriginatorConversationID").asText(originatorConversationId),
        json.path("ResponseCode").asText(""),
        json.path("ResponseDescription").asText(""),
        raw);
  }
}
