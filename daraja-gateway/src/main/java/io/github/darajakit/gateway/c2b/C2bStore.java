package io.github.darajakit.gateway.c2b;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.NewestFirst;
import io.github.darajakit.gateway.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** C2B payments in the database, unique by TransID. */
public final class C2bStore {

  /**
   * Told of each C2B payment recorded (from a confirmation or from Pull Transactions), in the
   * transaction that records it: another flow that expects such payments (a standing order's
   * debits) matches them atomically with the record.
   */
  @FunctionalInterface
  public interface Listener {
    void recorded(Connection c, C2bPayment payment) throws SQLException;
  }

  private final Database database;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public C2bStore(Database database) {
    this.database = database;
  }

  /** Adds a listener told of every payment recorded from now on. */
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Records a payment unless its TransID is already recorded; true if it was new. */
  public boolean insertIfNew(Connection c, C2bPayment p) throws SQLException {
    boolean recorded = insert(c, p);
    if (recorded) {
      for (Listener listener : listeners) {
        listener.recorded(c, p);
      }
    }
    return recorded;
  }

  private boolean insert(Connection c, C2bPayment p) throws SQLException {
    return Sql.update(
            c,
            """
            INSERT INTO c2b_payments (id, trans_id, transaction_type, short_code, amount,
              bill_ref_number, invoice_number, msisdn, first_name, middle_name, last_name,
              trans_time, org_account_balance, third_party_trans_id, source, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (trans_id) DO NOTHING""",
            p.id(),
            p.transId(),
            p.transactionType(),
            p.shortCode(),
            p.amount(),
            p.billRefNumber(),
            p.invoiceNumber(),
            p.msisdn(),
            p.firstName(),
            p.middleName(),
            p.lastName(),
            p.transTime(),
            p.orgAccountBalance(),
            p.thirdPartyTransId(),
            p.source(),
            p.createdAt())
        == 1;
  }

  public Optional<String> idOfTransId(Connection c, String transId) throws SQLException {
    return Sql.one(
        c, "SELECT id FROM c2b_payments WHERE trans_id = ?", r -> r.getString(1), transId);
  }

  /** The C2B payment with this M-Pesa receipt. */
  public Optional<C2bPayment> byTransId(Connection c, String transId) throws SQLException {
    return Sql.one(c, "SELECT * FROM c2b_payments WHERE trans_id = ?", C2bStore::map, transId);
  }

  /** Records that a reversal gave this payment's money back. */
  public void markReversed(Connection c, String id, String reversalId) throws SQLException {
    Sql.update(c, "UPDATE c2b_payments SET reversal_id = ? WHERE id = ?", reversalId, id);
  }

  public Optional<C2bPayment> find(String id) {
    return database.read(
        c -> Sql.one(c, "SELECT * FROM c2b_payments WHERE id = ?", C2bStore::map, id));
  }

  /** Newest first, after a cursor. */
  public List<C2bPayment> list(String billRef, Long createdAfter, String startingAfter, int limit) {
    return new NewestFirst("c2b_payments")
        .equal("bill_ref_number", billRef)
        .createdAfter(createdAfter)
        .startingAfter(startingAfter)
        .page(database, "*", limit, C2bStore::map);
  }

  static C2bPayment map(ResultSet r) throws SQLException {
    return new C2bPayment(
        r.getString("id"),
        r.getString("trans_id"),
        r.getString("transaction_type"),
        r.getString("short_code"),
        r.getLong("amount"),
        r.getString("bill_ref_number"),
        r.getString("invoice_number"),
        r.getString("msisdn"),
        r.getString("first_name"),
        r.getString("middle_name"),
        r.getString("last_name"),
        Sql.nullableLong(r, "trans_time"),
        r.getString("org_account_balance"),
        r.getString("third_party_trans_id"),
        r.getString("source"),
        r.getLong("created_at"),
        r.getString("reversal_id"));
  }
}
