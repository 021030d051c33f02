package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.EmulatorClock;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Customer;
import io.github.darajakit.emulator.internal.world.Frequency;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.OrganisationType;
import io.github.darajakit.emulator.internal.world.Outcome;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.StandingOrder;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.TransactionKind;
import io.github.darajakit.emulator.internal.world.World;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * M-Pesa Ratiba, standing orders (REFERENCE §15): the request is acknowledged, the customer
 * consents on a PIN prompt, the merchant gets a callback, and from then on the emulator's clock
 * debits the customer on every due date, reporting each debit to the shortcode's registered C2B
 * ConfirmationURL.
 */
public final class RatibaApi {

  static final String PAY_BILL = "Standing Order Customer Pay Bill";
  // Sic: Daraja spells it this way on the wire (REFERENCE §22b).
  static final String PAY_MERCHANT = "Standing Order Customer Pay Marchant";
  private static final String ACCEPTED = "Request accepted for processing";
  private static final String PROCESSED = "The service request is processed successfully";
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  private final Mpesa mpesa;
  private final StkApi stk;
  private final C2bApi c2b;
  // One debit run at a time (the background check and clock moves): each due debit exactly once.
  private final Object debitRun = new Object();

  public RatibaApi(Mpesa mpesa, StkApi stk, C2bApi c2b) {
    this.mpesa = mpesa;
    this.stk = stk;
    this.c2b = c2b;
  }

  /** {@code POST /standingorder/v1/createStandingOrderExternal}. */
  public ApiResponse create(ApiCall call) {
    Fields f = call.fields();
    String name = f.text("StandingOrderName");
    LocalDate startDate = date(f, "StartDate");
    LocalDate endDate = date(f, "EndDate");
    if (endDate.isBefore(startDate)) {
      throw DarajaError.invalidField("EndDate");
    }
    String shortCode = f.digits("BusinessShortCode", 5, 7);
    String type = f.oneOf("TransactionType", PAY_BILL, PAY_MERCHANT);
    String receiverType = f.oneOf("ReceiverPartyIdentifierType", "4", "2");
    if (!receiverType.equals(type.equals(PAY_BILL) ? "4" : "2")) {
      throw DarajaError.invalidField("ReceiverPartyIdentifierType");
    }
    long amount = f.wholeAmount("Amount", 1);
    String phone = f.msisdn("PartyA");
    String callbackUrl = f.url("CallBackURL");
    String accountReference = f.text("AccountReference", 12);
    String description = f.text("TransactionDesc", 13);
    Frequency frequency =
        Frequency.forCode(f.text("Frequency"))
            .orElseThrow(() -> DarajaError.invalidField("Frequency"));

    Organisation payee =
        mpesa
            .world()
            .organisation(shortCode)
            .orElseThrow(() -> DarajaError.stk("Merchant does not exist"));
    if ((payee.type() == OrganisationType.BUY_GOODS) != type.equals(PAY_MERCHANT)) {
      throw DarajaError.invalidField("TransactionType");
    }

    String responseRefId = mpesa.ids().uuid();
    StandingOrder.Terms terms =
        new StandingOrder.Terms(
            name,
            phone,
            shortCode,
            type,
            amount,
            accountReference,
            description,
            frequency,
            startDate,
            endDate,
            callbackUrl);
    stk.consentPrompt(
        phone,
        shortCode,
        type,
        amount,
        callbackUrl,
        accountReference,
        description,
        new OrderConsent(responseRefId, terms, mpesa.clock().instant()));

    ObjectNode ack = Json.object();
    ack.putObject("ResponseHeader")
        .put("responseRefID", responseRefId)
        .put("responseCode", "200")
        .put("responseDescription", ACCEPTED)
        .put("ResultDesc", PROCESSED + ".");
    ack.putObject("ResponseBody").put("responseDescription", ACCEPTED).put("responseCode", "200");
    return ApiResponse.ok(ack);
  }

