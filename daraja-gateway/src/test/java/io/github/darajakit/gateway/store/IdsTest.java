package io.github.darajakit.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsArePrefixedFixedWidthAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = Ids.next("evt");
      assertThat(id).matches("evt_[0-9A-Za-z]{24}");
      assertThat(seen.add(id)).as("%s is new", id).isTrue();
    }
  }

  @Test
  void theTimePartSortsAsTimeDoes() {
    long[] times = {0L, 61L, 62L, 1_764_320_000_000L, 1_764_320_000_001L, 3_000_000_000_000L};
    for (int i = 1; i < times.length; i++) {
      assertThat(Ids.time(times[i - 1])).isLessThan(Ids.time(times[i]));
    }
    assertThat(Ids.time(62L)).isEqualTo("00000010");
  }

  @Test
  void laterIdsSortAfterEarlierOnes() throws InterruptedException {
    String earlier = Ids.next("pay");
    Thread.sleep(2);
    assertThat(Ids.next("pay")).isGreaterThan(earlier);
  }
}
