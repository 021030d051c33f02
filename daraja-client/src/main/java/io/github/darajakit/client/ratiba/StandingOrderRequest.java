package io.github.darajakit.client.ratiba;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.net.URI;
import java.time.LocalDate;

/**
 * An M-Pesa Ratiba request (REFERENCE §15): a standing order that pays a PayBill or till from the
 * customer's wallet on a schedule. The customer consents with a PIN prompt. Validated when built;
 * nothing is sent until {@code client.ratiba().create(request)}.
 *
 * <pre>{@code
 * StandingOrderRequest request = StandingOrderRequest.builder()
 *     .name("Rent flat 4B")                  // unique per customer: a repeat is refused (1050)
 *     .startDate(LocalDate.of(2026, 11, 1))
 *     .endDate(LocalDate.of(2027, 10, 31))
 *     .frequency(StandingOrderFrequency.MONTHLY)
 *     .amount(4500)
 *     .phone("0712 345 678")
 *     .accountReference("FLAT-4B")
 *     .description("Rent")
 *     .callbackUrl("https://shop.example.com/daraja/ratiba")
 *     .callbackToken("so-4b-2026")          // the callback arrives at …/daraja/ratiba/so-4b-2026
 *     .build();
 * }</pre>
 *
 * @param name {@code StandingOrderName}, 1–64 characters, unique per customer
 * @param startDate the first day it may pay ({@code StartDate}, sent as {@code yyyyMMdd})
 * @param endDate the last day it may pay ({@code EndDate}), not before {@code startDate}
 * @param type PayBill (default) or Buy Goods (a till)
 * @param amount whole KES per payment, 1 to 250,000
 * @param phone the paying customer ({@code PartyA})
 * @param callbackUrl where Daraja posts the result, as given (without {@code callbackToken})
 * @param callbackToken your token for this request, sent as the last path segment of the
 *     CallBackURL (see {@link #darajaCallbackUrl()}), or {@code null}
 * @param accountReference {@code AccountReference}, 1–12 characters
 * @param description {@code TransactionDesc}, 1–13 characters
 * @param frequency how often it pays
 * @param shortCode overrides the client's shortcode as {@code BusinessShortCode} (the PayBill, or
 *     for Buy Goods the till), or {@code null}
 */
