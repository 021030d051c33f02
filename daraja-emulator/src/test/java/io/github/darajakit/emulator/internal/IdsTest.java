package io.github.darajakit.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Receipts and the other identifiers merchants key on never repeat: not within one emulator, not
 * after a restart with the same seed, not across a month boundary. Property-style: each seed draws
 * its own start times, gaps and counts; a failing seed replays exactly (it is in the test's name,
 * and one fresh seed per run widens the search).
 */
class IdsTest {

  private static final long SEED = 20_240_706L;
  private static final Instant FIRST_RECEIPT_YEAR = Instant.parse("2006-01-01T00:00:00Z");
  private static final Instant LAST_START = Instant.parse("2031-12-31T00:00:00Z");

  static Stream<Long> seeds() {
    return Stream.of(1L, 7L, 20_240_706L, 8_675_309L, System.nanoTime());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRestartedEmulatorNeverIssuesAReceiptAnEarlierOneIssued(long seed) {
    Random random = new Random(seed);
    for (int trial = 0; trial < 12; trial++) {
      Instant firstStart = randomInstant(random);
      long gapMicros = randomGapMicros(random, trial);
      // The first emulator stopped before the second started, and never ran ahead of its clock,
      // so it issued at most one number per microsecond of the gap.
      int firstCount = (int) Math.min(gapMicros, 1 + random.nextInt(4_000));
      Instant secondStart = firstStart.plus(gapMicros, ChronoUnit.MICROS);

      List<String> first = receipts(new Ids(SEED, firstStart), firstCount);
      List<String> second = receipts(new Ids(SEED, secondStart), 4_000);

      Set<String> all = new HashSet<>(first);
      all.addAll(second);
      assertThat(all)
          .as(
              "seed %d trial %d: starts %s and %s (%d µs apart), %d then %d receipts",
              seed, trial, firstStart, secondStart, gapMicros, first.size(), second.size())
          .hasSize(first.size() + second.size());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyReceiptLooksLikeMpesasWithTheLettersOfItsMonth(long seed) {
    Random random = new Random(seed);
    for (int trial = 0; trial < 20; trial++) {
      Instant start = randomInstant(random);
      ZonedDateTime inNairobi = start.atZone(EmulatorClock.EAT);
      String expectedLetters =
          ""
              + (char) ('A' + (inNairobi.getYear() - 2006) % 26)
              + (char) ('A' + inNairobi.getMonthValue() - 1);

      List<String> receipts = receipts(new Ids(seed, start), 200);

      assertThat(receipts.get(0)).as("seed %d, start %s", seed, start).startsWith(expectedLetters);
      assertThat(receipts)
          .as("seed %d, start %s", seed, start)
          .allMatch(r -> r.matches("[A-Z][A-L][0-9A-Z]{8}"))
          .noneMatch(r -> r.endsWith("0000000"));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void scramblingKeepsDistinctOffsetsDistinct(long seed) {
    Random random = new Random(seed);
    long space = 2_821_109_907_456L;
    Set<Long> outputs = new HashSet<>();
    List<Long> inputs = new ArrayList<>();
    // Runs of neighbours (what one emulator issues) and scattered values (what many would).
    long runStart = Math.floorMod(random.nextLong(), space - 10_000);
    LongStream.range(runStart, runStart + 10_000).forEach(inputs::add);
    LongStream.of(0, 1, space - 2, space - 1).forEach(inputs::add);
    for (int i = 0; i < 10_000; i++) {
      inputs.add(Math.floorMod(random.nextLong(), space));
    }
    Set<Long> distinctInputs = new HashSet<>(inputs);
    for (long input : distinctInputs) {
      long output = Ids.scramble(input);
      assertThat(output).as("seed %d, input %d", seed, input).isBetween(0L, space - 1);
      outputs.add(output);
    }
    assertThat(outputs).as("seed %d", seed).hasSize(distinctInputs.size());
  }

  @Test
  void consecutiveReceiptsLookUnrelated() {
    List<String> receipts = receipts(new Ids(SEED, Instant.parse("2024-07-06T09:00:00Z")), 10_000);
    int samePrefix = 0;
    for (int i = 1; i < receipts.size(); i++) {
      if (receipts.get(i).substring(2, 5).equals(receipts.get(i - 1).substring(2, 5))) {
        samePrefix++;
      }
    }
    // A counter in base 36 would share the leading body characters almost every time; scrambled,
    // three characters agree by chance about once in 46,656.
    assertThat(samePrefix).isLessThan(10);
  }

  @Test
  void theSameSeedAndStartRepeatEveryIdentifier() {
    Instant start = Instant.parse("2030-06-01T09:00:00Z");
    LocalDateTime now = LocalDateTime.ofInstant(start, ZoneOffset.ofHours(3));
    Ids one = new Ids(SEED, start);
    Ids other = new Ids(SEED, start);

    for (int i = 0; i < 50; i++) {
      assertThat(other.receipt()).isEqualTo(one.receipt());
      assertThat(other.conversationId(now)).isEqualTo(one.conversationId(now));
      assertThat(other.merchantRequestId()).isEqualTo(one.merchantRequestId());
      assertThat(other.accessToken()).isEqualTo(one.accessToken());
    }
  }

  @Test
  void idsMerchantsKeyOnDifferAfterARestartWithTheSameSeed() {
    Instant start = Instant.parse("2030-06-01T09:00:00Z");
    LocalDateTime now = LocalDateTime.ofInstant(start, ZoneOffset.ofHours(3));
    Ids before = new Ids(SEED, start);
    Ids after = new Ids(SEED, start.plusSeconds(1));

    Set<String> issuedBefore = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      issuedBefore.add(before.conversationId(now));
      issuedBefore.add(before.originatorConversationId());
      issuedBefore.add(before.merchantRequestId());
      issuedBefore.add(before.uuid());
    }
    for (int i = 0; i < 100; i++) {
      assertThat(issuedBefore)
          .doesNotContain(
              after.conversationId(now),
              after.originatorConversationId(),
              after.merchantRequestId(),
              after.uuid());
    }
  }

  @Test
  void neverIssuesMoreThanOneNumberPerMicrosecondSinceItsStart() {
    long started = System.nanoTime();
    Ids ids = new Ids(SEED, Instant.parse("2030-06-01T09:00:00Z"));
    int count = 200_000;

    receipts(ids, count);

    // Each receipt takes at least one issue number; the last could not be issued before
    // count - 1 microseconds had passed.
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofNanos((count - 1) * 1_000L));
  }

  private static List<String> receipts(Ids ids, int count) {
    List<String> receipts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      receipts.add(ids.receipt());
    }
    return receipts;
  }

  private static Instant randomInstant(Random random) {
    long span = ChronoUnit.MICROS.between(FIRST_RECEIPT_YEAR, LAST_START);
    return FIRST_RECEIPT_YEAR.plus(Math.floorMod(random.nextLong(), span), ChronoUnit.MICROS);
  }

  /**
   * Gaps a naive scheme gets wrong: a microsecond (an immediate restart), about a month (the wrap
   * of eight base-36 characters, 36^8 µs), a year, and random ones in between.
   */
  private static long randomGapMicros(Random random, int trial) {
    return switch (trial) {
      case 0 -> 1;
      case 1 -> 2_821_109_907_456L;
      case 2 -> Duration.ofDays(31).toNanos() / 1_000;
      case 3 -> Duration.ofDays(365).toNanos() / 1_000;
      default -> 1 + Math.floorMod(random.nextLong(), Duration.ofDays(400).toNanos() / 1_000);
    };
  }
}
