package io.github.darajakit.client.c2b;

/**
 * What M-Pesa does with a C2B payment when the validation URL cannot be reached or answers too late
 * (REFERENCE §5.1, §5.3): complete it, or cancel it.
 */
public enum C2bResponseType {
  /** {@code Completed}: the payment goes through and the confirmation is sent. */
  COMPLETED("Completed"),
  /** {@code Cancelled}: the payment is cancelled; nothing further is sent. */
  CANCELLED("Cancelled");

  private final String wireName;

  C2bResponseType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code ResponseType} Daraja expects, exactly spelled and cased. */
  public String wireName() {
    return wireName;
  }
}
