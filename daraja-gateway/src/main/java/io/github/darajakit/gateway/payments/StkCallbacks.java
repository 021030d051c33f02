package io.github.darajakit.gateway.payments;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.StkCallback;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.gateway.callbacks.CallbackHandler;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.callbacks.CallbackStore;
import io.github.darajakit.gateway.callbacks.PhoneEvidence;
import io.github.darajakit.gateway.callbacks.Received;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.transactions.ReceiptChecks;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies STK callbacks to the payments they name, inside the transaction that stores them.
 *
 * <p>A callback is evidence, not truth: it credits a payment only if it names a payment we pushed,
 * and its amount and phone are what we asked for. One that names nothing we know, or disagrees,
 * changes nothing and is kept for review. A final payment is never changed again: duplicates and
 * late contradictions are recorded, not applied.
 */
public final class StkCallbacks implements CallbackHandler {

  /**
   * STK callbacks: {@code …/stk}, or {@code …/stk/<payment id>} when the push named its payment.
   */
  public static final CallbackKind KIND = new CallbackKind("STK", "stk");

  private final Database database;
  private final PaymentStore payments;
  private final PaymentService paymentService;
  private final CallbackStore callbacks;
  private final Receipts receipts;
  private final ReceiptChecks receiptChecks;
  private final Clock clock;
  private final Consumer<Verdict> replayed;

  /**
   * @param callbacks the stored callbacks, to re-examine early ones ({@link #replayUnmatched})
   * @param receiptChecks where receipts credited on a callback's word are queued for a second
   *     opinion
   * @param replayed told the verdict on each early callback applied late, for metrics
   */
  public StkCallbacks(
      Database database,
      PaymentStore payments,
      PaymentService paymentService,
      CallbackStore callbacks,
      Receipts receipts,
      ReceiptChecks receiptChecks,
      Clock clock,
      Consumer<Verdict> replayed) {
    this.database = database;
    this.payments = payments;
    this.paymentService = paymentService;
    this.callbacks = callbacks;
    this.receipts = receipts;
    this.receiptChecks = receiptChecks;
    this.clock = clock;
    this.replayed = replayed;
  }

  @Override
  public Verdict apply(Connection c, Received received) throws SQLException {
    return stk(c, received.body(), received.callbackToken());
  }

  /**
   * Re-examines STK callbacks that arrived before their payment's push answer was recorded, in the
   * caller's transaction (the one recording that answer).
   */
  void replayUnmatched(Connection c, String checkoutRequestId) throws SQLException {
    if (checkoutRequestId == null) {
      return;
    }
    // A callback for this id being stored right now commits before this looks (see stk()).
    database.lockKey(c, checkoutRequestId);
    for (CallbackStore.Stored stored : callbacks.unmatched(c, checkoutRequestId)) {
      StkCallback callback;
      try {
        callback = DarajaCallbacks.parseStkCallback(stored.body().getBytes(StandardCharsets.UTF_8));
      } catch (DarajaCallbackParseException e) {
        continue;
      }
      Optional<Payment> payment = payments.byCheckoutRequestId(c, checkoutRequestId);
      if (payment.isEmpty()) {
        return;
      }
      Verdict verdict = stkFor(c, payment.get(), callback);
      callbacks.reclassify(c, stored.id(), verdict);
      replayed.accept(verdict);
    }
  }

  private Verdict stk(Connection c, byte[] body, String paymentId) throws SQLException {
    StkCallback callback;
    try {
      callback = DarajaCallbacks.parseStkCallback(body);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    String checkoutRequestId = callback.checkoutRequestId();
    Optional<Payment> found = payments.byCheckoutRequestId(c, checkoutRequestId);
    if (found.isEmpty() && checkoutRequestId != null) {
      // Maybe the push's answer is being recorded right now: wait for it, then look again
      // (replayUnmatched takes the same lock on the other side).
      database.lockKey(c, checkoutRequestId);
      found = payments.byCheckoutRequestId(c, checkoutRequestId);
    }
    if (found.isEmpty() && paymentId != null && checkoutRequestId != null) {
      found = namedByItsCallbackUrl(c, paymentId, callback);
    }
    if (found.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED,
          "no payment has CheckoutRequestID " + checkoutRequestId + " (yet)",
          null,
          checkoutRequestId);
    }
    return stkFor(c, found.get(), callback);
  }

