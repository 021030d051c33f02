package io.github.darajakit.gateway.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.events.EventTypes;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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

  /** What the merchant asked for. */
  public record NewPayment(
      String phone,
      long amount,
      String reference,
      String description,
      JsonNode metadata,
      String idempotencyKey) {}

  private final Database database;
  private final PaymentStore payments;
  private final EventStore events;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String stkCallbackUrl;
  private final Duration firstCheck;
  private final Duration unansweredAfter;
  private final UnmatchedCallbacks unmatched;
  private final VersionedRows<Payment, PaymentStatus> rows;

  /** Re-examines callbacks that arrived before the push's answer was recorded. */
  @FunctionalInterface
  public interface UnmatchedCallbacks {
    void replay(Connection c, String checkoutRequestId) throws SQLException;
  }

  public PaymentService(
      Database database,
      PaymentStore payments,
      EventStore events,
      DarajaClient daraja,
      Clock clock,
      String stkCallbackUrl,
      Duration firstCheck,
      Duration unansweredAfter,
      UnmatchedCallbacks unmatched) {
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
    this.daraja = daraja;
    this.clock = clock;
    this.stkCallbackUrl = stkCallbackUrl;
    this.firstCheck = firstCheck;
    this.unansweredAfter = unansweredAfter;
    this.unmatched = unmatched;
  }

  /**
   * Validates, records, pushes, and records the answer.
   *
   * @throws GatewayError for invalid input (nothing recorded, nothing sent)
   */
  public Payment create(NewPayment request) {
    String id = Ids.next("pay");
    // The payment's id rides on the CallBackURL: if the push's answer is lost, no
    // CheckoutRequestID reaches us, and the callback is matched by it instead.
    StkPushRequest push = validate(request, id);
    long now = clock.millis();
    Payment created =
        new Payment(
            id,
            PaymentStatus.CREATED,
            push.amount(),
            push.phone().value(),
            push.accountReference(),
            push.description(),
            request.metadata() == null ? null : Json.text(request.metadata()),
            daraja.shortCode(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            // If the gateway dies before the answer is recorded, the reconciler finds this.
            now + unansweredAfter.toMillis(),
            0,
            now,
            now,
            1);
    Optional<Payment> earlier =
        database.write(
            c -> {
              if (request.idempotencyKey() != null) {
                // A retry taking over from an attempt that died half-way: that attempt's payment
                // may already have been pushed, so it is the answer, as it stands now.
                Optional<Payment> existing = payments.byIdempotencyKey(c, request.idempotencyKey());
                if (existing.isPresent()) {
                  return existing;
                }
              }
              payments.insert(c, created, request.idempotencyKey());
              events.append(c, "payment.created", "payment", created.id(), json(created), now);
              return Optional.<Payment>empty();
            });
    if (earlier.isPresent()) {
      log.warn(
          "payment {} was created by an earlier attempt with the same Idempotency-Key; not pushed"
              + " again",
          earlier.get().id());
      return earlier.get();
    }
    // The push is outside any transaction: a slow Daraja never holds a database lock.
    try {
      StkPushResponse accepted = daraja.stk().push(push);
      return database.write(
          c -> {
            // The CheckoutRequestID's lock before the payment's row: the order a callback for
            // this push takes them in (CallbackApplier), so the two never wait on each other.
            database.lockKey(c, accepted.checkoutRequestId());
            Payment answered =
                update(
                    c,
                    created.id(),
                    p ->
                        p.status() != PaymentStatus.CREATED
                            ? Optional.empty()
                            : Optional.of(
                                p.toBuilder()
                                    .status(PaymentStatus.SUBMITTED)
                                    .submitted(
                                        accepted.checkoutRequestId(), accepted.merchantRequestId())
                                    .nextCheck(clock.millis() + firstCheck.toMillis(), 0)
                                    .build(clock.millis())));
            // A fast callback may have beaten this answer to the database: apply it now.
            unmatched.replay(c, accepted.checkoutRequestId());
            return answered;
          });
    } catch (DarajaOutcomeUnknownException e) {
      log.warn("STK push {} may have reached Daraja; its answer was lost", created.id());
      return update(
          created.id(),
          // Its callback, matched by the payment's id on the CallBackURL, may have settled it.
          p ->
              p.status() != PaymentStatus.CREATED
                  ? Optional.empty()
                  : Optional.of(
                      p.toBuilder()
                          .status(PaymentStatus.UNKNOWN)
                          .failureReason(
                              "The push may have reached Daraja but its answer was lost ("
                                  + e.getCause()
                                  + "); it will not be sent again.")
                          .nextCheck(clock.millis() + firstCheck.toMillis(), 0)
                          .build(clock.millis())));
    } catch (DarajaException e) {
      // Refused, rate-limited or unreachable before anything ran: nothing was charged.
      String code = e instanceof DarajaApiException api ? api.errorCode() : "";
      String desc =
          CallbackSecrets.redact(
              e instanceof DarajaApiException api ? api.errorMessage() : e.getMessage());
      return update(
          created.id(),
          p ->
              Optional.of(
                  p.toBuilder()
                      .status(PaymentStatus.FAILED)
                      .result(code, desc)
                      .failureReason(
                          "Daraja did not accept the push: "
                              + CallbackSecrets.redact(e.getMessage()))
                      .nextCheck(null, 0)
                      .build(clock.millis())));
    }
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
    update(
        c,
        id,
        p ->
            p.attention() != null && p.attention().contains(reason)
                ? Optional.empty()
                : Optional.of(p.toBuilder().addAttention(reason).build(clock.millis())));
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

  private void changed(Connection c, Payment before, Payment after) throws SQLException {
    if (after.status() != before.status()) {
      events.append(
          c, after.status().eventType(), "payment", after.id(), json(after), after.updatedAt());
    }
    if (after.attention() != null && before.attention() == null) {
      events.append(
          c,
          EventTypes.PAYMENT_NEEDS_ATTENTION,
          "payment",
          after.id(),
          json(after),
          after.updatedAt());
    }
  }

  private StkPushRequest validate(NewPayment request, String paymentId) {
    try {
      return StkPushRequest.builder()
          .phone(Msisdn.parse("phone", request.phone()))
          .amount(request.amount())
          .accountReference(request.reference())
          .description(request.description())
          .callbackUrl(stkCallbackUrl)
          .callbackToken(paymentId)
          .build();
    } catch (DarajaValidationException e) {
      String param =
          switch (e.field()) {
            case "accountReference" -> "reference";
            default -> e.field();
          };
      String message = e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim();
      throw GatewayError.invalid(
          param, param + " " + message.replace("accountReference", "reference"));
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
