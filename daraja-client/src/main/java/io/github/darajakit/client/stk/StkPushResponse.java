package io.github.darajakit.client.stk;

/**
 * Daraja accepted an STK push: the prompt is on its way. The outcome arrives later on the callback
 * URL, or by {@code client.stk().query(checkoutRequestId)}.
 *
 * @param merchantRequestId Daraja's MerchantRequestID
 * @param checkoutRequestId the CheckoutRequestID: the key to the callback and the query
 * @param responseCode {@code "0"}
 * @param responseDescription e.g. {@code Success. Request accepted for processing}
 * @param customerMessage the message for the customer
 * @param rawJson the answer as received, for audit
 */
public record StkPushResponse(
    String merchantRequestId,
    String checkoutRequestId,
    String responseCode,
    String responseDescription,
    String customerMessage,
    String rawJson) {}
