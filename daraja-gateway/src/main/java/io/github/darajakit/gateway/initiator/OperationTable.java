package io.github.darajakit.gateway.initiator;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.KeyedTable;
import io.github.darajakit.gateway.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The table of a flow's initiator operations: the flow's own columns, then the lifecycle's ({@link
 * Progress}), then {@code created_at, updated_at, version}. It writes the lifecycle's part of every
 * record the same way for every flow, and finds the record a Daraja message names, so a flow's
 * store adds only its own queries.
 *
 * @param <O> the flow's record
 */
public final class OperationTable<O extends Operation> {

  private final String table;
  private final String receiptColumn;
  private final String columns;
  private final Sql.RowMapper<O> mapper;
  private final KeyedTable<O> rows;

  /**
   * @param table its name, e.g. {@code reversals}; its rows carry a lease
   * @param ownColumns the flow's columns, from {@code id, status} on (e.g. {@code "id, status,
   *     amount"})
   * @param receiptColumn the column that holds the receipt of the operation itself
   * @param mapper reads a row holding {@link #columns()}
   */
  public OperationTable(
      Database database,
      String table,
      String ownColumns,
      String receiptColumn,
      Sql.RowMapper<O> mapper) {
    this.table = table;
    this.receiptColumn = receiptColumn;
    this.columns = columns(ownColumns, receiptColumn);
    this.mapper = mapper;
    this.rows = new KeyedTable<>(database, table, columns, mapper, true);
  }

  /** Every column a record is read from, for the flow's own queries. */
  public String columns() {
    return columns;
  }

  /** Every column of such a table: the flow's own, the lifecycle's, the version's. */
  public static String columns(String ownColumns, String receiptColumn) {
    return ownColumns
        + ", "
        + Progress.columns(receiptColumn)
        + ", created_at, updated_at, version";
  }

  /**
   * Records a new operation: {@code own} binds the flow's columns, in order; the Idempotency-Key
   * that created it may be {@code null}.
   */
  public void insert(Connection c, O operation, Object[] own, String idempotencyKey)
      throws SQLException {
    rows.insert(
        c,
        operation
            .progress()
            .between(own, operation.createdAt(), operation.updatedAt(), operation.version()),
        idempotencyKey);
  }

  /**
   * Writes an operation's next version if the stored one is the version before it: {@code
   * ownAssignments} (e.g. {@code "status = ?"}) bound to {@code own}, and the lifecycle's part.
   *
   * @return false if the stored version moved on (the caller reads again and decides again)
   */
  public boolean update(Connection c, O next, String ownAssignments, Object... own)
      throws SQLException {
    return rows.updateVersion(
        c,
        ownAssignments + ", " + Progress.assignments(receiptColumn),
        next.progress().between(own),
        next.id(),
        next.updatedAt(),
        next.version());
  }

  /** The operation with this id, read in the caller's transaction. */
  public Optional<O> find(Connection c, String id) throws SQLException {
    return rows.find(c, id);
  }

  /** The operation with this id. */
  public Optional<O> find(String id) {
    return rows.find(id);
  }

  /** The operation created under an Idempotency-Key, if any. */
  public Optional<O> byIdempotencyKey(Connection c, String key) throws SQLException {
    return rows.byIdempotencyKey(c, key);
  }

  /**
   * The operation a Result names: by the OriginatorConversationID it was sent under, else by
   * Daraja's ConversationID (either may be missing from a Result).
   */
  public Optional<O> byConversation(
      Connection c, String originatorConversationId, String conversationId) throws SQLException {
    Optional<O> found = byId(c, "originator_conversation_id", originatorConversationId);
    return found.isPresent() ? found : byId(c, "conversation_id", conversationId);
  }

  /**
   * The operation a Transaction Status Result is about, by the id of the query that asked: the
   * first of {@code ids} (its ConversationID, its OriginatorConversationID) that names one.
   */
  public Optional<O> byStatusQuery(Connection c, String... ids) throws SQLException {
    for (String id : ids) {
      Optional<O> found = byId(c, "status_query_id", id);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<O> byId(Connection c, String column, String id) throws SQLException {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    return Sql.one(
        c, "SELECT " + columns + " FROM " + table + " WHERE " + column + " = ?", mapper, id);
  }
}
