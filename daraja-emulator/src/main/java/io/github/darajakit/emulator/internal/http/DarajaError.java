package io.github.darajakit.emulator.internal.http;

/**
 * A synchronous Daraja gateway error: {@code {requestId, errorCode, errorMessage}} with the HTTP
 * status equal to the code's first segment (REFERENCE §1.3).
 *
 * <p>Throwing one from an API handler stops the request; nothing it would have changed is changed,
 * because handlers validate everything before they touch state.
 */
public final class DarajaError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String errorCode;
  private final String errorMessage;

  private DarajaError(String errorCode, String errorMessage) {
    super(errorCode + " " + errorMessage, null, false, false);
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
  }

  /** An error with Daraja's code and message. */
  public static DarajaError of(String errorCode, String errorMessage) {
    return new DarajaError(errorCode, errorMessage);
  }

  /** {@code 400.002.02 "Bad Request - Invalid <field>"}: a field missing or malformed. */
  public static DarajaError invalidField(String field) {
    return new DarajaError("400.002.02", "Bad Request - Invalid " + field);
  }

  /** {@code 400.002.05 "Invalid Request Payload"}: the body is not a JSON object. */
  public static DarajaError invalidPayload() {
    return new DarajaError("400.002.05", "Invalid Request Payload");
  }

  /** {@code 500.001.1001} with the given message (merchant, credentials, subscriber lock…). */
  public static DarajaError stk(String message) {
    return new DarajaError("500.001.1001", message);
  }

  /** {@code 500.003.1001 "Internal Server Error"}. */
  public static DarajaError internal() {
    return new DarajaError("500.003.1001", "Internal Server Error");
  }

  public String errorCode() {
    return errorCode;
  }

  public String errorMessage() {
    return errorMessage;
  }

  /** The HTTP status Daraja answers with: the code's first segment, 500 if it is not a status. */
  public int httpStatus() {
    int dot = errorCode.indexOf('.');
    String first = dot < 0 ? errorCode : errorCode.substring(0, dot);
    try {
      int status = Integer.parseInt(first);
      return status >= 400 && status <= 599 ? status : 500;
    } catch (NumberFormatException e) {
      return 500;
    }
  }
}
