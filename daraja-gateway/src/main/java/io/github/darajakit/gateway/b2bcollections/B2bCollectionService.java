package io.github.darajakit.gateway.b2bcollections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaOutcomeUnknownException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.b2bexpress.B2bExpressCheckoutRequest;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.initiator.OperationRecords;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a till for money with B2B Express Checkout: a USSD prompt to the till's operator, who pays
 * this business's shortcode from the till.
 *
 * <p>The same rules as every money flow: the collection is recorded, with the RequestRefID it will
 * be pushed under, before the push; the push happens once, outside any transaction; Daraja's
 * acknowledgement is recorded afterwards as a compare-and-set. A lost answer makes it UNKNOWN —
 * never pushed again, since a second push is a second prompt the operator may pay too. Only its
 * callback ({@link B2bCollectionCallbacks}) settles it; one whose callback does not come by the
 * deadline is put before a person.
 */
public final class B2bCollectionService {

  private static final Logger log = LoggerFactory.getLogger(B2bCollectionService.class);

  /** What the merchant asked for; {@code partnerName} is {@code null} for the configured one. */
  public record NewCollection(
      String primaryShortCode,
      long amount,
      String paymentReference,
      String partnerName,
      JsonNode metadata,
      String idempotencyKey) {}

  private final Database database;
  private final B2bCollectionStore collections;
  private final EventStore events;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String receiverShortCode;
  private final String partnerName;
  private final String callbackUrl;
  private final Duration callbackWait;
  private final OperationRecords<B2bCollection, B2bCollectionStatus> records;

  /**
   * @param context the business it collects for (its C2B shortcode, else its STK shortcode, is the
   *     receiver), and the gateway's store, events and clock
   * @param partnerName the business's name in the prompt when a request gives none, or {@code null}
   *     (then every request must)
   * @param callbackUrl where Daraja posts the callbacks
   * @param callbackWait how long after a push its callback may take before a person is asked
   */
  public B2bCollectionService(
      FlowContext context,
      B2bCollectionStore collections,
      String partnerName,
      String callbackUrl,
      Duration callbackWait) {
    this.database = context.database();
    this.events = context.events();
    this.daraja = context.business().daraja();
    this.clock = context.clock();
    this.collections = collections;
    String c2b = context.business().c2bShortCode();
    this.receiverShortCode = c2b != null ? c2b : context.business().stkShortCode();
    this.partnerName = partnerName;
    this.callbackUrl = callbackUrl;
    this.callbackWait = callbackWait;
    VersionedRows<B2bCollection, B2bCollectionStatus> rows =
        new VersionedRows<>(
            "B2B collection",
            collections,
            B2bCollection::id,
            B2bCollection::status,
            B2bCollectionStatus::canMoveTo,
            this::changed);
    this.records =
        new OperationRecords<>(
            database,
            "b2b_collections",
            collections,
            rows,
            (b, reason) -> b.toBuilder().addAttention(reason).build(clock.millis()));
  }

  /** The shortcode collections pay. */
  public String receiverShortCode() {
    return receiverShortCode;
  }

  /**
   * Records the collection, pushes the prompt once, and records Daraja's acknowledgement.
   *
   * @throws GatewayError 400 naming the field for invalid input; nothing is recorded or sent
   */
  public B2bCollection create(NewCollection request) {
    String partner = request.partnerName() != null ? request.partnerName() : partnerName;
    if (partner == null) {
      throw GatewayError.invalid(
          "partner_name",
          "partner_name is required: your name as the till's operator sees it in the prompt (or"
              + " set b2bCollections.partnerName)");
    }
    if (receiverShortCode.equals(request.primaryShortCode())) {
      throw GatewayError.invalid(
          "primary_short_code",
          "primary_short_code '"
              + request.primaryShortCode()
              + "' is the shortcode collections pay: a till cannot pay itself; give the till that"
              + " pays");
    }
    long now = clock.millis();
    B2bCollection created =
        new B2bCollection(
            Ids.next("b2bc"),
            B2bCollectionStatus.CREATED,
            request.primaryShortCode(),
            receiverShortCode,
            request.amount(),
            request.paymentReference(),
            partner,
            request.metadata() == null ? null : Json.text(request.metadata()),
            // The RequestRefID is chosen now, so that the callback finds the collection even if
            // the gateway dies before the push's answer is recorded; the reconciler looks then.
            Progress.created(UUID.randomUUID().toString(), now + callbackWait.toMillis()),
            now,
            now,
            1);
    wire(created); // validated before anything is stored
    Optional<B2bCollection> earlier =
        database.write(
            c -> {
              if (request.idempotencyKey() != null) {
                // A retry of a request that may have been pushed: its collection is the answer.
                Optional<B2bCollection> existing =
                    collections.byIdempotencyKey(c, request.idempotencyKey());
                if (existing.isPresent()) {
                  return existing;
                }
              }
              collections.insert(c, created, request.idempotencyKey());
              events.append(
                  c,
                  B2bCollectionStatus.CREATED.eventType(),
                  "b2b_collection",
                  created.id(),
                  json(created),
                  now);
              return Optional.<B2bCollection>empty();
            });
    return earlier.orElseGet(() -> push(created));
  }

