package io.github.darajakit.gateway.initiator;

import io.github.darajakit.gateway.store.VersionedRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A flow's store of initiator operations: what every such store reads the same way (by id, by the
 * Idempotency-Key that created one) over its {@link OperationTable}. A flow's store adds how it
 * records and moves its own columns, and its own queries.
 *
 * @param <O> the flow's record
 */
public abstract class OperationStore<O extends Operation> implements VersionedRows.Table<O> {

  /** The table, for the flow's own queries. */
  protected final OperationTable<O> table;

  protected OperationStore(OperationTable<O> table) {
    this.table = table;
  }

  @Override
  public Optional<O> find(Connection c, String id) throws SQLException {
    return table.find(c, id);
  }

  /** The operation with this id. */
  public Optional<O> find(String id) {
    return table.find(id);
  }

  /** The operation created under an Idempotency-Key, if any. */
  public Optional<O> byIdempotencyKey(Connection c, String key) throws SQLException {
    return table.byIdempotencyKey(c, key);
  }
}
