package io.github.darajakit.gateway.c2b;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.callbacks.C2bConfirmation;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.gateway.callbacks.CallbackHandler;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.callbacks.Received;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Receipts;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Records C2B confirmations as C2B payments, inside the transaction that stores them: each M-Pesa
 * receipt (TransID) once, only for our shortcode, only for a whole, plausible amount, and never a
 * receipt that already credited something else.
 */
public final class C2bConfirmations implements CallbackHandler {

  /** C2B confirmations (the ConfirmationURL). */
  public static final CallbackKind CONFIRMATION =
      new CallbackKind("C2B_CONFIRMATION", "c2b/confirmation");

  /** C2B validations (the ValidationURL): answered by the {@link ValidationPolicy}, then kept. */
  public static final CallbackKind VALIDATION =
      new CallbackKind("C2B_VALIDATION", "c2b/validation");

  /** Pull Transactions' registration callback (its payload is undocumented): kept, not read. */
  public static final CallbackKind PULL = new CallbackKind("PULL", "pull");

  private final C2bStore c2b;
  private final EventStore events;
  private final Receipts receipts;
  private final Clock clock;
  private final String c2bShortCode;

  /**
   * @param c2bShortCode our C2B shortcode; confirmations for any other are not recorded
   */
  public C2bConfirmations(
      C2bStore c2b, EventStore events, Receipts receipts, Clock clock, String c2bShortCode) {
    this.c2b = c2b;
    this.events = events;
    this.receipts = receipts;
    this.clock = clock;
    this.c2bShortCode = c2bShortCode;
  }

  @Override
  public Verdict apply(Connection c, Received received) throws SQLException {
    return confirmation(c, received.body());
  }

  /** The verdict stored with a validation: the answer already given. */
  public static Verdict validation(Connection c, Received received) {
    return Verdict.of(
        Verdict.Outcome.RECORDED, "validation answered " + received.validationAnswer(), null, null);
  }

  private Verdict confirmation(Connection c, byte[] body) throws SQLException {
    C2bConfirmation confirmation;
    try {
      confirmation = DarajaCallbacks.parseC2bConfirmation(body);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    return record(
        c,
        confirmation.transId(),
        confirmation.businessShortCode(),
        c2bShortCode,
        confirmation.transAmount(),
        amount -> C2bPayment.from(Ids.next("c2b"), confirmation, "confirmation", clock.millis()));
  }

  /**
   * Records a payment M-Pesa reported to a shortcode, in the caller's transaction, by the rules
   * every report of one follows (a C2B confirmation, or Bill Manager's payment push): the receipt
   * an M-Pesa receipt, the shortcode the expected one, the amount whole and plausible, each receipt
   * once, and never a receipt that already credited another record. Appends {@code
   * c2b_payment.received} for a payment newly recorded.
   *
   * @param transId the M-Pesa receipt
   * @param shortCode the shortcode the report says was paid
   * @param expectedShortCode ours; {@code null} takes any
   * @param amount the amount reported, exact
   * @param payment builds the record from the amount in whole KES, once the checks pass
   * @return {@code APPLIED} with the new payment's id, {@code DUPLICATE} with the id of the one
   *     already recorded under this receipt, or {@code MISMATCH} saying which rule it broke
   */
  public Verdict record(
      Connection c,
      String transId,
      String shortCode,
      String expectedShortCode,
      BigDecimal amount,
      LongFunction<C2bPayment> payment)
      throws SQLException {
    if (!Receipts.wellFormed(transId)) {
      return Verdict.of(
          Verdict.Outcome.MISMATCH,
          "TransID is not an M-Pesa receipt (10 upper-case letters and digits): not recorded",
          null,
          null);
    }
    if (expectedShortCode != null && !expectedShortCode.equals(shortCode)) {
      return Verdict.of(
          Verdict.Outcome.MISMATCH,
          "shortcode " + shortCode + " is not ours (" + expectedShortCode + ")",
          null,
          transId);
    }
    if (amount == null
        || amount.signum() <= 0
        || amount.stripTrailingZeros().scale() > 0
        || amount.compareTo(C2bPayment.LARGEST_AMOUNT) > 0) {
      return Verdict.of(
          Verdict.Outcome.MISMATCH,
          "TransAmount "
              + (amount == null ? "missing" : amount.toPlainString())
              + " is not a whole number of shillings from 1 to "
              + C2bPayment.LARGEST_AMOUNT.toPlainString(),
          null,
          transId);
    }
    long now = clock.millis();
    C2bPayment recorded = payment.apply(amount.longValueExact());
    Optional<Receipts.Owner> known = receipts.owner(c, transId);
    Optional<Receipts.Owner> owner =
        known.isPresent() && known.get().objectType().equals("c2b_payment")
            ? known // the same payment reported again: not a dispute
            : receipts.claim(c, transId, "c2b_payment", recorded.id(), now);
    if (owner.isPresent()) {
      boolean copy = owner.get().objectType().equals("c2b_payment");
      return Verdict.of(
          copy ? Verdict.Outcome.DUPLICATE : Verdict.Outcome.MISMATCH,
          copy
              ? "TransID " + transId + " is already recorded"
              : "TransID "
                  + transId
                  + " is the receipt of "
                  + owner.get()
                  + ": the same money is not counted twice; not recorded",
          copy ? owner.get().objectId() : null,
          transId);
    }
    if (!c2b.insertIfNew(c, recorded)) {
      return Verdict.of(
          Verdict.Outcome.DUPLICATE,
          "TransID " + transId + " is already recorded",
          c2b.idOfTransId(c, transId).orElse(null),
          transId);
    }
    ObjectNode json = recorded.toJson();
    events.append(c, C2bEvents.RECEIVED, "c2b_payment", recorded.id(), json, now);
    return Verdict.of(Verdict.Outcome.APPLIED, "c2b payment recorded", recorded.id(), transId);
  }
}
