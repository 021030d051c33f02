package io.github.darajakit.gateway.subscriptions;

import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.KeyedTable;
import io.github.darajakit.gateway.store.NewestFirst;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code plans} table. */
public final class PlanStore {

  private static final String COLUMNS =
      "id, name, amount, interval_unit, interval_count, trial_days, metadata, created_at,"
          + " updated_at, version";

  private final Database database;
  private final KeyedTable<Plan> table;

  public PlanStore(Database database) {
    this.database = database;
    this.table = new KeyedTable<>(database, "plans", COLUMNS, PlanStore::map, false);
  }

  /** Writes a new plan created under an Idempotency-Key, or {@code null}. */
  public void insert(Connection c, Plan p, String idempotencyKey) throws SQLException {
    table.insert(
        c,
        new Object[] {
          p.id(),
          p.name(),
          p.amount(),
          p.interval(),
          p.intervalCount(),
          p.trialDays(),
          p.metadata(),
          p.createdAt(),
          p.updatedAt(),
          p.version()
        },
        idempotencyKey);
  }

  /** Writes a plan's next version if the stored one is the version before it. */
  public boolean update(Connection c, Plan next) throws SQLException {
    return table.updateVersion(
        c,
        "name = ?, amount = ?",
        new Object[] {next.name(), next.amount()},
        next.id(),
        next.updatedAt(),
        next.version());
  }

  public Optional<Plan> find(Connection c, String id) throws SQLException {
    return table.find(c, id);
  }

  public Optional<Plan> find(String id) {
    return table.find(id);
  }

  public Optional<Plan> byIdempotencyKey(Connection c, String key) throws SQLException {
    return table.byIdempotencyKey(c, key);
  }

  /** A page of plans, newest first. */
  public List<Plan> list(String startingAfter, int limit) {
    return new NewestFirst("plans")
        .startingAfter(startingAfter)
        .page(database, COLUMNS, limit, PlanStore::map);
  }

  static Plan map(ResultSet r) throws SQLException {
    return new Plan(
        r.getString("id"),
        r.getString("name"),
        r.getLong("amount"),
        Interval.valueOf(r.getString("interval_unit")),
        r.getInt("interval_count"),
        r.getInt("trial_days"),
        r.getString("metadata"),
        r.getLong("created_at"),
        r.getLong("updated_at"),
        r.getInt("version"));
  }
}
