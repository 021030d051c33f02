package io.github.darajakit.client;

/**
 * Daraja answered with an error: {@code {"requestId","errorCode","errorMessage"}}, an Apigee fault
 * or an empty body. The request was rejected; for a money-moving call this means nothing moved
 * (ambiguous answers raise {@link DarajaOutcomeUnknownException} instead).
 */
public final class DarajaApiException extends DarajaException {

  private static final long serialVersionUID = 1L;

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
}
