package io.github.darajakit.gateway.payouts;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Leases;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import io.github.darajakit.gateway.store.VersionedRows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The payouts table. */
public final class PayoutStore implements VersionedRows.Table<Payout> {

  static final String COLUMNS =
      "id, status, kind, amount, phone, payout_type, account_reference, requester, remarks,"
          + " occasion, metadata, short_code, batch_id, batch_row, originator_conversation_id,"
          + " resubmissions, conversation_id, mpesa_receipt, recipient_name,"
          + " completed_at, result_code, result_desc, failure_reason, attention, next_check_at,"
          + " check_attempts, created_at, updated_at, version";

  private final Database database;

  public PayoutStore(Database database) {
    this.database = database;
  }

  /**
   * Records a new payout under an Idempotency-Key (or {@code null}), in the caller's transaction.
   */
  public void insert(Connection c, Payout p, String idempotencyKey) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO payouts ("
            + COLUMNS
            + ", idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.id(),
        p.status(),
        p.kind().code(),
        p.amount(),
        p.recipient(),
        p.type(),
        p.accountReference(),
        p.requester(),
        p.remarks(),
        p.occasion(),
        p.metadata(),
        p.shortCode(),
        p.batchId(),
        p.batchRow(),
        p.originatorConversationId(),
        p.resubmissions(),
        p.conversationId(),
        p.receipt(),
        p.recipientName(),
        p.completedAt(),
        p.resultCode(),
        p.resultDesc(),
        p.failureReason(),
        p.attention(),
        p.nextCheckAt(),
        p.checkAttempts(),
        p.createdAt(),
        p.updatedAt(),
        p.version(),
        idempotencyKey);
    recordAttempt(c, p);
  }

  /**
   * Records (or brings up to date) the attempt a payout is on: its OriginatorConversationID and,
   * once Daraja acknowledged it, its ConversationID. Called when a payout is recorded, sent again,
   * or acknowledged, in the transaction that does so.
   */
  public void recordAttempt(Connection c, Payout p) throws SQLException {
    Sql.update(
        c,
        """
        INSERT INTO payout_attempts (payout_id, attempt, originator_conversation_id,
          conversation_id, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (payout_id, attempt) DO UPDATE SET
          originator_conversation_id = excluded.originator_conversation_id,
          conversation_id = excluded.conversation_id""",
        p.id(),
        p.resubmissions(),
        p.originatorConversationId(),
        p.conversationId(),
        p.updatedAt());
  }

  /**
   * A payout and the attempt of it that a Result or a queue timeout is about.
   *
   * @param payout the payout as it stands
   * @param attempt which attempt (0 for the first sending, n after n resubmissions)
   */
  public record Attempt(Payout payout, int attempt) {
    /** Whether it is about the attempt the payout is on now, not one it was sent again after. */
    public boolean current() {
      return attempt == payout.resubmissions();
    }
  }

  /**
   * Writes the next version of a payout.
   *
   * @return false if the stored version moved on (the caller re-reads and decides again)
   */
  @Override
  public boolean update(Connection c, Payout next) throws SQLException {
    return Sql.update(
            c,
            """
            UPDATE payouts SET status = ?, originator_conversation_id = ?, resubmissions = ?,
              conversation_id = ?, mpesa_receipt = ?,
              recipient_name = ?, completed_at = ?, result_code = ?, result_desc = ?,
              failure_reason = ?, attention = ?, next_check_at = ?, check_attempts = ?,
              lease_owner = NULL, lease_until = NULL, updated_at = ?, version = ?
            WHERE id = ? AND version = ?""",
            next.status(),
            next.originatorConversationId(),
            next.resubmissions(),
            next.conversationId(),
            next.receipt(),
            next.recipientName(),
            next.completedAt(),
            next.resultCode(),
            next.resultDesc(),
            next.failureReason(),
            next.attention(),
            next.nextCheckAt(),
            next.checkAttempts(),
            next.updatedAt(),
            next.version(),
            next.id(),
            next.version() - 1)
        == 1;
  }

  @Override
  public Optional<Payout> find(Connection c, String id) throws SQLException {
    return Sql.one(c, "SELECT " + COLUMNS + " FROM payouts WHERE id = ?", PayoutStore::map, id);
  }

  public Optional<Payout> find(String id) {
    return database.read(c -> find(c, id));
  }

  public Optional<Payout> byIdempotencyKey(Connection c, String key) throws SQLException {
    return Sql.one(
        c, "SELECT " + COLUMNS + " FROM payouts WHERE idempotency_key = ?", PayoutStore::map, key);
  }

  /**
   * The payout a Result names, and which of its attempts: by the OriginatorConversationID it was
   * sent under, else by Daraja's ConversationID. Earlier attempts are found too: a payout sent
   * again after failing keeps the ids of every attempt.
   */
  public Optional<Attempt> byConversation(
      Connection c, String originatorConversationId, String conversationId) throws SQLException {
    Optional<Attempt> found = attemptBy(c, "originator_conversation_id", originatorConversationId);
    return found.isPresent() ? found : attemptBy(c, "conversation_id", conversationId);
  }

  private Optional<Attempt> attemptBy(Connection c, String column, String id) throws SQLException {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    return Sql.one(
        c,
        "SELECT p."
            + COLUMNS.replace(", ", ", p.")
            + ", a.attempt FROM payout_attempts a JOIN payouts p ON p.id = a.payout_id WHERE a."
            + column
            + " = ?",
        r -> new Attempt(map(r), r.getInt("attempt")),
        id);
  }

  /**
   * The B2B payment a successful Result with an OriginatorConversationID we never learnt is about:
   * the one UNKNOWN (or CREATED) B2B payment Daraja never acknowledged, to this receiver for this
   * amount. None if there are several: which one was paid cannot be told, so a person decides.
   */
  public Optional<Payout> unacknowledgedB2b(Connection c, String receiver, BigDecimal amount)
      throws SQLException {
    if (amount.stripTrailingZeros().scale() > 0) {
      return Optional.empty();
    }
    List<Payout> candidates =
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM payouts WHERE kind = 'b2b' AND status IN ('UNKNOWN', 'CREATED')"
                + " AND conversation_id IS NULL AND phone = ? AND amount = ?",
            PayoutStore::map,
            receiver,
            amount.longValueExact());
    return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
  }

  /** Notes the id of a Transaction Status query about a payout, to match its Result. */
  public void recordStatusQuery(String id, String queryId) {
    database.write(
        c -> Sql.update(c, "UPDATE payouts SET status_query_id = ? WHERE id = ?", queryId, id));
  }

  /** The payout a Transaction Status Result is about, by the id of the query that asked. */
  public Optional<Payout> byStatusQuery(Connection c, String conversationId, String originatorId)
      throws SQLException {
    for (String id : new String[] {conversationId, originatorId}) {
      if (id != null && !id.isEmpty()) {
        Optional<Payout> found =
            Sql.one(
                c,
                "SELECT " + COLUMNS + " FROM payouts WHERE status_query_id = ?",
                PayoutStore::map,
                id);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What payouts created since {@code since} (epoch ms) pay in total, for the daily limit: not
   * failed or cancelled ones, nor the rows of batches not confirmed.
   */
  public long totalSince(Connection c, long since) throws SQLException {
    return Sql.one(
            c,
            """
            SELECT COALESCE(SUM(p.amount), 0) FROM payouts p
              LEFT JOIN payout_batches b ON b.id = p.batch_id
            WHERE p.created_at >= ? AND p.status NOT IN ('FAILED', 'CANCELLED')
              AND (b.id IS NULL OR b.status NOT IN ('AWAITING_CONFIRMATION', 'CANCELLED'))""",
            r -> r.getLong(1),
            since)
        .orElse(0L);
  }

  /**
   * A page of payouts, newest first.
   *
   * @param kind B2C payouts or B2B payments
   * @param statuses only these states (empty for all)
   * @param recipient only this phone (B2C) or receiving shortcode (B2B), or {@code null}
   * @param createdAfter only those created after this epoch ms, or {@code null}
   * @param attentionOnly only those flagged for a person
   * @param startingAfter the id of the last payout of the previous page, or {@code null}
   * @param limit page size
   */
  public List<Payout> list(
      Payout.Kind kind,
      Set<PayoutStatus> statuses,
      String recipient,
      Long createdAfter,
      boolean attentionOnly,
      String startingAfter,
      int limit) {
    return new NewestFirst("payouts")
        .equal("kind", kind.code())
        .in("status", statuses)
        .equal("phone", recipient)
        .createdAfter(createdAfter)
        .when(attentionOnly, "attention IS NOT NULL")
        .startingAfter(startingAfter)
        .page(database, COLUMNS, limit, PayoutStore::map);
  }

  /**
   * Claims payouts the reconciler should look at now: due, and not leased by another worker (or
   * instance). The lease expires by itself if the worker dies.
   */
  public List<Payout> claimDue(String owner, long now, long leaseUntil, int limit) {
    return Leases.claimDue(
        database, "payouts", "next_check_at", "", owner, now, leaseUntil, limit, this::find);
  }

  /** How many payouts a person must settle, for metrics. */
  public long countNeedingAttention() {
    return database.read(
        c ->
            Sql.one(
                    c,
                    "SELECT COUNT(*) FROM payouts WHERE attention IS NOT NULL",
                    r -> r.getLong(1))
                .orElse(0L));
  }

  static Payout map(ResultSet r) throws SQLException {
    return new Payout(
        r.getString("id"),
        PayoutStatus.valueOf(r.getString("status")),
        Payout.Kind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)),
        r.getLong("amount"),
        r.getString("phone"),
        r.getString("payout_type"),
        r.getString("account_reference"),
        r.getString("requester"),
        r.getString("remarks"),
        r.getString("occasion"),
        r.getString("metadata"),
        r.getString("short_code"),
        r.getString("batch_id"),
        Sql.nullableInt(r, "batch_row"),
        r.getString("originator_conversation_id"),
        r.getInt("resubmissions"),
        r.getString("conversation_id"),
        r.getString("mpesa_receipt"),
        r.getString("recipient_name"),
        Sql.nullableLong(r, "completed_at"),
        r.getString("result_code"),
        r.getString("result_desc"),
        r.getString("failure_reason"),
        r.getString("attention"),
        Sql.nullableLong(r, "next_check_at"),
        r.getInt("check_attempts"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
