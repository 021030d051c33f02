package io.github.darajakit.client.stk;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.net.URI;

/**
 * An M-Pesa Express (STK push) request: the customer gets a PIN prompt on their phone. Validated
 * when built; nothing is sent until {@code client.stk().push(request)}.
 *
 * <pre>{@code
 * StkPushRequest request = StkPushRequest.builder()
 *     .phone("0712 345 678")
 *     .amount(150)
 *     .accountReference("INV-1042")
 *     .description("Invoice 1042")
 *     .callbackUrl("https://shop.example.com/daraja/stk")
 *     .callbackToken("order-1042-1")     // the callback arrives at …/daraja/stk/order-1042-1
 *     .build();
 * }</pre>
 *
 * @param phone who pays and gets the prompt
 * @param amount whole KES, 1 to 250,000
 * @param accountReference shown in the prompt, 1–20 characters (see {@link #MAX_ACCOUNT_REFERENCE})
 * @param description {@code TransactionDesc}, 1–100 characters (see {@link #MAX_DESCRIPTION})
 * @param callbackUrl where Daraja posts the result, as given (without {@code callbackToken})
 * @param type PayBill (default) or Buy Goods
 * @param till for Buy Goods: the till number (PartyB); {@code null} for PayBill
 * @param shortCode overrides the client's shortcode (the PayBill, or the store for Buy Goods), or
 *     {@code null}
 * @param callbackToken your token for this push, sent as the last path segment of the CallBackURL
 *     (see {@link #darajaCallbackUrl()}), or {@code null}
 */
public record StkPushRequest(
    Msisdn phone,
    long amount,
    String accountReference,
    String description,
    URI callbackUrl,
    StkTransactionType type,
    String till,
    String shortCode,
    String callbackToken) {

  /** The largest STK amount in KES (REFERENCE §21; older documents say 150,000). */
  public static final long MAX_AMOUNT = 250_000;

  /**
   * Longest AccountReference accepted here. ⚠ Safaricom's portal says 12, but the sandbox accepted
   * 15; 20 is PayBill's account-number limit, which the reference becomes. Keep it to 12 if you
   * want the portal's limit: a long reference can also make the prompt too long (ResultCode 1025).
   */
  public static final int MAX_ACCOUNT_REFERENCE = 20;

  /**
   * Longest TransactionDesc accepted here. ⚠ Safaricom's portal says 13, but the sandbox passed
   * Safaricom's own Node library's 20-character default ("Lipa na mpesa online"); 100 is the limit
   * of M-Pesa's Remarks, which Daraja calls it.
   */
  public static final int MAX_DESCRIPTION = 100;

  /** Longest {@code callbackToken}. */
  public static final int MAX_CALLBACK_TOKEN = Check.MAX_CALLBACK_TOKEN;

  /** Validates every field; see the class documentation for the limits. */
  public StkPushRequest {
    if (phone == null) {
      throw new DarajaValidationException("phone", "is required");
    }
    Check.amount("amount", amount, 1, MAX_AMOUNT);
    Check.text("accountReference", accountReference, 1, MAX_ACCOUNT_REFERENCE);
    Check.text("description", description, 1, MAX_DESCRIPTION);
    if (callbackUrl == null) {
      throw new DarajaValidationException("callbackUrl", "is required");
    }
    if (type == null) {
      type = StkTransactionType.PAY_BILL;
    }
    if (type == StkTransactionType.BUY_GOODS) {
      if (till == null) {
        throw new DarajaValidationException(
            "till", "is required for Buy Goods: the till number that receives the money");
      }
      Check.shortCode("till", till);
    } else if (till != null) {
      throw new DarajaValidationException(
          "till", "is only for Buy Goods; a PayBill push pays the PayBill shortcode itself");
    }
    if (shortCode != null) {
      Check.shortCode("shortCode", shortCode);
    }
    Check.callbackToken("callbackToken", callbackToken);
  }

  /**
   * The CallBackURL Daraja is given: {@link #callbackUrl()}, with {@link #callbackToken()} added as
   * the last segment of its path when there is one ({@code https://shop.example.com/daraja/stk} and
   * {@code order-1042-1} give {@code https://shop.example.com/daraja/stk/order-1042-1}).
   */
  public URI darajaCallbackUrl() {
    return Check.withCallbackToken(callbackUrl, callbackToken);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link StkPushRequest}. */
  public static final class Builder {
    private Msisdn phone;
    private long amount;
    private String accountReference;
    private String description;
    private URI callbackUrl;
    private StkTransactionType type = StkTransactionType.PAY_BILL;
    private String till;
    private String shortCode;
    private String callbackToken;

    private Builder() {}

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

    /** Whole KES. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Shown in the customer's prompt; 1 to 20 characters (⚠ the portal says 12). */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** The {@code TransactionDesc}; 1 to 100 characters (⚠ the portal says 13). */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** Where Daraja posts the result: an absolute http(s) URL (https in production). */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = Check.callbackUrl("callbackUrl", callbackUrl, false);
      return this;
    }

    /**
     * Your token for this push, e.g. your payment's id, unique per push: sent as the last segment
     * of the CallBackURL's path, so this push's callback arrives at a URL of yours that names it
     * ({@code callbackUrl("https://shop.example.com/daraja/stk").callbackToken("order-1042-1")} →
     * {@code https://shop.example.com/daraja/stk/order-1042-1}). Record it before pushing: if the
     * push's answer is lost, no CheckoutRequestID ever reaches you (so STK Query cannot be asked),
     * but {@link io.github.darajakit.client.DarajaOutcomeUnknownException} carries {@code
     * callbackToken().orElseThrow()}, and the callback that names it carries the CheckoutRequestID.
     *
     * <p>A path segment, not a query parameter: whether Daraja keeps a CallBackURL's query string
     * is not documented. 1 to 64 letters, digits, {@code -} or {@code _}; your callback handler
     * must answer every path under {@code callbackUrl}.
     */
    public Builder callbackToken(String callbackToken) {
      this.callbackToken = callbackToken;
      return this;
    }

    /** Pay a till under the client's (or {@link #shortCode}'s) Buy Goods store. */
    public Builder buyGoods(String till) {
      this.type = StkTransactionType.BUY_GOODS;
      this.till = till;
      return this;
    }

    /** Use another shortcode than the client's default (and its passkey must be the client's). */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /**
     * The validated request.
     *
     * @throws io.github.darajakit.client.DarajaValidationException naming the field at fault
     */
    public StkPushRequest build() {
      return new StkPushRequest(
          phone,
          amount,
          accountReference,
          description,
          callbackUrl,
          type,
          till,
          shortCode,
          callbackToken);
    }
  }
}
