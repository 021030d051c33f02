package io.github.darajakit.gateway.billmanager;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.callbacks.BillPaymentNotification;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.gateway.c2b.C2bConfirmations;
import io.github.darajakit.gateway.c2b.C2bPayment;
import io.github.darajakit.gateway.callbacks.CallbackHandler;
import io.github.darajakit.gateway.callbacks.PhoneEvidence;
import io.github.darajakit.gateway.callbacks.Received;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.transactions.ReceiptChecks;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Records the payments Bill Manager pushes, inside the transaction that stores the push (so the
 * endpoint answers {@code rescode 200} only once both are committed). The money is recorded as a
 * C2B payment, by the same rules as a C2B confirmation and under the same receipt, so a payment
 * reported both ways is counted once; the first push of a receipt also queues its reconciliation
 * acknowledgement and, when receipts are checked, a second opinion from Transaction Status. Bill
 * Manager pushes again until it is answered: a later push of a receipt changes nothing.
 */
final class BillPayments implements CallbackHandler {

  /** The transaction type recorded on the C2B payment: Bill Manager's push names none. */
  static final String TRANSACTION_TYPE = "Bill Manager";

  /** The C2B payment's {@code source}. */
  static final String SOURCE = "bill_manager";

  private final C2bConfirmations c2b;
  private final BillPaymentStore store;
  private final ReceiptChecks receiptChecks;
  private final Clock clock;
  private final String shortCode;

  /**
   * @param shortCode the opted-in PayBill; a push for another is kept, not recorded ({@code null}
   *     takes any)
   */
  BillPayments(
      C2bConfirmations c2b,
      BillPaymentStore store,
      ReceiptChecks receiptChecks,
      Clock clock,
      String shortCode) {
    this.c2b = c2b;
    this.store = store;
    this.receiptChecks = receiptChecks;
    this.clock = clock;
    this.shortCode = shortCode;
  }

  @Override
  public Verdict apply(Connection c, Received received) throws SQLException {
    BillPaymentNotification push;
    try {
      push = DarajaCallbacks.parseBillPayment(received.body());
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    long now = clock.millis();
    Verdict money =
        c2b.record(
            c,
            push.transactionId(),
            push.shortCode(),
            shortCode,
            push.paidAmount(),
            amount -> c2bPayment(push, amount, now));
    if (money.outcome() != Verdict.Outcome.APPLIED
        && money.outcome() != Verdict.Outcome.DUPLICATE) {
      return money;
    }
    long amount = push.paidAmount().longValueExact();
    BillPayment payment =
        new BillPayment(
            push.transactionId(),
            money.objectId(),
            push.shortCode(),
            push.accountReference(),
            amount,
            push.msisdn(),
            push.dateCreated(),
            1,
            AckStatus.PENDING,
            0,
            now,
            null,
            null,
            now,
            null);
    if (!store.insertIfNew(c, payment)) {
      store.pushedAgain(c, payment.id());
      return Verdict.of(
          Verdict.Outcome.DUPLICATE,
          "Bill Manager pushed " + payment.id() + " again: already recorded",
          money.objectId(),
          payment.id());
    }
    // Recorded on the push's word alone (pushes are not signed): M-Pesa is asked about it later.
    receiptChecks.expect(
        c,
        new ReceiptChecks.Check(
            payment.id(),
            "bill_payment",
            payment.id(),
            push.msisdn(),
            amount,
            push.shortCode(),
            0));
    return Verdict.of(
        Verdict.Outcome.APPLIED,
        money.outcome() == Verdict.Outcome.APPLIED
            ? "bill payment recorded; acknowledgement queued"
            : "bill payment of C2B payment "
                + money.objectId()
                + " (already recorded); acknowledgement queued",
        money.objectId(),
        payment.id());
  }

  private static C2bPayment c2bPayment(BillPaymentNotification push, long amount, long now) {
    return new C2bPayment(
        Ids.next("c2b"),
        push.transactionId(),
        TRANSACTION_TYPE,
        push.shortCode(),
        amount,
        push.accountReference(),
        "",
        // As C2B payments keep it: masked. The full number stays with the acknowledgement.
        PhoneEvidence.masked(push.msisdn()),
        "",
        "",
        "",
        null,
        null,
        "",
        SOURCE,
        now,
        null);
  }
}
