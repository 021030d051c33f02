package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.Json;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * What every initiator API (B2C, B2Pochi, B2B, tax, status, balance, reversal) shares: the
 * synchronous acknowledgement with its conversation ids, and the credential check that decides
 * whether the request may do anything at all.
 *
 * <p>These APIs are processed when accepted — the money moves (or not) before the acknowledgement
 * is sent — and only the result waits for the delay. So a client that loses the acknowledgement (an
 * injected dropped connection) finds the truth with Transaction Status.
 */
final class InitiatorRequest {

  static final DateTimeFormatter COMPACT_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

  /**
   * A failure decided before the business rules are even looked at.
   *
   * @param code the ResultCode
   * @param desc the ResultDesc
   */
  record Rejection(String code, String desc) {}

  final String originatorConversationId;
  final String conversationId;
  final LocalDateTime acceptedAt;

  private InitiatorRequest(
      String originatorConversationId, String conversationId, LocalDateTime at) {
    this.originatorConversationId = originatorConversationId;
    this.conversationId = conversationId;
    this.acceptedAt = at;
  }

  /** A request with a gateway-assigned or caller-supplied OriginatorConversationID. */
  static InitiatorRequest accept(Mpesa mpesa, String originatorConversationId) {
    LocalDateTime now = mpesa.now();
    return new InitiatorRequest(
        originatorConversationId == null
            ? mpesa.ids().originatorConversationId()
            : originatorConversationId,
        mpesa.ids().conversationId(now),
        now);
  }

  /** Checks the initiator's credential: empty if it may proceed. */
  static Optional<Rejection> checkCredential(Mpesa mpesa, String initiator, String credential) {
    return switch (mpesa.credentials().check(initiator, credential)) {
      case VALID -> Optional.empty();
      case INVALID -> Optional.of(new Rejection("2001", "The initiator information is invalid."));
      case LOCKED -> Optional.of(new Rejection("8006", "The security credential is locked."));
    };
  }

  /** The synchronous acknowledgement (REFERENCE §6.1). */
  ApiResponse acknowledgement() {
    return acknowledgement("Accept the service request successfully.");
  }

  /** The synchronous acknowledgement with an API's own wording of the description. */
  ApiResponse acknowledgement(String responseDescription) {
    ObjectNode ack = Json.object();
    ack.put("ConversationID", conversationId)
        .put("OriginatorConversationID", originatorConversationId)
        .put("ResponseCode", "0")
        .put("ResponseDescription", responseDescription);
    return ApiResponse.ok(ack);
  }

  /** {@code yyyyMMddHHmmss} of now. */
  static String compactNow(Mpesa mpesa) {
    return COMPACT_TIME.format(mpesa.now());
  }

  /**
   * Internal Safaricom result-listener URL that results carry instead of the caller's timeout URL.
   */
  static String internalQueueUrl(String service) {
    return "https://internalsandbox.safaricom.co.ke/mpesa/" + service + "/v1/submit";
  }
}
