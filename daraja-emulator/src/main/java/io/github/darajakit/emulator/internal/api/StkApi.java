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
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.OrganisationType;
import io.github.darajakit.emulator.internal.world.Outcome;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.Scenario;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.TransactionKind;
import io.github.darajakit.emulator.internal.world.World;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * M-Pesa Express: STK push and STK query (REFERENCE §4), with a prompt per push that resolves after
 * the result delay (or an admin decision in manual mode) into money moving and one callback.
 */
public final class StkApi {

  /** What an admin can do to a pending prompt, as the customer would on their phone. */
  public enum PromptAction {
    APPROVE,
    CANCEL,
    TIMEOUT,
    WRONG_PIN
  }

  /**
   * What a prompt that is not a payment asks the customer to agree to (a Ratiba standing order).
   * The prompt itself — the scenario table, manual mode, admin decisions, the prompt timeout, one
   * prompt per phone — is an STK prompt like any other.
   */
  public interface Consent {
    /**
     * Acts on the customer's answer, once: {@link Outcome#PROCEED} or {@link
     * Outcome.Kind#SUCCEED_SILENTLY} when they approved with the right PIN, else the failure.
     *
     * @return the final outcome ({@link Outcome#PROCEED} or a failure)
     */
    Outcome decided(Outcome answer);

    /** Sends the callback for the final outcome. */
    void callBack(Outcome result);

    /** What the admin API calls the prompt. */
    default String purpose() {
      return "standing_order_consent";
    }
  }

  static final String SANDBOX_TEST_MSISDN = "254708374149";
  private static final String SUCCESS_DESC = "The service request is processed successfully.";
  private static final String ACCEPTED = "Success. Request accepted for processing";
  // Sic, three s's: live STK Query answers captured from 2018 to 2024 all spell it this way (issue
  // 13); the portal's sample ("successfully") is not what Daraja sends. Clients matching the
  // portal's text would break on the real thing, so the emulator sends the real thing.
  static final String QUERY_ACCEPTED = "The service request has been accepted successsfully";
  private static final String BUSY =
      "Unable to lock subscriber, a transaction is already in process for the current subscriber";
  private static final DateTimeFormatter TRANSACTION_DATE =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

  private final Mpesa mpesa;
  private final Map<String, StkSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, String> pendingByPhone = new ConcurrentHashMap<>();
  private final Map<String, Instant> recentPushes = new ConcurrentHashMap<>();

  public StkApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /** {@code POST /mpesa/stkpush/v1/processrequest}. */
  public ApiResponse push(ApiCall call) {
    EmulatorConfig config = mpesa.config();
    Fields f = call.fields();
    String shortCode = f.digits("BusinessShortCode", 5, 7);
    String password = f.text("Password");
    LocalDateTime timestamp = f.timestamp("Timestamp");
    String timestampText = f.text("Timestamp");
    String type = f.oneOf("TransactionType", "CustomerPayBillOnline", "CustomerBuyGoodsOnline");
    long amount = f.wholeAmount("Amount", 1);
    f.msisdn("PartyA");
    String partyB = f.digits("PartyB", 5, 7);
    String phone = f.msisdn("PhoneNumber");
    String callbackUrl = f.url("CallBackURL");
    String accountReference = f.text("AccountReference", config.accountReferenceMaxLength());
    String description = f.text("TransactionDesc", "Remarks", 1, config.transactionDescMaxLength());

    Organisation merchant = merchant(shortCode);
    checkPassword(merchant, password, timestampText);
    checkTimestamp(timestamp, config.timestampTolerance());
    if (merchant.type() == OrganisationType.PAYBILL && type.equals("CustomerBuyGoodsOnline")) {
      throw DarajaError.invalidField("TransactionType");
    }

    Outcome outcome = config.stkManualMode() ? Outcome.PROCEED : Scenario.stkOutcome(phone);
    if (outcome.kind() == Outcome.Kind.REJECT_BUSY) {
      throw DarajaError.stk(BUSY);
    }
    String checkoutRequestId = claimPhone(phone).orElseThrow(() -> DarajaError.stk(BUSY));
    StkSession session =
        new StkSession(
            mpesa.ids().merchantRequestId(),
            checkoutRequestId,
            shortCode,
            partyB,
            phone,
            type,
            amount,
            callbackUrl,
            accountReference,
            description,
            mpesa.clock().instant(),
            null);
    sessions.put(checkoutRequestId, session);

    Optional<Outcome> immediate = immediateOutcome(config, phone, amount);
    if (immediate.isPresent()) {
      outcome = immediate.get();
    }
    if (config.sandboxRealism() && !phone.equals(SANDBOX_TEST_MSISDN)) {
      // The live sandbox accepts the push, nothing reaches the handset, and the query says E3008.
      finish(session, "E3008", "Error, the user has a bad debt contract.", null);
    } else if (immediate.isPresent()) {
      // M-Pesa's own rules (rule limit) refuse before any prompt reaches the handset, so only a
      // push that gets as far as the phone waits for the admin.
      Outcome decided = outcome;
      mpesa.afterResultDelay(() -> resolve(session, decided));
    } else {
      awaitAnswer(session, outcome);
    }

    ObjectNode ack = Json.object();
    ack.put("MerchantRequestID", session.merchantRequestId)
        .put("CheckoutRequestID", checkoutRequestId)
        .put("ResponseCode", "0")
        .put("ResponseDescription", ACCEPTED)
        .put("CustomerMessage", ACCEPTED);
    return ApiResponse.ok(ack);
  }

