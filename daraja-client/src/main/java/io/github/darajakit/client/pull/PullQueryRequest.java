package io.github.darajakit.client.pull;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.internal.Check;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Asks for one page (100 payments) of the C2B payments a shortcode received in a window of at most
 * 48 hours (REFERENCE §13.2). Daraja reads the dates in East Africa Time and keeps 48 hours of
 * history. Validated when built; nothing is sent until {@code client.pull().query(request)}.
 *
 * <pre>{@code
 * PullQueryRequest request = PullQueryRequest.builder()
 *     .shortCode("600992")
 *     .start(LocalDateTime.of(2024, 7, 6, 8, 0))   // EAT
 *     .end(LocalDateTime.of(2024, 7, 6, 20, 0))
 *     .offset(0)
 *     .build();
 * }</pre>
 *
 * @param shortCode the registered shortcode, or {@code null} for the client's default shortcode
 * @param start the window's start (inclusive)
 * @param end the window's end (inclusive), at most 48 hours after {@code start}
 * @param offset rows to skip: 0, 100, 200… to page through a window
 */
public record PullQueryRequest(String shortCode, Instant start, Instant end, long offset) {

  /** The longest window Daraja accepts. */
  public static final Duration MAX_WINDOW = Duration.ofHours(48);

  /** The zone Daraja reads {@code StartDate} and {@code EndDate} in. */
  public static final ZoneId EAST_AFRICA = ZoneId.of("Africa/Nairobi");

  /** Validates every field; each failure names it. */
  public PullQueryRequest {
    if (shortCode != null) {
      Check.shortCode("shortCode", shortCode);
    }
    if (start == null) {
      throw new DarajaValidationException("start", "is required: the window's start");
    }
    if (end == null) {
      throw new DarajaValidationException("end", "is required: the window's end");
    }
    if (end.isBefore(start)) {
      throw new DarajaValidationException(
          "end", end + " is before start " + start + ": swap them or fix the window");
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw new DarajaValidationException(
          "end",
          "the window from "
              + start
              + " to "
              + end
              + " is longer than Daraja's 48 hours: split it into windows of at most 48 hours");
    }
    if (offset < 0) {
      throw new DarajaValidationException(
          "offset", offset + " is negative: use 0 for the first page, then 100, 200…");
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PullQueryRequest}. */
  public static final class Builder {
    private String shortCode;
    private Instant start;
    private Instant end;
    private long offset;

    private Builder() {}

    /** The registered shortcode (default: the client's shortcode). */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** The window's start. */
    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    /** The window's start, in East Africa Time (Africa/Nairobi), as Daraja reads it. */
    public Builder start(LocalDateTime startEat) {
      this.start = startEat == null ? null : startEat.atZone(EAST_AFRICA).toInstant();
      return this;
    }

    /** The window's end. */
    public Builder end(Instant end) {
      this.end = end;
      return this;
    }

    /** The window's end, in East Africa Time (Africa/Nairobi). */
    public Builder end(LocalDateTime endEat) {
      this.end = endEat == null ? null : endEat.atZone(EAST_AFRICA).toInstant();
      return this;
    }

    /** Rows to skip (default 0). */
    public Builder offset(long offset) {
      this.offset = offset;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public PullQueryRequest build() {
      return new PullQueryRequest(shortCode, start, end, offset);
    }
  }
}
