package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.billmanager.BillManagerAnswer;
import io.github.darajakit.client.billmanager.Invoice;
import io.github.darajakit.client.billmanager.InvoiceItem;
import io.github.darajakit.client.billmanager.InvoiceSent;
import io.github.darajakit.client.billmanager.OptInRequest;
import io.github.darajakit.client.billmanager.OptInResponse;
import io.github.darajakit.client.billmanager.PaymentAcknowledgement;
import io.github.darajakit.client.internal.Check;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * M-Pesa Bill Manager (REFERENCE §14): opt a PayBill in, send e-invoices one by one or up to
 * {@value #MAX_BULK} at a time, cancel them, and acknowledge the payments Bill Manager pushes, so
 * the customer gets an e-receipt.
 *
 * <pre>{@code
 * OptInResponse biller = daraja.billManager().optIn(OptInRequest.builder()
 *     .shortCode("718003").email("billing@shop.example.com").officialContact("0710123456")
 *     .sendReminders(true).callbackUrl("https://shop.example.com/daraja/bills").build());
 * BillManagerService bills = daraja.billManager().withAppKey(biller.appKey()); // keep it secret
 * InvoiceSent sent = bills.sendInvoice(invoice);       // sent.alreadySent(): an earlier try got through
 * // Later, at https://shop.example.com/daraja/bills: store the push, answer, then acknowledge once
 * BillPaymentNotification paid = DarajaCallbacks.parseBillPayment(body);
 * bills.acknowledgePayment(PaymentAcknowledgement.builder().payment(paid).build());
 * }</pre>
 *
 * <p><b>Its own envelope.</b> Every answer is {@code {"rescode":"200","resmsg":"Success",…}};
 * another {@code rescode} (see {@link ResultCodes.Family#BILL_MANAGER}) is a {@link
 * DarajaApiException} whose {@code errorCode()} is the rescode and whose {@code errorMessage()} is
 * {@code resmsg} with the {@code Status_Message}, e.g. {@code 409 "Conflict: partially or fully
 * paid invoices cannot be cancelled."}. A refused token is Daraja's usual {@code
 * {"errorCode":"401",…}}.
 *
 * <p><b>The app key.</b> Opt-in answers an {@code app_key}; every later request must carry it in a
 * header ({@link #withAppKey}). ⚠ Safaricom does not name the header: {@value
 * #DEFAULT_APP_KEY_HEADER} unless you name another with {@link #withAppKeyHeader}. The key is never
 * logged nor put in an exception.
 *
 * <p><b>Retries.</b> Nothing here moves money, so every call is retried like a registration (a
 * connection failure, a 5xx, a timeout). That is safe: a second opt-in is refused ("Biller already
 * Registered"), an invoice is unique by its {@code externalReference} (a second one is refused with
 * 409, which {@link #sendInvoice} reports as {@link InvoiceSent#alreadySent()}), and cancelling
 * twice cancels once. An acknowledgement sent twice may make Bill Manager SMS a second e-receipt ⚠
 * (its handling of a repeat is undocumented): send it once per payment, and accept that a lost
 * answer may repeat it.
 */
public final class BillManagerService {

  /** The app key's header unless {@link #withAppKeyHeader} names another. ⚠ Undocumented. */
  public static final String DEFAULT_APP_KEY_HEADER = "appKey";

  /** Most invoices (or cancellations) in one bulk request. */
  public static final int MAX_BULK = 1000;

  static final String PREFIX = "/v1/billmanager-invoice/";
  static final String OPT_IN_PATH = PREFIX + "optin";
  static final String UPDATE_OPT_IN_PATH = PREFIX + "change-optin-details";
  static final String SINGLE_INVOICE_PATH = PREFIX + "single-invoicing";
  static final String BULK_INVOICE_PATH = PREFIX + "bulk-invoicing";
  static final String RECONCILIATION_PATH = PREFIX + "reconciliation";
  static final String CANCEL_SINGLE_PATH = PREFIX + "cancel-single-invoice";
  static final String CANCEL_BULK_PATH = PREFIX + "cancel-bulk-invoices";

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  // Headers the client sets itself, or that Java's HTTP client refuses to let anyone set.
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "authorization",
          "content-type",
          "accept",
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade");

  private static final Transport.Reader<BillManagerAnswer> ANSWER =
      envelope(BillManagerService::answer);
  private static final Transport.Reader<OptInResponse> OPT_IN =
      envelope(BillManagerService::optedIn);

  private final ClientContext context;
  private final String appKey;
  private final String appKeyHeader;

  BillManagerService(ClientContext context) {
    this(context, null, DEFAULT_APP_KEY_HEADER);
  }

  private BillManagerService(ClientContext context, String appKey, String appKeyHeader) {
    this.context = context;
    this.appKey = appKey;
    this.appKeyHeader = appKeyHeader;
  }

  /**
   * This service, sending {@code appKey} (opt-in's {@code app_key}) on every request but opt-in.
   *
   * @throws DarajaValidationException if it is blank
   */
  public BillManagerService withAppKey(String appKey) {
    if (appKey == null || appKey.isBlank()) {
      throw new DarajaValidationException(
          "appKey", "is blank: use the app_key your shortcode's opt-in answered");
    }
    return new BillManagerService(context, appKey.strip(), appKeyHeader);
  }

  /**
   * This service, sending the app key in the header {@code name} instead of {@value
   * #DEFAULT_APP_KEY_HEADER}. ⚠ Safaricom does not document the header's name.
   *
   * @throws DarajaValidationException if it is not a header name, or one the client sets itself
   */
  public BillManagerService withAppKeyHeader(String name) {
    if (name == null || !HEADER_NAME.matcher(name).matches()) {
      throw new DarajaValidationException(
          "appKeyHeader", "'" + name + "' is not an HTTP header name, e.g. appKey or app_key");
    }
    if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      throw new DarajaValidationException(
          "appKeyHeader", "'" + name + "' is a header the client sets itself: choose another");
    }
    return new BillManagerService(context, appKey, name);
  }

  /** The header the app key is sent in. */
  public String appKeyHeader() {
    return appKeyHeader;
  }

  /**
   * Opts a shortcode in to Bill Manager; the answer's {@link OptInResponse#appKey()} goes with
   * every later request. Store it like a password.
   *
   * <p>Retried like a registration. If the answer to the first attempt was lost, the retry is
   * refused with 409 "Action Forbidden: Biller already Registered": the biller is opted in, and its
   * app key is on the Daraja portal (or with Safaricom).
   *
   * @throws DarajaValidationException before sending, e.g. a 7-digit shortcode, an http callback
   *     URL in production
   * @throws DarajaApiException if Bill Manager refused it, e.g. {@code 409} "Action Forbidden:
   *     Biller already Registered" or "Invalid consumer key/short code", or answered {@code 200}
   *     without an {@code app_key}
   */
  public OptInResponse optIn(OptInRequest request) {
    return context.send(() -> optInCall(request), RequestOptions.DEFAULT, OPT_IN);
  }

  private Transport.Call optInCall(OptInRequest request) {
    return call("billmanager.optin", OPT_IN_PATH, optInBody(request), false);
  }

  private static OptInResponse optedIn(Transport.Answer answer) {
    String key = answer.json().path("app_key").asText("");
    if (key.isBlank()) {
      throw new DarajaApiException(
          answer.status(),
          rescode(answer.json()),
          "the opt-in succeeded but its answer carried no app_key: find the key on the Daraja"
              + " portal before sending invoices",
          "",
          answer.raw());
    }
    return new OptInResponse(key, rescode(answer.json()), resmsg(answer.json()), answer.raw());
  }

  /**
   * {@link #optIn} without blocking: no thread waits while it is in flight. It fails as {@code
   * join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException} (from
   * {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<OptInResponse> optInAsync(OptInRequest request) {
    return context.sendAsync(() -> optInCall(request), RequestOptions.DEFAULT, OPT_IN);
  }

  /**
   * Replaces an opted-in biller's email, contact, reminders, logo or callback URL ({@code
   * change-optin-details}). Needs the app key.
   *
   * @throws DarajaValidationException before sending, e.g. no app key
   * @throws DarajaApiException if Bill Manager refused it
   */
  public BillManagerAnswer updateOptIn(OptInRequest request) {
    return context.send(() -> updateOptInCall(request), RequestOptions.DEFAULT, ANSWER);
  }

  private Transport.Call updateOptInCall(OptInRequest request) {
    return call("billmanager.update_optin", UPDATE_OPT_IN_PATH, optInBody(request), true);
  }

  /**
   * {@link #updateOptIn} without blocking: no thread waits while it is in flight. It fails as
   * {@code join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException}
   * (from {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<BillManagerAnswer> updateOptInAsync(OptInRequest request) {
    return context.sendAsync(() -> updateOptInCall(request), RequestOptions.DEFAULT, ANSWER);
  }

  /**
   * Sends one invoice: Bill Manager texts it to {@code billedPhoneNumber}. Needs the app key.
   *
   * <p>Retried after a lost answer, which cannot invoice twice: Bill Manager refuses a second
   * invoice with the same {@code externalReference} (409 "Another entry exist with the same
   * externalReference number"). That refusal comes back as {@link InvoiceSent#alreadySent()} {@code
   * true}, not as an exception: whether it met the SDK's retry or your own, the invoice is with the
   * customer.
   *
   * @throws DarajaValidationException before sending, e.g. no app key
   * @throws DarajaApiException if Bill Manager refused it for another reason, e.g. {@code 409}
   *     "Incorrect phone number format", "Incorrect due date format"
   */
  public InvoiceSent sendInvoice(Invoice invoice) {
    return context.exchange(
        () -> sendInvoiceCall(invoice), RequestOptions.DEFAULT, call -> invoiceSent(invoice));
  }

  private Transport.Call sendInvoiceCall(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return call("billmanager.invoice", SINGLE_INVOICE_PATH, invoiceBody(invoice), true);
  }

  /** Reads an invoice's answer, with a duplicate refusal as an invoice already sent. */
  private static Transport.Reader<InvoiceSent> invoiceSent(Invoice invoice) {
    return new Transport.Reader<>() {
      @Override
      public InvoiceSent read(Transport.Answer answer) {
        try {
          return new InvoiceSent(invoice.externalReference(), false, ANSWER.read(answer));
        } catch (DarajaApiException e) {
          return duplicate(e);
        }
      }

      @Override
      public InvoiceSent refused(DarajaApiException refusal) {
        try {
          return new InvoiceSent(invoice.externalReference(), false, ANSWER.refused(refusal));
        } catch (DarajaApiException e) {
          return duplicate(e);
        }
      }

      private InvoiceSent duplicate(DarajaApiException e) {
        if (!isDuplicateExternalReference(e)) {
          throw e;
        }
        return new InvoiceSent(
            invoice.externalReference(),
            true,
            new BillManagerAnswer(e.errorCode(), e.errorMessage(), "", e.rawBody()));
      }
    };
  }

  /**
   * {@link #sendInvoice} without blocking: no thread waits while it is in flight. It fails as
   * {@code join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException}
   * (from {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<InvoiceSent> sendInvoiceAsync(Invoice invoice) {
    return context.exchangeAsync(
        () -> sendInvoiceCall(invoice), RequestOptions.DEFAULT, call -> invoiceSent(invoice));
  }

  /**
   * Sends up to {@value #MAX_BULK} invoices in one request (a JSON array). Needs the app key.
   *
   * <p>Retried after a lost answer like {@link #sendInvoice}. If Bill Manager then refuses the
   * batch because an {@code externalReference} is already taken ({@link
   * #isDuplicateExternalReference}), send the batch's invoices one by one with {@link
   * #sendInvoice}: those already sent answer {@link InvoiceSent#alreadySent()}.
   *
   * @throws DarajaValidationException before sending: no invoices, more than {@value #MAX_BULK}, an
   *     {@code externalReference} twice in the batch, no app key
   * @throws DarajaApiException if Bill Manager refused the batch
   */
  public BillManagerAnswer sendInvoices(List<Invoice> invoices) {
    return context.send(() -> sendInvoicesCall(invoices), RequestOptions.DEFAULT, ANSWER);
  }

  private Transport.Call sendInvoicesCall(List<Invoice> invoices) {
    bulk("invoices", invoices);
    ArrayNode body = Json.array();
    Set<String> references = new HashSet<>();
    for (int i = 0; i < invoices.size(); i++) {
      Invoice invoice = invoices.get(i);
      if (invoice == null) {
        throw new DarajaValidationException("invoices[" + i + "]", "is null");
      }
      if (!references.add(invoice.externalReference())) {
        throw new DarajaValidationException(
            "invoices[" + i + "].externalReference",
            "'"
                + invoice.externalReference()
                + "' is already in this batch: each invoice needs its own reference");
      }
      body.add(invoiceBody(invoice));
    }
    return call("billmanager.bulk_invoice", BULK_INVOICE_PATH, body, true);
  }

  /**
   * {@link #sendInvoices} without blocking: no thread waits while it is in flight. It fails as
   * {@code join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException}
   * (from {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<BillManagerAnswer> sendInvoicesAsync(List<Invoice> invoices) {
    return context.sendAsync(() -> sendInvoicesCall(invoices), RequestOptions.DEFAULT, ANSWER);
  }

  /**
   * Cancels an invoice nobody has paid. Needs the app key.
   *
   * @throws DarajaValidationException before sending, e.g. a blank reference, no app key
   * @throws DarajaApiException if Bill Manager refused it, e.g. {@code 409} "partially or fully
   *     paid invoices cannot be cancelled."
   */
  public BillManagerAnswer cancelInvoice(String externalReference) {
    return context.send(() -> cancelInvoiceCall(externalReference), RequestOptions.DEFAULT, ANSWER);
  }

  private Transport.Call cancelInvoiceCall(String externalReference) {
    ObjectNode body =
        Json.object().put("externalReference", reference("externalReference", externalReference));
    return call("billmanager.cancel", CANCEL_SINGLE_PATH, body, true);
  }

  /**
   * {@link #cancelInvoice} without blocking: no thread waits while it is in flight. It fails as
   * {@code join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException}
   * (from {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<BillManagerAnswer> cancelInvoiceAsync(String externalReference) {
    return context.sendAsync(
        () -> cancelInvoiceCall(externalReference), RequestOptions.DEFAULT, ANSWER);
  }

  /**
   * Cancels up to {@value #MAX_BULK} unpaid invoices in one request. Needs the app key.
   *
   * @throws DarajaValidationException before sending: no references, more than {@value #MAX_BULK},
   *     a blank one, no app key
   * @throws DarajaApiException if Bill Manager refused them, e.g. {@code 409} when one is paid or
   *     part-paid
   */
  public BillManagerAnswer cancelInvoices(List<String> externalReferences) {
    return context.send(
        () -> cancelInvoicesCall(externalReferences), RequestOptions.DEFAULT, ANSWER);
  }

  private Transport.Call cancelInvoicesCall(List<String> externalReferences) {
    bulk("externalReferences", externalReferences);
    ArrayNode body = Json.array();
    for (int i = 0; i < externalReferences.size(); i++) {
      body.addObject()
          .put(
              "externalReference",
              reference("externalReferences[" + i + "]", externalReferences.get(i)));
    }
    return call("billmanager.cancel_bulk", CANCEL_BULK_PATH, body, true);
  }

  /**
   * {@link #cancelInvoices} without blocking: no thread waits while it is in flight. It fails as
   * {@code join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException}
   * (from {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<BillManagerAnswer> cancelInvoicesAsync(List<String> externalReferences) {
    return context.sendAsync(
        () -> cancelInvoicesCall(externalReferences), RequestOptions.DEFAULT, ANSWER);
  }

  /**
   * Acknowledges a pushed payment ({@code /reconciliation}): Bill Manager then sends the customer
   * an e-receipt by SMS. Needs the app key. Send it once per payment, after the push is stored.
   *
   * @throws DarajaValidationException before sending, e.g. no app key
   * @throws DarajaApiException if Bill Manager refused it
   */
  public BillManagerAnswer acknowledgePayment(PaymentAcknowledgement acknowledgement) {
    return context.send(
        () -> acknowledgePaymentCall(acknowledgement), RequestOptions.DEFAULT, ANSWER);
  }

  private Transport.Call acknowledgePaymentCall(PaymentAcknowledgement acknowledgement) {
    Objects.requireNonNull(acknowledgement, "acknowledgement");
    ObjectNode body = Json.object();
    body.put("paymentDate", acknowledgement.paymentDate())
        .put("paidAmount", Long.toString(acknowledgement.paidAmount()))
        .put("accountReference", acknowledgement.accountReference())
        .put("transactionId", acknowledgement.transactionId())
        .put("phoneNumber", acknowledgement.phoneNumber().local());
    if (acknowledgement.fullName() != null) {
      body.put("fullName", acknowledgement.fullName());
    }
    if (acknowledgement.invoiceName() != null) {
      body.put("invoiceName", acknowledgement.invoiceName());
    }
    if (acknowledgement.externalReference() != null) {
      body.put("externalReference", acknowledgement.externalReference());
    }
    return call("billmanager.reconciliation", RECONCILIATION_PATH, body, true);
  }

  /**
   * {@link #acknowledgePayment} without blocking: no thread waits while it is in flight. It fails
   * as {@code join()} and dependent stages see it: a {@link
   * java.util.concurrent.CompletionException} (from {@code get()}, an {@code ExecutionException})
   * whose cause is the {@link DarajaException}; {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<BillManagerAnswer> acknowledgePaymentAsync(
      PaymentAcknowledgement acknowledgement) {
    return context.sendAsync(
        () -> acknowledgePaymentCall(acknowledgement), RequestOptions.DEFAULT, ANSWER);
  }

  /**
   * Whether Bill Manager refused an invoice because one with the same {@code externalReference}
   * exists (409 "Action forbidden: Another entry exist with the same externalReference number").
   */
  public static boolean isDuplicateExternalReference(DarajaApiException e) {
    return e.errorCode().equals("409")
        && e.errorMessage().toLowerCase(Locale.ROOT).contains("same externalreference");
  }

  private ObjectNode optInBody(OptInRequest request) {
    Objects.requireNonNull(request, "request");
    String shortCode = OptInRequest.shortCode(context.shortCode(request.shortCode(), "shortCode"));
    String callbackUrl =
        Check.callbackUrl(
                "callbackUrl", request.callbackUrl(), context.environment().isProduction())
            .toString();
    ObjectNode body = Json.object();
    // Every value is a string on the wire, as in the portal's sample.
    body.put("shortcode", shortCode)
        .put("email", request.email())
        .put("officialContact", request.officialContact().local())
        .put("sendReminders", request.sendReminders() ? "1" : "0");
    if (request.logo() != null) {
      body.put("logo", request.logo());
    }
    body.put("callbackurl", callbackUrl);
    return body;
  }

  private static ObjectNode invoiceBody(Invoice invoice) {
    ObjectNode body = Json.object();
    body.put("externalReference", invoice.externalReference())
        .put("billedFullName", invoice.billedFullName())
        .put("billedPhoneNumber", invoice.billedPhoneNumber().value())
        .put("billedPeriod", invoice.billedPeriodText())
        .put("invoiceName", invoice.invoiceName())
        .put("dueDate", invoice.dueDate())
        .put("accountReference", invoice.accountReference())
        .put("amount", Long.toString(invoice.amount()));
    if (!invoice.invoiceItems().isEmpty()) {
      ArrayNode items = body.putArray("invoiceItems");
      for (InvoiceItem item : invoice.invoiceItems()) {
        items
            .addObject()
            .put("itemName", item.itemName())
            .put("amount", Long.toString(item.amount()));
      }
    }
    return body;
  }

  private static void bulk(String field, List<?> items) {
    if (items == null || items.isEmpty()) {
      throw new DarajaValidationException(field, "is empty: send at least one");
    }
    if (items.size() > MAX_BULK) {
      throw new DarajaValidationException(
          field,
          "has "
              + items.size()
              + "; Bill Manager takes at most "
              + MAX_BULK
              + " in one request: split them");
    }
  }

  private static String reference(String field, String externalReference) {
    return Check.text(field, externalReference, 1, Invoice.MAX_TEXT);
  }

  private Transport.Call call(String operation, String path, JsonNode body, boolean withKey) {
    Map<String, String> headers = Map.of();
    if (withKey) {
      if (appKey == null) {
        throw new DarajaValidationException(
            "appKey",
            "is required after opt-in: daraja.billManager().withAppKey(the app_key optIn"
                + " answered)");
      }
      headers = Map.of(appKeyHeader, appKey);
    }
    return new Transport.Call(
        operation, path, Transport.Kind.REGISTRATION, body, Map.of(), headers);
  }

  /** {@code read} for answers in Bill Manager's envelope with rescode 200; others are refusals. */
  private static <T> Transport.Reader<T> envelope(Transport.Reader<T> read) {
    return Lookups.reader(
        BillManagerService::isEnvelope,
        BillManagerService::error,
        answer -> {
          if (!isEnvelope(answer.json()) || !rescode(answer.json()).equals("200")) {
            throw error(answer.status(), answer.json(), answer.raw());
          }
          return read.read(answer);
        });
  }

  private static BillManagerAnswer answer(Transport.Answer answer) {
    JsonNode json = answer.json();
    return new BillManagerAnswer(
        rescode(json), resmsg(json), json.path("Status_Message").asText(""), answer.raw());
  }

  private static boolean isEnvelope(JsonNode json) {
    return json.has("rescode");
  }

  private static String rescode(JsonNode json) {
    return json.path("rescode").asText("");
  }

  private static String resmsg(JsonNode json) {
    return json.path("resmsg").asText("");
  }

  private static DarajaApiException error(int httpStatus, JsonNode json, String raw) {
    String code = rescode(json);
    String resmsg = resmsg(json).strip();
    String status = json.path("Status_Message").asText("").strip();
    String message;
    if (resmsg.isEmpty() || resmsg.equalsIgnoreCase(status)) {
      message = status;
    } else {
      message = status.isEmpty() ? resmsg : resmsg + ": " + status;
    }
    JsonNode errors = json.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      message = message + " (errors: " + errors + ")";
    }
    if (message.isEmpty()) {
      message =
          isEnvelope(json)
              ? ResultCodes.lookup(ResultCodes.Family.BILL_MANAGER, code).meaning()
              : "an answer without Bill Manager's rescode";
    }
    return new DarajaApiException(httpStatus, code, message, "", raw);
  }
}
