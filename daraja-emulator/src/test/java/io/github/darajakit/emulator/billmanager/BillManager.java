package io.github.darajakit.emulator.billmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;

/** Bill Manager requests for the emulator's tests, as REFERENCE §14's samples shape them. */
final class BillManager {

  static final String PREFIX = "/v1/billmanager-invoice/";
  static final String OPT_IN = PREFIX + "optin";
  static final String UPDATE = PREFIX + "change-optin-details";
  static final String INVOICE = PREFIX + "single-invoicing";
  static final String BULK = PREFIX + "bulk-invoicing";
  static final String CANCEL = PREFIX + "cancel-single-invoice";
  static final String CANCEL_BULK = PREFIX + "cancel-bulk-invoices";
  static final String RECONCILIATION = PREFIX + "reconciliation";
  static final String BILLER = Requests.SHORTCODE;
  static final String PUSH_PATH = "/bills";
  static final String ACCEPTED = "{\"resmsg\":\"Success\",\"rescode\":\"200\"}";

  private BillManager() {}

  static ObjectNode optInBody(String shortCode, String callbackUrl) {
    return DarajaHttp.object()
        .put("shortcode", shortCode)
        .put("email", "youremail@gmail.com")
        .put("officialContact", "0710123456")
        .put("sendReminders", "1")
        .put("logo", "image")
        .put("callbackurl", callbackUrl);
  }

  /** Opts {@link #BILLER} in, pushing to the receiver's {@link #PUSH_PATH}; its app key. */
  static String optIn(EmulatorHarness h) {
    Reply reply = h.daraja().post(OPT_IN, optInBody(BILLER, h.url(PUSH_PATH)));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.text("app_key");
  }

  /** The §14 sample invoice under another reference, account and amount. */
  static ObjectNode invoice(String externalReference, String accountReference, long amount) {
    ObjectNode invoice =
        DarajaHttp.object()
            .put("externalReference", externalReference)
            .put("billedFullName", "John Doe")
            .put("billedPhoneNumber", "0708374149")
            .put("billedPeriod", "August 2021")
            .put("invoiceName", "Jentrys")
            .put("dueDate", "2021-10-12")
            .put("accountReference", accountReference)
            .put("amount", Long.toString(amount));
    invoice.putArray("invoiceItems").addObject().put("itemName", "food").put("amount", "1");
    return invoice;
  }

  static Reply post(EmulatorHarness h, String path, JsonNode body, String appKey) {
    return h.daraja().post(path, body, "appKey", appKey);
  }

  /** The admin's view of a payment's pushes and acknowledgements. */
  static JsonNode payment(EmulatorHarness h, String transactionId) {
    return h.daraja().adminGet("billmanager/payments/" + transactionId);
  }

  /** A customer pays {@code amount} on an invoice through the admin API; the receipt. */
  static String pay(EmulatorHarness h, String externalReference, long amount) {
    Reply paid =
        h.daraja()
            .admin(
                "POST",
                "billmanager/" + BILLER + "/invoices/" + externalReference + "/pay",
                "{\"amount\":" + amount + "}");
    assertThat(paid.status()).as("%s", paid).isEqualTo(201);
    return paid.text("transId");
  }
}
