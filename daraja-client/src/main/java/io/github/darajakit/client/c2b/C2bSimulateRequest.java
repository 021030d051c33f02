package io.github.darajakit.client.c2b;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;

/**
 * A simulated customer payment to a PayBill or till (sandbox only, REFERENCE §5.2). The sandbox
 * then calls the shortcode's registered validation and confirmation URLs as a real payment would.
 * Validated when built; nothing is sent until {@code client.c2b().simulate(request)}.
 *
 * <pre>{@code
 * C2bSimulateRequest request = C2bSimulateRequest.builder()
 *     .shortCode("600992")
 *     .phone("0708374149")
 *     .amount(250)
 *     .billRefNumber("ACC-1042")
 *     .build();
 * }</pre>
 *
 * @param shortCode the PayBill or till paid, or {@code null} for the client's default shortcode
 * @param command {@link C2bCommand#PAY_BILL} (default) or {@link C2bCommand#BUY_GOODS}
 * @param amount whole KES, 1 to 250,000
 * @param phone the paying customer ({@code Msisdn})
 * @param billRefNumber the PayBill account number, at most 20 characters, or {@code null}; always
 *     {@code null} for Buy Goods
 * @param version {@code 2} (default) or {@code 1}: the simulate endpoint to call
 */
public record C2bSimulateRequest(
    String shortCode,
    C2bCommand command,
    long amount,
    Msisdn phone,
    String billRefNumber,
    int version) {

  /** The largest amount in KES: M-Pesa's per-transaction limit (REFERENCE §21). */
  public static final long MAX_AMOUNT = 250_000;

  /** Longest BillRefNumber. */
  public static final int MAX_BILL_REF_NUMBER = 20;

  /** Validates every field; each failure names it. */
  public C2bSimulateRequest {
    if (shortCode != null) {
      Check.shortCode("shortCode", shortCode);
    }
    if (command == null) {
      command = C2bCommand.PAY_BILL;
    }
    Check.amount("amount", amount, 1, MAX_AMOUNT);
    if (phone == null) {
      throw new DarajaValidationException(
          "phone", "is required: the paying customer, e.g. 0708374149");
    }
    billRefNumber = Check.optionalText("billRefNumber", billRefNumber, MAX_BILL_REF_NUMBER);
    if (command == C2bCommand.BUY_GOODS && billRefNumber != null) {
      throw new DarajaValidationException(
          "billRefNumber",
          "is only for PayBill payments; a Buy Goods (till) payment has no account number");
    }
    if (version != 1 && version != 2) {
      throw new DarajaValidationException(
          "version", version + " is not a C2B simulate version: use 2 (current) or 1 (legacy)");
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link C2bSimulateRequest}. */
  public static final class Builder {
    private String shortCode;
    private C2bCommand command = C2bCommand.PAY_BILL;
    private long amount;
    private Msisdn phone;
    private String billRefNumber;
    private int version = 2;

    private Builder() {}

    /** The PayBill or till paid (default: the client's shortcode). */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** {@link C2bCommand#PAY_BILL} (default) or {@link C2bCommand#BUY_GOODS}. */
    public Builder command(C2bCommand command) {
      this.command = command;
      return this;
    }

    /** Whole KES. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** The paying customer, in any common Kenyan format ({@code 0712…}, {@code +254…}). */
    public Builder phone(String phone) {
      this.phone = Msisdn.parse("phone", phone);
      return this;
    }

    /** The paying customer. */
    public Builder phone(Msisdn phone) {
      this.phone = phone;
      return this;
    }

    /** The PayBill account number (not for Buy Goods). */
    public Builder billRefNumber(String billRefNumber) {
      this.billRefNumber = billRefNumber;
      return this;
    }

    /** {@code 2} (default) or {@code 1}. */
    public Builder version(int version) {
      this.version = version;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public C2bSimulateRequest build() {
      return new C2bSimulateRequest(shortCode, command, amount, phone, billRefNumber, version);
    }
  }
}
