package io.github.darajakit.gateway.support;

/** Daraja callback bodies, shaped as REFERENCE shows them, for tests that play Daraja. */
public final class Callbacks {

  private Callbacks() {}

  /** A successful STK callback. */
  public static String stkSuccess(
      String merchantRequestId,
      String checkoutRequestId,
      long amount,
      String phone,
      String receipt) {
    return """
        {"Body":{"stkCallback":{"MerchantRequestID":"%s","CheckoutRequestID":"%s","ResultCode":0,\
        "ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[\
        {"Name":"Amount","Value":%d.00},{"Name":"MpesaReceiptNumber","Value":"%s"},\
        {"Name":"Balance"},{"Name":"TransactionDate","Value":20261128101500},\
        {"Name":"PhoneNumber","Value":%s}]}}}}"""
        .formatted(merchantRequestId, checkoutRequestId, amount, receipt, phone);
  }

  /** An unsuccessful STK callback (no metadata). */
  public static String stkFailure(
      String merchantRequestId, String checkoutRequestId, int resultCode, String resultDesc) {
    return """
        {"Body":{"stkCallback":{"MerchantRequestID":"%s","CheckoutRequestID":"%s",\
        "ResultCode":%d,"ResultDesc":"%s"}}}"""
        .formatted(merchantRequestId, checkoutRequestId, resultCode, resultDesc);
  }

  /** A C2B confirmation (v2 shape: masked MSISDN). */
  public static String c2bConfirmation(
      String transId, String shortCode, long amount, String billRef) {
    return """
        {"TransactionType":"Pay Bill","TransID":"%s","TransTime":"20261128101500",\
        "TransAmount":"%d.00","BusinessShortCode":"%s","BillRefNumber":"%s","InvoiceNumber":"",\
        "OrgAccountBalance":"1500.00","ThirdPartyTransID":"","MSISDN":"2547 ***** 126",\
        "FirstName":"JOHN","MiddleName":"","LastName":""}"""
        .formatted(transId, amount, shortCode, billRef);
  }

  /**
   * A successful B2C Result.
   *
   * @param amount the TransactionAmount, or {@code null} to leave it out
   * @param recipient the phone paid, as ReceiverPartyPublicName names it
   */
  public static String b2cSuccess(
      String originatorConversationId,
      String conversationId,
      Long amount,
      String receipt,
      String recipient) {
    String amountItem =
        amount == null ? "" : "{\"Key\":\"TransactionAmount\",\"Value\":" + amount + "},";
    return """
        {"Result":{"ResultType":0,"ResultCode":0,\
        "ResultDesc":"The service request is processed successfully.",\
        "OriginatorConversationID":"%s","ConversationID":"%s","TransactionID":"%s",\
        "ResultParameters":{"ResultParameter":[%s\
        {"Key":"TransactionReceipt","Value":"%s"},\
        {"Key":"ReceiverPartyPublicName","Value":"%s - John Doe"},\
        {"Key":"TransactionCompletedDateTime","Value":"28.11.2026 10:15:00"},\
        {"Key":"B2CUtilityAccountAvailableFunds","Value":1000.00},\
        {"Key":"B2CWorkingAccountAvailableFunds","Value":0.00},\
        {"Key":"B2CRecipientIsRegisteredCustomer","Value":"Y"},\
        {"Key":"B2CChargesPaidAccountAvailableFunds","Value":0.00}]},\
        "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL",\
        "Value":"https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}}}}"""
        .formatted(
            originatorConversationId, conversationId, receipt, amountItem, receipt, recipient);
  }

  /** A failed B2C Result: no payment parameters, as Daraja sends it. */
  public static String b2cFailure(
      String originatorConversationId, String conversationId, int resultCode, String resultDesc) {
    return """
        {"Result":{"ResultType":0,"ResultCode":%d,"ResultDesc":"%s",\
        "OriginatorConversationID":"%s","ConversationID":"%s","TransactionID":"OAK0000000",\
        "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL",\
        "Value":"https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}}}}"""
        .formatted(resultCode, resultDesc, originatorConversationId, conversationId);
  }

  /** A B2B Express Checkout success (REFERENCE §8's flat body). */
  public static String b2bExpressSuccess(String requestId, String amount, String receipt) {
    return """
        {"resultCode":"0","resultDesc":"The service request is processed successfully.",\
        "amount":"%s","requestId":"%s","resultType":"0",\
        "conversationID":"AG_20261128_2010434680d9f5a73766","transactionId":"%s",\
        "status":"SUCCESS"}"""
        .formatted(amount, requestId, receipt);
  }

  /** A B2B Express Checkout failure, e.g. {@code 4001} "User cancelled transaction". */
  public static String b2bExpressFailure(
      String requestId, String code, String desc, String amount, String paymentReference) {
    return """
        {"resultCode":"%s","resultDesc":"%s","requestId":"%s","amount":"%s",\
        "paymentReference":"%s"}"""
        .formatted(code, desc, requestId, amount, paymentReference);
  }
}
