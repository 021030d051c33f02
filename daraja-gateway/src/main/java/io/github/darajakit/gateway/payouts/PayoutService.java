package io.github.darajakit.gateway.payouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.DarajaRateLimitException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.b2c.B2cCommand;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.events.EventTypes;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.Json;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays customers with B2C v3, so that a payout is paid at most once.
 *
 * <p>The payout is recorded, with the OriginatorConversationID it will be sent under, before the
 * B2C call, and the call happens outside any transaction. Daraja's acknowledgement is recorded
 * afterwards; the Result arrives later on the ResultURL ({@link PayoutResults}). A lost answer (the
 * SDK's {@link DarajaOutcomeUnknownException}) makes the payout UNKNOWN: it may have been paid, so
 * it is never sent again — evidence settles it. Only a refusal that proves nothing ran (Daraja's
 * error answer, or a failure before sending) makes it FAILED at once.
 */
public final class PayoutService {

  private static final Logger log = LoggerFactory.getLogger(PayoutService.class);

  /** What the merchant asked for. */
  public record NewPayout(
      String phone,
      long amount,
      String type,
      String remarks,
      String occasion,
      JsonNode metadata,
      String idempotencyKey) {}

  private final Database database;
  private final PayoutStore payouts;
  private final EventStore events;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String shortCode;
  private final String resultUrl;
  private final String queueTimeOutUrl;
  private final Duration resultWait;
  private final PayoutRails rails;

  /**
   * @param shortCode the B2C shortcode paying, or {@code null} when payouts are not configured
   * @param resultUrl where Daraja posts B2C Results
   * @param queueTimeOutUrl where Daraja posts if a request times out in its queue
   * @param resultWait how long after acceptance a Result is expected before the reconciler looks
   * @param rails limits and allow-list checked before anything is recorded
   */
  public PayoutService(
      Database database,
      PayoutStore payouts,
      EventStore events,
      DarajaClient daraja,
      Clock clock,
      String shortCode,
      String resultUrl,
      String queueTimeOutUrl,
      Duration resultWait,
      PayoutRails rails) {
    this.database = database;
    this.payouts = payouts;
    this.events = events;
    this.daraja = daraja;
    this.clock = clock;
    this.shortCode = shortCode;
    this.resultUrl = resultUrl;
    this.queueTimeOutUrl = queueTimeOutUrl;
    this.resultWait = resultWait;
    this.rails = rails;
  }

  /**
   * Validates, records, sends, and records Daraja's acknowledgement.
   *
   * @throws ApiError for invalid input or when payouts are not configured (nothing recorded,
   *     nothing sent)
   */
  public Payout create(NewPayout request) {
    if (shortCode == null) {
      throw ApiError.conflict(
          "payouts_not_configured",
          "No B2C shortcode is configured: set MPESA_B2C_SHORTCODE (or payouts.shortCode).");
    }
    String originatorConversationId = UUID.randomUUID().toString();
    B2cPaymentRequest b2c = validate(request, originatorConversationId);
    checkRails(b2c);
    long now = clock.millis();
    Payout created =
        new Payout(
            Ids.next("po"),
            PayoutStatus.CREATED,
            b2c.amount(),
            b2c.phone().value(),
            request.type(),
            b2c.remarks(),
            b2c.occasion(),
            request.metadata() == null ? null : Json.text(request.metadata()),
            shortCode,
            null,
            null,
            originatorConversationId,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            // If the gateway dies before the answer is recorded, the reconciler finds this.
            now + resultWait.toMillis(),
            0,
            now,
            now,
            1);
    Optional<Payout> earlier =
        database.write(
            c -> {
              if (request.idempotencyKey() != null) {
                // A retry taking over from an attempt that died half-way: that attempt's payout
                // may already have been sent, so it is the answer, as it stands now.
                Optional<Payout> existing = payouts.byIdempotencyKey(c, request.idempotencyKey());
                if (existing.isPresent()) {
                  return existing;
                }
              }
              checkDailyLimit(c, created.amount());
              payouts.insert(c, created, request.idempotencyKey());
              events.append(
                  c, PayoutStatus.CREATED.eventType(), "payout", created.id(), json(created), now);
              return Optional.<Payout>empty();
            });
    if (earlier.isPresent()) {
      log.warn(
          "payout {} was created by an earlier attempt with the same Idempotency-Key; not sent"
              + " again",
          earlier.get().id());
      return earlier.get();
    }
    return send(created, b2c);
  }

  /**
   * Sends a batch's queued payout: moves it to CREATED (so only one sender ever sends it), sends
   * it, and records the answer. A SpikeArrest refusal (nothing ran) puts it back in the queue and
   * is rethrown, for the sender to slow down.
   *
   * @return the payout as it stands after sending, or as it stood if someone else took it
   */
  public Payout sendQueued(Payout queued) {
    Payout created =
        update(
            queued.id(),
            p ->
                p.status() != PayoutStatus.QUEUED
                    ? Optional.empty()
                    : Optional.of(
                        p.toBuilder()
                            .status(PayoutStatus.CREATED)
                            .nextCheck(clock.millis() + resultWait.toMillis(), 0)
                            .build(clock.millis())));
    if (created.status() != PayoutStatus.CREATED || created.version() != queued.version() + 1) {
      return created;
    }
    B2cPaymentRequest b2c =
        validate(
            new NewPayout(
                created.phone(),
                created.amount(),
                created.type(),
                created.remarks(),
                created.occasion(),
                null,
                null),
            created.originatorConversationId());
    return send(created, b2c);
  }

  /**
   * Checks one payout request as {@link #create} would, without recording or sending anything.
   *
   * @throws ApiError naming the field that is wrong
   */
  public void check(NewPayout request) {
    checkRails(validate(request, UUID.randomUUID().toString()));
  }

  /** The rails in force. */
  public PayoutRails rails() {
    return rails;
  }

  private void checkRails(B2cPaymentRequest b2c) {
    PayoutRails.Refusal refusal = rails.refusal(b2c.phone().value(), b2c.amount());
    if (refusal != null) {
      throw ApiError.invalid(refusal.param(), refusal.message());
    }
  }

  /**
   * Refuses {@code amount} more today if it would take the day's payouts above {@code
   * payouts.maxPerDay}. Called in the transaction that records them, holding a lock, so two
   * requests at once cannot both squeeze under the limit.
   */
  public void checkDailyLimit(Connection c, long amount) throws SQLException {
    if (rails.maxPerDay() == null) {
      return;
    }
    database.lockKey(c, "payouts-daily-limit");
    long dayStart =
        java.time.Instant.ofEpochMilli(clock.millis())
            .atZone(StkPayment.EAT)
            .toLocalDate()
            .atStartOfDay(StkPayment.EAT)
            .toInstant()
            .toEpochMilli();
    long today = payouts.totalSince(c, dayStart);
    if (today + amount > rails.maxPerDay()) {
      throw ApiError.conflict(
          "daily_limit_exceeded",
          "Paying KES "
              + amount
              + " would take today's payouts to KES "
              + (today + amount)
              + ", above the daily limit of KES "
              + rails.maxPerDay()
              + " (payouts.maxPerDay). Nothing was recorded.");
    }
  }

  /** Whether payouts can be sent (a B2C shortcode is configured). */
  public String shortCode() {
    return shortCode;
  }

  private Payout send(Payout created, B2cPaymentRequest b2c) {
    // Outside any transaction: a slow Daraja never holds a database lock.
    try {
      InitiatorAcknowledgement ack = daraja.b2c().pay(b2c);
      return answered(
          created,
          next ->
              next.status(PayoutStatus.SUBMITTED)
                  .conversationId(ack.conversationId())
                  .nextCheck(clock.millis() + resultWait.toMillis(), 0));
    } catch (DarajaOutcomeUnknownException e) {
      log.warn("B2C payout {} may have reached Daraja; its answer was lost", created.id());
      return answered(
          created,
          next ->
              next.status(PayoutStatus.UNKNOWN)
                  .failureReason(
                      "The request may have reached Daraja but its answer was lost ("
                          + e.getCause()
                          + "); it will not be sent again.")
                  .nextCheck(clock.millis() + resultWait.toMillis(), 0));
    } catch (DarajaRateLimitException e) {
      if (created.batchId() == null) {
        return failBeforeRunning(created, e);
      }
      // A batch's row is sent again later, under the same OriginatorConversationID.
      answered(created, next -> next.status(PayoutStatus.QUEUED).nextCheck(null, 0));
      throw e;
    } catch (DarajaException e) {
      return failBeforeRunning(created, e);
    }
  }

  /**
   * Records what became of sending a payout that is still CREATED; if something else settled it
   * meanwhile (a Result can overtake the acknowledgement), it stays as it is.
   */
  private Payout answered(Payout created, UnaryOperator<Payout.Builder> outcome) {
    return update(
        created.id(),
        p ->
            p.status() != PayoutStatus.CREATED
                ? Optional.empty()
                : Optional.of(outcome.apply(p.toBuilder()).build(clock.millis())));
  }

  private Payout failBeforeRunning(Payout created, DarajaException e) {
    // Refused, rate-limited or unreachable before anything ran: nothing was paid.
    String code = e instanceof DarajaApiException api ? api.errorCode() : "";
    String desc =
        CallbackSecrets.redact(
            e instanceof DarajaApiException api ? api.errorMessage() : e.getMessage());
    return answered(
        created,
        next ->
            next.status(PayoutStatus.FAILED)
                .result(code, desc)
                .failureReason(
                    "Daraja did not accept the payout: " + CallbackSecrets.redact(e.getMessage()))
                .nextCheck(null, 0));
  }

  /** Moves a payout in its own transaction (see {@link #update(Connection, Payout, Function)}). */
  public Payout update(String id, Function<Payout, Optional<Payout>> decide) {
    return database.write(
        c ->
            update(
                c,
                payouts.find(c, id).orElseThrow(() -> new SQLException("no payout " + id)),
                decide));
  }

  /**
   * Moves a payout inside the caller's transaction, starting from a version just read: lets {@code
   * decide} choose the next version (or none), enforces the transition table, re-reads and decides
   * again if another writer got there first, and appends one event per change of state (and one
   * when a payout first needs a person).
   */
  public Payout update(Connection c, Payout read, Function<Payout, Optional<Payout>> decide)
      throws SQLException {
    Payout current = read;
    while (true) {
      Optional<Payout> decided = decide.apply(current);
      if (decided.isEmpty()) {
        return current;
      }
      Payout next = decided.get();
      if (next.status() != current.status() && !current.status().canMoveTo(next.status())) {
        throw new IllegalStateException(
            "payout "
                + current.id()
                + " cannot move from "
                + current.status()
                + " to "
                + next.status());
      }
      if (!payouts.update(c, next)) {
        current =
            payouts
                .find(c, current.id())
                .orElseThrow(() -> new SQLException("no payout " + read.id()));
        continue;
      }
      if (next.status() != current.status()) {
        events.append(
            c, next.status().eventType(), "payout", next.id(), json(next), next.updatedAt());
      }
      if (next.attention() != null && current.attention() == null) {
        events.append(
            c,
            EventTypes.PAYOUT_NEEDS_ATTENTION,
            "payout",
            next.id(),
            json(next),
            next.updatedAt());
      }
      return next;
    }
  }

  private B2cPaymentRequest validate(NewPayout request, String originatorConversationId) {
    B2cCommand command =
        switch (request.type() == null ? "" : request.type()) {
          case "business" -> B2cCommand.BUSINESS_PAYMENT;
          case "salary" -> B2cCommand.SALARY_PAYMENT;
          case "promotion" -> B2cCommand.PROMOTION_PAYMENT;
          default ->
              throw ApiError.invalid(
                  "type",
                  "type must be business, salary or promotion; got '" + request.type() + "'");
        };
    try {
      return B2cPaymentRequest.builder()
          .phone(Msisdn.parse("phone", request.phone()))
          .amount(request.amount())
          .commandId(command)
          .remarks(request.remarks())
          .occasion(request.occasion())
          .partyA(shortCode)
          .resultUrl(resultUrl)
          .queueTimeOutUrl(queueTimeOutUrl)
          .originatorConversationId(originatorConversationId)
          .build();
    } catch (DarajaValidationException e) {
      String param = e.field();
      String message = e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim();
      throw ApiError.invalid(param, param + " " + message);
    }
  }

  /** The payout as the merchant API shows it. */
  public static ObjectNode json(Payout p) {
    ObjectNode node = Json.object();
    node.put("id", p.id())
        .put("object", "payout")
        .put("status", p.status().apiName())
        .put("amount", p.amount())
        .put("currency", "KES")
        .put("phone", p.phone())
        .put("type", p.type())
        .put("remarks", p.remarks())
        .put("occasion", p.occasion());
    if (p.metadata() == null) {
      node.putNull("metadata");
    } else {
      node.set("metadata", Json.parseStored(p.metadata()));
    }
    node.put("short_code", p.shortCode())
        .put("batch_id", p.batchId())
        .put("batch_row", p.batchRow())
        .put("originator_conversation_id", p.originatorConversationId())
        .put("conversation_id", p.conversationId())
        .put("mpesa_receipt", p.receipt())
        .put("recipient_name", p.recipientName())
        .put("completed_at", Json.time(p.completedAt()))
        .put("result_code", p.resultCode())
        .put("result_desc", p.resultDesc())
        .put("failure_reason", p.failureReason())
        .put("needs_attention", p.attention())
        .put("created_at", Json.time(p.createdAt()))
        .put("updated_at", Json.time(p.updatedAt()));
    return node;
  }
}
