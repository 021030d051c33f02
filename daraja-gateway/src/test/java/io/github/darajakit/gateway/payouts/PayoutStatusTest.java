package io.github.darajakit.gateway.payouts;

import static io.github.darajakit.gateway.payouts.PayoutStatus.CANCELLED;
import static io.github.darajakit.gateway.payouts.PayoutStatus.CREATED;
import static io.github.darajakit.gateway.payouts.PayoutStatus.FAILED;
import static io.github.darajakit.gateway.payouts.PayoutStatus.HELD;
import static io.github.darajakit.gateway.payouts.PayoutStatus.QUEUED;
import static io.github.darajakit.gateway.payouts.PayoutStatus.SUBMITTED;
import static io.github.darajakit.gateway.payouts.PayoutStatus.SUCCEEDED;
import static io.github.darajakit.gateway.payouts.PayoutStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayoutStatusTest {

  private static Set<PayoutStatus> nextOf(PayoutStatus from) {
    Set<PayoutStatus> next = EnumSet.noneOf(PayoutStatus.class);
    for (PayoutStatus to : PayoutStatus.values()) {
      if (from.canMoveTo(to)) {
        next.add(to);
      }
    }
    return next;
  }

  @Test
  void theTransitionTable() {
    // Evidence of payment is never refused: a row believed unsent that a Result proves paid is
    // recorded as paid (and flagged), so it cannot be paid again.
    assertThat(nextOf(QUEUED)).containsExactlyInAnyOrder(CREATED, CANCELLED, SUCCEEDED);
    // A Result may arrive before the acknowledgement is recorded: it settles a CREATED payout.
    assertThat(nextOf(CREATED))
        .containsExactlyInAnyOrder(SUBMITTED, UNKNOWN, SUCCEEDED, FAILED, QUEUED, HELD);
    // Held by a check: only a person's approval sends it, a rejection cancels it.
    assertThat(HELD.isTerminal()).isFalse();
    assertThat(nextOf(HELD)).containsExactlyInAnyOrder(CREATED, CANCELLED, SUCCEEDED);
    assertThat(nextOf(SUBMITTED)).containsExactlyInAnyOrder(SUCCEEDED, FAILED, UNKNOWN);
    assertThat(nextOf(UNKNOWN)).containsExactlyInAnyOrder(SUCCEEDED, FAILED);
    assertThat(SUCCEEDED.isTerminal()).isTrue();
    assertThat(nextOf(SUCCEEDED)).as("succeeded is final").isEmpty();
    // Cancelled rows were never sent; only proof that one was paid after all moves it.
    assertThat(CANCELLED.isTerminal()).isTrue();
    assertThat(nextOf(CANCELLED)).containsExactly(SUCCEEDED);
    // FAILED is meant as proof nothing was paid: settled, but the merchant may send it again, and a
    // success Result that contradicts it wins (flagged) instead of being kept as "late".
    assertThat(FAILED.isTerminal()).isTrue();
    assertThat(nextOf(FAILED)).containsExactlyInAnyOrder(CREATED, SUCCEEDED);
  }

  @Test
  void apiNames() {
    assertThat(CREATED.apiName()).isEqualTo("pending");
    assertThat(SUBMITTED.apiName()).isEqualTo("pending");
    assertThat(PayoutStatus.forApiName("pending")).containsExactlyInAnyOrder(CREATED, SUBMITTED);
    assertThat(PayoutStatus.forApiName("queued")).containsExactly(QUEUED);
    assertThat(PayoutStatus.forApiName("held")).containsExactly(HELD);
  }
}
