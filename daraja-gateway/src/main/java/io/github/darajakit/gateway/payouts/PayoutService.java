package io.github.darajakit.gateway.payouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.DarajaRateLimitException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.b2b.B2bPaymentRequest;
import io.github.darajakit.client.b2b.B2bReceiverType;
import io.github.darajakit.client.b2c.B2cCommand;
import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.initiator.OperationRecords;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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

  /**
   * What the merchant asked for.
   *
   * @param expectedName the recipient's name as the merchant knows it, for {@code
   *     payouts.nameCheck}, or {@code null}
   * @param createdBy the id of the API key asking (the maker), or {@code null} for a batch's row
   */
  public record NewPayout(
      String phone,
      long amount,
      String type,
      String remarks,
      String occasion,
      String expectedName,
      JsonNode metadata,
      String idempotencyKey,
      String createdBy) {}

  /** The longest {@code expected_name}. */
  public static final int MAX_EXPECTED_NAME = 100;

  /**
   * What the merchant asked to pay another business.
   *
   * @param receiverType {@code paybill} or {@code till}
   * @param receiver the PayBill or till number
   * @param accountReference the account at the PayBill (required for one), or {@code null}
   * @param requester the customer on whose behalf it is paid, or {@code null}
   */
  public record NewB2bPayment(
      String receiverType,
      String receiver,
      String accountReference,
      long amount,
      String remarks,
      String occasion,
      String requester,
      JsonNode metadata,
      String idempotencyKey) {}

  /** B2B to a PayBill: CommandID BusinessPayBill. */
  public static final String PAYBILL = "paybill";

  /** B2B to a Buy Goods till: CommandID BusinessBuyGoods. */
  public static final String TILL = "till";

  private final Database database;
  private final PayoutStore payouts;
  private final EventStore events;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String shortCode;
  private final String resultUrl;
  private final String queueTimeOutUrl;
  private final String b2bResultUrl;
  private final String b2bQueueTimeOutUrl;
  private final Duration resultWait;
  private final PayoutRails rails;
  private final B2bReceiverType tillIdentifierType;
  private final FraudScreen screen;
  private final OperationRecords<Payout, PayoutStatus> records;

  /**
   * @param shortCode the B2C shortcode paying, or {@code null} when payouts are not configured
   * @param resultUrl where Daraja posts B2C Results
   * @param queueTimeOutUrl where Daraja posts if a request times out in its queue
   * @param b2bResultUrl where Daraja posts B2B Results
   * @param b2bQueueTimeOutUrl where Daraja posts if a B2B request times out in its queue
   * @param resultWait how long after acceptance a Result is expected before the reconciler looks
   * @param rails limits and allow-list checked before anything is recorded
   * @param tillIdentifierType the RecieverIdentifierType sent for a till: {@code 4} as documented,
   *     or {@code 2}, which production tills are reported to need (REFERENCE §7.1 ⚠)
   * @param fraudChecks the checks made before a payout is sent, which hold it when they fail
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
      String b2bResultUrl,
      String b2bQueueTimeOutUrl,
      Duration resultWait,
      PayoutRails rails,
      B2bReceiverType tillIdentifierType,
      FraudChecks fraudChecks) {
    this.database = database;
    this.payouts = payouts;
    this.records =
        new OperationRecords<>(
            database,
            "payouts",
            payouts,
            new VersionedRows<>(
                "payout",
                payouts,
                Payout::id,
                Payout::status,
                PayoutStatus::canMoveTo,
                this::changed),
            (p, reason) -> p.toBuilder().addAttention(reason).build(clock.millis()));
    this.events = events;
    this.daraja = daraja;
    this.clock = clock;
    this.shortCode = shortCode;
    this.resultUrl = resultUrl;
    this.queueTimeOutUrl = queueTimeOutUrl;
    this.b2bResultUrl = b2bResultUrl;
    this.b2bQueueTimeOutUrl = b2bQueueTimeOutUrl;
    this.resultWait = resultWait;
    this.rails = rails;
    this.tillIdentifierType = tillIdentifierType;
    this.screen = new FraudScreen(fraudChecks, daraja, clock);
  }

  /**
   * Validates, records, sends, and records Daraja's acknowledgement.
   *
   * @throws GatewayError for invalid input or when payouts are not configured (nothing recorded,
   *     nothing sent)
   */
  public Payout create(NewPayout request) {
    requireShortCode();
    String originatorConversationId = UUID.randomUUID().toString();
    B2cPaymentRequest b2c = validate(request, originatorConversationId);
    checkRails(b2c.phone().value(), "phone", b2c.amount());
    Payout created =
        created(
            Payout.Kind.B2C,
            b2c.amount(),
            b2c.phone().value(),
            request.type(),
            null,
            null,
            b2c.remarks(),
            b2c.occasion(),
            request.metadata(),
            originatorConversationId,
            expectedName(request.expectedName()),
            request.createdBy());
    return recordAndSend(created, request.idempotencyKey());
  }

  /**
   * Validates, records, sends and records Daraja's acknowledgement of a B2B payment, under the same
   * rules as a payout. Daraja assigns a B2B request's OriginatorConversationID, so the one recorded
   * before sending is ours and is replaced by Daraja's when it acknowledges.
   *
   * @throws GatewayError for invalid input or when payouts are not configured (nothing recorded,
   *     nothing sent)
   */
  public Payout createB2b(NewB2bPayment request) {
    requireShortCode();
    B2bPaymentRequest b2b = validateB2b(request);
    checkRails(b2b.partyB(), "receiver", b2b.amount());
    Payout created =
        created(
            Payout.Kind.B2B,
            b2b.amount(),
            b2b.partyB(),
            request.receiverType(),
            b2b.accountReference(),
            b2b.requester() == null ? null : b2b.requester().value(),
            b2b.remarks(),
            b2b.occasion(),
            request.metadata(),
            UUID.randomUUID().toString(),
            null,
            null);
    return recordAndSend(created, request.idempotencyKey());
  }

  /**
   * Sends a failed payout (or B2B payment) again, as the same record under a new
   * OriginatorConversationID: the only re-sending there is. FAILED is proof that nothing was paid
   * (Daraja refused the request, or its Result said it failed); nothing else may be sent again. The
   * rails are checked again, the daily limit included.
   *
   * <p>Moving the payout from FAILED to CREATED is a compare-and-set: of any number of resubmits at
   * once, on any number of instances, exactly one moves it and sends; the others are refused and
   * send nothing.
   *
   * @throws GatewayError 404 if there is no such payment of this kind, 409 if it is not failed (or
   *     another request is sending it again right now)
   */
  public Payout resubmit(String id, Payout.Kind kind) {
    requireShortCode();
    Payout ready =
        database.write(
            c -> {
              Payout p =
                  payouts
                      .find(c, id)
                      .filter(found -> found.kind() == kind)
                      .orElseThrow(
                          () -> GatewayError.notFound("No " + kind.noun() + " " + id + "."));
              if (p.status() != PayoutStatus.FAILED) {
                throw notResubmittable(p);
              }
              checkRails(p.recipient(), kind == Payout.Kind.B2C ? "phone" : "receiver", p.amount());
              checkDailyLimit(c, p.amount());
              long now = clock.millis();
              Optional<Payout> claimed =
                  records.claim(
                      c,
                      p,
                      current ->
                          current.status() != PayoutStatus.FAILED
                              ? Optional.empty()
                              : Optional.of(
                                  current.toBuilder()
                                      .resubmit(UUID.randomUUID().toString())
                                      .status(PayoutStatus.CREATED)
                                      .nextCheck(now + resultWait.toMillis(), 0)
                                      .build(now)));
              if (claimed.isEmpty()) {
                // Another request moved it first (and is sending it): this one sends nothing.
                throw notResubmittable(payouts.find(c, id).orElse(p));
              }
              return claimed.get();
            });
    log.info("{} {} sent again (attempt {})", kind.object(), ready.id(), ready.resubmissions() + 1);
    return send(ready);
  }

  /**
   * A second person's approval of a held payout: HELD → CREATED by a compare-and-set, then sent
   * once, without checking it again (a person looked at what the checks found). Only an API key
   * other than the one that created the payout may approve it (maker-checker, as for batches).
   *
   * <p>Of any number of approvals at once, on any number of instances, exactly one moves it and
   * sends; the others are refused with 409 {@code not_held} and send nothing.
   *
   * @param apiKeyId the id of the API key approving
   * @throws GatewayError 404 if there is no such payout, 409 {@code approver_is_maker} for the
   *     maker's own key, 409 {@code not_held} if it is not held (or another approval won)
   */
  public Payout approve(String id, String apiKeyId) {
    requireShortCode();
    long now = clock.millis();
    Payout approved =
        review(
            id,
            p -> {
              if (p.createdBy() == null || p.createdBy().equals(apiKeyId)) {
                throw PayoutRails.approverIsMaker(
                    "Payout " + id + " was created with this API key");
              }
            },
            p ->
                p.toBuilder()
                    .status(PayoutStatus.CREATED)
                    .reviewed(Payout.Review.Decision.APPROVED, apiKeyId, now)
                    .nextCheck(now + resultWait.toMillis(), 0)
                    .build(now));
    log.info("payout {} approved by {} after the checks held it", id, apiKeyId);
    return sendChecked(approved, false);
  }

  /**
   * Rejects a held payout: HELD → CANCELLED, never sent. Any API key may reject, its maker's too:
   * rejecting sends no money.
   *
   * @throws GatewayError 404 if there is no such payout, 409 {@code not_held} if it is not held
   */
  public Payout reject(String id, String apiKeyId) {
    long now = clock.millis();
    return review(
        id,
        p -> {},
        p ->
            p.toBuilder()
                .status(PayoutStatus.CANCELLED)
                .reviewed(Payout.Review.Decision.REJECTED, apiKeyId, now)
                .failureReason(
                    "Rejected after the checks before sending held it; nothing was sent.")
                .build(now));
  }

  /** Moves a held payout on by a person's decision, with one winner among requests at once. */
  private Payout review(
      String id, java.util.function.Consumer<Payout> mayDecide, UnaryOperator<Payout> decision) {
    return database.write(
        c -> {
          Payout p =
              payouts
                  .find(c, id)
                  .filter(found -> found.kind() == Payout.Kind.B2C)
                  .orElseThrow(() -> GatewayError.notFound("No payout " + id + "."));
          if (p.status() != PayoutStatus.HELD) {
            throw notHeld(p);
          }
          mayDecide.accept(p);
          Optional<Payout> decided =
              records.claim(
                  c,
                  p,
                  current ->
                      current.status() != PayoutStatus.HELD
                          ? Optional.empty()
                          : Optional.of(decision.apply(current)));
          if (decided.isEmpty()) {
            // Another person decided first: this request changes and sends nothing.
            throw notHeld(payouts.find(c, id).orElse(p));
          }
          return decided.get();
        });
  }

  private static GatewayError notHeld(Payout p) {
    return GatewayError.conflict(
        "not_held",
        "Only a held payout can be approved or rejected. Payout "
            + p.id()
            + " is "
            + p.status().apiName()
            + (p.review() == null
                ? "."
                : " (" + p.review().decision().apiName() + " by " + p.review().by() + ")."));
  }

  private static GatewayError notResubmittable(Payout p) {
    String noun = p.kind().noun();
    return GatewayError.conflict(
        "not_resubmittable",
        "Only a failed "
            + noun
            + " can be sent again: failed is proof that nothing was paid. This one is "
            + p.status().apiName()
            + switch (p.status()) {
              case UNKNOWN -> "; it may have been paid, and it is never sent again.";
              case CREATED, SUBMITTED ->
                  "; it is being sent (attempt " + (p.resubmissions() + 1) + ") right now.";
              default -> ".";
            });
  }

  private void requireShortCode() {
    if (shortCode == null) {
      throw GatewayError.conflict(
          "payouts_not_configured",
          "No B2C shortcode is configured: set MPESA_B2C_SHORTCODE (or payouts.shortCode).");
    }
  }

  private Payout created(
      Payout.Kind kind,
      long amount,
      String recipient,
      String type,
      String accountReference,
      String requester,
      String remarks,
      String occasion,
      JsonNode metadata,
      String originatorConversationId,
      String expectedName,
      String createdBy) {
    long now = clock.millis();
    return new Payout(
        Ids.next(kind == Payout.Kind.B2C ? "po" : "b2b"),
        PayoutStatus.CREATED,
        kind,
        amount,
        recipient,
        type,
        accountReference,
        requester,
        remarks,
        occasion,
        metadata == null ? null : Json.text(metadata),
        shortCode,
        null, // not in a batch
        null,
        0,
        null, // recipientName
        expectedName,
        createdBy,
        List.of(),
        null, // review
        // If the gateway dies before the answer is recorded, the reconciler finds this.
        Progress.created(originatorConversationId, now + resultWait.toMillis()),
        now,
        now,
        1);
  }

  /** Commits the new payment (under its Idempotency-Key) and only then sends it. */
  private Payout recordAndSend(Payout created, String idempotencyKey) {
    Optional<Payout> earlier =
        database.write(
            c -> {
              if (idempotencyKey != null) {
                // A retry taking over from an attempt that died half-way: that attempt's payout
                // may already have been sent, so it is the answer, as it stands now.
                Optional<Payout> existing = payouts.byIdempotencyKey(c, idempotencyKey);
                if (existing.isPresent()) {
                  return existing;
                }
              }
              checkDailyLimit(c, created.amount());
              payouts.insert(c, created, idempotencyKey);
              events.append(
                  c,
                  eventType(created),
                  created.kind().object(),
                  created.id(),
                  json(created),
                  created.createdAt());
              return Optional.<Payout>empty();
            });
    if (earlier.isPresent()) {
      log.warn(
          "{} {} was created by an earlier attempt with the same Idempotency-Key; not sent again",
          earlier.get().kind().object(),
          earlier.get().id());
      return earlier.get();
    }
    return send(created);
  }

  /**
   * Sends a batch's queued payout: moves it from QUEUED to CREATED with a compare-and-set (so of
   * every sender on every instance, only the one that moved it sends it), sends it, and records the
   * answer. A SpikeArrest refusal (nothing ran) puts it back in the queue and is rethrown, for the
   * sender to slow down.
   *
   * @return the payout as it stands after sending, or as it stood if someone else took it
   */
  public Payout sendQueued(Payout queued) {
    long now = clock.millis();
    Optional<Payout> claimed =
        claim(
            queued,
            p ->
                p.status() != PayoutStatus.QUEUED
                    ? Optional.empty()
                    : Optional.of(
                        p.toBuilder()
                            .status(PayoutStatus.CREATED)
                            .nextCheck(now + resultWait.toMillis(), 0)
                            .build(now)));
    if (claimed.isEmpty()) {
      return payouts.find(queued.id()).orElse(queued);
    }
    return send(claimed.get(), true);
  }

  /**
   * Checks one payout request as {@link #create} would, without recording or sending anything.
   *
   * @throws GatewayError naming the field that is wrong
   */
  public void check(NewPayout request) {
    B2cPaymentRequest b2c = validate(request, UUID.randomUUID().toString());
    expectedName(request.expectedName());
    checkRails(b2c.phone().value(), "phone", b2c.amount());
  }

  /**
   * An {@code expected_name} as stored: trimmed, 2 to 100 characters holding a letter, or {@code
   * null}.
   *
   * @throws GatewayError naming {@code expected_name}
   */
  static String expectedName(String name) {
    if (name == null) {
      return null;
    }
    String trimmed = name.strip();
    if (trimmed.length() < 2
        || trimmed.length() > MAX_EXPECTED_NAME
        || trimmed.codePoints().noneMatch(Character::isLetter)
        || trimmed.codePoints().anyMatch(Character::isISOControl)) {
      throw GatewayError.invalid(
          "expected_name",
          "expected_name must be the recipient's name as registered with M-Pesa, 2 to "
              + MAX_EXPECTED_NAME
              + " printable characters with at least one letter, e.g. \"Wanjiku Njeri Kamau\"");
    }
    return trimmed;
  }

  /** The rails in force. */
  public PayoutRails rails() {
    return rails;
  }

  private void checkRails(String recipient, String recipientParam, long amount) {
    PayoutRails.Refusal refusal = rails.refusal(recipient, recipientParam, amount);
    if (refusal != null) {
      throw GatewayError.invalid(refusal.param(), refusal.message());
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
      throw GatewayError.conflict(
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

  private Payout send(Payout created) {
    return send(created, false);
  }

  /**
   * The one way a recorded payout (a create, a batch's row, a resubmit) goes to Daraja: first the
   * checks before sending ({@link FraudChecks}), then, if they let it go, the B2C call. A payout a
   * check holds — or whose check could not be answered — is HELD and not sent.
   *
   * @param forBatchSender whether the batch sender is sending a queued row: SpikeArrest then puts
   *     it back in the queue and is rethrown for the sender to slow down; for anyone else (a
   *     create, a resubmit) it fails the payout, which nothing ran for
   */
  private Payout send(Payout created, boolean forBatchSender) {
    if (!screen.applies(created)) {
      return sendChecked(created, forBatchSender);
    }
    // Outside any transaction: no database lock waits on Daraja's checks.
    FraudScreen.Screening screening = screen.screen(created);
    if (screening.rateLimited() != null && forBatchSender) {
      // Nothing was checked and nothing ran: the row waits in the queue, as for a B2C refusal.
      answered(created, next -> next.status(PayoutStatus.QUEUED).nextCheck(null, 0));
      throw screening.rateLimited();
    }
    boolean hold = !screening.passed();
    long now = clock.millis();
    // Written only if the payout is still this attempt, CREATED: if the reconciler took it over
    // meanwhile (the checks outlasted the Result wait), it is not sent.
    Optional<Payout> screened =
        claim(
            created,
            p ->
                p.status() != PayoutStatus.CREATED || p.resubmissions() != created.resubmissions()
                    ? Optional.empty()
                    : Optional.of(
                        (hold
                                ? p.toBuilder().status(PayoutStatus.HELD).nextCheck(null, 0)
                                : p.toBuilder().nextCheck(now + resultWait.toMillis(), 0))
                            .checked(screening.checks())
                            .build(now)));
    if (screened.isEmpty()) {
      return payouts.find(created.id()).orElse(created);
    }
    if (hold) {
      log.info(
          "{} {} held by the checks before sending; it waits for another API key's approval",
          created.kind().object(),
          created.id());
      return screened.get();
    }
    return sendChecked(screened.get(), forBatchSender);
  }

  /**
   * The compare-and-set that entitles its caller to act on a payout, from the payout as stored now:
   * the version written, or empty if {@code decide} chose nothing or another writer won.
   */
  private Optional<Payout> claim(Payout read, Function<Payout, Optional<Payout>> decide) {
    return database.write(c -> records.claim(c, payouts.find(c, read.id()).orElse(read), decide));
  }

  /** Sends a recorded payout once, its checks passed or not needed, and records the answer. */
  private Payout sendChecked(Payout created, boolean forBatchSender) {
    // Outside any transaction: a slow Daraja never holds a database lock.
    try {
      InitiatorAcknowledgement ack = call(created);
      return answered(
          created,
          next ->
              next.status(PayoutStatus.SUBMITTED)
                  .originatorConversationId(
                      created.kind() == Payout.Kind.B2B ? ack.originatorConversationId() : null)
                  .conversationId(ack.conversationId())
                  .nextCheck(clock.millis() + resultWait.toMillis(), 0));
    } catch (DarajaOutcomeUnknownException e) {
      log.warn(
          "{} {} may have reached Daraja; its answer was lost",
          created.kind().object(),
          created.id());
      return answered(
          created,
          next ->
              next.answerLost(
                  PayoutStatus.UNKNOWN, e.getCause(), clock.millis() + resultWait.toMillis()));
    } catch (DarajaRateLimitException e) {
      if (!forBatchSender) {
        return failBeforeRunning(created, e);
      }
      // A batch's row is sent again later, under the same OriginatorConversationID.
      answered(created, next -> next.status(PayoutStatus.QUEUED).nextCheck(null, 0));
      throw e;
    } catch (DarajaException e) {
      if (e instanceof DarajaApiException api && api.isDuplicateRequest()) {
        // Daraja already holds a request with this OriginatorConversationID: that request reached
        // it and may have paid. Failing this payout would invite paying it a second time.
        log.warn(
            "{} {}: Daraja already has a request with OriginatorConversationID {}; its outcome is"
                + " unknown until Transaction Status settles it",
            created.kind().object(),
            created.id(),
            created.originatorConversationId());
        return answered(
            created,
            next ->
                next.status(PayoutStatus.UNKNOWN)
                    .result(api.errorCode(), CallbackSecrets.redact(api.errorMessage()))
                    .failureReason(
                        "Daraja answered that it already has a request with this"
                            + " OriginatorConversationID: that request may have been paid, so"
                            + " this payout is settled by Transaction Status, never sent again.")
                    .nextCheck(clock.millis(), 0));
      }
      return failBeforeRunning(created, e);
    }
  }

  /** The one Daraja call that may move the money: B2C, or B2B to a PayBill or a till. */
  private InitiatorAcknowledgement call(Payout p) {
    if (p.kind() == Payout.Kind.B2C) {
      return daraja
          .b2c()
          .pay(
              validate(
                  new NewPayout(
                      p.recipient(),
                      p.amount(),
                      p.type(),
                      p.remarks(),
                      p.occasion(),
                      null,
                      null,
                      null,
                      null),
                  p.originatorConversationId()));
    }
    B2bPaymentRequest request =
        b2bRequest(
            new NewB2bPayment(
                p.type(),
                p.recipient(),
                p.accountReference(),
                p.amount(),
                p.remarks(),
                p.occasion(),
                p.requester(),
                null,
                null));
    return p.type().equals(TILL) ? daraja.b2b().buyGoods(request) : daraja.b2b().payBill(request);
  }

  /**
   * Records what became of sending a payout that is still CREATED on the same attempt; if something
   * else settled it meanwhile (a Result can overtake the acknowledgement, the reconciler can give
   * up waiting), it stays as it is.
   */
  private Payout answered(Payout created, UnaryOperator<Payout.Builder> outcome) {
    return records.answered(created, p -> outcome.apply(p.toBuilder()).build(clock.millis()));
  }

  private Payout failBeforeRunning(Payout created, DarajaException e) {
    // Refused, rate-limited or unreachable before anything ran: nothing was paid.
    return answered(created, next -> next.refused(PayoutStatus.FAILED, e, "payout"));
  }

  /**
   * How its payouts and B2B payments are moved: compare-and-set, one event per change of state (and
   * one when one first needs a person).
   */
  public OperationRecords<Payout, PayoutStatus> records() {
    return records;
  }

  private void changed(Connection c, Payout before, Payout after) throws SQLException {
    if (after.resubmissions() != before.resubmissions()
        || !Objects.equals(after.originatorConversationId(), before.originatorConversationId())
        || !Objects.equals(after.conversationId(), before.conversationId())) {
      payouts.recordAttempt(c, after);
    }
    String object = after.kind().object();
    if (after.status() != before.status()) {
      // A person's decision on a held payout is its own event: payout.approved, payout.rejected.
      String type =
          after.review() != null && !after.review().equals(before.review())
              ? PayoutEvents.reviewed(after.review().decision())
              : eventType(after);
      events.append(c, type, object, after.id(), json(after), after.updatedAt());
    }
    if (after.attention() != null && before.attention() == null) {
      events.append(
          c,
          PayoutEvents.needsAttention(after.kind()),
          object,
          after.id(),
          json(after),
          after.updatedAt());
    }
  }

  private B2cPaymentRequest validate(NewPayout request, String originatorConversationId) {
    B2cCommand command =
        switch (request.type() == null ? "" : request.type()) {
          case "business" -> B2cCommand.BUSINESS_PAYMENT;
          case "salary" -> B2cCommand.SALARY_PAYMENT;
          case "promotion" -> B2cCommand.PROMOTION_PAYMENT;
          default ->
              throw GatewayError.invalid(
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
      throw GatewayError.invalid(param, param + " " + message);
    }
  }

  private B2bPaymentRequest validateB2b(NewB2bPayment request) {
    if (!PAYBILL.equals(request.receiverType()) && !TILL.equals(request.receiverType())) {
      throw GatewayError.invalid(
          "receiver_type",
          "receiver_type must be paybill or till; got '" + request.receiverType() + "'");
    }
    if (PAYBILL.equals(request.receiverType()) && request.accountReference() == null) {
      throw GatewayError.invalid(
          "account_reference",
          "account_reference is required to pay a PayBill: the account number there (at most "
              + B2bPaymentRequest.MAX_ACCOUNT_REFERENCE
              + " characters)");
    }
    if (TILL.equals(request.receiverType()) && request.accountReference() != null) {
      throw GatewayError.invalid(
          "account_reference", "account_reference is for a PayBill; a till takes none");
    }
    return b2bRequest(request);
  }

  private B2bPaymentRequest b2bRequest(NewB2bPayment request) {
    try {
      return B2bPaymentRequest.builder()
          .partyA(shortCode)
          .partyB(request.receiver())
          .receiverType(
              TILL.equals(request.receiverType()) ? tillIdentifierType : B2bReceiverType.SHORTCODE)
          .amount(request.amount())
          .accountReference(request.accountReference())
          .requester(
              request.requester() == null ? null : Msisdn.parse("requester", request.requester()))
          .remarks(request.remarks())
          .occasion(request.occasion())
          .resultUrl(b2bResultUrl)
          .queueTimeOutUrl(b2bQueueTimeOutUrl)
          .build();
    } catch (DarajaValidationException e) {
      String param =
          switch (e.field()) {
            case "partyB" -> "receiver";
            case "accountReference" -> "account_reference";
            default -> e.field();
          };
      String message = e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim();
      throw GatewayError.invalid(param, param + " " + message);
    }
  }

  /** {@code payout.succeeded}, {@code b2b_payment.failed}…: the event of arriving where it is. */
  static String eventType(Payout p) {
    return p.status().eventType(p.kind());
  }

  /** A payout or B2B payment as the merchant API shows it. */
  public static ObjectNode json(Payout p) {
    return p.kind() == Payout.Kind.B2C ? payoutJson(p) : b2bJson(p);
  }

  private static ObjectNode b2bJson(Payout p) {
    ObjectNode node = Json.object();
    node.put("id", p.id())
        .put("object", "b2b_payment")
        .put("status", p.status().apiName())
        .put("amount", p.amount())
        .put("currency", "KES")
        .put("receiver_type", p.type())
        .put("receiver", p.recipient())
        .put("account_reference", p.accountReference())
        .put("requester", p.requester())
        .put("remarks", p.remarks())
        .put("occasion", p.occasion());
    if (p.metadata() == null) {
      node.putNull("metadata");
    } else {
      node.set("metadata", Json.parseStored(p.metadata()));
    }
    node.put("short_code", p.shortCode())
        .put("originator_conversation_id", p.originatorConversationId())
        .put("conversation_id", p.conversationId())
        .put("resubmissions", p.resubmissions())
        .put("mpesa_receipt", p.receipt())
        .put("receiver_name", p.recipientName());
    return p.putOutcome(node);
  }

  private static ObjectNode payoutJson(Payout p) {
    ObjectNode node = Json.object();
    node.put("id", p.id())
        .put("object", "payout")
        .put("status", p.status().apiName())
        .put("amount", p.amount())
        .put("currency", "KES")
        .put("phone", p.recipient())
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
        .put("resubmissions", p.resubmissions())
        .put("mpesa_receipt", p.receipt())
        .put("recipient_name", p.recipientName())
        .put("expected_name", p.expectedName());
    ArrayNode checks = node.putArray("checks");
    p.checks().forEach(check -> checks.add(check.json()));
    if (p.review() == null) {
      node.putNull("review");
    } else {
      node.putObject("review")
          .put("decision", p.review().decision().apiName())
          .put("by", p.review().by())
          .put("at", Json.time(p.review().at()));
    }
    node.put("completed_at", Json.time(p.completedAt()))
        .put("result_code", p.resultCode())
        .put("result_desc", p.resultDesc())
        .put("failure_reason", p.failureReason())
        .put("needs_attention", p.attention())
        .put("created_at", Json.time(p.createdAt()))
        .put("updated_at", Json.time(p.updatedAt()));
    return node;
  }
}
