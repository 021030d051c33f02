package io.github.darajakit.gateway.checkout;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The payment_links, checkout_sessions and checkout_prompts tables. Every change that guards money
 * is one conditional UPDATE whose row count says whether it won (see V15__checkout.sql).
 */
public final class CheckoutStore {

  private static final String LINK_COLUMNS =
      "id, code, status, amount, min_amount, max_amount, reference, description, expires_at,"
          + " max_uses, uses, pending_uses, payments_count, paid_amount, metadata, created_at,"
          + " updated_at";

  private static final String SESSION_COLUMNS =
      "id, code, status, payment_link_id, amount, min_amount, max_amount, reference, description,"
          + " success_url, cancel_url, phone, metadata, expires_at, attempts, payment_id,"
          + " attempt_open, mpesa_receipt, completed_at, opened_at, created_at, updated_at";

  private final Database database;

  /** The tables in {@code database}. */
  public CheckoutStore(Database database) {
    this.database = database;
  }

  // ---- payment links

  void insert(Connection c, PaymentLink l) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO payment_links (id, code, status, amount, min_amount, max_amount, reference,"
            + " description, expires_at, max_uses, metadata, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        l.id(),
        l.code(),
        l.deactivated() ? "INACTIVE" : "ACTIVE",
        l.amount(),
        l.minAmount(),
        l.maxAmount(),
        l.reference(),
        l.description(),
        l.expiresAt(),
        l.maxUses(),
        l.metadata(),
        l.createdAt(),
        l.updatedAt());
  }

  /** A link by its id. */
  public Optional<PaymentLink> findLink(String id) {
    return database.read(c -> findLink(c, id));
  }

  Optional<PaymentLink> findLink(Connection c, String id) throws SQLException {
    return Sql.one(
        c, "SELECT " + LINK_COLUMNS + " FROM payment_links WHERE id = ?", CheckoutStore::link, id);
  }

  Optional<PaymentLink> linkByCode(Connection c, String code) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + LINK_COLUMNS + " FROM payment_links WHERE code = ?",
        CheckoutStore::link,
        code);
  }

  /** Deactivates an active link; false if it was already inactive. */
  boolean deactivate(Connection c, String id, long now) throws SQLException {
    return Sql.update(
            c,
            "UPDATE payment_links SET status = 'INACTIVE', updated_at = ?"
                + " WHERE id = ? AND status = 'ACTIVE'",
            now,
            id)
        == 1;
  }

  /**
   * Reserves one use of a link for a payment about to start: the compare-and-set that keeps a link
   * from being paid more than {@code max_uses} times, counting payments still in flight.
   *
   * @return false if the link is inactive, expired or has no use left
   */
  boolean reserveUse(Connection c, String linkId, long now) throws SQLException {
    return Sql.update(
            c,
            "UPDATE payment_links SET pending_uses = pending_uses + 1,"
                + " payments_count = payments_count + 1, updated_at = ?"
                + " WHERE id = ? AND status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > ?)"
                + " AND (max_uses IS NULL OR uses + pending_uses < max_uses)",
            now,
            linkId,
            now)
        == 1;
  }

  /** Settles a reserved use: a success adds it to the link's uses and paid amount. */
  void settleUse(Connection c, String linkId, Long paidAmount, long now) throws SQLException {
    if (paidAmount == null) {
      Sql.update(
          c,
          "UPDATE payment_links SET pending_uses = pending_uses - 1, updated_at = ?"
              + " WHERE id = ? AND pending_uses > 0",
          now,
          linkId);
    } else {
      Sql.update(
          c,
          "UPDATE payment_links SET pending_uses = CASE WHEN pending_uses > 0 THEN pending_uses - 1"
              + " ELSE 0 END, uses = uses + 1, paid_amount = paid_amount + ?, updated_at = ?"
              + " WHERE id = ?",
          paidAmount,
          now,
          linkId);
    }
  }

  /**
   * A page of links, newest first.
   *
   * @param status only links in this state at {@code now}, or {@code null}
   */
  public List<PaymentLink> listLinks(
      PaymentLinkStatus status, long now, Long createdAfter, String startingAfter, int limit) {
    String live = "(expires_at IS NULL OR expires_at > " + now + ")";
    String left = "(max_uses IS NULL OR uses < max_uses)";
    return new NewestFirst("payment_links")
        .when(status == PaymentLinkStatus.INACTIVE, "status = 'INACTIVE'")
        .when(status != null && status != PaymentLinkStatus.INACTIVE, "status = 'ACTIVE'")
        .when(status == PaymentLinkStatus.EXPIRED, "NOT " + live)
        .when(status == PaymentLinkStatus.USED_UP, live + " AND NOT " + left)
        .when(status == PaymentLinkStatus.ACTIVE, live + " AND " + left)
        .createdAfter(createdAfter)
        .startingAfter(startingAfter)
        .page(database, LINK_COLUMNS, limit, CheckoutStore::link);
  }

  // ---- checkout sessions

  /**
   * Records a new session; {@code clientAddress} is who opened a link's session ({@code null} for
   * one a shop created), for the cap on opening them.
   */
  void insert(Connection c, CheckoutSession s, String clientAddress) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO checkout_sessions (id, code, status, payment_link_id, amount, min_amount,"
            + " max_amount, reference, description, success_url, cancel_url, phone, metadata,"
            + " expires_at, opened_at, client_address, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(),
        s.code(),
        s.status(),
        s.paymentLinkId(),
        s.amount(),
        s.minAmount(),
        s.maxAmount(),
        s.reference(),
        s.description(),
        s.successUrl(),
        s.cancelUrl(),
        s.phone(),
        s.metadata(),
        s.expiresAt(),
        s.openedAt(),
        clientAddress,
        s.createdAt(),
        s.updatedAt());
  }

  /**
   * Marks a session opened the first time the customer's page shows it; later views change nothing
   * (the row is written once, so a reloading page costs reads only).
   */
  void markOpened(String id, long now) {
    database.write(
        c ->
            Sql.update(
                c,
                "UPDATE checkout_sessions SET opened_at = ? WHERE id = ? AND opened_at IS NULL",
                now,
                id));
  }

  /** The times of the sessions opened from links by {@code clientAddress} since {@code since}. */
  List<Long> sessionsOpenedSince(Connection c, String clientAddress, long since)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT created_at FROM checkout_sessions WHERE client_address = ? AND created_at > ?"
            + " ORDER BY created_at",
        r -> r.getLong("created_at"),
        clientAddress,
        since);
  }

  /**
   * The checkout funnel over the sessions created since {@code createdAfter} (or all), of one link
   * (or all): created, opened by the customer's page, prompted at least once, and paid.
   */
  Funnel funnel(String paymentLinkId, Long createdAfter) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT COUNT(*) AS created, COUNT(opened_at) AS opened,"
                + " COALESCE(SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0) AS prompted,"
                + " COALESCE(SUM(CASE WHEN status = 'COMPLETE' THEN 1 ELSE 0 END), 0) AS paid,"
                + " COALESCE(SUM(CASE WHEN status = 'COMPLETE' THEN amount ELSE 0 END), 0)"
                + " AS paid_amount FROM checkout_sessions WHERE created_at > ?");
    List<Object> args = new ArrayList<>();
    args.add(createdAfter == null ? Long.MIN_VALUE : createdAfter);
    if (paymentLinkId != null) {
      sql.append(" AND payment_link_id = ?");
      args.add(paymentLinkId);
    }
    return database.read(
        c ->
            Sql.one(
                    c,
                    sql.toString(),
                    r ->
                        new Funnel(
                            r.getLong("created"),
                            r.getLong("opened"),
                            r.getLong("prompted"),
                            r.getLong("paid"),
                            r.getLong("paid_amount")),
                    args.toArray())
                .orElseThrow());
  }

  /** A session by its id. */
  public Optional<CheckoutSession> findSession(String id) {
    return database.read(c -> findSession(c, id));
  }

  Optional<CheckoutSession> findSession(Connection c, String id) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + SESSION_COLUMNS + " FROM checkout_sessions WHERE id = ?",
        CheckoutStore::session,
        id);
  }

  Optional<CheckoutSession> sessionByCode(Connection c, String code) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + SESSION_COLUMNS + " FROM checkout_sessions WHERE code = ?",
        CheckoutStore::session,
        code);
  }

  /** The session whose newest attempt is this payment, if any. */
  Optional<CheckoutSession> sessionByPayment(Connection c, String paymentId) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + SESSION_COLUMNS + " FROM checkout_sessions WHERE payment_id = ?",
        CheckoutStore::session,
        paymentId);
  }

  /**
   * Starts an attempt: the compare-and-set at the heart of checkout. It wins only on an open,
   * unexpired session with no attempt open; on PostgreSQL a concurrent winner's row lock makes this
   * wait and then see {@code attempt_open = 1}, on SQLite writers are one at a time.
   *
   * @return false if another attempt is open, or the session is no longer payable
   */
  boolean startAttempt(Connection c, String sessionId, String paymentId, long now)
      throws SQLException {
    return Sql.update(
            c,
            "UPDATE checkout_sessions SET attempt_open = 1, payment_id = ?,"
                + " attempts = attempts + 1, updated_at = ?"
                + " WHERE id = ? AND status = 'OPEN' AND attempt_open = 0 AND expires_at > ?",
            paymentId,
            now,
            sessionId,
            now)
        == 1;
  }

  /** Ends the open attempt of this payment after a definite failure: the customer may try again. */
  boolean attemptFailed(Connection c, String sessionId, String paymentId, long now)
      throws SQLException {
    return Sql.update(
            c,
            "UPDATE checkout_sessions SET attempt_open = 0, updated_at = ?"
                + " WHERE id = ? AND payment_id = ? AND attempt_open = 1",
            now,
            sessionId,
            paymentId)
        == 1;
  }

  /**
   * Completes an open session with this payment's receipt; a session whose customer entered the
   * amount takes the amount paid.
   */
  boolean complete(
      Connection c, String sessionId, String paymentId, String receipt, long amount, long now)
      throws SQLException {
    return Sql.update(
            c,
            "UPDATE checkout_sessions SET status = 'COMPLETE', attempt_open = 0, mpesa_receipt = ?,"
                + " amount = COALESCE(amount, ?), completed_at = ?, updated_at = ?"
                + " WHERE id = ? AND payment_id = ? AND status = 'OPEN'",
            receipt,
            amount,
            now,
            now,
            sessionId,
            paymentId)
        == 1;
  }

  /** Expires an open session with no attempt open; false if it is paid, expired or being paid. */
  boolean expire(Connection c, String sessionId, long now) throws SQLException {
    return Sql.update(
            c,
            "UPDATE checkout_sessions SET status = 'EXPIRED', updated_at = ?"
                + " WHERE id = ? AND status = 'OPEN' AND attempt_open = 0",
            now,
            sessionId)
        == 1;
  }

  /** Open sessions past their expiry with no attempt open, oldest expiry first. */
  List<String> dueForExpiry(long now, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT id FROM checkout_sessions WHERE status = 'OPEN' AND expires_at <= ?"
                    + " AND attempt_open = 0 ORDER BY expires_at LIMIT ?",
                r -> r.getString("id"),
                now,
                limit));
  }

  /**
   * A page of sessions, newest first.
   *
   * @param statuses only these states (empty for all)
   * @param paymentLinkId only those opened from this link, or {@code null}
   */
  public List<CheckoutSession> listSessions(
      Set<CheckoutSessionStatus> statuses,
      String paymentLinkId,
      Long createdAfter,
      String startingAfter,
      int limit) {
    return new NewestFirst("checkout_sessions")
        .in("status", statuses)
        .equal("payment_link_id", paymentLinkId)
        .createdAfter(createdAfter)
        .startingAfter(startingAfter)
        .page(database, SESSION_COLUMNS, limit, CheckoutStore::session);
  }

  // ---- prompts, for the abuse caps

  void recordPrompt(
      Connection c, String paymentId, String phone, String client, String linkId, long now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO checkout_prompts (payment_id, phone, client_address, payment_link_id,"
            + " created_at) VALUES (?, ?, ?, ?, ?)",
        paymentId,
        phone,
        client,
        linkId,
        now);
  }

  /** The times of the prompts matching {@code column = value} since {@code since}, oldest first. */
  List<Long> promptsSince(Connection c, String column, String value, long since)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT created_at FROM checkout_prompts WHERE "
            + column
            + " = ? AND created_at > ? ORDER BY created_at",
        r -> r.getLong("created_at"),
        value,
        since);
  }

  /** Forgets prompts older than every cap's window. */
  int prunePrompts(long before) {
    return database.write(
        c -> Sql.update(c, "DELETE FROM checkout_prompts WHERE created_at < ?", before));
  }

  private static PaymentLink link(ResultSet r) throws SQLException {
    return new PaymentLink(
        r.getString("id"),
        r.getString("code"),
        r.getString("status").equals("INACTIVE"),
        Sql.nullableLong(r, "amount"),
        Sql.nullableLong(r, "min_amount"),
        Sql.nullableLong(r, "max_amount"),
        r.getString("reference"),
        r.getString("description"),
        Sql.nullableLong(r, "expires_at"),
        Sql.nullableInt(r, "max_uses"),
        r.getInt("uses"),
        r.getInt("pending_uses"),
        r.getInt("payments_count"),
        r.getLong("paid_amount"),
        r.getString("metadata"),
        r.getLong("created_at"),
        r.getLong("updated_at"));
  }

  private static CheckoutSession session(ResultSet r) throws SQLException {
    return new CheckoutSession(
        r.getString("id"),
        r.getString("code"),
        CheckoutSessionStatus.valueOf(r.getString("status")),
        r.getString("payment_link_id"),
        Sql.nullableLong(r, "amount"),
        Sql.nullableLong(r, "min_amount"),
        Sql.nullableLong(r, "max_amount"),
        r.getString("reference"),
        r.getString("description"),
        r.getString("success_url"),
        r.getString("cancel_url"),
        r.getString("phone"),
        r.getString("metadata"),
        r.getLong("expires_at"),
        r.getInt("attempts"),
        r.getString("payment_id"),
        r.getInt("attempt_open") == 1,
        r.getString("mpesa_receipt"),
        Sql.nullableLong(r, "completed_at"),
        Sql.nullableLong(r, "opened_at"),
        r.getLong("created_at"),
        r.getLong("updated_at"));
  }
}