  private static LocalDate date(Fields f, String field) {
    String text = f.text(field);
    if (text.length() != 8) {
      throw DarajaError.invalidField(field);
    }
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      throw DarajaError.invalidField(field);
    }
  }

  /** The customer's answer to one request's prompt: creates the order, then calls back. */
  private final class OrderConsent implements StkApi.Consent {
    private final String responseRefId;
    private final StandingOrder.Terms terms;
    private final Instant requestedAt;
    private volatile String transactionId = "";

    OrderConsent(String responseRefId, StandingOrder.Terms terms, Instant requestedAt) {
      this.responseRefId = responseRefId;
      this.terms = terms;
      this.requestedAt = requestedAt;
    }

    @Override
    public Outcome decided(Outcome answer) {
      if (answer.kind() == Outcome.Kind.FAIL) {
        return answer;
      }
      EmulatorConfig config = mpesa.config();
      World world = mpesa.world();
      if (world
          .customer(
              terms.msisdn(),
              config.autoCreateCustomers(),
              Money.cents(config.newCustomerBalance()))
          .isEmpty()) {
        return Outcome.fail("1037", "DS timeout user cannot be reached");
      }
      StandingOrder order =
          new StandingOrder(
              mpesa.newReceipt(), responseRefId, terms, requestedAt, mpesa.clock().instant());
      if (!world.addStandingOrder(order)) {
        return Outcome.fail(
            "1050", "A standing order with this name already exists for the customer.");
      }
      transactionId = order.id();
      return new Outcome(Outcome.Kind.PROCEED, "0", PROCESSED);
    }

    @Override
    public void callBack(Outcome result) {
      mpesa.deliverNow(
          "ratiba",
          terms.callbackUrl(),
          callback(responseRefId, terms.msisdn(), result, transactionId));
    }
  }

  /**
   * The consent callback (REFERENCE §15): camelCase keys on success and PascalCase on failure as
   * the portal's samples show, or one casing throughout ({@code ratiba.callbackKeys} ⚠).
   */
  private ObjectNode callback(
      String responseRefId, String msisdn, Outcome result, String transactionId) {
    boolean success = result.resultCode().equals("0");
    boolean pascal =
        switch (mpesa.config().ratibaCallbackKeys()) {
          case AS_DOCUMENTED -> !success;
          case CAMEL -> false;
          case PASCAL -> true;
        };
    String last3 = msisdn.substring(msisdn.length() - 3);
    ObjectNode root = Json.object();
    root.putObject(pascal ? "ResponseHeader" : "responseHeader")
        .put("responseRefID", responseRefId)
        .put("requestRefID", responseRefId)
        .put("responseCode", result.resultCode())
        .put("responseDescription", success ? PROCESSED : "Error");
    ArrayNode data =
        root.putObject(pascal ? "ResponseBody" : "responseBody")
            .putArray(pascal ? "ResponseData" : "responseData");
    item(data, pascal, "TransactionID", success ? transactionId : "0000000000");
    item(data, pascal, "responseCode", result.resultCode());
    item(data, pascal, "Status", success ? "OKAY" : "ERROR");
    // Masked as in each sample: "254******867" on success, "*********149" on failure.
    item(
        data,
        pascal,
        "Msisdn",
        success ? msisdn.substring(0, 3) + "******" + last3 : "*********" + last3);
    return root;
  }

  private static void item(ArrayNode data, boolean pascal, String name, String value) {
    data.addObject().put(pascal ? "Name" : "name", name).put(pascal ? "Value" : "value", value);
  }

  /**
   * Makes every debit that has fallen due by the emulator's now, earliest first across all orders,
   * each exactly once; then marks orders with no due date left as ended.
   *
   * @return how many debits were made or refused
   */
  public int runDue() {
    synchronized (debitRun) {
      World world = mpesa.world();
      EmulatorConfig config = mpesa.config();
      Instant now = mpesa.clock().instant();
      int made = 0;
      while (true) {
        Optional<StandingOrder.Due> next =
            world.standingOrders().stream()
                .map(o -> o.nextDue(config.ratibaDebitTime(), EmulatorClock.EAT))
                .flatMap(Optional::stream)
                .filter(due -> !due.at().isAfter(now))
                .min(
                    Comparator.comparing(StandingOrder.Due::at)
                        .thenComparing(due -> due.order().activatedAt()));
        if (next.isEmpty()) {
          break;
        }
        debit(next.get(), config);
        made++;
      }
      for (StandingOrder order : world.standingOrders()) {
        if (order.status() == StandingOrder.Status.ACTIVE
            && order.nextDue(config.ratibaDebitTime(), EmulatorClock.EAT).isEmpty()) {
          world.transition(order, StandingOrder.Status.ENDED);
        }
      }
      return made;
    }
  }

  private record Settled(
      StandingOrder.Debit debit, Transaction transaction, Customer customer, long balanceAfter) {}

  /**
   * One due debit: the money moves at the due time if the customer can pay, and the shortcode's
   * registered ConfirmationURL hears of it. A refused debit is recorded on the order only (⚠
   * Safaricom does not document what happens to the customer or the merchant).
   */
  private void debit(StandingOrder.Due due, EmulatorConfig config) {
    World world = mpesa.world();
    StandingOrder order = due.order();
    StandingOrder.Terms terms = order.terms();
    long cents = Money.cents(terms.amount());
    LocalDate day = due.at().atZone(EmulatorClock.EAT).toLocalDate();
    Organisation payee = world.organisation(terms.shortCode()).orElse(null);
    boolean registered = c2b.registration(terms.shortCode()).isPresent();
    Settled settled =
        world.atomically(
            () -> {
              // Cancelled meanwhile, or dropped by a reset of the world: nothing more to do.
              if (order.status() != StandingOrder.Status.ACTIVE
                  || world.standingOrder(order.id()).orElse(null) != order) {
                return null;
              }
              Customer customer = world.customer(terms.msisdn()).orElse(null);
              String code;
              String desc;
              if (customer == null || payee == null) {
                code = "SFC_IC0003";
                desc = "The operator does not exist.";
              } else if (customer.balance() < cents) {
                code = "1";
                desc = "The balance is insufficient for the transaction.";
              } else if (world.sentOn(customer, day) + cents
                  > Money.cents(config.customerDailyLimit())) {
                code = "4";
                desc = "Declined due to limit rule: would exceed daily transfer limit.";
              } else {
                world.adjust(customer, -cents);
                world.adjust(payee, AccountType.UTILITY, cents);
                world.recordSent(customer, day, cents);
                Transaction transaction =
                    world.record(
                        mpesa.newReceipt(),
                        payee.type() == OrganisationType.BUY_GOODS
                            ? TransactionKind.STANDING_ORDER_BUY_GOODS
                            : TransactionKind.STANDING_ORDER_PAY_BILL,
                        Transaction.Status.COMPLETED,
                        cents,
                        Party.of(customer),
                        Party.of(payee, AccountType.UTILITY),
                        due.at(),
                        due.at(),
                        "",
                        "",
                        terms.accountReference(),
                        "");
                StandingOrder.Debit debit =
                    new StandingOrder.Debit(
                        due.date(),
                        due.at(),
                        true,
                        transaction.receipt(),
                        "0",
                        PROCESSED + ".",
                        registered);
                world.recordDebit(due, debit);
                return new Settled(
                    debit, transaction, customer, payee.balance(AccountType.UTILITY));
              }
              StandingOrder.Debit refused =
                  new StandingOrder.Debit(due.date(), due.at(), false, "", code, desc, false);
              world.recordDebit(due, refused);
              return new Settled(refused, null, customer, 0);
            });
    if (settled != null && settled.transaction() != null && registered) {
      c2b.confirm(
          settled.transaction(),
          settled.customer(),
          payee,
          config.ratibaDebitTransactionType(),
          settled.balanceAfter());
    }
  }

  /** Cancels a standing order: no further debits. Empty if there is none with this id. */
  public Optional<Boolean> cancel(String id) {
    return mpesa
        .world()
        .standingOrder(id)
        .map(order -> mpesa.world().transition(order, StandingOrder.Status.CANCELLED));
  }

  /** The admin view of a standing order, with its debits. */
  public ObjectNode toJson(StandingOrder order) {
    StandingOrder.Terms t = order.terms();
    ObjectNode node = Json.object();
    node.put("id", order.id())
        .put("responseRefId", order.responseRefId())
        .put("name", t.name())
        .put("msisdn", t.msisdn())
        .put("businessShortCode", t.shortCode())
        .put("transactionType", t.transactionType())
        .put("amount", t.amount())
        .put("accountReference", t.accountReference())
        .put("transactionDesc", t.transactionDesc())
        .put("frequency", t.frequency().code())
        .put("frequencyName", t.frequency().name().toLowerCase(Locale.ROOT))
        .put("startDate", t.startDate().toString())
        .put("endDate", t.endDate().toString())
        .put("callbackUrl", t.callbackUrl())
        .put("status", order.status().name().toLowerCase(Locale.ROOT))
        .put("requestedAt", order.requestedAt().toString())
        .put("activatedAt", order.activatedAt().toString());
    Optional<StandingOrder.Due> next =
        order.nextDue(mpesa.config().ratibaDebitTime(), EmulatorClock.EAT);
    node.put("nextDebitAt", next.map(due -> due.at().toString()).orElse(null));
    ArrayNode debits = node.putArray("debits");
    for (StandingOrder.Debit d : order.debits()) {
      debits
          .addObject()
          .put("dueDate", d.dueDate().toString())
          .put("at", d.at().toString())
          .put("status", d.completed() ? "completed" : "failed")
          .put("receipt", d.receipt())
          .put("resultCode", d.resultCode())
          .put("resultDesc", d.resultDesc())
          .put("confirmationSent", d.confirmed());
    }
    return node;
  }
}
