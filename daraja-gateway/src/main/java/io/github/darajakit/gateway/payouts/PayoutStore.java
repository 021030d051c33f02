package io.github.darajakit.gateway.payouts;

import io.github.darajakit.gateway.initiator.OperationStore;
import io.github.darajakit.gateway.initiator.OperationTable;
import io.github.darajakit.gateway.initiator.Progress;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The payouts table. */
public final class PayoutStore extends OperationStore<Payout> {

  private static final String OWN_COLUMNS =
      "id, status, kind, amount, phone, payout_type, account_reference, requester, remarks,"
          + " occasion, metadata, short_code, batch_id, batch_row, resubmissions, recipient_name,"
          + " expected_name, created_by, checks, review, reviewed_by, reviewed_at";

  /** The column of a payout's M-Pesa receipt. */
  private static final String RECEIPT = "mpesa_receipt";

  /** Every column a payout is read from (other stores' queries join payouts). */
  static final String COLUMNS = OperationTable.columns(OWN_COLUMNS, RECEIPT);

  private final Database database;

  public PayoutStore(Database database) {
    super(new OperationTable<>(database, "payouts", OWN_COLUMNS, RECEIPT, PayoutStore::map));
    this.database = database;
  }

  /**
   * Records a new payout under an Idempotency-Key (or {@code null}), in the caller's transaction.
   */
  public void insert(Connection c, Payout p, String idempotencyKey) throws SQLException {
    Object[] own = {
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
      p.resubmissions(),
      p.recipientName(),
      p.expectedName(),
      p.createdBy(),
      PayoutCheck.store(p.checks()),
      p.review() == null ? null : p.review().decision().name(),
      p.review() == null ? null : p.review().by(),
      p.review() == null ? null : p.review().at()
    };
    table.insert(c, p, own, idempotencyKey);
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
    return table.update(
        c,
        next,
        "status = ?, resubmissions = ?, recipient_name = ?, checks = ?, review = ?, reviewed_by = ?,"
            + " reviewed_at = ?",
        next.status(),
        next.resubmissions(),
        next.recipientName(),
        PayoutCheck.store(next.checks()),
        next.review() == null ? null : next.review().decision().name(),
        next.review() == null ? null : next.review().by(),
        next.review() == null ? null : next.review().at());
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

  /**
   * The payout a Transaction Status Result is about, by the id of the query that asked: its
   * ConversationID, else its OriginatorConversationID.
   */
  public Optional<Payout> byStatusQuery(Connection c, String conversationId, String originatorId)
      throws SQLException {
    return table.byStatusQuery(c, conversationId, originatorId);
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
        r.getInt("resubmissions"),
        r.getString("recipient_name"),
        r.getString("expected_name"),
        r.getString("created_by"),
        PayoutCheck.read(r.getString("checks")),
        r.getString("review") == null
            ? null
            : new Payout.Review(
                Payout.Review.Decision.valueOf(r.getString("review")),
                r.getString("reviewed_by"),
                r.getLong("reviewed_at")),
        Progress.read(r, RECEIPT),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
