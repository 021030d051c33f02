package io.github.darajakit.gateway.payouts;

import static io.github.darajakit.gateway.payouts.PayoutStatus.CANCELLED;
import static io.github.darajakit.gateway.payouts.PayoutStatus.CREATED;
import static io.github.darajakit.gateway.payouts.PayoutStatus.FAILED;
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
    assertThat(nextOf(QUEUED)).containsExactlyInAnyOrder(CREATED, CANCELLED);
    // A Result may arrive before the acknowledgement is recorded: it settles a CREATED payout.
    assertThat(nextOf(CREATED))
        .containsExactlyInAnyOrder(SUBMITTED, UNKNOWN, SUCCEEDED, FAILED, QUEUED);
    assertThat(nextOf(SUBMITTED)).containsExactlyInAnyOrder(SUCCEEDED, FAILED, UNKNOWN);
    assertThat(nextOf(UNKNOWN)).containsExactlyInAnyOrder(SUCCEEDED, FAILED);
    for (PayoutStatus terminal : EnumSet.of(SUCCEEDED, CANCELLED)) {
      assertThat(terminal.isTerminal()).isTrue();
      assertThat(nextOf(terminal)).as("%s is final", terminal).isEmpty();
    }
    // FAILED is proof nothing was paid: settled, but the merchant may send it again.
    assertThat(FAILED.isTerminal()).isTrue();
    assertThat(nextOf(FAILED)).containsExactly(CREATED);
    assertThat(nextOf(QUEUED)).doesNotContain(SUCCEEDED);
  }

  @Test
  void apiNames() {
    assertThat(CREATED.apiName()).isEqualTo("pending");
    assertThat(SUBMITTED.apiName()).isEqualTo("pending");
    assertThat(PayoutStatus.forApiName("pending")).containsExactlyInAnyOrder(CREATED, SUBMITTED);
    assertThat(PayoutStatus.forApiName("queued")).containsExactly(QUEUED);
  }
}
