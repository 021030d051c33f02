package io.github.darajakit.client.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The STK Password and Timestamp (REFERENCE §4.1, §20), no I/O. */
class StkPasswordTest {

  private static final String SHORTCODE = "174379";
  private static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  /** The portal's sample Password (REFERENCE §4.1). */
  private static final String PORTAL_PASSWORD =
      "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4";

  @Test
  void encodingThePortalSampleGivesThePortalPassword() {
    assertThat(StkPassword.encode(SHORTCODE, PASSKEY, "20210628092408")).isEqualTo(PORTAL_PASSWORD);
    assertThat(new String(Base64.getDecoder().decode(PORTAL_PASSWORD), StandardCharsets.US_ASCII))
        .isEqualTo(SHORTCODE + PASSKEY + "20210628092408");
  }

  @Test
  void nowInEastAfricaTimeReproducesThePortalSample() {
    // 09:24:08 in Nairobi (UTC+3, no daylight saving) is 06:24:08 UTC.
    Clock clock = Clock.fixed(Instant.parse("2021-06-28T06:24:08Z"), ZoneOffset.UTC);
    StkPassword password = StkPassword.now(SHORTCODE, PASSKEY, clock, StkPassword.EAST_AFRICA);
    assertThat(password.timestamp()).isEqualTo("20210628092408");
    assertThat(password.password()).isEqualTo(PORTAL_PASSWORD);
  }

  @Test
  void nowInUtcUsesUtcWallClockTime() {
    Clock clock = Clock.fixed(Instant.parse("2021-06-28T06:24:08Z"), ZoneId.of("Asia/Tokyo"));
    StkPassword password = StkPassword.now(SHORTCODE, PASSKEY, clock, ZoneOffset.UTC);
    assertThat(password.timestamp()).isEqualTo("20210628062408");
    assertThat(password.password())
        .isEqualTo(StkPassword.encode(SHORTCODE, PASSKEY, "20210628062408"));
  }

  @Test
  void theClocksOwnZoneDoesNotMatterOnlyTheRequestedZone() {
    Instant instant = Instant.parse("2021-06-28T06:24:08Z");
    for (String zone : new String[] {"UTC", "America/New_York", "Asia/Kolkata"}) {
      Clock clock = Clock.fixed(instant, ZoneId.of(zone));
      assertThat(StkPassword.now(SHORTCODE, PASSKEY, clock, StkPassword.EAST_AFRICA).timestamp())
          .as(zone)
          .isEqualTo("20210628092408");
    }
  }

  @Test
  void eastAfricaTimeCrossesMidnightAndNewYearBeforeUtc() {
    Clock clock = Clock.fixed(Instant.parse("2024-12-31T22:30:05Z"), ZoneOffset.UTC);
    assertThat(StkPassword.now(SHORTCODE, PASSKEY, clock, StkPassword.EAST_AFRICA).timestamp())
        .isEqualTo("20250101013005");
    assertThat(StkPassword.now(SHORTCODE, PASSKEY, clock, ZoneOffset.UTC).timestamp())
        .isEqualTo("20241231223005");
  }

  @Test
  void timestampIsZeroPaddedTwentyFourHourTime() {
    Clock clock = Clock.fixed(Instant.parse("2026-02-03T01:02:03.999Z"), ZoneOffset.UTC);
    StkPassword afternoon = StkPassword.now(SHORTCODE, PASSKEY, clock, ZoneOffset.ofHours(13));
    assertThat(afternoon.timestamp()).isEqualTo("20260203140203").hasSize(14).containsOnlyDigits();
    assertThat(StkPassword.now(SHORTCODE, PASSKEY, clock, ZoneOffset.UTC).timestamp())
        .isEqualTo("20260203010203");
  }

  @Test
  void theDefaultZoneIsNairobi() {
    assertThat(StkPassword.EAST_AFRICA).isEqualTo(ZoneId.of("Africa/Nairobi"));
  }

  @Test
  void toStringShowsTheTimestampButHidesThePassword() {
    StkPassword password = new StkPassword(PORTAL_PASSWORD, "20210628092408");
    assertThat(password.toString())
        .isEqualTo("StkPassword[timestamp=20210628092408, password=***]")
        .doesNotContain(PORTAL_PASSWORD)
        .doesNotContain(PASSKEY);
  }
}