public record StandingOrderRequest(
    String name,
    LocalDate startDate,
    LocalDate endDate,
    StandingOrderType type,
    long amount,
    Msisdn phone,
    URI callbackUrl,
    String callbackToken,
    String accountReference,
    String description,
    StandingOrderFrequency frequency,
    String shortCode) {

  /** The largest amount per payment in KES (REFERENCE §21, as for STK). */
  public static final long MAX_AMOUNT = 250_000;

  /** Longest {@code StandingOrderName}. */
  public static final int MAX_NAME = 64;

  /** Longest AccountReference. */
  public static final int MAX_ACCOUNT_REFERENCE = 12;

  /** Longest TransactionDesc. */
  public static final int MAX_DESCRIPTION = 13;

  /** Longest {@code callbackToken}. */
  public static final int MAX_CALLBACK_TOKEN = Check.MAX_CALLBACK_TOKEN;

  /** Validates every field; see the class documentation for the limits. */
  public StandingOrderRequest {
    Check.text("name", name, 1, MAX_NAME);
    if (startDate == null) {
      throw new DarajaValidationException("startDate", "is required: the first day it may pay");
    }
    if (endDate == null) {
      throw new DarajaValidationException("endDate", "is required: the last day it may pay");
    }
    if (endDate.isBefore(startDate)) {
      throw new DarajaValidationException(
          "endDate",
          endDate
              + " is before startDate "
              + startDate
              + ": the last day must be on or after the first");
    }
    if (type == null) {
      type = StandingOrderType.PAY_BILL;
    }
    Check.amount("amount", amount, 1, MAX_AMOUNT);
    if (phone == null) {
      throw new DarajaValidationException("phone", "is required: the customer who pays");
    }
    if (callbackUrl == null) {
      throw new DarajaValidationException(
          "callbackUrl", "is required: an absolute https URL Daraja can reach");
    }
    Check.callbackToken("callbackToken", callbackToken);
    Check.text("accountReference", accountReference, 1, MAX_ACCOUNT_REFERENCE);
    Check.text("description", description, 1, MAX_DESCRIPTION);
    if (frequency == null) {
      throw new DarajaValidationException(
          "frequency", "is required, e.g. StandingOrderFrequency.MONTHLY");
    }
    if (shortCode != null) {
      Check.shortCode("shortCode", shortCode);
    }
  }

  /**
   * The CallBackURL Daraja is given: {@link #callbackUrl()}, with {@link #callbackToken()} added as
   * the last segment of its path when there is one ({@code https://shop.example.com/daraja/ratiba}
   * and {@code so-4b-2026} give {@code https://shop.example.com/daraja/ratiba/so-4b-2026}).
   */
  public URI darajaCallbackUrl() {
    return Check.withCallbackToken(callbackUrl, callbackToken);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link StandingOrderRequest}. */
  public static final class Builder {
    private String name;
    private LocalDate startDate;
    private LocalDate endDate;
    private StandingOrderType type = StandingOrderType.PAY_BILL;
    private long amount;
    private Msisdn phone;
    private URI callbackUrl;
    private String callbackToken;
    private String accountReference;
    private String description;
    private StandingOrderFrequency frequency;
    private String shortCode;

    private Builder() {}

    /**
     * The {@code StandingOrderName}, 1 to 64 characters. Unique per customer: Daraja refuses a
     * second standing order with the same name (ResultCode 1050), which also makes a repeat after
     * an unknown outcome safe.
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The first day it may pay. */
    public Builder startDate(LocalDate startDate) {
      this.startDate = startDate;
      return this;
    }

    /** The last day it may pay: on or after the start date. */
    public Builder endDate(LocalDate endDate) {
      this.endDate = endDate;
      return this;
    }

    /** {@link StandingOrderType#PAY_BILL} (default) or {@link StandingOrderType#BUY_GOODS}. */
    public Builder type(StandingOrderType type) {
      this.type = type;
      return this;
    }

    /** Whole KES per payment. */
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

    /** Where Daraja posts the result: an absolute http(s) URL (https in production). */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = Check.callbackUrl("callbackUrl", callbackUrl, false);
      return this;
    }

    /** Where Daraja posts the result: an absolute http(s) URL (https in production). */
    public Builder callbackUrl(URI callbackUrl) {
      this.callbackUrl =
          Check.callbackUrl(
              "callbackUrl", callbackUrl == null ? null : callbackUrl.toString(), false);
      return this;
    }

    /**
     * Your token for this request, e.g. your standing order's id: sent as the last segment of the
     * CallBackURL's path, so its callback arrives at a URL of yours that names it. Record it before
     * sending: if the answer is lost, {@link
     * io.github.darajakit.client.DarajaOutcomeUnknownException} carries {@code
     * callbackToken().orElseThrow()}. 1 to 64 letters, digits, {@code -} or {@code _}; your
     * callback handler must answer every path under {@code callbackUrl}.
     */
    public Builder callbackToken(String callbackToken) {
      this.callbackToken = callbackToken;
      return this;
    }

    /** The {@code AccountReference}; 1 to 12 characters. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** The {@code TransactionDesc}; 1 to 13 characters. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** How often it pays (required). */
    public Builder frequency(StandingOrderFrequency frequency) {
      this.frequency = frequency;
      return this;
    }

    /**
     * Use another {@code BusinessShortCode} than the client's default: the PayBill, or for {@link
     * StandingOrderType#BUY_GOODS} the till.
     */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /**
     * The validated request.
     *
     * @throws DarajaValidationException naming the field at fault
     */
    public StandingOrderRequest build() {
      return new StandingOrderRequest(
          name,
          startDate,
          endDate,
          type,
          amount,
          phone,
          callbackUrl,
          callbackToken,
          accountReference,
          description,
          frequency,
          shortCode);
    }
  }
}
