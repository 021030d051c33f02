package io.github.darajakit.client.qr;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;

/**
 * A dynamic M-Pesa QR code to generate (REFERENCE §12): the customer scans it and the payment
 * details are filled in. Validated when built; nothing is sent until {@code
 * client.qr().generate(request)}.
 *
 * <pre>{@code
 * QrRequest request = QrRequest.builder()
 *     .merchantName("TEST SUPERMARKET")
 *     .refNo("Invoice Test")
 *     .amount(1)
 *     .trxCode(QrTransactionCode.BUY_GOODS)
 *     .cpi("373132")
 *     .size(300)
 *     .build();
 * }</pre>
 *
 * @param merchantName shown to the customer, 1–100 characters
 * @param refNo the reference, or the account number for PayBill and agent withdrawals, 1–100
 *     characters
 * @param amount whole KES, 1 to 250,000
 * @param trxCode what the code asks the customer to do
 * @param cpi the Credit Party Identifier: a till, agent till, PayBill or business number (5 to 9
 *     digits), or for {@link QrTransactionCode#SEND_MONEY} a mobile number, normalised to {@code
 *     2547XXXXXXXX}
 * @param size the image's width and height in pixels, 100 to 1000 (default 300)
 */
public record QrRequest(
    String merchantName,
    String refNo,
    long amount,
    QrTransactionCode trxCode,
    String cpi,
    int size) {

  /** The largest amount in KES: M-Pesa's per-transaction limit (REFERENCE §21). */
  public static final long MAX_AMOUNT = 250_000;

  /** The default image size in pixels. */
  public static final int DEFAULT_SIZE = 300;

  /** The smallest image size in pixels. */
  public static final int MIN_SIZE = 100;

  /** The largest image size in pixels. */
  public static final int MAX_SIZE = 1000;

  /** Longest MerchantName and RefNo. */
  public static final int MAX_TEXT = 100;

  /** Validates every field; each failure names it. */
  public QrRequest {
    Check.text("merchantName", merchantName, 1, MAX_TEXT);
    Check.text("refNo", refNo, 1, MAX_TEXT);
    Check.amount("amount", amount, 1, MAX_AMOUNT);
    if (trxCode == null) {
      throw new DarajaValidationException(
          "trxCode",
          "is required: BUY_GOODS, WITHDRAW_AT_AGENT, PAY_BILL, SEND_MONEY or"
              + " SEND_TO_BUSINESS");
    }
    if (trxCode == QrTransactionCode.SEND_MONEY) {
      cpi = Msisdn.parse("cpi", cpi).value();
    } else {
      Check.shortCode("cpi", cpi);
    }
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new DarajaValidationException(
          "size", size + " pixels is outside " + MIN_SIZE + " to " + MAX_SIZE + " (default 300)");
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link QrRequest}. */
  public static final class Builder {
    private String merchantName;
    private String refNo;
    private long amount;
    private QrTransactionCode trxCode;
    private String cpi;
    private int size = DEFAULT_SIZE;

    private Builder() {}

    /** Shown to the customer. */
    public Builder merchantName(String merchantName) {
      this.merchantName = merchantName;
      return this;
    }

    /** The reference, or the account number for PayBill and agent withdrawals. */
    public Builder refNo(String refNo) {
      this.refNo = refNo;
      return this;
    }

    /** Whole KES. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** What the code asks the customer to do. */
    public Builder trxCode(QrTransactionCode trxCode) {
      this.trxCode = trxCode;
      return this;
    }

    /** Who receives the money: till, PayBill, business number, or a mobile number. */
    public Builder cpi(String cpi) {
      this.cpi = cpi;
      return this;
    }

    /** Pixels per side, 100 to 1000 (default 300). */
    public Builder size(int size) {
      this.size = size;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public QrRequest build() {
      return new QrRequest(merchantName, refNo, amount, trxCode, cpi, size);
    }
  }
}
