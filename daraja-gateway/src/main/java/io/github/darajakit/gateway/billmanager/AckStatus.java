package io.github.darajakit.gateway.billmanager;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a Bill Manager payment's reconciliation acknowledgement stands. Terminal: {@code
 * ACKNOWLEDGED}, {@code FAILED}. A pending one is sent when due, by whoever holds its lease.
 */
public enum AckStatus {
  /** To be sent (again, after a failure that may pass) when {@code next_ack_at} comes. */
  PENDING,
  /** Bill Manager answered rescode 200: the customer gets the e-receipt. */
  ACKNOWLEDGED,
  /** Refused, or never answered within the schedule: before a person, not sent again. */
  FAILED;

  private static final Map<AckStatus, Set<AckStatus>> NEXT =
      Map.of(
          PENDING, EnumSet.of(PENDING, ACKNOWLEDGED, FAILED),
          ACKNOWLEDGED, EnumSet.noneOf(AckStatus.class),
          FAILED, EnumSet.noneOf(AckStatus.class));

  /** Whether an acknowledgement in this state may move to {@code next}. */
  public boolean canMoveTo(AckStatus next) {
    return NEXT.get(this).contains(next);
  }

  /** Whether nothing more happens to it. */
  public boolean terminal() {
    return NEXT.get(this).isEmpty();
  }
}