  /**
   * Sends a consent prompt to a customer's phone, decided like a payment prompt: by the scenario
   * table after the result delay, or by an admin in manual mode (then 1037 after the prompt
   * timeout). A phone that already has a prompt pending, or the subscriber_busy scenario, answers
   * 1001 after the delay without a prompt.
   *
   * @return the prompt's CheckoutRequestID, or empty if no prompt was sent
   */
  public Optional<String> consentPrompt(
      String phone,
      String shortCode,
      String transactionType,
      long amount,
      String callbackUrl,
      String accountReference,
      String description,
      Consent consent) {
    EmulatorConfig config = mpesa.config();
    Outcome outcome = config.stkManualMode() ? Outcome.PROCEED : Scenario.stkOutcome(phone);
    Outcome busy = Outcome.fail("1001", BUSY);
    if (outcome.kind() == Outcome.Kind.REJECT_BUSY) {
      mpesa.afterResultDelay(() -> consent.callBack(consent.decided(busy)));
      return Optional.empty();
    }
    Optional<String> claimed = claimPhone(phone);
    if (claimed.isEmpty()) {
      mpesa.afterResultDelay(() -> consent.callBack(consent.decided(busy)));
      return Optional.empty();
    }
    String checkoutRequestId = claimed.get();
    StkSession session =
        new StkSession(
            mpesa.ids().merchantRequestId(),
            checkoutRequestId,
            shortCode,
            shortCode,
            phone,
            transactionType,
            amount,
            callbackUrl,
            accountReference,
            description,
            mpesa.clock().instant(),
            consent);
    sessions.put(checkoutRequestId, session);
    awaitAnswer(session, outcome);
    return Optional.of(checkoutRequestId);
  }

  /**
   * A fresh CheckoutRequestID, now holding the phone; empty if the phone already has a prompt
   * pending.
   */
  private Optional<String> claimPhone(String phone) {
    LocalDateTime now = mpesa.now();
    // The id embeds the phone, and a phone has one prompt at a time: only an old, finished
    // session can hold the same id, and a fresh one must never replace it.
    String checkoutRequestId;
    do {
      checkoutRequestId = mpesa.ids().checkoutRequestId(now, phone);
    } while (sessions.containsKey(checkoutRequestId));
    if (pendingByPhone.putIfAbsent(phone, checkoutRequestId) != null) {
      return Optional.empty();
    }
    return Optional.of(checkoutRequestId);
  }

  /**
   * Lets a prompt on the handset be answered: by an admin in manual mode (else 1037 after the
   * prompt timeout), otherwise as {@code outcome} after the result delay.
   */
  private void awaitAnswer(StkSession session, Outcome outcome) {
    EmulatorConfig config = mpesa.config();
    if (config.stkManualMode()) {
      mpesa.later(
          config.stkPromptTimeout(),
          () -> resolve(session, Outcome.fail("1037", "No response from user.")));
    } else {
      mpesa.afterResultDelay(() -> resolve(session, outcome));
    }
  }

