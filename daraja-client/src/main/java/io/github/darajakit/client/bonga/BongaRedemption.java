package io.github.darajakit.client.bonga;

/**
 * Daraja's acknowledgement of a Lipa na Bonga redemption (REFERENCE §16): the request was accepted
 * and the customer prompted; nothing has moved yet. The outcome arrives as a C2B confirmation on
 * the shortcode's registered ConfirmationURL ({@code BillRefNumber} = the account number, {@code
 * TransAmount} = the amount); a declined prompt sends nothing.
 *
 * @param requestRefId {@code header.requestRefId}: quote it to Safaricom
 * @param responseCode {@code header.responseCode}, {@code "200"} when accepted
 * @param responseMessage {@code header.responseMessage}, e.g. {@code Operation Successfully.}
 * @param customerMessage {@code header.customerMessage}, or {@code ""}
 * @param timestamp {@code header.timestamp} as received, or {@code ""}
 * @param rawJson the answer as received, for audit
 */
public record BongaRedemption(
    String requestRefId,
    String responseCode,
    String responseMessage,
    String customerMessage,
    String timestamp,
    String rawJson) {}
