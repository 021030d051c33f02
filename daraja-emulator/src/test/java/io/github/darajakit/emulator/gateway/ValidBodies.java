package io.github.darajakit.emulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.http.Endpoint;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;

/**
 * One valid request body per Daraja endpoint, with the sandbox's test values and callback URLs on
 * the harness's receiver. Tests break them one field at a time.
 */
final class ValidBodies {

  private ValidBodies() {}

  /**
   * A valid body for {@code endpoint}.
   *
   * @param unique makes OriginatorConversationIDs unique
   * @param reference what a query refers to: the prompt an STK query asks about, the payment a Bill
   *     Manager reconciliation acknowledges
   */
  static ObjectNode of(Endpoint endpoint, EmulatorHarness h, String unique, String reference) {
    String credential = h.credential();
    String result = h.url("/result");
    String timeout = h.url("/timeout");
    return switch (endpoint) {
      case OAUTH -> throw new IllegalArgumentException("OAuth takes no body");
      case STK_PUSH -> Requests.stkPush(Requests.TEST_MSISDN, 1, h.url("/stk"));
      case STK_QUERY -> Requests.stkQuery(reference);
      case C2B_REGISTER_V1, C2B_REGISTER_V2 ->
          Requests.c2bRegister(
              Requests.SHORTCODE, "Completed", h.url("/confirmation"), h.url("/validation"));
      case C2B_SIMULATE_V1, C2B_SIMULATE_V2 ->
          Requests.c2bSimulate(Requests.SHORTCODE, 1, Requests.TEST_MSISDN, "invoice-1");
      case B2C_V1 -> {
        ObjectNode body =
            Requests.b2c("unused", credential, 10, Requests.TEST_MSISDN, result, timeout);
        body.remove("OriginatorConversationID");
        yield body;
      }
      case B2C_V3 ->
          Requests.b2c("b2c-" + unique, credential, 10, Requests.TEST_MSISDN, result, timeout);
      case B2POCHI ->
          Requests.b2c("pochi-" + unique, credential, 10, Requests.TEST_MSISDN, result, timeout)
              .put("CommandID", "BusinessPayToPochi");
      case B2B -> Requests.b2b("BusinessPayBill", credential, 10, "600000", result);
      case TAX_REMITTANCE ->
          Requests.b2b("PayTaxToKRA", credential, 10, "572572", result).put("Remarks", "Tax");
      case TRANSACTION_STATUS ->
          Requests.status(credential, "SKE0000000", null, Requests.SHORTCODE, result);
      case ACCOUNT_BALANCE -> Requests.balance(credential, Requests.SHORTCODE, result);
      case REVERSAL -> Requests.reversal(credential, "SKE0000000", 10, Requests.SHORTCODE, result);
      case QR_GENERATE -> {
        ObjectNode body = DarajaHttp.object();
        body.put("MerchantName", "TEST SUPERMARKET")
            .put("RefNo", "Invoice Test")
            .put("Amount", 1)
            .put("TrxCode", "BG")
            .put("CPI", "373132")
            .put("Size", "300");
        yield body;
      }
      case PULL_REGISTER -> {
        ObjectNode body = DarajaHttp.object();
        body.put("ShortCode", Requests.SHORTCODE)
            .put("RequestType", "Pull")
            .put("NominatedNumber", Requests.TEST_MSISDN)
            .put("CallBackURL", h.url("/pull"));
        yield body;
      }
      case RATIBA ->
          Requests.standingOrder(
              "order-" + unique,
              Requests.TEST_MSISDN,
              Requests.SHORTCODE,
              "20300101",
              "20301231",
              "4",
              h.url("/ratiba"));
      case B2B_EXPRESS ->
          DarajaHttp.object()
              .put("primaryShortCode", "600501")
              .put("receiverShortCode", "600000")
              .put("amount", "1")
              .put("paymentRef", "ref-1")
              .put("callbackUrl", h.url("/b2b-express"))
              .put("partnerName", "Vendor")
              .put("RequestRefID", "ref-" + unique);
      case HAKIKISHA -> {
        ObjectNode body = DarajaHttp.object();
        body.putObject("header").put("requestID", "req-" + unique).put("timestamp", "1748933384");
        body.putObject("body").put("msisdn", Requests.TEST_MSISDN).put("shortcode", "600000");
        yield body;
      }
      case ORG_INFO -> {
        ObjectNode body = DarajaHttp.object();
        body.put("IdentifierType", "4").put("Identifier", Requests.SHORTCODE);
        yield body;
      }
      case IMSI_V1, IMSI_V2 -> DarajaHttp.object().put("customerNumber", Requests.TEST_MSISDN);
      case BONGA_CALCULATE -> DarajaHttp.object().put("points", "40");
      case BONGA_REDEEM -> {
        ObjectNode body = DarajaHttp.object();
        body.put("msisdn", Requests.TEST_MSISDN)
            .put("amount", 2)
            .put("bongaPoints", 10)
            .put("conversionRate", new java.math.BigDecimal("0.2"))
            .put("shortCode", Requests.SHORTCODE)
            .put("accountNumber", "bonga-" + unique);
        yield body;
      }
      case PULL_QUERY -> {
        ObjectNode body = DarajaHttp.object();
        body.put("ShortCode", Requests.SHORTCODE)
            .put("StartDate", "2025-01-01 08:00:00")
            .put("EndDate", "2025-01-02 08:00:00")
            .put("OffSetValue", "0");
        yield body;
      }
      case BILL_MANAGER_OPT_IN, BILL_MANAGER_UPDATE_OPT_IN ->
          DarajaHttp.object()
              .put("shortcode", Requests.SHORTCODE)
              .put("email", "billing@example.com")
              .put("officialContact", "0710123456")
              .put("sendReminders", "1")
              .put("callbackurl", h.url("/bills"));
      case BILL_MANAGER_INVOICE, BILL_MANAGER_BULK_INVOICE ->
          DarajaHttp.object()
              .put("externalReference", "inv-" + unique)
              .put("billedFullName", "John Doe")
              .put("billedPhoneNumber", "0708374149")
              .put("billedPeriod", "August 2021")
              .put("invoiceName", "Fees")
              .put("dueDate", "2021-10-12")
              .put("accountReference", "acc-" + unique)
              .put("amount", "800");
      case BILL_MANAGER_CANCEL, BILL_MANAGER_CANCEL_BULK ->
          DarajaHttp.object().put("externalReference", "inv-" + unique);
      case BILL_MANAGER_RECONCILIATION ->
          DarajaHttp.object()
              .put("paymentDate", "2021-10-01")
              .put("paidAmount", "800")
              .put("accountReference", "acc-" + unique)
              .put("transactionId", reference)
              .put("phoneNumber", "0708374149");
    };
  }