  /** {@code POST /mpesa/stkpushquery/v1/query}. */
  public ApiResponse query(ApiCall call) {
    Fields f = call.fields();
    String shortCode = f.digits("BusinessShortCode", 5, 7);
    String password = f.text("Password");
    f.timestamp("Timestamp");
    String timestampText = f.text("Timestamp");
    String checkoutRequestId = f.text("CheckoutRequestID");
    Organisation merchant = merchant(shortCode);
    checkPassword(merchant, password, timestampText);
    checkTimestamp(f.timestamp("Timestamp"), mpesa.config().timestampTolerance());
    StkSession session = sessions.get(checkoutRequestId);
    if (session == null || !session.shortCode.equals(shortCode)) {
      throw DarajaError.invalidField("CheckoutRequestID");
    }
    ObjectNode answer = Json.object();
    answer
        .put("ResponseCode", "0")
        .put("ResponseDescription", QUERY_ACCEPTED)
        .put("MerchantRequestID", session.merchantRequestId)
        .put("CheckoutRequestID", session.checkoutRequestId);
    StkSession.Result result = session.result();
    if (result == null) {
      if (mpesa.config().stkQueryPendingStyle() == EmulatorConfig.StkQueryPendingStyle.LEGACY) {
        throw DarajaError.stk("The transaction is being processed");
      }
      answer
          .put("ResultCode", "4999")
          .put("ResultDesc", "The transaction is still under processing");
    } else {
      answer.put("ResultCode", result.code()).put("ResultDesc", result.desc());
    }
    return ApiResponse.ok(answer);
  }

  /**
   * Decides a pending prompt as the customer would (manual mode, or any pending prompt).
   *
   * @return the final result, or empty if no such prompt is pending
   */
  public Optional<StkSession.Result> decide(
      String checkoutRequestId, PromptAction action, String pin) {
    StkSession session = sessions.get(checkoutRequestId);
    if (session == null || session.result() != null) {
      return Optional.empty();
    }
    Outcome outcome =
        switch (action) {
          case APPROVE -> {
            Optional<Customer> customer = mpesa.world().customer(session.phone);
            if (pin != null && customer.isPresent() && !customer.get().pin().equals(pin)) {
              yield Outcome.fail("2001", "The initiator information is invalid.");
            }
            yield Outcome.PROCEED;
          }
          case CANCEL -> Outcome.fail("1032", "Request cancelled by user");
          case TIMEOUT -> Outcome.fail("1037", "No response from user.");
          case WRONG_PIN -> Outcome.fail("2001", "The initiator information is invalid.");
        };
    resolve(session, outcome);
    return Optional.ofNullable(session.result());
  }

  /** Prompts still waiting for the customer, oldest first. */
  public List<StkSession> pending() {
    List<StkSession> pending = new ArrayList<>();
    for (StkSession s : sessions.values()) {
      if (s.result() == null) {
        pending.add(s);
      }
    }
    pending.sort(Comparator.comparing(s -> s.createdAt));
    return pending;
  }

  /** Recent sessions, newest first. */
  public List<StkSession> sessions(int limit) {
    return sessions.values().stream()
        .sorted(Comparator.comparing((StkSession s) -> s.createdAt).reversed())
        .limit(limit)
        .toList();
  }

  public Optional<StkSession> session(String checkoutRequestId) {
    return Optional.ofNullable(sessions.get(checkoutRequestId));
  }

  /** Forgets finished sessions older than the cutoff, and the oldest beyond {@code max}. */
  public void prune(Instant cutoff, int max) {
    sessions.values().removeIf(s -> s.result() != null && s.createdAt.isBefore(cutoff));
    if (sessions.size() > max) {
      sessions.values().stream()
          .filter(s -> s.result() != null)
          .sorted(Comparator.comparing(s -> s.createdAt))
          .limit(sessions.size() - (long) max)
          .toList()
          .forEach(s -> sessions.remove(s.checkoutRequestId));
    }
    Instant ruleCutoff = mpesa.clock().instant().minus(mpesa.config().stkRuleLimitWindow());
    recentPushes.values().removeIf(at -> at.isBefore(ruleCutoff));
  }

  /** Forgets every session (pending prompts are dropped without callbacks). */
  public void reset() {
    // Claim every prompt first: a scheduled result or prompt timeout that fires after the reset
    // then finds its prompt taken, and neither moves money in the fresh world nor calls back.
    sessions.values().forEach(StkSession::claim);
    sessions.clear();
    pendingByPhone.clear();
    recentPushes.clear();
  }

