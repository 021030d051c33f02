package io.github.darajakit.gateway.core;

import java.util.List;

/**
 * Why the gateway would not do what it was asked, in the domain's words. Services throw these
 * before changing anything; only the HTTP layer decides what status and body each becomes, so the
 * domain packages never see HTTP.
 *
 * <p>Each error carries a stable {@link #code()} (the {@code error.code} a merchant's program
 * branches on) and a message that names what is wrong and how to fix it.
 */
public abstract sealed class GatewayError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  private GatewayError(String code, String message) {
    // No stack trace: these are answers, not failures, and some are thrown per row of a batch.
    super(message, null, false, false);
    this.code = code;
  }

  /** The stable code of this error, e.g. {@code parameter_invalid}, {@code reversal_exists}. */
  public String code() {
    return code;
  }

  /** A parameter is missing or wrong; the message names it and says what to send. */
  public static Invalid invalid(String param, String message) {
    return new Invalid(param, message);
  }

  /** Rows of a batch are invalid; nothing was stored. */
  public static InvalidRows invalidRows(String message, List<RowProblem> rows) {
    return new InvalidRows(message, rows);
  }

  /** No such object. */
  public static NotFound notFound(String message) {
    return new NotFound(message);
  }

  /** The object cannot do that in its current state, or the gateway is not set up for it. */
  public static Conflict conflict(String code, String message) {
    return new Conflict(code, message);
  }

  /** A rail (Daraja) answered that it will not do this; asking again the same way will not help. */
  public static RefusedByRail refusedByRail(String code, String message) {
    return new RefusedByRail(code, message);
  }

  /** Something the gateway depends on (Daraja, a limit on open streams) cannot serve now. */
  public static Unavailable unavailable(String message) {
    return new Unavailable(message);
  }

  /** A credential (a dashboard password or session) was not accepted. */
  public static NotAuthenticated notAuthenticated(String code, String message) {
    return new NotAuthenticated(code, message);
  }

  /** Too many attempts from one caller; try again later. */
  public static TooManyAttempts tooManyAttempts(String message) {
    return new TooManyAttempts(message, null);
  }

  /** Too many attempts from one caller; one more will be allowed after {@code retryAfter}. */
  public static TooManyAttempts tooManyAttempts(String message, java.time.Duration retryAfter) {
    return new TooManyAttempts(message, retryAfter);
  }

  /**
   * Text from a request, fit to quote in an error message: control characters shown as {@code
   * \x00}, and cut after 100 characters.
   */
  public static String printable(String text) {
    StringBuilder shown = new StringBuilder();
    text.chars()
        .limit(100)
        .forEach(
            c -> shown.append(Character.isISOControl(c) ? String.format("\\x%02x", c) : (char) c));
    return text.length() > 100 ? shown + "…" : shown.toString();
  }

  /** A parameter is missing or wrong. */
  public static final class Invalid extends GatewayError {
    private static final long serialVersionUID = 1L;
    private final String param;

    private Invalid(String param, String message) {
      super("parameter_invalid", message);
      this.param = param;
    }

    /** The parameter at fault, as the merchant API names it. */
    public String param() {
      return param;
    }
  }

  /**
   * One invalid row of a batch.
   *
   * @param row its number, from 1
   * @param param the field at fault, or {@code null}
   * @param message what is wrong and how to fix it
   */
  public record RowProblem(int row, String param, String message) {}

  /** Rows of a batch are invalid. */
  public static final class InvalidRows extends GatewayError {
    private static final long serialVersionUID = 1L;
    private final transient List<RowProblem> rows;

    private InvalidRows(String message, List<RowProblem> rows) {
      super("rows_invalid", message);
      this.rows = List.copyOf(rows);
    }

    /** Every invalid row. */
    public List<RowProblem> rows() {
      return rows;
    }
  }

  /** No such object. */
  public static final class NotFound extends GatewayError {
    private static final long serialVersionUID = 1L;

    private NotFound(String message) {
      super("resource_missing", message);
    }
  }

  /** Not possible in the object's (or the gateway's) current state. */
  public static final class Conflict extends GatewayError {
    private static final long serialVersionUID = 1L;

    private Conflict(String code, String message) {
      super(code, message);
    }
  }

  /** Refused by Daraja. */
  public static final class RefusedByRail extends GatewayError {
    private static final long serialVersionUID = 1L;

    private RefusedByRail(String code, String message) {
      super(code, message);
    }
  }

  /** Cannot be served now; may be retried. */
  public static final class Unavailable extends GatewayError {
    private static final long serialVersionUID = 1L;

    private Unavailable(String message) {
      super("unavailable", message);
    }
  }

  /** A credential was not accepted. */
  public static final class NotAuthenticated extends GatewayError {
    private static final long serialVersionUID = 1L;

    private NotAuthenticated(String code, String message) {
      super(code, message);
    }
  }

  /** Too many attempts. */
  public static final class TooManyAttempts extends GatewayError {
    private static final long serialVersionUID = 1L;

    private final java.time.Duration retryAfter;

    private TooManyAttempts(String message, java.time.Duration retryAfter) {
      super("too_many_attempts", message);
      this.retryAfter = retryAfter;
    }

    /** How long until one more attempt is allowed, or {@code null} if that is not known. */
    public java.time.Duration retryAfter() {
      return retryAfter;
    }
  }
}