  /** {@link #of}, as an array of one for the endpoints that take arrays (Bill Manager's bulk). */
  static JsonNode body(Endpoint endpoint, EmulatorHarness h, String unique, String reference) {
    ObjectNode one = of(endpoint, h, unique, reference);
    return endpoint.takesArray() ? DarajaHttp.JSON.createArrayNode().add(one) : one;
  }

  /**
   * The field Daraja reports when it cannot see the body at all (a non-JSON Content-Type): the one
   * REFERENCE §1.2 records for B2C (InitiatorName) and reversal (RecieverIdentifierType), else the
   * first field each endpoint validates.
   */
  static String firstField(Endpoint endpoint) {
    return switch (endpoint) {
      case OAUTH -> throw new IllegalArgumentException("OAuth takes no body");
      case STK_PUSH, STK_QUERY -> "BusinessShortCode";
      case C2B_REGISTER_V1, C2B_REGISTER_V2, C2B_SIMULATE_V1, C2B_SIMULATE_V2 -> "ShortCode";
      case B2C_V1, B2C_V3, B2POCHI -> "InitiatorName";
      case REVERSAL -> "RecieverIdentifierType";
      case B2B, TAX_REMITTANCE, TRANSACTION_STATUS, ACCOUNT_BALANCE -> "Initiator";
      case QR_GENERATE -> "MerchantName";
      case PULL_REGISTER, PULL_QUERY -> "ShortCode";
      case RATIBA -> "StandingOrderName";
      case B2B_EXPRESS -> "primaryShortCode";
      case HAKIKISHA -> "header";
      case ORG_INFO -> "IdentifierType";
      case IMSI_V1, IMSI_V2 -> "customerNumber";
      case BONGA_CALCULATE -> "points";
      case BONGA_REDEEM -> "msisdn";
      case BILL_MANAGER_OPT_IN, BILL_MANAGER_UPDATE_OPT_IN -> "shortcode";
      case BILL_MANAGER_INVOICE,
          BILL_MANAGER_BULK_INVOICE,
          BILL_MANAGER_CANCEL,
          BILL_MANAGER_CANCEL_BULK ->
          "externalReference";
      case BILL_MANAGER_RECONCILIATION -> "transactionId";
    };
  }
}