  private Optional<Outcome> immediateOutcome(EmulatorConfig config, String phone, long amount) {
    Duration window = config.stkRuleLimitWindow();
    if (window.isZero()) {
      return Optional.empty();
    }
    Instant now = mpesa.clock().instant();
    Instant previous = recentPushes.put(phone + "|" + amount, now);
    if (previous != null && previous.plus(window).isAfter(now)) {
      return Optional.of(Outcome.fail("17", "Rule limited."));
    }
    return Optional.empty();
  }

  private Organisation merchant(String shortCode) {
    return mpesa
        .world()
        .organisation(shortCode)
        .filter(o -> o.passkey() != null)
        .orElseThrow(() -> DarajaError.stk("Merchant does not exist"));
  }

  private static void checkPassword(Organisation merchant, String password, String timestamp) {
    String expected =
        Base64.getEncoder()
            .encodeToString(
                (merchant.shortCode() + merchant.passkey() + timestamp)
                    .getBytes(StandardCharsets.UTF_8));
    if (!java.security.MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
      throw DarajaError.stk("Wrong credentials");
    }
  }

  private void checkTimestamp(LocalDateTime timestamp, Duration tolerance) {
    if (tolerance.isZero()) {
      return;
    }
    // The time zone is undocumented (REFERENCE §20): accept the timestamp read as UTC or as EAT.
    Instant now = mpesa.clock().instant();
    Instant asUtc = timestamp.toInstant(ZoneOffset.UTC);
    Instant asEat = timestamp.atZone(EmulatorClock.EAT).toInstant();
    boolean near =
        Duration.between(asUtc, now).abs().compareTo(tolerance) <= 0
            || Duration.between(asEat, now).abs().compareTo(tolerance) <= 0;
    if (!near) {
      throw DarajaError.invalidField("Timestamp");
    }
  }

  /** Settles a prompt exactly once: moves money if it succeeds, then sends the callback. */
  private void resolve(StkSession session, Outcome outcome) {
    if (!session.claim()) {
      return;
    }
    if (session.consent != null) {
      Outcome result;
      try {
        result = session.consent.decided(outcome);
        finish(session, result.resultCode(), result.resultDesc(), null);
      } finally {
        pendingByPhone.remove(session.phone, session.checkoutRequestId);
      }
      if (outcome.kind() != Outcome.Kind.SUCCEED_SILENTLY) {
        session.consent.callBack(result);
      }
      return;
    }
    try {
      if (outcome.kind() == Outcome.Kind.FAIL) {
        finish(session, outcome.resultCode(), outcome.resultDesc(), null);
      } else {
        Settlement settlement = settle(session);
        finish(session, settlement.code, settlement.desc, settlement.transaction);
      }
    } finally {
      pendingByPhone.remove(session.phone, session.checkoutRequestId);
    }
    if (outcome.kind() != Outcome.Kind.SUCCEED_SILENTLY) {
      mpesa.deliverNow("stk", session.callbackUrl, callback(session));
    }
  }

  private record Settlement(String code, String desc, Transaction transaction) {
    static Settlement fail(String code, String desc) {
      return new Settlement(code, desc, null);
    }
  }

  private Settlement settle(StkSession session) {
    EmulatorConfig config = mpesa.config();
    World world = mpesa.world();
    Optional<Customer> maybeCustomer =
        world.customer(
            session.phone, config.autoCreateCustomers(), Money.cents(config.newCustomerBalance()));
    if (maybeCustomer.isEmpty()) {
      return Settlement.fail("1037", "DS timeout user cannot be reached");
    }
    Optional<Organisation> creditOrg = creditOrganisation(session);
    if (creditOrg.isEmpty()) {
      return Settlement.fail("SFC_IC0003", "The operator does not exist.");
    }
    Organisation merchant = world.organisation(session.shortCode).orElseThrow();
    if (merchant.type() == OrganisationType.BUY_GOODS
        && session.transactionType.equals("CustomerPayBillOnline")) {
      return Settlement.fail(
          "2028", "The request is not permitted according to product assignment.");
    }
    Customer customer = maybeCustomer.get();
    Organisation payee = creditOrg.get();
    long cents = Money.cents(session.amount);
    LocalDateTime now = mpesa.now();
    return world.atomically(
        () -> {
          if (session.amount > config.stkMaxAmount()) {
            return Settlement.fail(
                "3", "Declined due to limit rule: greater than the maximum transaction amount.");
          }
          if (world.sentOn(customer, now.toLocalDate()) + cents
              > Money.cents(config.customerDailyLimit())) {
            return Settlement.fail(
                "4", "Declined due to limit rule: would exceed daily transfer limit.");
          }
          if (customer.balance() < cents) {
            return Settlement.fail("1", "The balance is insufficient for the transaction.");
          }
          world.adjust(customer, -cents);
          world.adjust(payee, AccountType.UTILITY, cents);
          world.recordSent(customer, now.toLocalDate(), cents);
          Instant at = mpesa.clock().instant();
          Transaction transaction =
              world.record(
                  mpesa.newReceipt(),
                  payee.type() == OrganisationType.BUY_GOODS
                      ? TransactionKind.STK_BUY_GOODS
                      : TransactionKind.STK_PAYBILL,
                  Transaction.Status.COMPLETED,
                  cents,
                  Party.of(customer),
                  Party.of(payee, AccountType.UTILITY),
                  session.createdAt,
                  at,
                  // Transaction Status finds an STK payment by either request id.
                  session.checkoutRequestId,
                  session.merchantRequestId,
                  session.accountReference,
                  "");
          return new Settlement("0", SUCCESS_DESC, transaction);
        });
  }

