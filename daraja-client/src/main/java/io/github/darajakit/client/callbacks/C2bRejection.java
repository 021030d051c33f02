package io.github.darajakit.client.callbacks;

/**
 * Why a C2B validation is rejected: the code selects the SMS M-Pesa sends the customer (REFERENCE
 * §5.4).
 */
public enum C2bRejection {
  /** {@code C2B00011} Invalid MSISDN. */
  INVALID_MSISDN("C2B00011", "Invalid MSISDN"),
  /** {@code C2B00012} Invalid Account Number: the BillRefNumber is not one of yours. */
  INVALID_ACCOUNT_NUMBER("C2B00012", "Invalid Account Number"),
  /** {@code C2B00013} Invalid Amount. */
  INVALID_AMOUNT("C2B00013", "Invalid Amount"),
  /** {@code C2B00014} Invalid KYC Details. */
  INVALID_KYC_DETAILS("C2B00014", "Invalid KYC Details"),
  /** {@code C2B00015} Invalid Shortcode. */
  INVALID_SHORTCODE("C2B00015", "Invalid Shortcode"),
  /** {@code C2B00016} Other Error. */
  OTHER_ERROR("C2B00016", "Other Error");

  private final String code;
  private final String description;

  C2bRejection(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The ResultCode to answer with, e.g. {@code C2B00012}. */
  public String code() {
    return code;
  }

  /** What the code means to M-Pesa. */
  public String description() {
    return description;
  }
}
