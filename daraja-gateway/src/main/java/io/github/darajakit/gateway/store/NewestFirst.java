package io.github.darajakit.gateway.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A page of a table's rows, newest first ({@code created_at DESC, id DESC}), with optional filters
 * and the {@code starting_after} cursor every list of the merchant API uses. A filter given {@code
 * null} (or an empty set) is left out.
 *
 * <pre>{@code
 * new NewestFirst("payments").in("status", statuses).equal("phone", phone)
 *     .createdAfter(after).startingAfter(cursor).page(database, COLUMNS, limit, PaymentStore::map);
 * }</pre>
 */
public final class NewestFirst {

  private final String table;
  private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
  private final List<Object> args = new ArrayList<>();

  public NewestFirst(String table) {
    this.table = table;
  }

  /** Only rows whose {@code column} is one of {@code values}; all rows if it is empty. */
  public NewestFirst in(String column, Collection<?> values) {
    if (!values.isEmpty()) {
      where
          .append(" AND ")
          .append(column)
          .append(" IN (")
          .append(String.join(", ", Collections.nCopies(values.size(), "?")))
          .append(')');
      args.addAll(values);
    }
    return this;
  }

  /** Only rows whose {@code column} equals {@code value}, unless it is {@code null}. */
  public NewestFirst equal(String column, Object value) {
    if (value != null) {
      where.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
    return this;
  }

  /** Only rows created after this epoch ms, unless {@code null}. */
  public NewestFirst createdAfter(Long millis) {
    return compare("created_at > ?", millis);
  }

  /** Only rows meeting {@code condition} (SQL without parameters), when {@code apply}. */
  public NewestFirst when(boolean apply, String condition) {
    if (apply) {
      where.append(" AND ").append(condition);
    }
    return this;
  }

  /** Only rows strictly after the row with this id in the page order, unless {@code null}. */
  public NewestFirst startingAfter(String id) {
    // Row values: strictly after the cursor in (created_at DESC, id DESC) order.
    return compare(
        "(created_at, id) < (SELECT created_at, id FROM " + table + " WHERE id = ?)", id);
  }

  /** Reads at most {@code limit} rows of {@code columns}. */
  public <T> List<T> page(Database database, String columns, int limit, Sql.RowMapper<T> mapper) {
    String sql =
        "SELECT "
            + columns
            + " FROM "
            + table
            + where
            + " ORDER BY created_at DESC, id DESC LIMIT ?";
    List<Object> all = new ArrayList<>(args);
    all.add(limit);
    return database.read(c -> Sql.list(c, sql, mapper, all.toArray()));
  }

  private NewestFirst compare(String condition, Object value) {
    if (value != null) {
      where.append(" AND ").append(condition);
      args.add(value);
    }
    return this;
  }
}
