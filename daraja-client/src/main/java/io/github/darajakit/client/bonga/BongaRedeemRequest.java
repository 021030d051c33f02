package io.github.darajakit.client.bonga;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A Lipa na Bonga redemption (REFERENCE §16): the customer pays a PayBill with Bonga points, after
 * approving a PIN prompt. Validated when built; nothing is sent until {@code
 * client.bonga().redeem(request)}.
 *
 * <pre>{@code
 * BongaRedeemRequest request = BongaRedeemRequest.builder()
 *     .msisdn("0720776155")
 *     .bongaPoints(250)
 *     .conversionRate(new BigDecimal("0.2"))   // from calculate(): never a double
 *     .amount(50)                              // whole KES: 250 points × 0.2
 *     .shortCode("888880")                     // optional: the client's shortcode by default
 *     .accountNumber("INV-1042")               // the BillRefNumber of the C2B confirmation
 *     .build();
 * }</pre>
 *
 * <p>Daraja checks that the amount is what the points are worth; the SDK does not, because Daraja's
 * own sample ({@code amount 50, bongaPoints 20, conversionRate 0.2}) does not hold to it (⚠): take
 * the rate and amount from {@code calculate()}.
 *
 * @param msisdn the customer who redeems and gets the prompt, normalised to {@code 2547XXXXXXXX}
 * @param amount whole KES paid to the PayBill, 1 to {@value #MAX_AMOUNT}
 * @param bongaPoints points redeemed, at least 1
 * @param conversionRate KES per point, positive, exact (e.g. {@code 0.2})
 * @param shortCode the PayBill paid (5 to 9 digits), or {@code null} for the client's
 * @param accountNumber the account at the PayBill, 1 to {@value #MAX_ACCOUNT_NUMBER} characters
 */
public record BongaRedeemRequest(
    Msisdn msisdn,
    long amount,
    long bongaPoints,
    BigDecimal conversionRate,
    String shortCode,
    String accountNumber) {

  /** The largest amount in KES (the C2B and STK ceiling, REFERENCE §21). */
  public static final long MAX_AMOUNT = 250_000;

  /** Longest account number: a C2B BillRefNumber (REFERENCE §5.3). */
  public static final int MAX_ACCOUNT_NUMBER = 20;

  /** Validates every field; each failure names it. */
  public BongaRedeemRequest {
    if (msisdn == null) {
      throw new DarajaValidationException(
          "msisdn", "is required: a Kenyan mobile number such as 0720776155");
    }
    Check.amount("amount", amount, 1, MAX_AMOUNT);
    if (bongaPoints < 1) {
      throw new DarajaValidationException(
          "bongaPoints", bongaPoints + " is not a number of points to redeem: expected 1 or more");
    }
    if (conversionRate == null || conversionRate.signum() <= 0) {
      throw new DarajaValidationException(
          "conversionRate",
          conversionRate
              + " is not a conversion rate: expected KES per point above 0, e.g. 0.2, as"
              + " calculate() answers it");
    }
    conversionRate = conversionRate.stripTrailingZeros();
    if (shortCode != null) {
      Check.shortCode("shortCode", shortCode);
    }
    Check.text("accountNumber", accountNumber, 1, MAX_ACCOUNT_NUMBER);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Masks the number: requests end up in logs. */
  @Override
  public String toString() {
    return "BongaRedeemRequest[msisdn="
        + Objects.toString(msisdn)
        + ", amount="
        + amount
        + ", bongaPoints="
        + bongaPoints
        + ", conversionRate="
        + (conversionRate == null ? null : conversionRate.toPlainString())
        + ", shortCode="
        + shortCode
        + ", accountNumber="
        + accountNumber
        + "]";
  }

  /** Builds a {@link BongaRedeemRequest}. */
  public static final class Builder {
    private String msisdn;
    private long amount;
    private long bongaPoints;
    private BigDecimal conversionRate;
    private String shortCode;
    private String accountNumber;

    private Builder() {}

    /** The customer, written any way people write it ({@code 07…}, {@code +254…}). */
    public Builder msisdn(String msisdn) {
      this.msisdn = msisdn;
      return this;
    }

    /** Whole KES paid to the PayBill. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Points redeemed. */
    public Builder bongaPoints(long bongaPoints) {
      this.bongaPoints = bongaPoints;
      return this;
    }

    /** KES per point, exact: {@code new BigDecimal("0.2")}, never a double. */
    public Builder conversionRate(BigDecimal conversionRate) {
      this.conversionRate = conversionRate;
      return this;
    }

    /** The PayBill paid; the client's shortcode if not set. */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** The account at the PayBill (the confirmation's BillRefNumber). */
    public Builder accountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public BongaRedeemRequest build() {
      return new BongaRedeemRequest(
          Msisdn.parse("msisdn", msisdn),
          amount,
          bongaPoints,
          conversionRate,
          shortCode,
          accountNumber);
    }
  }
}
