package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.darajakit.gateway.b2bcollections.B2bCollectionStatus;
import io.github.darajakit.gateway.billmanager.AckStatus;
import io.github.darajakit.gateway.checkout.CheckoutSessionStatus;
import io.github.darajakit.gateway.payments.PaymentStatus;
import io.github.darajakit.gateway.payouts.PayoutBatch;
import io.github.darajakit.gateway.payouts.PayoutStatus;
import io.github.darajakit.gateway.reversals.ReversalStatus;
import io.github.darajakit.gateway.subscriptions.InvoiceStatus;
import io.github.darajakit.gateway.subscriptions.SubscriptionStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every status enum's whole transition table, written out here row by row and compared with what
 * the code allows: one test per row (a state and every state it may move to), so a change to a
 * table fails on the row it changed, and a state added without a row fails too.
 */
class TransitionTablesTest {

  /** One state machine: its table as written here, and what the code says. */
  private record Machine<S extends Enum<S>>(
      String name,
      Class<S> type,
      Map<S, Set<S>> table,
      BiPredicate<S, S> canMove,
      Predicate<S> terminal) {}

  @SafeVarargs
  private static <S extends Enum<S>> Map<S, Set<S>> table(Class<S> type, Row<S>... rows) {
    Map<S, Set<S>> table = new LinkedHashMap<>();
    for (Row<S> row : rows) {
      table.put(row.from(), row.to().isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(row.to()));
    }
    return table;
  }

  private record Row<S>(S from, Set<S> to) {}

  @SafeVarargs
  private static <S> Row<S> row(S from, S... to) {
    return new Row<>(from, Set.of(to));
  }

  private static final Machine<PaymentStatus> PAYMENTS =
      new Machine<>(
          "payment",
          PaymentStatus.class,
          table(
              PaymentStatus.class,
              row(
                  PaymentStatus.CREATED,
                  PaymentStatus.SUBMITTED,
                  PaymentStatus.FAILED,
                  PaymentStatus.UNKNOWN),
              row(
                  PaymentStatus.SUBMITTED,
                  PaymentStatus.SUCCEEDED,
                  PaymentStatus.FAILED,
                  PaymentStatus.CANCELLED,
                  PaymentStatus.EXPIRED),
              // STK Query can answer a payment whose push's answer was lost, or find it pending.
              row(
                  PaymentStatus.UNKNOWN,
                  PaymentStatus.SUBMITTED,
                  PaymentStatus.SUCCEEDED,
                  PaymentStatus.FAILED,
                  PaymentStatus.CANCELLED,
                  PaymentStatus.EXPIRED),
              row(PaymentStatus.SUCCEEDED, PaymentStatus.REVERSED),
              row(PaymentStatus.FAILED),
              row(PaymentStatus.CANCELLED),
              row(PaymentStatus.EXPIRED),
              row(PaymentStatus.REVERSED)),
          PaymentStatus::canMoveTo,
          PaymentStatus::isTerminal);

  private static final Machine<PayoutStatus> PAYOUTS =
      new Machine<>(
          "payout",
          PayoutStatus.class,
          table(
              PayoutStatus.class,
              // Evidence of payment is never refused: a row believed unsent that a Result proves
              // paid is recorded as paid (and flagged), so it cannot be paid again.
              row(
                  PayoutStatus.QUEUED,
                  PayoutStatus.CREATED,
                  PayoutStatus.CANCELLED,
                  PayoutStatus.SUCCEEDED),
              // A Result may overtake the acknowledgement: it settles a CREATED payout too. A check
              // before sending holds it instead of sending it.
              row(
                  PayoutStatus.CREATED,
                  PayoutStatus.QUEUED,
                  PayoutStatus.HELD,
                  PayoutStatus.SUBMITTED,
                  PayoutStatus.UNKNOWN,
                  PayoutStatus.SUCCEEDED,
                  PayoutStatus.FAILED),
              // A person approves (sent) or rejects it (or its batch is cancelled); an earlier
              // attempt's success still wins.
              row(
                  PayoutStatus.HELD,
                  PayoutStatus.CREATED,
                  PayoutStatus.CANCELLED,
                  PayoutStatus.SUCCEEDED),
              row(
                  PayoutStatus.SUBMITTED,
                  PayoutStatus.SUCCEEDED,
                  PayoutStatus.FAILED,
                  PayoutStatus.UNKNOWN),
              row(PayoutStatus.UNKNOWN, PayoutStatus.SUCCEEDED, PayoutStatus.FAILED),
              row(PayoutStatus.SUCCEEDED),
              // FAILED may be resubmitted (CREATED), and loses to proof of payment.
              row(PayoutStatus.FAILED, PayoutStatus.CREATED, PayoutStatus.SUCCEEDED),
              row(PayoutStatus.CANCELLED, PayoutStatus.SUCCEEDED)),
          PayoutStatus::canMoveTo,
          PayoutStatus::isTerminal);

