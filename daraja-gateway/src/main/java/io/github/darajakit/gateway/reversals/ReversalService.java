package io.github.darajakit.gateway.reversals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.transactions.ReversalRequest;
import io.github.darajakit.gateway.c2b.C2bPayment;
import io.github.darajakit.gateway.c2b.C2bStore;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.initiator.OperationRecords;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStatus;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives collected money back: reverses an STK payment or a C2B payment, by its M-Pesa receipt, in
 * full.
 *
 * <p>The same rules as payouts: the reversal is recorded before the call, the call happens outside
 * any transaction, and a lost answer makes it UNKNOWN — never sent again; its Result (matched by
 * Daraja's ids, or by the receipt it reverses) or Transaction Status settles it. There is at most
 * one reversal of a receipt that has not failed. When a reversal succeeds the original is marked
 * reversed: a payment moves to REVERSED, a C2B payment gets its {@code reversal_id}.
 */
public final class ReversalService {

  private static final Logger log = LoggerFactory.getLogger(ReversalService.class);

  /** What the merchant asked for. */
  public record NewReversal(
      String receipt, String remarks, JsonNode metadata, String idempotencyKey) {}

  private final Database database;
  private final ReversalStore reversals;
  private final PaymentStore payments;
  private final PaymentService paymentService;
  private final C2bStore c2bPayments;
  private final EventStore events;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String resultUrl;
  private final String queueTimeOutUrl;
  private final Duration resultWait;
  private final OperationRecords<Reversal, ReversalStatus> records;

  /**
   * @param context the business it reverses for, and the gateway's store, events and clock
   * @param resultUrl where Daraja posts Reversal Results
   * @param queueTimeOutUrl where Daraja posts if a request times out in its queue
   * @param resultWait how long after acceptance a Result is expected before the reconciler looks
   */
  public ReversalService(
      FlowContext context,
      ReversalStore reversals,
      PaymentStore payments,
      PaymentService paymentService,
      C2bStore c2bPayments,
      String resultUrl,
      String queueTimeOutUrl,
      Duration resultWait) {
    this.database = context.database();
    this.events = context.events();
    this.daraja = context.business().daraja();
    this.clock = context.clock();
    this.reversals = reversals;
    this.payments = payments;
    this.paymentService = paymentService;
    this.c2bPayments = c2bPayments;
    this.resultUrl = resultUrl;
    this.queueTimeOutUrl = queueTimeOutUrl;
    this.resultWait = resultWait;
    VersionedRows<Reversal, ReversalStatus> rows =
        new VersionedRows<>(
            "reversal",
            reversals,
            Reversal::id,
            Reversal::status,
            ReversalStatus::canMoveTo,
            this::changed);
    this.records =
        new OperationRecords<>(
            database,
            "reversals",
            reversals,
            rows,
            (r, reason) -> r.toBuilder().addAttention(reason).build(clock.millis()));
  }

  /**
   * Finds the collected payment with this receipt, records the reversal, sends it, and records
   * Daraja's acknowledgement.
   *
   * @throws GatewayError 400 for invalid input, 404 if no collected payment has the receipt, 409 if
   *     it cannot be reversed (not succeeded, already reversed, or a reversal of it is under way);
   *     nothing is recorded or sent
   */
  public Reversal create(NewReversal request) {
    String receipt = request.receipt().trim().toUpperCase(java.util.Locale.ROOT);
    if (!Receipts.shaped(receipt)) {
      throw GatewayError.invalid(
          "receipt",
          "receipt must be an M-Pesa receipt: 10 letters and digits, e.g. SKC82PACB8; got '"
              + request.receipt()
              + "'");
    }
    String remarks = request.remarks() == null ? "Reversal" : request.remarks();
    long now = clock.millis();
    Reversal[] recorded = new Reversal[1];
    Optional<Reversal> earlier =
        database.write(
            c -> {
              if (request.idempotencyKey() != null) {
                // A retry of a request that may have been sent: its reversal is the answer.
                Optional<Reversal> existing =
                    reversals.byIdempotencyKey(c, request.idempotencyKey());
                if (existing.isPresent()) {
                  return existing;
                }
              }
              // Two requests at once for one receipt: the second waits, then sees the first's.
              database.lockKey(c, "reversal:" + receipt);
              Original original = original(c, receipt);
              Optional<Reversal> open = reversals.openFor(c, receipt);
              if (open.isPresent()) {
                throw GatewayError.conflict(
                    "reversal_exists",
                    "Receipt "
                        + receipt
                        + " already has reversal "
                        + open.get().id()
                        + " ("
                        + open.get().status().apiName()
                        + "); a new one may be asked for only if that one fails.");
              }
              Reversal created =
                  new Reversal(
                      Ids.next("rev"),
                      ReversalStatus.CREATED,
                      receipt,
                      original.object(),
                      original.id(),
                      original.amount(),
                      original.shortCode(),
                      remarks,
                      request.metadata() == null ? null : Json.text(request.metadata()),
                      // If the gateway dies before the answer is recorded, the reconciler finds it.
                      Progress.created(null, now + resultWait.toMillis()),
                      now,
                      now,
                      1);
              wire(created); // validated before anything is stored
              reversals.insert(c, created, request.idempotencyKey());
              events.append(
                  c,
                  ReversalStatus.CREATED.eventType(),
                  "reversal",
                  created.id(),
                  json(created),
                  now);
              recorded[0] = created;
              return Optional.<Reversal>empty();
            });
    if (earlier.isPresent()) {
      return earlier.get();
    }
    return send(recorded[0]);
  }

  /** The collected payment a reversal gives back. */
  private record Original(String object, String id, long amount, String shortCode) {}

  private Original original(Connection c, String receipt) throws SQLException {
    Optional<Payment> payment = payments.byReceipt(c, receipt);
    if (payment.isPresent()) {
      Payment p = payment.get();
      if (p.status() == PaymentStatus.REVERSED) {
        throw GatewayError.conflict(
            "already_reversed", "Payment " + p.id() + " (receipt " + receipt + ") is reversed.");
      }
      if (p.status() != PaymentStatus.SUCCEEDED) {
        throw GatewayError.conflict(
            "not_reversible",
            "Payment "
                + p.id()
                + " is "
                + p.status().apiName()
                + "; only a succeeded payment can be reversed.");
      }
      long paid = p.paidAmount() == null ? p.amount() : p.paidAmount();
      return new Original("payment", p.id(), paid, p.shortCode());
    }
    Optional<C2bPayment> c2b = c2bPayments.byTransId(c, receipt);
    if (c2b.isPresent()) {
      C2bPayment p = c2b.get();
      if (p.reversalId() != null) {
        throw GatewayError.conflict(
            "already_reversed",
            "C2B payment "
                + p.id()
                + " (receipt "
                + receipt
                + ") was reversed by "
                + p.reversalId()
                + ".");
      }
      return new Original("c2b_payment", p.id(), p.amount(), p.shortCode());
    }
    throw GatewayError.notFound(
        "No payment or C2B payment has receipt "
            + receipt
            + ". Only money this gateway collected can be reversed (M-Pesa does not reverse B2C"
            + " payouts).");
  }

  private ReversalRequest wire(Reversal r) {
    try {
      return ReversalRequest.builder()
          .transactionId(r.originalReceipt())
          .amount(r.amount())
          .receiverParty(r.shortCode())
          .remarks(r.remarks())
          .occasion(r.id())
          .resultUrl(resultUrl)
          .queueTimeOutUrl(queueTimeOutUrl)
          .build();
    } catch (DarajaValidationException e) {
      String param = e.field().equals("transactionId") ? "receipt" : e.field();
      String message = e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim();
      throw GatewayError.invalid(param, param + " " + message);
    }
  }

  private Reversal send(Reversal created) {
    // Outside any transaction: a slow Daraja never holds a database lock.
    try {
      InitiatorAcknowledgement ack = daraja.transactions().reverse(wire(created));
      return answered(
          created,
          next ->
              next.status(ReversalStatus.SUBMITTED)
                  .conversation(ack.originatorConversationId(), ack.conversationId())
                  .nextCheck(clock.millis() + resultWait.toMillis(), 0));
    } catch (DarajaOutcomeUnknownException e) {
      log.warn("reversal {} may have reached Daraja; its answer was lost", created.id());
      return answered(
          created,
          next ->
              next.answerLost(
                  ReversalStatus.UNKNOWN, e.getCause(), clock.millis() + resultWait.toMillis()));
    } catch (DarajaException e) {
      return answered(created, next -> next.refused(ReversalStatus.FAILED, e, "reversal"));
    }
  }

  /** Records what became of sending, unless a Result settled the reversal meanwhile. */
  private Reversal answered(Reversal created, UnaryOperator<Reversal.Builder> outcome) {
    return records.answered(created, r -> outcome.apply(r.toBuilder()).build(clock.millis()));
  }

  /**
   * How reversals are moved: compare-and-set, one event per change of state (and one when one first
   * needs a person); a reversal that succeeds marks its original reversed, in the same transaction.
   */
  public OperationRecords<Reversal, ReversalStatus> records() {
    return records;
  }

  private void changed(Connection c, Reversal before, Reversal after) throws SQLException {
    if (after.status() != before.status()) {
      events.append(
          c, after.status().eventType(), "reversal", after.id(), json(after), after.updatedAt());
      if (after.status() == ReversalStatus.SUCCEEDED) {
        markOriginalReversed(c, after);
      }
    }
    if (after.attention() != null && before.attention() == null) {
      events.append(
          c,
          ReversalEvents.NEEDS_ATTENTION,
          "reversal",
          after.id(),
          json(after),
          after.updatedAt());
    }
  }

  private void markOriginalReversed(Connection c, Reversal r) throws SQLException {
    long now = clock.millis();
    if (r.originalObject().equals("payment")) {
      Payment payment =
          payments
              .find(c, r.originalId())
              .orElseThrow(() -> new SQLException("no payment " + r.originalId()));
      paymentService.update(
          c,
          payment,
          p ->
              p.status() != PaymentStatus.SUCCEEDED
                  ? Optional.empty()
                  : Optional.of(p.toBuilder().status(PaymentStatus.REVERSED).build(now)));
    } else {
      c2bPayments.markReversed(c, r.originalId(), r.id());
      C2bPayment reversed =
          c2bPayments
              .byTransId(c, r.originalReceipt())
              .orElseThrow(() -> new SQLException("no C2B payment " + r.originalId()));
      events.append(
          c,
          ReversalEvents.C2B_PAYMENT_REVERSED,
          "c2b_payment",
          reversed.id(),
          reversed.toJson(),
          now);
    }
  }

  /** The reversal as the merchant API shows it. */
  public static ObjectNode json(Reversal r) {
    ObjectNode node = Json.object();
    node.put("id", r.id())
        .put("object", "reversal")
        .put("status", r.status().apiName())
        .put("receipt", r.originalReceipt());
    node.putObject("original").put("object", r.originalObject()).put("id", r.originalId());
    node.put("amount", r.amount())
        .put("currency", "KES")
        .put("short_code", r.shortCode())
        .put("remarks", r.remarks());
    if (r.metadata() == null) {
      node.putNull("metadata");
    } else {
      node.set("metadata", Json.parseStored(r.metadata()));
    }
    node.put("originator_conversation_id", r.originatorConversationId())
        .put("conversation_id", r.conversationId())
        .put("reversal_receipt", r.receipt());
    return r.putOutcome(node);
  }
}
