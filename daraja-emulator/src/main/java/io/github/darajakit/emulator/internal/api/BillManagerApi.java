package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.EmulatorClock;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.callbacks.CallbackDispatcher;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.Customer;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.Transaction;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * M-Pesa Bill Manager (REFERENCE §14): billers opt a shortcode in and get an app key; with it they
 * send, bulk-send and cancel e-invoices and acknowledge payments. A customer pays an invoice with a
 * C2B payment to the biller's shortcode whose account is the invoice's {@code accountReference}:
 * the invoice becomes part-paid or paid, and the payment is pushed to the biller's callback URL
 * until it answers {@code rescode 200}, at most {@code billManager.pushAttempts} times.
 *
 * <p>Every answer is Bill Manager's own envelope, {@code {"rescode","resmsg",…}}: a success is
 * {@code rescode "200"}; a refusal carries {@code rescode} 400, 401 or 409, {@code resmsg} ("Bad
 * Request", "Unauthorized", "Conflict"), the reason in {@code Status_Message} and an {@code errors}
 * array (per invoice in bulk calls). A refused request changes nothing: bulk calls are all or
 * nothing (⚠ Safaricom does not say).
 *
 * <p>⚠ Choices where Safaricom is silent: the app key's header ({@code billManager.appKeyHeader}),
 * the HTTP status of a refusal ({@code billManager.refusalStatus}), messages for what REFERENCE
 * lists no message for (a missing field, an unknown reference or payment), externalReference unique
 * per biller, a payment settling the oldest open invoice with its account reference (any case), a
 * payment matching no open invoice not being pushed, cancelling a cancelled invoice succeeding
 * again, and one e-receipt SMS per accepted acknowledgement.
 */
public final class BillManagerApi {

  /** Most invoices or cancellations in one bulk request. */
  public static final int MAX_BULK = 1000;

  /** The delivery kind of a payment push, in {@code /__admin/deliveries} and callback faults. */
  public static final String PUSH_KIND = "bill_manager_payment";

  /**
   * Where an invoice stands. Terminal: {@code PAID}, {@code CANCELLED}. A payment may leave an
   * invoice part-paid any number of times before it is paid.
   */
  public enum InvoiceStatus {
    UNPAID,
    PART_PAID,
    PAID,
    CANCELLED;

    private static final Map<InvoiceStatus, Set<InvoiceStatus>> NEXT =
        Map.of(
            UNPAID, EnumSet.of(PART_PAID, PAID, CANCELLED),
            PART_PAID, EnumSet.of(PART_PAID, PAID),
            PAID, EnumSet.noneOf(InvoiceStatus.class),
            CANCELLED, EnumSet.noneOf(InvoiceStatus.class));

    /** Whether an invoice in this state may move to {@code next}. */
    public boolean canBecome(InvoiceStatus next) {
      return NEXT.get(this).contains(next);
    }

    /** Whether a payment can still settle it. */
    public boolean open() {
      return this == UNPAID || this == PART_PAID;
    }

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An opted-in shortcode. Fields change only under the API's lock. */
  public static final class Biller {
    private final String shortCode;
    private final String consumerKey;
    private final String appKey;
    private final Instant optedInAt;
    private String email;
    private String officialContact;
    private boolean sendReminders;
    private boolean logo;
    private String callbackUrl;
    private Instant updatedAt;

    private Biller(String shortCode, String consumerKey, String appKey, Instant optedInAt) {
      this.shortCode = shortCode;
      this.consumerKey = consumerKey;
      this.appKey = appKey;
      this.optedInAt = optedInAt;
    }

    public String shortCode() {
      return shortCode;
    }

    public String callbackUrl() {
      return callbackUrl;
    }
  }

  /** An invoice. Fields change only under the API's lock. */
  public static final class Invoice {
    private final String shortCode;
    private final JsonNode sent;
    private final String externalReference;
    private final String accountReference;
    private final String billedPhoneNumber;
    private final long amountCents;
    private final Instant createdAt;
    private final long sequence;
    private InvoiceStatus status = InvoiceStatus.UNPAID;
    private long paidCents;
    private final List<String> transactionIds = new ArrayList<>();

    private Invoice(String shortCode, JsonNode sent, long amountCents, Instant at, long sequence) {
      this.shortCode = shortCode;
      this.sent = sent;
      this.externalReference = sent.path("externalReference").asText();
      this.accountReference = sent.path("accountReference").asText();
      this.billedPhoneNumber = sent.path("billedPhoneNumber").asText();
      this.amountCents = amountCents;
      this.createdAt = at;
      this.sequence = sequence;
    }

    public String externalReference() {
      return externalReference;
    }

    public String accountReference() {
      return accountReference;
    }

    /** The billed number in Daraja's form, {@code 2547XXXXXXXX}. */
    public String billedMsisdn() {
      return billedPhoneNumber.startsWith("0")
          ? "254" + billedPhoneNumber.substring(1)
          : billedPhoneNumber;
    }

    public InvoiceStatus status() {
      return status;
    }
  }

  /** A customer's payment of an invoice, and its push to the biller. */
  public static final class Payment {
    private final String transactionId;
    private final String shortCode;
    private final String externalReference;
    private final ObjectNode push;
    private final long amountCents;
    private final long generation;
    private int attempts;
    private boolean delivered;
    private boolean gaveUp;
    private Instant nextAttemptAt;
    private String lastOutcome = "";
    private int acknowledgements;
    private int eReceipts;

    private Payment(
        String transactionId,
        String shortCode,
        String externalReference,
        ObjectNode push,
        long amountCents,
        long generation) {
      this.transactionId = transactionId;
      this.shortCode = shortCode;
      this.externalReference = externalReference;
      this.push = push;
      this.amountCents = amountCents;
      this.generation = generation;
    }
  }

  /** A refusal in Bill Manager's envelope; nothing has changed when one is thrown. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String rescode;
    private final String resmsg;
    private final transient ArrayNode errors;

    Refusal(String rescode, String resmsg, String message, ArrayNode errors) {
      super(message, null, false, false);
      this.rescode = rescode;
      this.resmsg = resmsg;
      this.errors = errors;
    }

    static Refusal badRequest(String message) {
      return new Refusal("400", "Bad Request", message, Json.array());
    }

    static Refusal unauthorized(String message) {
      return new Refusal("401", "Unauthorized", message, Json.array());
    }

    static Refusal conflict(String message) {
      return new Refusal("409", "Conflict", message, Json.array());
    }

    static Refusal missing(String field, String expected) {
      return badRequest("Invalid or missing " + field + ": " + expected);
    }
  }

  // REFERENCE §14's 409 family, word for word.
  static final String ALREADY_REGISTERED = "Action Forbidden: Biller already Registered";
  static final String INVALID_CONSUMER = "Action Forbidden: Invalid consumer key/short code";
  static final String DUPLICATE_REFERENCE =
      "Action forbidden: Another entry exist with the same externalReference number";
  static final String BAD_PHONE = "Action forbidden: Incorrect phone number format";
  static final String BAD_DUE_DATE = "Action forbidden: Incorrect due date format";
  static final String PAID_CANNOT_CANCEL = "partially or fully paid invoices cannot be cancelled.";

  private static final Pattern SHORT_CODE = Pattern.compile("\\d{5,6}");
  private static final Pattern PHONE = Pattern.compile("07\\d{8}|2547\\d{8}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
  private static final Pattern DUE_SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}\\.\\d{2})?");
  private static final Pattern PERIOD =
      Pattern.compile(
          "(?i)(January|February|March|April|May|June|July|August|September|October|November"
              + "|December) \\d{4}");
  private static final DateTimeFormatter DUE_DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DUE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SS", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final int MAX_TEXT = 200;

  private final Mpesa mpesa;
  // Everything below changes under this lock; pushes are sent outside it.
  private final Object lock = new Object();
  private final Map<String, Biller> billers = new LinkedHashMap<>();
  private final Map<String, Biller> billersByAppKey = new HashMap<>();
  private final Map<String, Map<String, Invoice>> invoices = new HashMap<>();
  private final Map<String, Payment> payments = new LinkedHashMap<>();
  private long invoiceSequence;
  // Bumped by reset(): a push in flight for the old world must not touch the new one.
  private long generation;

  public BillManagerApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  // ---- the API ---------------------------------------------------------------------------------

  /** {@code POST /v1/billmanager-invoice/optin}. */
  public ApiResponse optIn(ApiCall call) {
    return answer(
        () -> {
          Registration registration = registration(object(call.body()));
          synchronized (lock) {
            if (billers.containsKey(registration.shortCode)) {
              throw Refusal.conflict(ALREADY_REGISTERED);
            }
            String appKey = appKey();
            Biller biller =
                new Biller(
                    registration.shortCode, call.consumerKey(), appKey, mpesa.clock().instant());
            registration.applyTo(biller);
            billers.put(biller.shortCode, biller);
            billersByAppKey.put(appKey, biller);
            ObjectNode answer = Json.object();
            answer.put("app_key", appKey);
            return success(answer);
          }
        });
  }

  /** {@code POST /v1/billmanager-invoice/change-optin-details}. */
  public ApiResponse updateOptIn(ApiCall call) {
    return answer(
        () -> {
          Biller biller = biller(call);
          Registration registration = registration(object(call.body()));
          if (!registration.shortCode.equals(biller.shortCode)) {
            throw Refusal.conflict(INVALID_CONSUMER);
          }
          synchronized (lock) {
            registration.applyTo(biller);
            biller.updatedAt = mpesa.clock().instant();
          }
          return success(Json.object());
        });
  }

  /** {@code POST /v1/billmanager-invoice/single-invoicing}. */
  public ApiResponse invoice(ApiCall call) {
    return answer(
        () -> {
          Biller biller = biller(call);
          JsonNode sent = object(call.body());
          long cents = invoiceAmount(sent);
          synchronized (lock) {
            if (invoicesOf(biller).containsKey(text(sent, "externalReference"))) {
              throw Refusal.conflict(DUPLICATE_REFERENCE);
            }
            store(biller, sent, cents);
          }
          return sent();
        });
  }

  /** {@code POST /v1/billmanager-invoice/bulk-invoicing}: a JSON array, all or nothing. */
  public ApiResponse bulkInvoice(ApiCall call) {
    return answer(
        () -> {
          Biller biller = biller(call);
          List<JsonNode> batch = batch(call.body(), "invoices");
          long[] cents = new long[batch.size()];
          ArrayNode errors = Json.array();
          Refusal first = null;
          for (int i = 0; i < batch.size(); i++) {
            try {
              cents[i] = invoiceAmount(object(batch.get(i)));
            } catch (Refusal e) {
              first = first == null ? e : first;
              errors.add(error(i, batch.get(i), e));
            }
          }
          synchronized (lock) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < batch.size() && errors.isEmpty(); i++) {
              String reference = batch.get(i).path("externalReference").asText();
              if (!seen.add(reference) || invoicesOf(biller).containsKey(reference)) {
                first = Refusal.conflict(DUPLICATE_REFERENCE);
                errors.add(error(i, batch.get(i), first));
              }
            }
            if (first != null) {
              throw new Refusal(first.rescode, first.resmsg, first.getMessage(), errors);
            }
            for (int i = 0; i < batch.size(); i++) {
              store(biller, batch.get(i), cents[i]);
            }
          }
          return sent();
        });
  }

  /** {@code POST /v1/billmanager-invoice/cancel-single-invoice}. */
  public ApiResponse cancel(ApiCall call) {
    return answer(
        () -> {
          Biller biller = biller(call);
          String reference = text(object(call.body()), "externalReference");
          synchronized (lock) {
            cancellable(biller, reference);
            cancel(invoicesOf(biller).get(reference));
          }
          return cancelled();
        });
  }

  /** {@code POST /v1/billmanager-invoice/cancel-bulk-invoices}: all or nothing. */
  public ApiResponse cancelBulk(ApiCall call) {
    return answer(
        () -> {
          Biller biller = biller(call);
          List<JsonNode> batch = batch(call.body(), "externalReferences");
          synchronized (lock) {
            List<String> references = new ArrayList<>();
            ArrayNode errors = Json.array();
            Refusal first = null;
            for (int i = 0; i < batch.size(); i++) {
              try {
                String reference = text(object(batch.get(i)), "externalReference");
                cancellable(biller, reference);
                references.add(reference);
              } catch (Refusal e) {
                first = first == null ? e : first;
                errors.add(error(i, batch.get(i), e));
              }
            }
            if (first != null) {
              throw new Refusal(first.rescode, first.resmsg, first.getMessage(), errors);
            }
            references.forEach(reference -> cancel(invoicesOf(biller).get(reference)));
          }
          return cancelled();
        });
  }

  /**
   * {@code POST /v1/billmanager-invoice/reconciliation}: the biller acknowledges a pushed payment;
   * each accepted acknowledgement sends the customer an e-receipt (⚠ a repeat sends another).
   */
  public ApiResponse reconcile(ApiCall call) {
    return answer(
        () -> {
          Biller biller = biller(call);
          JsonNode ack = object(call.body());
          String transactionId = text(ack, "transactionId");
          long paid = amount(ack, "paidAmount");
          text(ack, "paymentDate");
          text(ack, "accountReference");
          phone(ack, "phoneNumber");
          synchronized (lock) {
            Payment payment = payments.get(transactionId);
            if (payment == null || !payment.shortCode.equals(biller.shortCode)) {
              throw Refusal.conflict(
                  "Action forbidden: no Bill Manager payment " + transactionId + " to this biller");
            }
            if (paid != payment.amountCents) {
              throw Refusal.conflict(
                  "Action forbidden: paidAmount "
                      + Money.text(paid)
                      + " is not the "
                      + Money.text(payment.amountCents)
                      + " paid in "
                      + transactionId);
            }
            payment.acknowledgements++;
            payment.eReceipts++;
          }
          return success(Json.object());
        });
  }

  // ---- payments --------------------------------------------------------------------------------

  /**
   * A completed C2B payment: if it pays an opted-in biller's open invoice (by account reference),
   * the invoice moves and the payment is pushed to the biller.
   */
  public void paid(Transaction transaction, Customer customer, Organisation organisation) {
    Payment payment;
    synchronized (lock) {
      Biller biller = billers.get(organisation.shortCode());
      if (biller == null) {
        return;
      }
      Optional<Invoice> open =
          invoicesOf(biller).values().stream()
              .filter(i -> i.status.open())
              .filter(i -> i.accountReference.equalsIgnoreCase(transaction.billReference()))
              .min(Comparator.comparingLong(i -> i.sequence));
      if (open.isEmpty()) {
        return;
      }
      Invoice invoice = open.get();
      invoice.paidCents += transaction.amount();
      transition(
          invoice,
          invoice.paidCents >= invoice.amountCents ? InvoiceStatus.PAID : InvoiceStatus.PART_PAID);
      invoice.transactionIds.add(transaction.receipt());
      ObjectNode push = Json.object();
      push.put("transactionId", transaction.receipt())
          .put("paidAmount", shillings(transaction.amount()))
          .put("msisdn", customer.msisdn())
          .put(
              "dateCreated",
              LocalDateTime.ofInstant(transaction.completedAt(), EmulatorClock.EAT)
                  .toLocalDate()
                  .toString())
          .put("accountReference", invoice.accountReference)
          .put("shortCode", biller.shortCode);
      payment =
          new Payment(
              transaction.receipt(),
              biller.shortCode,
              invoice.externalReference,
              push,
              transaction.amount(),
              generation);
      payments.put(payment.transactionId, payment);
    }
    mpesa.afterResultDelay(() -> push(payment));
  }

  /** Pushes again every payment whose retry is due on the emulator's clock. */
  public void runDue() {
    Instant now = mpesa.clock().instant();
    List<Payment> due = new ArrayList<>();
    synchronized (lock) {
      for (Payment payment : payments.values()) {
        if (payment.nextAttemptAt != null && !payment.nextAttemptAt.isAfter(now)) {
          payment.nextAttemptAt = null;
          due.add(payment);
        }
      }
    }
    due.forEach(this::push);
  }

  private void push(Payment payment) {
    String url;
    synchronized (lock) {
      Biller biller = billers.get(payment.shortCode);
      if (payment.generation != generation || biller == null || payment.delivered) {
        return;
      }
      payment.attempts++;
      url = biller.callbackUrl;
    }
    EmulatorConfig config = mpesa.config();
    mpesa
        .callbacks()
        .call(PUSH_KIND, url, payment.push, config.callbackTimeout())
        .thenAccept(reply -> pushed(payment, reply));
  }

  private void pushed(Payment payment, CallbackDispatcher.Reply reply) {
    EmulatorConfig config = mpesa.config();
    boolean again;
    synchronized (lock) {
      if (payment.generation != generation) {
        return;
      }
      // Only the biller's own "rescode 200" ends the retries: any other answer is a failure.
      if (reply.usable() && reply.body().path("rescode").asText("").equals("200")) {
        payment.delivered = true;
        payment.lastOutcome = "rescode 200";
        return;
      }
      payment.lastOutcome =
          reply.httpStatus() == 0
              ? reply.error()
              : "HTTP " + reply.httpStatus() + (reply.usable() ? " without rescode 200" : "");
      if (payment.attempts >= config.billManagerPushAttempts()) {
        payment.gaveUp = true;
        return;
      }
      payment.nextAttemptAt = mpesa.clock().instant().plus(config.billManagerPushRetryInterval());
      again = config.billManagerPushRetryInterval().isZero();
    }
    if (again) {
      mpesa.later(Duration.ZERO, this::runDue);
    }
  }

  // ---- admin -----------------------------------------------------------------------------------

  /** Every biller, oldest first. */
  public List<Biller> billers() {
    synchronized (lock) {
      return List.copyOf(billers.values());
    }
  }

  /** The biller of a shortcode. */
  public Optional<Biller> biller(String shortCode) {
    synchronized (lock) {
      return Optional.ofNullable(billers.get(shortCode));
    }
  }

  /** A biller's invoice. */
  public Optional<Invoice> invoice(String shortCode, String externalReference) {
    synchronized (lock) {
      Biller biller = billers.get(shortCode);
      return biller == null
          ? Optional.empty()
          : Optional.ofNullable(invoicesOf(biller).get(externalReference));
    }
  }

  /** Forgets every biller, invoice and payment; pushes in flight are dropped. */
  public void reset() {
    synchronized (lock) {
      generation++;
      billers.clear();
      billersByAppKey.clear();
      invoices.clear();
      payments.clear();
    }
  }

  /**
   * A biller as the admin API shows it; its app key only when {@code showAppKey} (it is a
   * credential).
   */
  public ObjectNode toJson(Biller biller, boolean showAppKey) {
    synchronized (lock) {
      ObjectNode node = Json.object();
      node.put("shortCode", biller.shortCode)
          .put("appKey", showAppKey ? biller.appKey : "***")
          .put("email", biller.email)
          .put("officialContact", biller.officialContact)
          .put("sendReminders", biller.sendReminders)
          .put("logo", biller.logo)
          .put("callbackUrl", biller.callbackUrl)
          .put("optedInAt", biller.optedInAt.toString())
          .put("updatedAt", biller.updatedAt == null ? null : biller.updatedAt.toString());
      ArrayNode list = node.putArray("invoices");
      invoicesOf(biller).values().stream()
          .sorted(Comparator.comparingLong(i -> i.sequence))
          .forEach(i -> list.add(toJson(i)));
      ArrayNode pushed = node.putArray("payments");
      payments.values().stream()
          .filter(p -> p.shortCode.equals(biller.shortCode))
          .forEach(p -> pushed.add(toJson(p)));
      return node;
    }
  }

  /** An invoice as the admin API shows it: what was sent, where it stands, what paid it. */
  public ObjectNode toJson(Invoice invoice) {
    synchronized (lock) {
      ObjectNode node = Json.object();
      node.put("externalReference", invoice.externalReference)
          .put("accountReference", invoice.accountReference)
          .put("status", invoice.status.wireName())
          .put("amount", Money.text(invoice.amountCents))
          .put("paid", Money.text(invoice.paidCents))
          .put("createdAt", invoice.createdAt.toString());
      ArrayNode ids = node.putArray("transactionIds");
      invoice.transactionIds.forEach(ids::add);
      node.set("sent", invoice.sent.deepCopy());
      return node;
    }
  }

  /**
   * A payment's push and acknowledgements: how many attempts, whether the biller took it, and how
   * many acknowledgements (and e-receipt SMSes) followed.
   */
  public ObjectNode toJson(Payment payment) {
    synchronized (lock) {
      ObjectNode node = Json.object();
      node.put("transactionId", payment.transactionId)
          .put("externalReference", payment.externalReference)
          .put("amount", Money.text(payment.amountCents))
          .put("attempts", payment.attempts)
          .put("delivered", payment.delivered)
          .put("gaveUp", payment.gaveUp)
          .put(
              "nextAttemptAt",
              payment.nextAttemptAt == null ? null : payment.nextAttemptAt.toString())
          .put("lastOutcome", payment.lastOutcome)
          .put("acknowledgements", payment.acknowledgements)
          .put("eReceiptsSent", payment.eReceipts);
      node.set("push", payment.push.deepCopy());
      return node;
    }
  }

  /** A payment by its transaction id. */
  public Optional<Payment> payment(String transactionId) {
    synchronized (lock) {
      return Optional.ofNullable(payments.get(transactionId));
    }
  }

  // ---- rules -----------------------------------------------------------------------------------

  /** What opt-in and its update send. */
  private record Registration(
      String shortCode,
      String email,
      String officialContact,
      boolean sendReminders,
      boolean logo,
      String callbackUrl) {
    void applyTo(Biller biller) {
      biller.email = email;
      biller.officialContact = officialContact;
      biller.sendReminders = sendReminders;
      biller.logo = logo;
      biller.callbackUrl = callbackUrl;
    }
  }

  private Registration registration(JsonNode body) {
    String shortCode = text(body, "shortcode");
    if (!SHORT_CODE.matcher(shortCode).matches()) {
      throw Refusal.missing("shortcode", "the PayBill or till, 5 or 6 digits");
    }
    String email = text(body, "email");
    if (!EMAIL.matcher(email).matches()) {
      throw Refusal.missing("email", "the biller's official email address");
    }
    String contact = phone(body, "officialContact");
    String reminders = text(body, "sendReminders");
    if (!reminders.equals("0") && !reminders.equals("1")) {
      throw Refusal.missing("sendReminders", "1 to send reminders, 0 not to");
    }
    JsonNode logo = body.get("logo");
    String callbackUrl = url(body, "callbackurl");
    if (mpesa.world().organisation(shortCode).isEmpty()) {
      throw Refusal.conflict(INVALID_CONSUMER);
    }
    return new Registration(
        shortCode,
        email,
        contact,
        reminders.equals("1"),
        logo != null && !logo.isNull() && !logo.asText().isBlank(),
        callbackUrl);
  }

  /** The biller the request's app key names, or the refusal. */
  private Biller biller(ApiCall call) {
    String header = mpesa.config().billManagerAppKeyHeader();
    String key = call.header(header);
    if (key == null || key.isBlank()) {
      throw Refusal.unauthorized(
          "Missing app key: send the app_key that opt-in answered in the '" + header + "' header");
    }
    synchronized (lock) {
      Biller biller = billersByAppKey.get(key.strip());
      if (biller == null) {
        throw Refusal.unauthorized("Invalid app key: no biller has opted in with it");
      }
      if (!biller.consumerKey.equals(call.consumerKey())) {
        throw Refusal.conflict(INVALID_CONSUMER);
      }
      return biller;
    }
  }

  /** Checks every field of one invoice; its amount in cents. */
  private long invoiceAmount(JsonNode invoice) {
    String reference = text(invoice, "externalReference");
    if (reference.length() > MAX_TEXT) {
      throw Refusal.missing("externalReference", "at most " + MAX_TEXT + " characters");
    }
    text(invoice, "billedFullName");
    phone(invoice, "billedPhoneNumber");
    if (!PERIOD.matcher(text(invoice, "billedPeriod")).matches()) {
      throw Refusal.missing("billedPeriod", "the month billed as \"Month YYYY\", e.g. August 2021");
    }
    text(invoice, "invoiceName");
    dueDate(text(invoice, "dueDate"));
    text(invoice, "accountReference");
    long cents = amount(invoice, "amount");
    JsonNode items = invoice.get("invoiceItems");
    if (items != null && !items.isNull()) {
      if (!items.isArray()) {
        throw Refusal.missing("invoiceItems", "an array of {\"itemName\",\"amount\"}");
      }
      for (JsonNode item : items) {
        text(object(item), "itemName");
        amount(item, "amount");
      }
    }
    return cents;
  }

  private void store(Biller biller, JsonNode sent, long cents) {
    Invoice invoice =
        new Invoice(
            biller.shortCode, sent.deepCopy(), cents, mpesa.clock().instant(), ++invoiceSequence);
    invoicesOf(biller).put(invoice.externalReference, invoice);
  }

  private void cancellable(Biller biller, String reference) {
    Invoice invoice = invoicesOf(biller).get(reference);
    if (invoice == null) {
      throw Refusal.conflict(
          "Action forbidden: no invoice with the externalReference " + reference);
    }
    if (invoice.status == InvoiceStatus.PART_PAID || invoice.status == InvoiceStatus.PAID) {
      throw Refusal.conflict(PAID_CANNOT_CANCEL);
    }
  }

  private void cancel(Invoice invoice) {
    // Cancelling a cancelled invoice is a success that changes nothing (⚠ undocumented).
    if (invoice.status != InvoiceStatus.CANCELLED) {
      transition(invoice, InvoiceStatus.CANCELLED);
    }
  }

  private static void transition(Invoice invoice, InvoiceStatus next) {
    if (!invoice.status.canBecome(next)) {
      throw new IllegalStateException(
          "invoice "
              + invoice.externalReference
              + " cannot go from "
              + invoice.status
              + " to "
              + next);
    }
    invoice.status = next;
  }

  private Map<String, Invoice> invoicesOf(Biller biller) {
    return invoices.computeIfAbsent(biller.shortCode, k -> new LinkedHashMap<>());
  }

  private String appKey() {
    // The portal's sample looks like AG_<digits>_<alphanumerics>.
    String uuid = mpesa.ids().uuid().replace("-", "").toUpperCase(Locale.ROOT);
    return "AG_"
        + mpesa.now().format(DateTimeFormatter.BASIC_ISO_DATE)
        + "_"
        + uuid.substring(0, 20);
  }

  // ---- fields ----------------------------------------------------------------------------------

  private static JsonNode object(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw Refusal.badRequest("Invalid request: expected a JSON object");
    }
    return node;
  }

  private static List<JsonNode> batch(JsonNode body, String what) {
    if (body == null || !body.isArray()) {
      throw Refusal.badRequest("Invalid request: expected a JSON array of " + what);
    }
    if (body.isEmpty() || body.size() > MAX_BULK) {
      throw Refusal.badRequest(
          "Invalid request: 1 to " + MAX_BULK + " " + what + " at a time, got " + body.size());
    }
    List<JsonNode> items = new ArrayList<>(body.size());
    body.forEach(items::add);
    return items;
  }

  /** A required value, string or number, as text. */
  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !(node.isTextual() || node.isNumber()) || node.asText().isBlank()) {
      throw Refusal.missing(field, "a value is required");
    }
    String value = node.isNumber() ? node.decimalValue().toPlainString() : node.asText().strip();
    if (value.length() > MAX_TEXT) {
      throw Refusal.missing(field, "at most " + MAX_TEXT + " characters");
    }
    return value;
  }

  private static String phone(JsonNode body, String field) {
    String phone = text(body, field);
    if (!PHONE.matcher(phone).matches()) {
      throw Refusal.conflict(BAD_PHONE);
    }
    return phone;
  }

  /** KES as a numeric string without commas (or a JSON number), above 0; in cents. */
  private static long amount(JsonNode body, String field) {
    String text = text(body, field);
    if (!AMOUNT.matcher(text).matches() || Money.parse(text) <= 0) {
      throw Refusal.missing(field, "KES as digits without commas, e.g. 800");
    }
    return Money.parse(text);
  }

  private static void dueDate(String text) {
    try {
      if (DUE_SHAPE.matcher(text).matches()) {
        if (text.length() == 10) {
          LocalDate.parse(text, DUE_DAY);
        } else {
          LocalDateTime.parse(text, DUE_TIME);
        }
        return;
      }
    } catch (DateTimeParseException e) {
      // Reported below, as any other wrong format.
    }
    throw Refusal.conflict(BAD_DUE_DATE);
  }

  private static String url(JsonNode body, String field) {
    String text = text(body, field);
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return text;
      }
    } catch (URISyntaxException e) {
      // Reported below.
    }
    throw Refusal.missing(field, "an absolute http(s) URL where payments are pushed");
  }

  /**
   * Whole shillings as {@code "5000"}, as the push sample writes them; cents when there are any.
   */
  private static String shillings(long cents) {
    BigDecimal value = Money.decimal(cents);
    return cents % 100 == 0 ? value.setScale(0).toPlainString() : value.toPlainString();
  }

  private static ObjectNode error(int index, JsonNode item, Refusal refusal) {
    ObjectNode error = Json.object();
    error
        .put("index", index)
        .put("externalReference", item.path("externalReference").asText(""))
        .put("rescode", refusal.rescode)
        .put("message", refusal.getMessage());
    return error;
  }

  // ---- answers ---------------------------------------------------------------------------------

  private interface Work {
    ApiResponse run();
  }

  private ApiResponse answer(Work work) {
    try {
      return work.run();
    } catch (Refusal e) {
      ObjectNode answer = Json.object();
      answer
          .put("Status_Message", e.getMessage())
          .put("resmsg", e.resmsg)
          .put("rescode", e.rescode)
          .set("errors", e.errors);
      int status =
          mpesa.config().billManagerRefusalStatus() == EmulatorConfig.BillManagerRefusalStatus.OK
              ? 200
              : Integer.parseInt(e.rescode);
      return new ApiResponse(status, answer);
    }
  }

  private static ApiResponse success(ObjectNode answer) {
    answer.put("resmsg", "Success").put("rescode", "200");
    return ApiResponse.ok(answer);
  }

  private static ApiResponse sent() {
    ObjectNode answer = Json.object();
    answer.put("Status_Message", "Invoice sent successfully");
    return success(answer);
  }

  private static ApiResponse cancelled() {
    ObjectNode answer = Json.object();
    // "successfuly" (sic), as Bill Manager spells it.
    answer.put("Status_Message", "Invoice cancelled successfuly.");
    success(answer);
    answer.putArray("errors");
    return ApiResponse.ok(answer);
  }
}