  private static final Machine<ReversalStatus> REVERSALS =
      new Machine<>(
          "reversal",
          ReversalStatus.class,
          table(
              ReversalStatus.class,
              row(
                  ReversalStatus.CREATED,
                  ReversalStatus.SUBMITTED,
                  ReversalStatus.UNKNOWN,
                  ReversalStatus.SUCCEEDED,
                  ReversalStatus.FAILED),
              row(
                  ReversalStatus.SUBMITTED,
                  ReversalStatus.SUCCEEDED,
                  ReversalStatus.FAILED,
                  ReversalStatus.UNKNOWN),
              row(ReversalStatus.UNKNOWN, ReversalStatus.SUCCEEDED, ReversalStatus.FAILED),
              row(ReversalStatus.SUCCEEDED),
              // Evidence that the money went back beats an earlier report that it did not.
              row(ReversalStatus.FAILED, ReversalStatus.SUCCEEDED)),
          ReversalStatus::canMoveTo,
          ReversalStatus::isTerminal);

  private static final Machine<B2bCollectionStatus> B2B_COLLECTIONS =
      new Machine<>(
          "B2B collection",
          B2bCollectionStatus.class,
          table(
              B2bCollectionStatus.class,
              // Accepted, refused, its answer lost, or overtaken by its callback.
              row(
                  B2bCollectionStatus.CREATED,
                  B2bCollectionStatus.PENDING,
                  B2bCollectionStatus.UNKNOWN,
                  B2bCollectionStatus.SUCCEEDED,
                  B2bCollectionStatus.FAILED),
              // Its callback, or none by the deadline: unknown, never pushed again.
              row(
                  B2bCollectionStatus.PENDING,
                  B2bCollectionStatus.SUCCEEDED,
                  B2bCollectionStatus.FAILED,
                  B2bCollectionStatus.UNKNOWN),
              row(
                  B2bCollectionStatus.UNKNOWN,
                  B2bCollectionStatus.SUCCEEDED,
                  B2bCollectionStatus.FAILED),
              row(B2bCollectionStatus.SUCCEEDED),
              // Evidence that the till paid beats an earlier report that it did not.
              row(B2bCollectionStatus.FAILED, B2bCollectionStatus.SUCCEEDED)),
          B2bCollectionStatus::canMoveTo,
          B2bCollectionStatus::isTerminal);

  private static final Machine<CheckoutSessionStatus> CHECKOUT_SESSIONS =
      new Machine<>(
          "checkout session",
          CheckoutSessionStatus.class,
          table(
              CheckoutSessionStatus.class,
              // Paid, or expired (by its time or its creator) with no attempt open.
              row(
                  CheckoutSessionStatus.OPEN,
                  CheckoutSessionStatus.COMPLETE,
                  CheckoutSessionStatus.EXPIRED),
              row(CheckoutSessionStatus.COMPLETE),
              row(CheckoutSessionStatus.EXPIRED)),
          CheckoutSessionStatus::canMoveTo,
          CheckoutSessionStatus::isTerminal);

  private static final Machine<PayoutBatch.Status> BATCHES =
      new Machine<>(
          "payout batch",
          PayoutBatch.Status.class,
          table(
              PayoutBatch.Status.class,
              row(
                  PayoutBatch.Status.AWAITING_CONFIRMATION,
                  PayoutBatch.Status.SENDING,
                  PayoutBatch.Status.CANCELLED),
              row(
                  PayoutBatch.Status.SENDING,
                  PayoutBatch.Status.PAUSED,
                  PayoutBatch.Status.CANCELLED,
                  PayoutBatch.Status.COMPLETED),
              row(
                  PayoutBatch.Status.PAUSED,
                  PayoutBatch.Status.SENDING,
                  PayoutBatch.Status.CANCELLED),
              row(PayoutBatch.Status.CANCELLED),
              row(PayoutBatch.Status.COMPLETED)),
          PayoutBatch.Status::canMoveTo,
          s -> s == PayoutBatch.Status.CANCELLED || s == PayoutBatch.Status.COMPLETED);