  /**
   * The payment an STK callback's URL names, when the push's answer (with the CheckoutRequestID)
   * never reached the gateway: the callback's ids are recorded on it, so this callback and any copy
   * of it, and STK Query, now find it. A payment that already has another CheckoutRequestID is not
   * this callback's.
   */
  private Optional<Payment> namedByItsCallbackUrl(
      Connection c, String paymentId, StkCallback callback) throws SQLException {
    Optional<Payment> named = payments.find(c, paymentId);
    if (named.isEmpty() || named.get().checkoutRequestId() != null) {
      return Optional.empty();
    }
    return Optional.of(
            paymentService.update(
                c,
                named.get(),
                p ->
                    p.checkoutRequestId() != null
                        ? Optional.empty()
                        : Optional.of(
                            p.toBuilder()
                                // A callback for the push proves Daraja accepted it, whatever
                                // became of its answer (lost, or not recorded yet).
                                .status(
                                    p.status() == PaymentStatus.CREATED
                                            || p.status() == PaymentStatus.UNKNOWN
                                        ? PaymentStatus.SUBMITTED
                                        : p.status())
                                .submitted(
                                    callback.checkoutRequestId(), callback.merchantRequestId())
                                .build(clock.millis()))))
        .filter(p -> callback.checkoutRequestId().equals(p.checkoutRequestId()));
  }

  /**
   * Applies an STK callback to its payment. Also used for callbacks that arrived before the push's
   * answer was recorded, once it is.
   */
  Verdict stkFor(Connection c, Payment payment, StkCallback callback) throws SQLException {
    String key = callback.checkoutRequestId();
    ResultCode code = callback.resultCode();
    if (code.outcome() == Outcome.PENDING) {
      return Verdict.of(
          Verdict.Outcome.DUPLICATE,
          "a pending code in a callback changes nothing",
          payment.id(),
          key);
    }
    PaymentStatus target = PaymentStatus.of(code.outcome());
    if (target == PaymentStatus.SUCCEEDED) {
      return stkPaid(c, payment, callback);
    }
    if (payment.status().isTerminal()) {
      return alreadyFinal(payment, payment.status() == target, target, code, key);
    }
    // Whether this callback made the change: another writer may have applied a copy of it first.
    boolean[] changed = new boolean[1];
    Payment moved =
        paymentService.update(
            c,
            payment,
            p -> {
              changed[0] = !p.status().isTerminal();
              if (!changed[0]) {
                return Optional.empty();
              }
              return Optional.of(
                  p.toBuilder()
                      .status(target)
                      .result(code.code(), callback.resultDesc())
                      .failureReason(code.meaning())
                      .nextCheck(null, p.checkAttempts())
                      .clearAttention()
                      .build(clock.millis()));
            });
    return applied(changed[0], moved, code, key);
  }

