package io.github.darajakit.gateway.payouts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Payout batches: every row validated before anything is stored, nothing sent before the batch is
 * confirmed, then each row sent once by {@link PayoutBatchSender} as an ordinary payout with all
 * the exactly-once rules of {@link PayoutService}. A batch can be paused, resumed and cancelled;
 * cancelling cancels the rows not yet sent and never touches the ones sent.
 */
public final class PayoutBatchService {

  /** The most rows one batch may hold. */
  public static final int MAX_ROWS = 10_000;

  /**
   * What the merchant asked for: rows in order (row 1 first).
   *
   * @param unreadable what made rows unreadable (an amount that is not whole shillings), reported
   *     with the other rows' problems; such a row is checked no further
   */
  public record NewBatch(
      String description,
      List<PayoutService.NewPayout> rows,
      List<GatewayError.RowProblem> unreadable,
      String idempotencyKey,
      String apiKeyId) {}

  private final Database database;
  private final PayoutBatchStore batches;
  private final PayoutStore payouts;
  private final PayoutService payoutService;
  private final EventStore events;
  private final Clock clock;

  public PayoutBatchService(
      Database database,
      PayoutBatchStore batches,
      PayoutStore payouts,
      PayoutService payoutService,
      EventStore events,
      Clock clock) {
    this.database = database;
    this.batches = batches;
    this.payouts = payouts;
    this.payoutService = payoutService;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Validates every row and, if all are valid, stores the batch awaiting confirmation.
   *
   * @throws GatewayError listing every invalid row (nothing stored)
   */
  public PayoutBatch create(NewBatch request) {
    if (payoutService.shortCode() == null) {
      throw GatewayError.conflict(
          "payouts_not_configured",
          "No B2C shortcode is configured: set MPESA_B2C_SHORTCODE (or payouts.shortCode).");
    }
    List<PayoutService.NewPayout> rows = request.rows();
    if (rows.isEmpty()) {
      throw GatewayError.invalid("items", "a batch needs at least one row");
    }
    if (rows.size() > MAX_ROWS) {
      throw GatewayError.invalid(
          "items", "a batch holds at most " + MAX_ROWS + " rows; this one has " + rows.size());
    }
    List<GatewayError.RowProblem> problems = new java.util.ArrayList<>(request.unreadable());
    Set<Integer> unread =
        problems.stream().map(GatewayError.RowProblem::row).collect(Collectors.toSet());
    long total = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (unread.contains(i + 1)) {
        continue;
      }
      try {
        payoutService.check(rows.get(i));
        total += rows.get(i).amount();
      } catch (GatewayError e) {
        String param = e instanceof GatewayError.Invalid invalid ? invalid.param() : null;
        problems.add(new GatewayError.RowProblem(i + 1, param, e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(GatewayError.RowProblem::row));
      throw GatewayError.invalidRows(
          problems.size()
              + " of "
              + rows.size()
              + " rows are invalid; nothing was stored. Fix them and send the batch again.",
          problems);
    }
    Long maxPerBatch = payoutService.rails().maxPerBatch();
    if (maxPerBatch != null && total > maxPerBatch) {
      throw GatewayError.invalid(
          "items",
          "the batch pays KES "
              + total
              + " in total, above the most one batch may pay here (payouts.maxPerBatch = "
              + maxPerBatch
              + "); split it");
    }
    long now = clock.millis();
    PayoutBatch batch =
        new PayoutBatch(
            Ids.next("pob"),
            PayoutBatch.Status.AWAITING_CONFIRMATION,
            rows.size(),
            total,
            request.description(),
            request.apiKeyId(),
            null,
            null,
            now,
            now,
            1);
    String shortCode = payoutService.shortCode();
    return database.write(
        c -> {
          if (request.idempotencyKey() != null) {
            Optional<PayoutBatch> existing = batches.byIdempotencyKey(c, request.idempotencyKey());
            if (existing.isPresent()) {
              return existing.get();
            }
          }
          batches.insert(c, batch, request.idempotencyKey());
          for (int i = 0; i < rows.size(); i++) {
            PayoutService.NewPayout row = rows.get(i);
            payouts.insert(c, queued(batch, i + 1, row, shortCode, now), null);
          }
          events.append(
              c, eventType(batch.status()), "payout_batch", batch.id(), json(batch, Map.of()), now);
          return batch;
        });
  }

  private static Payout queued(
      PayoutBatch batch, int row, PayoutService.NewPayout p, String shortCode, long now) {
    return new Payout(
        Ids.next("po"),
        PayoutStatus.QUEUED,
        Payout.Kind.B2C,
        p.amount(),
        io.github.darajakit.client.Msisdn.parse("phone", p.phone()).value(),
        p.type(),
        null,
        null,
        p.remarks(),
        p.occasion(),
        p.metadata() == null ? null : Json.text(p.metadata()),
        shortCode,
        batch.id(),
        row,
        0,
        null, // recipientName
        PayoutService.expectedName(p.expectedName()),
        batch.createdBy(), // the batch's maker is each row's
        List.of(),
        null, // review
        // Not looked at until it is sent: a queued row is the batch sender's.
        Progress.created(UUID.randomUUID().toString(), null),
        now,
        now,
        1);
  }

  /**
   * AWAITING_CONFIRMATION → SENDING, unless the batch pays more than the approval threshold: then
   * only another API key may start it, with {@link #approve}.
   */
  public PayoutBatch confirm(String id) {
    PayoutBatch batch = batches.find(id).orElseThrow(() -> notFound(id));
    Long threshold = payoutService.rails().approvalThreshold();
    if (threshold != null && batch.totalAmount() > threshold) {
      throw GatewayError.conflict(
          "approval_required",
          "Batch "
              + id
              + " pays KES "
              + batch.totalAmount()
              + ", above the approval threshold of KES "
              + threshold
              + " (payouts.approvalThreshold): an API key other than the one that created it must"
              + " POST /v1/payout-batches/"
              + id
              + "/approve.");
    }
    return start(id);
  }

  /**
   * The checker's confirmation: AWAITING_CONFIRMATION → SENDING, by an API key other than the one
   * that created the batch.
   */
  public PayoutBatch approve(String id, String apiKeyId) {
    PayoutBatch batch = batches.find(id).orElseThrow(() -> notFound(id));
    if (batch.createdBy() == null || batch.createdBy().equals(apiKeyId)) {
      throw PayoutRails.approverIsMaker("Batch " + id + " was created with this API key");
    }
    return start(id);
  }

  private PayoutBatch start(String id) {
    return move(id, PayoutBatch.Status.SENDING, PayoutBatch.Status.AWAITING_CONFIRMATION);
  }

  private static GatewayError notFound(String id) {
    return GatewayError.notFound("No payout batch " + id + ".");
  }

  /** SENDING → PAUSED: rows not yet sent wait; rows sent go on to their outcome. */
  public PayoutBatch pause(String id) {
    return move(id, PayoutBatch.Status.PAUSED, PayoutBatch.Status.SENDING);
  }

  /** PAUSED → SENDING. */
  public PayoutBatch resume(String id) {
    return move(id, PayoutBatch.Status.SENDING, PayoutBatch.Status.PAUSED);
  }

  /**
   * Cancels the batch and every row not yet sent (queued, or held by a check); rows already sent
   * are not touched.
   */
  public PayoutBatch cancel(String id) {
    return database.write(
        c -> {
          PayoutBatch batch = find(c, id);
          if (!batch.status().canMoveTo(PayoutBatch.Status.CANCELLED)) {
            throw GatewayError.conflict(
                "batch_not_cancellable",
                "Batch " + id + " is " + batch.status().apiName() + " and cannot be cancelled.");
          }
          long now = clock.millis();
          PayoutBatch cancelled = batch.moveTo(PayoutBatch.Status.CANCELLED, now);
          if (!batches.update(c, cancelled)) {
            // Paused, resumed or cancelled by another request at this moment: nothing changed.
            throw GatewayError.conflict(
                "batch_state", "Batch " + id + " changed while being cancelled; try again.");
          }
          for (Payout row : batches.unsentIn(c, id)) {
            payoutService
                .records()
                .update(
                    c,
                    row,
                    p ->
                        p.status() != PayoutStatus.QUEUED && p.status() != PayoutStatus.HELD
                            ? Optional.empty()
                            : Optional.of(
                                p.toBuilder()
                                    .status(PayoutStatus.CANCELLED)
                                    .failureReason(
                                        "The batch was cancelled before this row was sent.")
                                    .build(now)));
          }
          events.append(
              c, eventType(cancelled.status()), "payout_batch", id, json(cancelled, Map.of()), now);
          return cancelled;
        });
  }

  /**
   * Completes a SENDING batch none of whose rows is waiting to be sent, for a person's decision
   * (held), or for its Result.
   *
   * @return whether it completed now
   */
  public boolean completeIfDone(String id) {
    Map<PayoutStatus, PayoutBatchStore.Tally> tally = batches.tally(id);
    for (PayoutStatus open :
        List.of(
            PayoutStatus.QUEUED, PayoutStatus.HELD, PayoutStatus.CREATED, PayoutStatus.SUBMITTED)) {
      if (tally.containsKey(open)) {
        return false;
      }
    }
    return database.write(
        c -> {
          PayoutBatch batch = find(c, id);
          if (batch.status() != PayoutBatch.Status.SENDING) {
            return false;
          }
          long now = clock.millis();
          PayoutBatch done = batch.moveTo(PayoutBatch.Status.COMPLETED, now);
          if (!batches.update(c, done)) {
            return false;
          }
          events.append(c, eventType(done.status()), "payout_batch", id, json(done, tally), now);
          return true;
        });
  }

  private PayoutBatch move(String id, PayoutBatch.Status to, PayoutBatch.Status from) {
    return database.write(
        c -> {
          PayoutBatch batch = find(c, id);
          if (batch.status() != from) {
            throw GatewayError.conflict(
                "batch_state",
                "Batch "
                    + id
                    + " is "
                    + batch.status().apiName()
                    + "; it must be "
                    + from.apiName()
                    + " to become "
                    + to.apiName()
                    + ".");
          }
          if (from == PayoutBatch.Status.AWAITING_CONFIRMATION) {
            payoutService.checkDailyLimit(c, batch.totalAmount());
          }
          long now = clock.millis();
          PayoutBatch moved = batch.moveTo(to, now);
          if (!batches.update(c, moved)) {
            throw GatewayError.conflict("batch_state", "Batch " + id + " changed; try again.");
          }
          events.append(c, eventType(to), "payout_batch", id, json(moved, Map.of()), now);
          return moved;
        });
  }

  private PayoutBatch find(Connection c, String id) throws SQLException {
    return batches
        .find(c, id)
        .orElseThrow(() -> GatewayError.notFound("No payout batch " + id + "."));
  }

  /** The event of arriving in a state: {@code payout_batch.created}, {@code …sending}, … */
  public static String eventType(PayoutBatch.Status status) {
    return "payout_batch."
        + (status == PayoutBatch.Status.AWAITING_CONFIRMATION ? "created" : status.apiName());
  }

  /** The batch as the API shows it, with its progress. */
  public static ObjectNode json(PayoutBatch b, Map<PayoutStatus, PayoutBatchStore.Tally> tally) {
    ObjectNode node = Json.object();
    node.put("id", b.id())
        .put("object", "payout_batch")
        .put("status", b.status().apiName())
        .put("description", b.description())
        .put("item_count", b.itemCount())
        .put("total_amount", b.totalAmount())
        .put("currency", "KES");
    ObjectNode progress = node.putObject("progress");
    for (PayoutStatus status :
        List.of(
            PayoutStatus.QUEUED,
            PayoutStatus.HELD,
            PayoutStatus.CREATED,
            PayoutStatus.SUBMITTED,
            PayoutStatus.SUCCEEDED,
            PayoutStatus.FAILED,
            PayoutStatus.UNKNOWN,
            PayoutStatus.CANCELLED)) {
      PayoutBatchStore.Tally t = tally.getOrDefault(status, new PayoutBatchStore.Tally(0, 0));
      String name =
          switch (status) {
            case CREATED -> "sending";
            case SUBMITTED -> "sent";
            default -> status.apiName();
          };
      progress.putObject(name).put("count", t.count()).put("amount", t.amount());
    }
    node.put("confirmed_at", Json.time(b.confirmedAt()))
        .put("completed_at", Json.time(b.completedAt()))
        .put("created_at", Json.time(b.createdAt()))
        .put("updated_at", Json.time(b.updatedAt()));
    return node;
  }
}