  private Optional<Organisation> creditOrganisation(StkSession session) {
    Optional<Organisation> partyB = mpesa.world().organisation(session.partyB);
    if (session.transactionType.equals("CustomerBuyGoodsOnline")) {
      return partyB.filter(
          till ->
              till.type() == OrganisationType.BUY_GOODS
                  && (till.shortCode().equals(session.shortCode)
                      || session.shortCode.equals(till.headOffice())));
    }
    return partyB.filter(o -> o.type() == OrganisationType.PAYBILL);
  }

  private void finish(StkSession session, String code, String desc, Transaction transaction) {
    session.complete(new StkSession.Result(code, desc, transaction, mpesa.clock().instant()));
    pendingByPhone.remove(session.phone, session.checkoutRequestId);
  }

  private ObjectNode callback(StkSession session) {
    StkSession.Result result = session.result();
    ObjectNode root = Json.object();
    ObjectNode stk = root.putObject("Body").putObject("stkCallback");
    stk.put("MerchantRequestID", session.merchantRequestId)
        .put("CheckoutRequestID", session.checkoutRequestId);
    if (result.code().chars().allMatch(Character::isDigit)) {
      stk.put("ResultCode", Long.parseLong(result.code()));
    } else {
      stk.put("ResultCode", result.code());
    }
    stk.put("ResultDesc", result.desc());
    Transaction t = result.transaction();
    if (t != null) {
      ArrayNode items = stk.putObject("CallbackMetadata").putArray("Item");
      items
          .addObject()
          .put("Name", "Amount")
          .put("Value", new BigDecimal(session.amount).setScale(2));
      items.addObject().put("Name", "MpesaReceiptNumber").put("Value", t.receipt());
      if (mpesa.config().stkBalanceItem()) {
        items.addObject().put("Name", "Balance");
      }
      LocalDateTime completed = LocalDateTime.ofInstant(t.completedAt(), EmulatorClock.EAT);
      items
          .addObject()
          .put("Name", "TransactionDate")
          .put("Value", Long.parseLong(TRANSACTION_DATE.format(completed)));
      items.addObject().put("Name", "PhoneNumber").put("Value", Long.parseLong(session.phone));
    }
    return root;
  }

  /** The admin view of a session. */
  public static ObjectNode toJson(StkSession s) {
    ObjectNode node = Json.object();
    node.put("checkoutRequestId", s.checkoutRequestId)
        .put("merchantRequestId", s.merchantRequestId)
        .put("businessShortCode", s.shortCode)
        .put("partyB", s.partyB)
        .put("phoneNumber", s.phone)
        .put("purpose", s.consent == null ? "payment" : s.consent.purpose())
        .put("transactionType", s.transactionType)
        .put("amount", s.amount)
        .put("accountReference", s.accountReference)
        .put("transactionDesc", s.description)
        .put("callbackUrl", s.callbackUrl)
        .put("createdAt", s.createdAt.toString());
    StkSession.Result result = s.result();
    node.put(
        "status", result == null ? "pending" : "0".equals(result.code()) ? "succeeded" : "failed");
    if (result != null) {
      node.put("resultCode", result.code()).put("resultDesc", result.desc());
      node.put("receipt", result.transaction() == null ? null : result.transaction().receipt());
      node.put("completedAt", result.at().toString());
    }
    return node;
  }
}