  private static final Machine<SubscriptionStatus> SUBSCRIPTIONS =
      new Machine<>(
          "subscription",
          SubscriptionStatus.class,
          table(
              SubscriptionStatus.class,
              // A standing order approved (in or after its trial) or refused.
              row(
                  SubscriptionStatus.PENDING,
                  SubscriptionStatus.TRIALING,
                  SubscriptionStatus.ACTIVE,
                  SubscriptionStatus.CANCELLED),
              row(
                  SubscriptionStatus.TRIALING,
                  SubscriptionStatus.ACTIVE,
                  SubscriptionStatus.PAUSED,
                  SubscriptionStatus.CANCELLED,
                  SubscriptionStatus.ENDED),
              row(
                  SubscriptionStatus.ACTIVE,
                  SubscriptionStatus.PAST_DUE,
                  SubscriptionStatus.PAUSED,
                  SubscriptionStatus.CANCELLED,
                  SubscriptionStatus.ENDED),
              row(
                  SubscriptionStatus.PAST_DUE,
                  SubscriptionStatus.ACTIVE,
                  SubscriptionStatus.PAUSED,
                  SubscriptionStatus.CANCELLED,
                  SubscriptionStatus.ENDED),
              // Resumed into whatever it would be now: in its trial, paid up, or owing.
              row(
                  SubscriptionStatus.PAUSED,
                  SubscriptionStatus.TRIALING,
                  SubscriptionStatus.ACTIVE,
                  SubscriptionStatus.PAST_DUE,
                  SubscriptionStatus.CANCELLED,
                  SubscriptionStatus.ENDED),
              row(SubscriptionStatus.CANCELLED),
              row(SubscriptionStatus.ENDED)),
          SubscriptionStatus::canMoveTo,
          SubscriptionStatus::isTerminal);

  private static final Machine<AckStatus> BILL_ACKNOWLEDGEMENTS =
      new Machine<>(
          "Bill Manager acknowledgement",
          AckStatus.class,
          table(
              AckStatus.class,
              // Pending again: a failure that may pass is sent again later.
              row(AckStatus.PENDING, AckStatus.PENDING, AckStatus.ACKNOWLEDGED, AckStatus.FAILED),
              row(AckStatus.ACKNOWLEDGED),
              row(AckStatus.FAILED)),
          AckStatus::canMoveTo,
          AckStatus::terminal);

  private static final Machine<InvoiceStatus> INVOICES =
      new Machine<>(
          "invoice",
          InvoiceStatus.class,
          table(
              InvoiceStatus.class,
              row(
                  InvoiceStatus.OPEN,
                  InvoiceStatus.PAID,
                  InvoiceStatus.VOID,
                  InvoiceStatus.UNCOLLECTIBLE),
              // Charged again by hand, paid late by a debit, or voided by a cancel.
              row(
                  InvoiceStatus.UNCOLLECTIBLE,
                  InvoiceStatus.OPEN,
                  InvoiceStatus.PAID,
                  InvoiceStatus.VOID),
              row(InvoiceStatus.PAID),
              row(InvoiceStatus.VOID)),
          InvoiceStatus::canMoveTo,
          s -> s == InvoiceStatus.PAID || s == InvoiceStatus.VOID);

  @TestFactory
  Stream<DynamicTest> everyRowOfEveryTable() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Machine<?> machine :
        List.of(
            PAYMENTS,
            PAYOUTS,
            REVERSALS,
            B2B_COLLECTIONS,
            CHECKOUT_SESSIONS,
            BATCHES,
            SUBSCRIPTIONS,
            INVOICES,
            BILL_ACKNOWLEDGEMENTS)) {
      tests.addAll(rows(machine));
    }
    return tests.stream();
  }

  private static <S extends Enum<S>> List<DynamicTest> rows(Machine<S> machine) {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        dynamicTest(
            machine.name() + ": a row for every state",
            () ->
                assertThat(machine.table().keySet())
                    .as("states of %s written in the table", machine.type().getSimpleName())
                    .containsExactlyInAnyOrder(machine.type().getEnumConstants())));
    for (S from : machine.type().getEnumConstants()) {
      tests.add(
          dynamicTest(
              machine.name() + " " + from + " -> " + machine.table().get(from),
              () -> {
                Set<S> allowed = EnumSet.noneOf(machine.type());
                for (S to : machine.type().getEnumConstants()) {
                  if (machine.canMove().test(from, to)) {
                    allowed.add(to);
                  }
                }
                assertThat(allowed)
                    .as("%s may move from %s to", machine.name(), from)
                    .containsExactlyInAnyOrderElementsOf(machine.table().get(from));
                // A final state moves only on evidence that beats it, never back to waiting.
                if (machine.terminal().test(from)) {
                  assertThat(allowed)
                      .as(
                          "%s %s is final: it never moves to a state that is not",
                          machine.name(), from)
                      .allMatch(to -> machine.terminal().test(to) || isResubmission(from, to));
                }
              }));
    }
    return tests;
  }

  /** A failed payout may be sent again: the one way out of a final state that is not final. */
  private static boolean isResubmission(Object from, Object to) {
    return from == PayoutStatus.FAILED && to == PayoutStatus.CREATED;
  }
}
