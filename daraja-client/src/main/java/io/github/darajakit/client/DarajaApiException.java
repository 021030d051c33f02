package io.github.darajakit.client;

import java.util.Locale;

/**
 * Daraja answered with an error: {@code {"requestId","errorCode","errorMessage"}}, an Apigee fault
 * or an empty body. The request was rejected; for a money-moving call this means nothing moved
 * (ambiguous answers raise {@link DarajaOutcomeUnknownException} instead) — with one exception:
 * {@link #isDuplicateRequest()}, a refusal because an earlier request with the same id reached
 * Daraja, says nothing about whether that earlier request moved money.
 */
public final class DarajaApiException extends DarajaException {

  private static final long serialVersionUID = 1L;

  /** Daraja's code for a request whose OriginatorConversationID it has already received. */
  public static final String DUPLICATE_ORIGINATOR_CONVERSATION_ID = "500.002.1001";

  private final int httpStatus;
  private final String errorCode;
  private final String errorMessage;
  private final String requestId;
  private final String rawBody;

  /**
   * An error answer.
   *
   * @param httpStatus the HTTP status
   * @param errorCode Daraja's code, e.g. {@code 400.002.02}; for Apigee faults the fault code; for
   *     an empty body {@code ""}
   * @param errorMessage Daraja's message
   * @param requestId Daraja's request id, or {@code ""}
   * @param rawBody the body as received
   */
  public DarajaApiException(
      int httpStatus, String errorCode, String errorMessage, String requestId, String rawBody) {
    super(describe(httpStatus, errorCode, errorMessage, requestId), null);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.requestId = requestId;
    this.rawBody = rawBody;
  }

  /** The HTTP status Daraja answered with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Daraja's error code, e.g. {@code 400.002.02}, or {@code ""}. */
  public String errorCode() {
    return errorCode;
  }

  /** Daraja's error message, e.g. {@code Bad Request - Invalid PhoneNumber}. */
  public String errorMessage() {
    return errorMessage;
  }

  /** Daraja's request id (quote it to Safaricom support), or {@code ""}. */
  public String requestId() {
    return requestId;
  }

  /** The body as received. */
  public String rawBody() {
    return rawBody;
  }

  /**
   * Whether Daraja refused this request because it already received one with the same
   * OriginatorConversationID ({@code 500.002.1001 "Duplicate OriginatorConversationID."}).
   *
   * <p>This refusal is not proof that nothing moved: the earlier request with that id reached
   * Daraja and may have been paid. Treat the payment's outcome as unknown and settle it with
   * Transaction Status by that OriginatorConversationID; never send it again under a new id because
   * of this answer.
   */
  public boolean isDuplicateRequest() {
    return errorCode.equals(DUPLICATE_ORIGINATOR_CONVERSATION_ID)
        || errorMessage.toLowerCase(Locale.ROOT).contains("duplicate originatorconversationid");
  }

  private static String describe(int status, String code, String message, String requestId) {
    StringBuilder text = new StringBuilder("Daraja answered HTTP ").append(status);
    if (!code.isEmpty()) {
      text.append(' ').append(code);
    }
    if (!message.isEmpty()) {
      text.append(" \"").append(message).append('"');
    }
    if (!requestId.isEmpty()) {
      text.append(" (requestId ").append(requestId).append(')');
    }
    String hint = Hints.forErrorCode(code, message);
    if (!hint.isEmpty()) {
      text.append(": ").append(hint);
    }
    return text.toString();
  }

  /**
   * A refusal proves this request ran nothing; but a {@link #isDuplicateRequest() duplicate
   * refusal} says an earlier one with the same id reached Daraja, and it may have paid.
   */
  @Override
  public boolean moneyMayHaveMoved() {
    return isDuplicateRequest();
  }
}
