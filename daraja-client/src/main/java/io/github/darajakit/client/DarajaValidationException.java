package io.github.darajakit.client;

/**
 * A request was refused before anything was sent: the message names the field and the fix, e.g.
 * {@code phone '0712 34' is not a Kenyan mobile number: expected 07XXXXXXXX, 01XXXXXXXX or
 * 2547XXXXXXXX}.
 */
public final class DarajaValidationException extends DarajaException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /** A validation failure of one field. */
  public DarajaValidationException(String field, String message) {
    super(field + ": " + message, null);
    this.field = field;
  }

  /** The field at fault, as named in the request builder (e.g. {@code phone}, {@code amount}). */
  public String field() {
    return field;
  }

  /** Refused before sending: nothing reached Daraja. */
  @Override
  public boolean moneyMayHaveMoved() {
    return false;
  }
}
