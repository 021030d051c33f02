package io.github.darajakit.client.callbacks;

import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;
import java.util.Optional;

/**
 * How an STK push ended: {@code {"Body":{"stkCallback":{…}}}} posted to the push's CallBackURL
 * (REFERENCE §4.2).
 *
 * <p>{@link #payment()} is present exactly when the customer paid. Match the callback to your push
 * by {@link #checkoutRequestId()}, and treat a second callback for the same id as a duplicate.
 *
 * @param merchantRequestId Daraja's MerchantRequestID
 * @param checkoutRequestId the CheckoutRequestID the push answered with (old ones look like {@code
 *     ws_CO_DMZ_…})
 * @param resultCode the ResultCode (a number, or text such as {@code SFC_IC0003}) with its STK
 *     meaning
 * @param resultDesc Daraja's ResultDesc without the legacy {@code [STK_CB - ]} prefix
 * @param payment what was paid, present only on success
 * @param rawJson the body as received
 */
public record StkCallback(
    String merchantRequestId,
    String checkoutRequestId,
    ResultCode resultCode,
    String resultDesc,
    Optional<StkPayment> payment,
    String rawJson)
    implements DarajaCallback {

  /** What it means for the money. */
  public Outcome outcome() {
    return resultCode.outcome();
  }

  /** True if the customer paid. */
  public boolean isPaid() {
    return resultCode.isSuccess() && payment.isPresent();
  }

  /** Leaves out the raw body, which holds the customer's phone number. */
  @Override
  public String toString() {
    return "StkCallback[merchantRequestId="
        + merchantRequestId
        + ", checkoutRequestId="
        + checkoutRequestId
        + ", resultCode="
        + resultCode.code()
        + ", resultDesc="
        + resultDesc
        + ", payment="
        + payment.map(StkPayment::toString).orElse("none")
        + "]";
  }
}
