package io.github.darajakit.client.b2bexpress;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.internal.Check;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A B2B Express Checkout request (REFERENCE §8): a USSD prompt goes to the operator of the till
 * {@code primaryShortCode} (its nominated number), who pays {@code receiverShortCode} from the
 * till's account by entering their operator ID and PIN. Validated when built; nothing is sent until
 * {@code client.b2bExpress().push(request)}.
 *
 * <pre>{@code
 * B2bExpressCheckoutRequest request = B2bExpressCheckoutRequest.builder()
 *     .primaryShortCode("600501")          // the till that pays
 *     .receiverShortCode("600000")         // your PayBill, which is paid
 *     .amount(2500)
 *     .paymentRef("INV-1042")
 *     .partnerName("Acme Supplies")        // shown in the till operator's prompt
 *     .callbackUrl("https://shop.example.com/daraja/b2b-express")
 *     .build();                            // requestRefId: a fresh UUID
 * String matchCallbacksBy = request.requestRefId();
 * }</pre>
 *
 * <p><b>{@code RequestRefID} is always sent.</b> When you do not give one, a random UUID is
 * generated here, so that every push carries an id of yours: record {@link #requestRefId()} before
 * pushing, and match the callback's {@code requestId} to it — also when the push's answer is lost
 * ({@code DarajaOutcomeUnknownException.requestRefId().orElseThrow()}).
 *
 * @param primaryShortCode the debit party: the merchant's till (5–9 digits)
 * @param receiverShortCode the credit party: the vendor's PayBill (5–9 digits)
 * @param amount whole KES, 1 to {@value #MAX_AMOUNT} (⚠ REFERENCE §8 gives no limit: the STK and
 *     B2C per-transaction maximum of §21 is assumed)
 * @param paymentRef shown in the prompt and echoed as the callback's {@code paymentReference}, 1 to
 *     {@value #MAX_PAYMENT_REF} characters (⚠ undocumented: chosen so the prompt stays within the
 *     182 characters a USSD push allows)
 * @param partnerName your name as the prompt shows it ("…to {partnerName}…"), 1 to {@value
 *     #MAX_PARTNER_NAME} characters (⚠ undocumented, as for {@code paymentRef})
 * @param callbackUrl where Daraja posts the flat camelCase result, as given (without {@code
 *     callbackToken}); https in production
 * @param requestRefId {@code RequestRefID}: unique per push, 1 to {@value #MAX_REQUEST_REF_ID}
 *     letters, digits, {@code -} or {@code _}; a random UUID when not given
 * @param callbackToken your token for this push, sent as the last path segment of the callback URL
 *     (see {@link #darajaCallbackUrl()}), or {@code null}
 */
public record B2bExpressCheckoutRequest(
    String primaryShortCode,
    String receiverShortCode,
    long amount,
    String paymentRef,
    String partnerName,
    URI callbackUrl,
    String requestRefId,
    String callbackToken) {

  /** The largest amount in KES (⚠ assumed from REFERENCE §21; §8 states none). */
  public static final long MAX_AMOUNT = 250_000;

  /** Longest {@code paymentRef} (⚠ undocumented). */
  public static final int MAX_PAYMENT_REF = 20;

  /** Longest {@code partnerName} (⚠ undocumented). */
  public static final int MAX_PARTNER_NAME = 50;

  /** Longest {@code RequestRefID} (a UUID has 36 characters). */
  public static final int MAX_REQUEST_REF_ID = 64;

  private static final Pattern REQUEST_REF_ID = Pattern.compile("[A-Za-z0-9_-]+");

  /**
   * Validates every field and fills in a random UUID for a missing {@code requestRefId}; see the
   * class documentation for the limits.
   */
  public B2bExpressCheckoutRequest {
    Check.shortCode("primaryShortCode", primaryShortCode);
    Check.shortCode("receiverShortCode", receiverShortCode);
    if (primaryShortCode.equals(receiverShortCode)) {
      throw new DarajaValidationException(
          "receiverShortCode",
          "'" + receiverShortCode + "' is the primaryShortCode too: a till cannot pay itself");
    }
    Check.amount("amount", amount, 1, MAX_AMOUNT);
    Check.text("paymentRef", paymentRef, 1, MAX_PAYMENT_REF);
    Check.text("partnerName", partnerName, 1, MAX_PARTNER_NAME);
    if (callbackUrl == null) {
      throw new DarajaValidationException("callbackUrl", "is required");
    }
    if (requestRefId == null || requestRefId.isEmpty()) {
      // Every push gets an id of the application's: the callback can always be matched.
      requestRefId = UUID.randomUUID().toString();
    }
    Check.text("requestRefId", requestRefId, 1, MAX_REQUEST_REF_ID);
    if (!REQUEST_REF_ID.matcher(requestRefId).matches()) {
      throw new DarajaValidationException(
          "requestRefId",
          "'" + requestRefId + "' may hold only letters, digits, - and _ (a UUID fits)");
    }
    Check.callbackToken("callbackToken", callbackToken);
  }

  /**
   * The callbackUrl Daraja is given: {@link #callbackUrl()}, with {@link #callbackToken()} added as
   * the last segment of its path when there is one.
   */
  public URI darajaCallbackUrl() {
    return Check.withCallbackToken(callbackUrl, callbackToken);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link B2bExpressCheckoutRequest}. */
  public static final class Builder {
    private String primaryShortCode;
    private String receiverShortCode;
    private long amount;
    private String paymentRef;
    private String partnerName;
    private URI callbackUrl;
    private String requestRefId;
    private String callbackToken;

    private Builder() {}

    /** The till that pays; its operator gets the prompt. */
    public Builder primaryShortCode(String primaryShortCode) {
      this.primaryShortCode = primaryShortCode;
      return this;
    }

    /** The PayBill that is paid (yours). */
    public Builder receiverShortCode(String receiverShortCode) {
      this.receiverShortCode = receiverShortCode;
      return this;
    }

    /** Whole KES. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Shown in the prompt and echoed in the callback. */
    public Builder paymentRef(String paymentRef) {
      this.paymentRef = paymentRef;
      return this;
    }

    /** Your name as the till operator's prompt shows it. */
    public Builder partnerName(String partnerName) {
      this.partnerName = partnerName;
      return this;
    }

    /** Where Daraja posts the result: an absolute http(s) URL (https in production). */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = Check.callbackUrl("callbackUrl", callbackUrl, false);
      return this;
    }

    /**
     * Your unique id for this push, sent as {@code RequestRefID}; leave it out and a random UUID is
     * used. Record it before pushing: it is how the callback, and a push whose answer was lost, are
     * matched.
     */
    public Builder requestRefId(String requestRefId) {
      this.requestRefId = requestRefId;
      return this;
    }

    /**
     * Your token for this push, added as the last path segment of the callback URL, so the callback
     * also arrives at a URL that names it (1 to 64 letters, digits, {@code -} or {@code _}).
     */
    public Builder callbackToken(String callbackToken) {
      this.callbackToken = callbackToken;
      return this;
    }

    /**
     * The validated request.
     *
     * @throws DarajaValidationException naming the field at fault
     */
    public B2bExpressCheckoutRequest build() {
      return new B2bExpressCheckoutRequest(
          primaryShortCode,
          receiverShortCode,
          amount,
          paymentRef,
          partnerName,
          callbackUrl,
          requestRefId,
          callbackToken);
    }
  }
}
