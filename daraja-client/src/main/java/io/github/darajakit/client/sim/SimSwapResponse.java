package io.github.darajakit.client.sim;

import io.github.darajakit.client.internal.SimDates;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * What the SIM swap check ({@code /imsi/v2/checkATI}, REFERENCE §16) says about a number.
 *
 * <p>⚠ Daraja reports only recent swaps: a SIM not swapped within the last three months (or never)
 * comes back as {@code 01-01-1900 00:00}, which this response reads as {@link #lastSwap()} empty.
 *
 * @param requestRefId Daraja's {@code requestRefID}
 * @param responseCode {@code "200"} on success
 * @param responseDescription e.g. {@code Success}
 * @param customerNumber the number asked about, {@code 2547XXXXXXXX}
 * @param lastSwapText {@code lastSwapDate} as received, e.g. {@code 01-05-2022 14:30}
 * @param rawJson the answer as received, for audit
 */
public record SimSwapResponse(
    String requestRefId,
    String responseCode,
    String responseDescription,
    String customerNumber,
    String lastSwapText,
    String rawJson) {

  /** What Daraja answers for a SIM not swapped within three months. */
  public static final String NOT_RECENTLY_SWAPPED = "01-01-1900 00:00";

  /**
   * When the SIM was swapped (East Africa Time; a date-only answer reads as its midnight), or empty
   * when it was not swapped within the last three months.
   *
   * @throws IllegalStateException if the date cannot be read: treat the number as swapped
   */
  public Optional<LocalDateTime> lastSwap() {
    LocalDateTime swapped = SimDates.dateTime(lastSwapText);
    if (swapped == null) {
      throw new IllegalStateException(
          "lastSwapDate '" + lastSwapText + "' is not a date Daraja is known to send");
    }
    return swapped.getYear() <= 1900 ? Optional.empty() : Optional.of(swapped);
  }

  /**
   * Whether the SIM was swapped on or after {@code day}. An unreadable date counts as swapped: a
   * rule that protects money must not pass on data it cannot read.
   */
  public boolean swappedOnOrAfter(LocalDate day) {
    LocalDateTime swapped = SimDates.dateTime(lastSwapText);
    if (swapped == null) {
      return true;
    }
    return swapped.getYear() > 1900 && !swapped.toLocalDate().isBefore(day);
  }
}
