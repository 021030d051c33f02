package io.github.darajakit.gateway.payments;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
public final class StkPushes {

  private static final Logger log = LoggerFactory.getLogger(StkPushes.class);

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
  private final PaymentService service;
  private final StkCallbacks callbacks;
  private final EventStore events;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String stkCallbackUrl;
  private final Duration firstCheck;
  private final Duration unansweredAfter;

  /**
   * @param callbacks applies callbacks that beat the push's answer to the database
   * @param daraja the client pushing, with the shortcode and passkey it pushes as
   * @param stkCallbackUrl the CallBackURL (each push adds its payment's id)
   * @param firstCheck how long after a push its payment is first asked about
   * @param unansweredAfter how long a payment may wait for its push's answer before the reconciler
   *     looks at it
   */
  public StkPushes(
      Database database,
      PaymentStore payments,
      PaymentService service,
      StkCallbacks callbacks,
      EventStore events,
      DarajaClient daraja,
      Clock clock,
      String stkCallbackUrl,
      Duration firstCheck,
      Duration unansweredAfter) {
    this.database = database;
    this.payments = payments;
    this.service = service;
    this.callbacks = callbacks;
    this.events = events;
    this.daraja = daraja;
    this.clock = clock;
    this.stkCallbackUrl = stkCallbackUrl;
    this.firstCheck = firstCheck;
    this.unansweredAfter = unansweredAfter;
  }

  /**
   * Validates, records, pushes, and records the answer.
   *
   * @throws GatewayError for invalid input (nothing recorded, nothing sent)
   */
  public Payment create(NewPayment request) {
    validate(request, Ids.next("pay")); // invalid input records nothing
    Recorded recorded =
        database.write(
            c -> {
              if (request.idempotencyKey() != null) {
                // A retry taking over from an attempt that died half-way: that attempt's payment
                // may already have been pushed, so it is the answer, as it stands now.
                Optional<Payment> existing = payments.byIdempotencyKey(c, request.idempotencyKey());
                if (existing.isPresent()) {
                  return new Recorded(existing.get(), true);
                }
              }
              return new Recorded(record(c, request), false);
            });
    if (recorded.earlier()) {
      log.warn(
          "payment {} was created by an earlier attempt with the same Idempotency-Key; not pushed"
              + " again",
          recorded.payment().id());
      return recorded.payment();
    }
    return send(recorded.payment());
  }

  private record Recorded(Payment payment, boolean earlier) {}

  /**
   * Validates and records a payment in the caller's transaction, with its {@code payment.created}
   * event; nothing is sent. Once the transaction commits, {@link #send} pushes it, once.
   *
   * @throws GatewayError for invalid input
   */
  public Payment record(Connection c, NewPayment request) throws SQLException {
    return record(c, request, Ids.next("pay"));
  }

  /**
   * As {@link #record(Connection, NewPayment)}, under an id the caller chose ({@link
   * Ids#next}{@code ("pay")}) and has already written down beside it.
   */
  public Payment record(Connection c, NewPayment request, String id) throws SQLException {
    // The payment's id rides on the CallBackURL: if the push's answer is lost, no
    // CheckoutRequestID reaches us, and the callback is matched by it instead.
    StkPushRequest push = validate(request, id);
    long now = clock.millis();
    Payment created =
        Payment.created(
            id,
            push.amount(),
            push.phone().value(),
            push.accountReference(),
            push.description(),
            request.metadata() == null ? null : Json.text(request.metadata()),
            daraja.shortCode(),
            // If the gateway dies before the answer is recorded, the reconciler finds this.
            now + unansweredAfter.toMillis(),
            now);
    payments.insert(c, created, request.idempotencyKey());
    events.append(c, "payment.created", "payment", created.id(), PaymentService.json(created), now);
    return created;
  }

  /**
   * Pushes a payment {@link #record recorded} and committed, and records the answer. Called once
   * per payment: a payment is never pushed again, whatever happens here (a crash before the answer
   * is recorded leaves it CREATED, which the reconciler turns into UNKNOWN).
   */
  public Payment send(Payment created) {
    StkPushRequest push =
        validate(
            new NewPayment(
                created.phone(),
                created.amount(),
                created.reference(),
                created.description(),
                null,
                null),
            created.id());
    // The push is outside any transaction: a slow Daraja never holds a database lock.
    try {
      StkPushResponse accepted = daraja.stk().push(push);
      return database.write(
          c -> {
            // The CheckoutRequestID's lock before the payment's row: the order a callback for
            // this push takes them in (StkCallbacks), so the two never wait on each other.
            database.lockKey(c, accepted.checkoutRequestId());
            Payment answered =
                service.update(
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
            callbacks.replayUnmatched(c, accepted.checkoutRequestId());
            return answered;
          });
    } catch (DarajaOutcomeUnknownException e) {
      log.warn("STK push {} may have reached Daraja; its answer was lost", created.id());
      return service.update(
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
      return service.update(
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
}
