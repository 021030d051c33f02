package io.github.darajakit.gateway.b2bcollections;

import java.util.Set;
import java.util.TreeSet;

/** The events of B2B collections. */
public final class B2bCollectionEvents {

  /** A collection first needs a person (see its {@code needs_attention}). */
  public static final String NEEDS_ATTENTION = "b2b_collection.needs_attention";

  private B2bCollectionEvents() {}

  /** {@code b2b_collection.<status>} for each status, and {@link #NEEDS_ATTENTION}. */
  public static Set<String> all() {
    Set<String> all = new TreeSet<>();
    for (B2bCollectionStatus status : B2bCollectionStatus.values()) {
      all.add(status.eventType());
    }
    all.add(NEEDS_ATTENTION);
    return all;
  }
}
