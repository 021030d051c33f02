package io.github.darajakit.gateway.events;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every event type the gateway may emit, as each money flow declares its own. Webhook endpoints
 * subscribe to these (or to {@code *}), and the OpenAPI document lists them.
 */
public final class EventCatalog {

  private final Set<String> types = new TreeSet<>();

  /**
   * Adds a flow's event types.
   *
   * @throws IllegalStateException if another flow declared one of them: each type has one owner
   */
  public EventCatalog add(Collection<String> flowTypes) {
    for (String type : flowTypes) {
      if (!types.add(type)) {
        throw new IllegalStateException("event type declared twice: " + type);
      }
    }
    return this;
  }

  /** All of them, sorted. */
  public Set<String> all() {
    return Collections.unmodifiableSet(types);
  }

  /** Whether the gateway emits this type. */
  public boolean contains(String type) {
    return types.contains(type);
  }
}
