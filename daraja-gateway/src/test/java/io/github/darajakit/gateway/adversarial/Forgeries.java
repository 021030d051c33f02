package io.github.darajakit.gateway.adversarial;

import io.github.darajakit.gateway.support.Callbacks;
import java.util.SplittableRandom;

/**
 * Callback bodies nothing sent, shaped as Daraja's: what an attacker who knows the callback secret
 * could post. Every forged receipt that is not taken from the ledger starts with {@code FRG}, so it
 * can never be one the emulator issued.
 */
final class Forgeries {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  /** A success callback of one family (STK callback, B2C Result) claiming these facts. */
  @FunctionalInterface
  interface Success {
    String body(String id, long amount, String phone, String receipt);
  }

  private Forgeries() {}

  /** A receipt-shaped string the emulator never issues. */
  static String receipt(SplittableRandom random) {
    return "FRG" + text(random, 7);
  }

  /** A CheckoutRequestID-shaped string no push was given. */
  static String checkoutRequestId(SplittableRandom random) {
    return "ws_CO_FRG" + text(random, 20);
  }

  /** An OriginatorConversationID-shaped string no payout was sent under. */
  static String originatorConversationId(SplittableRandom random) {
    return "frg-" + text(random, 8).toLowerCase(java.util.Locale.ROOT) + "-forged";
  }

  /** A successful STK callback. */
  static String stkSuccess(String checkoutRequestId, long amount, String phone, String receipt) {
    return Callbacks.stkSuccess(
        "FRG-" + checkoutRequestId, checkoutRequestId, amount, phone, receipt);
  }

  /** A "successful" STK callback without the metadata a success must carry. */
  static String stkSuccessWithoutMetadata(String checkoutRequestId) {
    return """
        {"Body":{"stkCallback":{"MerchantRequestID":"FRG-%s","CheckoutRequestID":"%s",\
        "ResultCode":0,"ResultDesc":"The service request is processed successfully."}}}"""
        .formatted(checkoutRequestId, checkoutRequestId);
  }

  /** A successful B2C Result, as the emulator shapes one. */
  static String b2cSuccess(
      String originatorConversationId, long amount, String phone, String receipt) {
    return """
        {"Result":{"ResultType":0,"ResultCode":0,\
        "ResultDesc":"The service request is processed successfully.",\
        "OriginatorConversationID":"%s","ConversationID":"AG_FRG_%s","TransactionID":"%s",\
        "ResultParameters":{"ResultParameter":[{"Key":"TransactionAmount","Value":%d},\
        {"Key":"TransactionReceipt","Value":"%s"},\
        {"Key":"ReceiverPartyPublicName","Value":"%s - Forged Name"},\
        {"Key":"TransactionCompletedDateTime","Value":"28.11.2026 10:15:00"},\
        {"Key":"B2CUtilityAccountAvailableFunds","Value":1000.00},\
        {"Key":"B2CWorkingAccountAvailableFunds","Value":1000.00},\
        {"Key":"B2CRecipientIsRegisteredCustomer","Value":"Y"},\
        {"Key":"B2CChargesPaidAccountAvailableFunds","Value":0.00}]},\
        "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL",\
        "Value":"https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}}}}"""
        .formatted(originatorConversationId, receipt, receipt, amount, receipt, phone);
  }

  /** A "successful" B2C Result naming a receipt but no amount and no recipient. */
  static String b2cSuccessWithoutParameters(String originatorConversationId, String receipt) {
    return """
        {"Result":{"ResultType":0,"ResultCode":0,\
        "ResultDesc":"The service request is processed successfully.",\
        "OriginatorConversationID":"%s","ConversationID":"AG_FRG_%s","TransactionID":"%s"}}"""
        .formatted(originatorConversationId, receipt, receipt);
  }

  private static String text(SplittableRandom random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
