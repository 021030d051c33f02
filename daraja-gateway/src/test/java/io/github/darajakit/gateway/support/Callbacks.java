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
}
