package io.github.darajakit.gateway.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The dunning policy's decisions and the quiet hours, without a database. */
class DunningPolicyTest {

  private static final long NOW = Instant.parse("2027-03-01T05:00:00Z").toEpochMilli();

  @Test
  void theDefaultsRetryByCodeThenGiveUpOrWaitForTheMerchant() {
    DunningPolicy policy = DunningPolicy.defaults();
    assertThat(policy.decide("1037", 0, NOW)).isEqualTo(new DunningPolicy.RetryAt(NOW + hours(1)));
    assertThat(policy.decide("1037", 2, NOW)).isEqualTo(new DunningPolicy.RetryAt(NOW + hours(24)));
    assertThat(policy.decide("1037", 3, NOW)).isEqualTo(new DunningPolicy.GiveUp());
    assertThat(policy.decide("1", 1, NOW)).isEqualTo(new DunningPolicy.RetryAt(NOW + hours(72)));
    assertThat(policy.decide("2001", 0, NOW)).isEqualTo(new DunningPolicy.RetryAt(NOW + hours(1)));
    assertThat(policy.decide("2001", 1, NOW)).isEqualTo(new DunningPolicy.GiveUp());
    assertThat(policy.decide("1032", 0, NOW)).isEqualTo(new DunningPolicy.WaitForMerchant());
    assertThat(policy.decide("26", 0, NOW)).isEqualTo(new DunningPolicy.RetryAt(NOW + hours(1)));
    assertThat(policy.decide(null, 0, NOW)).isEqualTo(new DunningPolicy.RetryAt(NOW + hours(1)));
  }

  @Test
  void aRuleCanBeReplaced() {
    DunningPolicy policy =
        DunningPolicy.defaults().with("1", DunningPolicy.Rule.retry(Duration.ofMinutes(30)));
    assertThat(policy.decide("1", 0, NOW)).isEqualTo(new DunningPolicy.RetryAt(NOW + 1_800_000));
    assertThat(policy.decide("1", 1, NOW)).isEqualTo(new DunningPolicy.GiveUp());
  }

  @Test
  void aPushRefusedBecauseAnotherPromptIsOpenCountsAs1001() {
    assertThat(
            DunningPolicy.codeOf(
                "500.001.1001",
                "Unable to lock subscriber, a transaction is already in process for the current"
                    + " subscriber"))
        .isEqualTo("1001");
    assertThat(DunningPolicy.codeOf("500.001.1001", "Merchant does not exist"))
        .isEqualTo("500.001.1001");
    assertThat(DunningPolicy.codeOf("1037", "DS timeout")).isEqualTo("1037");
  }

  @Test
  void quietHoursWrapMidnightInNairobi() {
    QuietHours quiet = QuietHours.defaults();
    assertThat(quiet.isQuiet(at("2027-03-01T17:59:59Z"))).isFalse(); // 20:59:59 EAT
    assertThat(quiet.isQuiet(at("2027-03-01T18:00:00Z"))).isTrue(); // 21:00 EAT
    assertThat(quiet.isQuiet(at("2027-03-02T03:59:59Z"))).isTrue(); // 06:59:59 EAT
    assertThat(quiet.isQuiet(at("2027-03-02T04:00:00Z"))).isFalse(); // 07:00 EAT
    assertThat(quiet.nextAllowed(at("2027-03-01T19:30:00Z"))).isEqualTo(at("2027-03-02T04:00:00Z"));
    assertThat(quiet.nextAllowed(at("2027-03-01T22:30:00Z"))).isEqualTo(at("2027-03-02T04:00:00Z"));
    assertThat(quiet.nextAllowed(at("2027-03-02T09:00:00Z"))).isEqualTo(at("2027-03-02T09:00:00Z"));
  }

  @Test
  void quietHoursCanBeADaytimeSpanOrOff() {
    QuietHours lunch = QuietHours.parse("13:00-14:00");
    assertThat(lunch.from()).isEqualTo(LocalTime.of(13, 0));
    assertThat(lunch.isQuiet(at("2027-03-01T10:30:00Z"))).isTrue(); // 13:30 EAT
    assertThat(lunch.isQuiet(at("2027-03-01T11:00:00Z"))).isFalse(); // 14:00 EAT
    assertThat(QuietHours.parse("off").isQuiet(at("2027-03-01T20:00:00Z"))).isFalse();
    assertThat(QuietHours.parse("off")).hasToString("off");
    assertThat(QuietHours.defaults()).hasToString("21:00-07:00");
  }

  private static long hours(int n) {
    return n * 3_600_000L;
  }

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }
}