  private B2bExpressCheckoutRequest wire(B2bCollection b) {
    try {
      return B2bExpressCheckoutRequest.builder()
          .primaryShortCode(b.primaryShortCode())
          .receiverShortCode(b.receiverShortCode())
          .amount(b.amount())
          .paymentRef(b.paymentReference())
          .partnerName(b.partnerName())
          .callbackUrl(callbackUrl)
          // The collection's id as the URL's last segment: a callback whose requestId is not the
          // RequestRefID sent (⚠ REFERENCE §8 does not promise the echo) still names it.
          .callbackToken(b.id())
          .requestRefId(b.requestRefId())
          .build();
    } catch (DarajaValidationException e) {
      String param =
          switch (e.field()) {
            case "primaryShortCode" -> "primary_short_code";
            case "paymentRef" -> "payment_reference";
            case "partnerName" -> "partner_name";
            default -> e.field();
          };
      String message = e.getMessage().substring(e.getMessage().indexOf(':') + 1).trim();
      throw GatewayError.invalid(param, param + " " + message);
    }
  }

  private B2bCollection push(B2bCollection created) {
    // Outside any transaction: a slow Daraja never holds a database lock.
    try {
      daraja.b2bExpress().push(wire(created));
      return answered(
          created,
          next ->
              next.status(B2bCollectionStatus.PENDING)
                  .nextCheck(clock.millis() + callbackWait.toMillis(), 0));
    } catch (DarajaOutcomeUnknownException e) {
      log.warn("B2B collection {} may have reached Daraja; its answer was lost", created.id());
      return answered(
          created,
          next ->
              next.answerLost(
                  B2bCollectionStatus.UNKNOWN,
                  e.getCause(),
                  clock.millis() + callbackWait.toMillis()));
    } catch (DarajaException e) {
      return answered(
          created, next -> next.refused(B2bCollectionStatus.FAILED, e, "B2B collection"));
    }
  }

  /** Records what became of the push, unless its callback settled the collection meanwhile. */
  private B2bCollection answered(
      B2bCollection created, UnaryOperator<B2bCollection.Builder> outcome) {
    return records.answered(created, b -> outcome.apply(b.toBuilder()).build(clock.millis()));
  }

  /**
   * How collections are moved: compare-and-set in the transition table, one event per change of
   * state, and one when one first needs a person.
   */
  public OperationRecords<B2bCollection, B2bCollectionStatus> records() {
    return records;
  }

  private void changed(Connection c, B2bCollection before, B2bCollection after)
      throws SQLException {
    if (after.status() != before.status()) {
      events.append(
          c,
          after.status().eventType(),
          "b2b_collection",
          after.id(),
          json(after),
          after.updatedAt());
    }
    if (after.attention() != null && before.attention() == null) {
      events.append(
          c,
          B2bCollectionEvents.NEEDS_ATTENTION,
          "b2b_collection",
          after.id(),
          json(after),
          after.updatedAt());
    }
  }

  /** The collection as the merchant API shows it. */
  public static ObjectNode json(B2bCollection b) {
    ObjectNode node = Json.object();
    node.put("id", b.id())
        .put("object", "b2b_collection")
        .put("status", b.status().apiName())
        .put("amount", b.amount())
        .put("currency", "KES")
        .put("primary_short_code", b.primaryShortCode())
        .put("receiver_short_code", b.receiverShortCode())
        .put("payment_reference", b.paymentReference())
        .put("partner_name", b.partnerName());
    if (b.metadata() == null) {
      node.putNull("metadata");
    } else {
      node.set("metadata", Json.parseStored(b.metadata()));
    }
    node.put("request_ref_id", b.requestRefId())
        .put("conversation_id", b.conversationId())
        .put("mpesa_receipt", b.receipt());
    return b.putOutcome(node);
  }
}