  /**
   * Applies an STK callback saying the customer paid. It credits the payment only if it carries
   * every fact it is checked on — our amount, our phone (in any of Daraja's forms), a receipt — and
   * its receipt credits nothing else; otherwise the payment is flagged and nothing is credited. A
   * payment STK Query already found paid, whose receipt no callback had brought, gets its receipt.
   */
  private Verdict stkPaid(Connection c, Payment payment, StkCallback callback) throws SQLException {
    String key = callback.checkoutRequestId();
    ResultCode code = callback.resultCode();
    if (payment.status().isTerminal()
        && !(payment.status() == PaymentStatus.SUCCEEDED && payment.receipt() == null)) {
      boolean paidBefore =
          payment.status() == PaymentStatus.SUCCEEDED || payment.status() == PaymentStatus.REVERSED;
      boolean same =
          paidBefore
              && callback
                  .payment()
                  .map(StkPayment::mpesaReceiptNumber)
                  .orElse("")
                  .equals(payment.receipt());
      return alreadyFinal(payment, same, PaymentStatus.SUCCEEDED, code, key);
    }
    Optional<String> disagreement = disagreement(payment, callback);
    if (disagreement.isPresent()) {
      paymentService.flag(
          c, payment.id(), "an STK callback disagreed with the payment: " + disagreement.get());
      return Verdict.of(Verdict.Outcome.MISMATCH, disagreement.get(), payment.id(), key);
    }
    StkPayment paid = callback.payment().orElseThrow();
    String receipt = paid.mpesaReceiptNumber();
    Optional<Receipts.Owner> owner =
        receipts.claim(c, receipt, "payment", payment.id(), clock.millis());
    if (owner.isPresent()) {
      String reason =
          "an STK callback names receipt " + receipt + ", which already belongs to " + owner.get();
      paymentService.flag(c, payment.id(), reason + ": not applied");
      return Verdict.of(Verdict.Outcome.MISMATCH, reason, payment.id(), key);
    }
    // Whether this callback made the change: another writer may have applied a copy of it first.
    boolean[] changed = new boolean[1];
    Payment moved =
        paymentService.update(
            c,
            payment,
            p -> {
              boolean receiptMissing = p.status() == PaymentStatus.SUCCEEDED && p.receipt() == null;
              changed[0] = !p.status().isTerminal() || receiptMissing;
              if (!changed[0]) {
                return Optional.empty();
              }
              return Optional.of(
                  p.toBuilder()
                      .status(PaymentStatus.SUCCEEDED)
                      .result(code.code(), callback.resultDesc())
                      .nextCheck(null, p.checkAttempts())
                      .paid(
                          receipt,
                          paid.amount().longValueExact(),
                          paid.msisdn().map(Msisdn::value).orElse(paid.phoneNumber()),
                          paid.transactionDate() == null
                              ? clock.millis()
                              : paid.transactionInstant().toEpochMilli())
                      .clearAttention()
                      .build(clock.millis()));
            });
    if (changed[0]) {
      // Credited on the callback's word alone: M-Pesa is asked about the receipt later.
      receiptChecks.expect(
          c,
          new ReceiptChecks.Check(
              receipt,
              "payment",
              payment.id(),
              payment.phone(),
              payment.amount(),
              payment.shortCode(),
              0));
    }
    return applied(changed[0], moved, code, key);
  }

  /**
   * The verdict on a callback for a payment already final: a copy of what settled it ({@code same})
   * is a duplicate; anything else is late, kept and not applied.
   */
  private static Verdict alreadyFinal(
      Payment payment, boolean same, PaymentStatus says, ResultCode code, String key) {
    return Verdict.of(
        same ? Verdict.Outcome.DUPLICATE : Verdict.Outcome.LATE,
        same
            ? "the payment is already " + payment.status().apiName()
            : "the payment is already "
                + payment.status().apiName()
                + "; this callback says "
                + says.apiName()
                + " ("
                + code.code()
                + "): recorded, not applied",
        payment.id(),
        key);
  }

  /** The verdict on a callback that moved a payment, or found a copy of itself applied first. */
  private static Verdict applied(boolean changed, Payment moved, ResultCode code, String key) {
    return Verdict.of(
        changed ? Verdict.Outcome.APPLIED : Verdict.Outcome.DUPLICATE,
        "payment " + moved.status().apiName() + " (" + code.code() + ")",
        moved.id(),
        key);
  }

  /** What in a success callback is missing or does not match the payment, if anything. */
  private static Optional<String> disagreement(Payment payment, StkCallback callback) {
    Optional<StkPayment> paid = callback.payment();
    if (paid.isEmpty()) {
      return Optional.of("a success without CallbackMetadata");
    }
    BigDecimal amount = paid.get().amount();
    if (amount == null) {
      return Optional.of("no Amount, so it cannot be checked against KES " + payment.amount());
    }
    if (amount.compareTo(BigDecimal.valueOf(payment.amount())) != 0) {
      return Optional.of("amount " + amount + " instead of " + payment.amount());
    }
    Optional<String> phone = PhoneEvidence.problem(paid.get().phoneNumber(), payment.phone());
    if (phone.isPresent()) {
      return phone;
    }
    String receipt = paid.get().mpesaReceiptNumber();
    if (receipt == null || receipt.isBlank()) {
      return Optional.of("no M-Pesa receipt");
    }
    if (!Receipts.wellFormed(receipt)) {
      return Optional.of("a malformed M-Pesa receipt");
    }
    return Optional.empty();
  }
}
