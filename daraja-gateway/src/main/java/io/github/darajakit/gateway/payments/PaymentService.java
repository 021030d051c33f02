package io.github.darajakit.gateway.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects money with STK push, so that a payment is asked for at most once.
 *
 * <p>The payment is recorded before the push and the push happens outside any transaction; its
 * answer is recorded afterwards. A crash in between leaves the payment CREATED, which the
 * reconciler turns into UNKNOWN and a person's task: it is never pushed again. A lost answer (the
 * SDK's {@link DarajaOutcomeUnknownException}) is UNKNOWN at once.
 */
public final class PaymentService {

  private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

  private final Database database;
  private final PaymentStore payments;
  private final EventStore events;
  private final Clock clock;
  private final VersionedRows<Payment, PaymentStatus> rows;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /**
   * Told of every change of a payment, in the transaction that writes it: another flow that asked
   * for the payment (a subscription's invoice) moves with it, atomically.
   */
  @FunctionalInterface
  public interface Listener {
    void changed(Connection c, Payment before, Payment after) throws SQLException;
  }

  public PaymentService(Database database, PaymentStore payments, EventStore events, Clock clock) {
    this.database = database;
    this.payments = payments;
    this.rows =
        new VersionedRows<>(
            "payment",
            payments,
            Payment::id,
            Payment::status,
            PaymentStatus::canMoveTo,
            this::changed);
    this.events = events;
    this.clock = clock;
  }

  /**
   * Moves a payment in its own transaction: re-reads it, lets {@code decide} choose the next
   * version (or none), and retries if another writer got there first.
   */
  public Payment update(String id, Function<Payment, Optional<Payment>> decide) {
    return database.write(c -> update(c, id, decide));
  }

  /**
   * Flags a payment for a person, in the caller's transaction, once per reason (a reason already
   * there is not added again).
   */
  public void flag(Connection c, String id, String reason) throws SQLException {
    rows.flag(
        c,
        id,
        reason,
        Payment::attention,
        (p, why) -> p.toBuilder().addAttention(why).build(clock.millis()));
  }

  /**
   * Moves a payment inside the caller's transaction. Enforces the transition table: a decision that
   * breaks it is refused with an exception. Appends one event per change of state (and one when a
   * payment first needs a person).
   */
  public Payment update(Connection c, String id, Function<Payment, Optional<Payment>> decide)
      throws SQLException {
    return rows.update(c, id, decide);
  }

  /**
   * As {@link #update(Connection, String, Function)}, starting from a version of the payment the
   * caller has just read in this transaction (it is read again only if another writer moved it).
   */
  public Payment update(Connection c, Payment read, Function<Payment, Optional<Payment>> decide)
      throws SQLException {
    return rows.update(c, read, decide);
  }

  /** Adds a listener told of every change written from now on. */
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  private void changed(Connection c, Payment before, Payment after) throws SQLException {
    for (Listener listener : listeners) {
      listener.changed(c, before, after);
    }
    if (after.status() != before.status()) {
      events.append(
          c, after.status().eventType(), "payment", after.id(), json(after), after.updatedAt());
    }
    if (after.attention() != null && before.attention() == null) {
      events.append(
          c, PaymentEvents.NEEDS_ATTENTION, "payment", after.id(), json(after), after.updatedAt());
    }
  }

  /** The payment as the merchant API shows it. */
  public static ObjectNode json(Payment p) {
    ObjectNode node = Json.object();
    node.put("id", p.id())
        .put("object", "payment")
        .put("status", p.status().apiName())
        .put("amount", p.amount())
        .put("currency", "KES")
        .put("phone", p.phone())
        .put("reference", p.reference())
        .put("description", p.description());
    if (p.metadata() == null) {
      node.putNull("metadata");
    } else {
      node.set("metadata", Json.parseStored(p.metadata()));
    }
    node.put("short_code", p.shortCode())
        .put("checkout_request_id", p.checkoutRequestId())
        .put("merchant_request_id", p.merchantRequestId())
        .put("mpesa_receipt", p.receipt())
        .put("paid_amount", p.paidAmount())
        .put("paid_phone", p.paidPhone())
        .put("paid_at", Json.time(p.paidAt()));
    if (p.resultCode() == null && p.failureReason() == null) {
      node.putNull("failure");
    } else if (p.status() == PaymentStatus.SUCCEEDED || p.status() == PaymentStatus.REVERSED) {
      node.putNull("failure");
    } else {
      node.putObject("failure").put("code", p.resultCode()).put("reason", p.failureReason());
    }
    node.put("result_code", p.resultCode())
        .put("result_desc", p.resultDesc())
        .put("needs_attention", p.attention())
        .put("created_at", Json.time(p.createdAt()))
        .put("updated_at", Json.time(p.updatedAt()));
    return node;
  }
}
