package io.github.darajakit.gateway.store;

import java.util.Optional;
import java.util.function.Supplier;

/** Values the gateway keeps from one start to the next (the generated callback secret). */
public final class Settings {

  private final Database database;

  public Settings(Database database) {
    this.database = database;
  }

  /** The stored value, or {@code fallback}'s, stored now. Safe if several instances race. */
  public String getOrCreate(String name, Supplier<String> fallback) {
    return database.write(
        c -> {
          Sql.update(
              c,
              "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
              name,
              fallback.get());
          return Sql.one(c, "SELECT value FROM settings WHERE name = ?", r -> r.getString(1), name)
              .orElseThrow();
        });
  }

  /** The stored value, if any. */
  public Optional<String> get(String name) {
    return database.read(
        c -> Sql.one(c, "SELECT value FROM settings WHERE name = ?", r -> r.getString(1), name));
  }

  /** Sets a value. */
  public void put(String name, String value) {
    database.write(c -> put(c, name, value));
  }

  /** Sets a value in the caller's transaction. */
  public int put(java.sql.Connection c, String name, String value) throws java.sql.SQLException {
    return Sql.update(
        c,
        "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET"
            + " value = excluded.value",
        name,
        value);
  }
}
