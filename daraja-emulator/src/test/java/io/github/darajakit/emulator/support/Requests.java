package io.github.darajakit.emulator.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Valid Daraja request bodies with the sandbox's test values, shaped exactly as the reference's
 * samples. Tests change one field at a time to see each rule.
 */
public final class Requests {

  public static final String STK_SHORTCODE = "174379";
  public static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
  public static final String TEST_MSISDN = "254708374149";
  public static final String SHORTCODE = "600992";
  public static final String TIMESTAMP = "20250101120000";

  private Requests() {}

  /** Base64(shortcode + passkey + timestamp). */
  public static String password(String shortCode, String passkey, String timestamp) {
    return Base64.getEncoder()
        .encodeToString((shortCode + passkey + timestamp).getBytes(StandardCharsets.UTF_8));
  }

  /** An STK push to the sandbox PayBill. */
  public static ObjectNode stkPush(String phone, long amount, String callbackUrl) {
    ObjectNode body = DarajaHttp.object();
    body.put("BusinessShortCode", 174379)
        .put("Password", password(STK_SHORTCODE, PASSKEY, TIMESTAMP))
        .put("Timestamp", TIMESTAMP)
        .put("TransactionType", "CustomerPayBillOnline")
        .put("Amount", String.valueOf(amount))
        .put("PartyA", phone)
        .put("PartyB", STK_SHORTCODE)
        .put("PhoneNumber", phone)
        .put("CallBackURL", callbackUrl)
        .put("AccountReference", "accountref")
        .put("TransactionDesc", "txndesc");
    return body;
  }

  /** An STK query for a CheckoutRequestID. */
  public static ObjectNode stkQuery(String checkoutRequestId) {
    ObjectNode body = DarajaHttp.object();
    body.put("BusinessShortCode", STK_SHORTCODE)
        .put("Password", password(STK_SHORTCODE, PASSKEY, TIMESTAMP))
        .put("Timestamp", TIMESTAMP)
        .put("CheckoutRequestID", checkoutRequestId);
    return body;
  }

  /**
   * A Ratiba standing order for the sandbox test customer, shaped as the reference's sample
   * (REFERENCE §15), paying {@code shortCode} daily from {@code startDate} to {@code endDate}.
   */
  public static ObjectNode standingOrder(
      String name,
      String phone,
      String shortCode,
      String startDate,
      String endDate,
      String frequency,
      String callbackUrl) {
    ObjectNode body = DarajaHttp.object();
    body.put("StandingOrderName", name)
        .put("StartDate", startDate)
        .put("EndDate", endDate)
        .put("BusinessShortCode", shortCode)
        .put("TransactionType", "Standing Order Customer Pay Bill")
        .put("ReceiverPartyIdentifierType", "4")
        .put("Amount", "4500")
        .put("PartyA", phone)
        .put("CallBackURL", callbackUrl)
        .put("AccountReference", "Test")
        .put("TransactionDesc", "Test")
        .put("Frequency", frequency);
    return body;
  }

  /** C2B URL registration. */
  public static ObjectNode c2bRegister(
      String shortCode, String responseType, String confirmationUrl, String validationUrl) {
    ObjectNode body = DarajaHttp.object();
    body.put("ShortCode", shortCode)
        .put("ResponseType", responseType)
        .put("ConfirmationURL", confirmationUrl);
    if (validationUrl != null) {
      body.put("ValidationURL", validationUrl);
    }
    return body;
  }

  /** C2B simulation of a PayBill payment. */
  public static ObjectNode c2bSimulate(
      String shortCode, long amount, String msisdn, String billRef) {
    ObjectNode body = DarajaHttp.object();
    body.put("ShortCode", Long.parseLong(shortCode))
        .put("CommandID", "CustomerPayBillOnline")
        .put("Amount", amount)
        .put("Msisdn", Long.parseLong(msisdn))
        .put("BillRefNumber", billRef);
    return body;
  }

  /** B2C v3 (also the B2Pochi shape with another CommandID). */
  public static ObjectNode b2c(
      String originatorConversationId,
      String credential,
      long amount,
      String phone,
      String resultUrl,
      String timeoutUrl) {
    ObjectNode body = DarajaHttp.object();
    body.put("OriginatorConversationID", originatorConversationId)
        .put("InitiatorName", "testapi")
        .put("SecurityCredential", credential)
        .put("CommandID", "BusinessPayment")
        .put("Amount", String.valueOf(amount))
        .put("PartyA", SHORTCODE)
        .put("PartyB", phone)
        .put("Remarks", "remarked")
        .put("QueueTimeOutURL", timeoutUrl)
        .put("ResultURL", resultUrl)
        .put("Occassion", "ChristmasPay");
    return body;
  }

  /** B2B pay bill to the sandbox's Party B. */
  public static ObjectNode b2b(
      String commandId, String credential, long amount, String partyB, String resultUrl) {
    ObjectNode body = DarajaHttp.object();
    body.put("Initiator", "testapi")
        .put("SecurityCredential", credential)
        .put("CommandID", commandId)
        .put("SenderIdentifierType", "4")
        .put("RecieverIdentifierType", "4")
        .put("Amount", String.valueOf(amount))
        .put("PartyA", SHORTCODE)
        .put("PartyB", partyB)
        .put("AccountReference", "353353")
        .put("Requester", "254700000000")
        .put("Remarks", "OK")
        .put("QueueTimeOutURL", resultUrl.replace("result", "timeout"))
        .put("ResultURL", resultUrl)
        .put("Occassion", "");
    return body;
  }

  /** Transaction status by receipt (or by OriginalConversationID when receipt is null). */
  public static ObjectNode status(
      String credential,
      String receipt,
      String originalConversationId,
      String partyA,
      String resultUrl) {
    ObjectNode body = DarajaHttp.object();
    body.put("Initiator", "testapi")
        .put("SecurityCredential", credential)
        .put("CommandID", "TransactionStatusQuery");
    if (receipt != null) {
      body.put("TransactionID", receipt);
    }
    if (originalConversationId != null) {
      body.put("OriginalConversationID", originalConversationId);
    }
    body.put("PartyA", partyA)
        .put("IdentifierType", "4")
        .put("ResultURL", resultUrl)
        .put("QueueTimeOutURL", resultUrl.replace("result", "timeout"))
        .put("Remarks", "OK")
        .put("Occasion", "OK");
    return body;
  }

  /** Account balance of a shortcode. */
  public static ObjectNode balance(String credential, String partyA, String resultUrl) {
    ObjectNode body = DarajaHttp.object();
    body.put("Initiator", "testapi")
        .put("SecurityCredential", credential)
        .put("CommandID", "AccountBalance")
        .put("PartyA", partyA)
        .put("IdentifierType", "4")
        .put("Remarks", "ok")
        .put("QueueTimeOutURL", resultUrl.replace("result", "timeout"))
        .put("ResultURL", resultUrl);
    return body;
  }

  /** Reversal of a receipt received by a shortcode. */
  public static ObjectNode reversal(
      String credential, String receipt, long amount, String receiverParty, String resultUrl) {
    ObjectNode body = DarajaHttp.object();
    body.put("Initiator", "testapi")
        .put("SecurityCredential", credential)
        .put("CommandID", "TransactionReversal")
        .put("TransactionID", receipt)
        .put("Amount", String.valueOf(amount))
        .put("ReceiverParty", receiverParty)
        .put("RecieverIdentifierType", "11")
        .put("ResultURL", resultUrl)
        .put("QueueTimeOutURL", resultUrl.replace("result", "timeout"))
        .put("Remarks", "Payment reversal");
    return body;
  }
}
