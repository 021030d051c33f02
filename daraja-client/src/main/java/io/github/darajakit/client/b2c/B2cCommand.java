package io.github.darajakit.client.b2c;

/** The kind of B2C payment (REFERENCE §6.1): decides the initiator role needed and the SMS. */
public enum B2cCommand {
  /** {@code BusinessPayment}: an ordinary payment to a registered customer. */
  BUSINESS_PAYMENT("BusinessPayment"),
  /** {@code SalaryPayment}: salaries; also reaches customers other commands cannot. */
  SALARY_PAYMENT("SalaryPayment"),
  /** {@code PromotionPayment}: a promotion or prize; the customer gets a congratulatory SMS. */
  PROMOTION_PAYMENT("PromotionPayment");

  private final String wireName;

  B2cCommand(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code CommandID} Daraja expects, e.g. {@code BusinessPayment}. */
  public String wireName() {
    return wireName;
  }
}
