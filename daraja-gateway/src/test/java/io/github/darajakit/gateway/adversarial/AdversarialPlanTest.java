package io.github.darajakit.gateway.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seed is a replay: the plan it generates is the same every time, and holds what was asked. */
class AdversarialPlanTest {

  private static RunSettings settings(long seed, int operations, int crashes) {
    return new RunSettings(seed, operations, crashes, 3, 50, 4, 200, 8, 100, Duration.ofSeconds(5));
  }

  @Test
  void theSameSeedGeneratesTheSameOperationsAndAnotherSeedOthers() {
    List<Operation> plan = Plan.generate(settings(42, 2_000, 20), 2);
    assertThat(Plan.generate(settings(42, 2_000, 20), 2)).isEqualTo(plan);
    assertThat(Plan.generate(settings(43, 2_000, 20), 2)).isNotEqualTo(plan);
  }

  @Test
  void aPlanHoldsExactlyTheCrashesStormsAndBatchesAskedForAfterItsFirstTenth() {
    List<Operation> plan = Plan.generate(settings(7, 1_000, 12), 2);
    assertThat(plan).hasSize(1_000);
    assertThat(plan).filteredOn(o -> o instanceof Operation.Crash).hasSize(12);
    assertThat(plan).filteredOn(o -> o instanceof Operation.ResubmitStorm).hasSize(3);
    assertThat(plan).filteredOn(o -> o instanceof Operation.CreateBatch).hasSize(4);
    assertThat(plan.subList(0, 100))
        .noneMatch(
            o ->
                o instanceof Operation.Crash
                    || o instanceof Operation.ResubmitStorm
                    || o instanceof Operation.CreateBatch);
    assertThat(plan)
        .filteredOn(o -> o instanceof Operation.Crash)
        .allMatch(o -> ((Operation.Crash) o).instance() < 2);
    assertThat(plan)
        .filteredOn(o -> o instanceof Operation.CreateBatch)
        .allMatch(
            o ->
                ((Operation.CreateBatch) o).rows() >= 50
                    && ((Operation.CreateBatch) o).rows() <= 200);
  }

  @Test
  void moreSpecialOperationsThanFitAreRefused() {
    assertThatThrownBy(() -> Plan.generate(settings(1, 20, 30), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not fit");
  }
}
