package io.github.darajakit.client.sim;

import java.time.LocalDate;

/**
 * What the IMSI check ({@code /imsi/v1/checkATI}, REFERENCE §16) knows about a number's SIM.
 *
 * @param requestRefId Daraja's {@code requestRefID}
 * @param responseCode {@code "200"} on success
 * @param responseDescription e.g. {@code Success}
 * @param customerNumber the number asked about, {@code 2547XXXXXXXX}
 * @param imsi the IMSI of the SIM now paired with the number
 * @param lastSwapDate the day the SIM was last swapped ({@code lastSwapDate}, {@code dd-MM-yyyy}),
 *     or {@code null} if absent or unreadable (the raw text stays in {@link #rawJson})
 * @param registrationDate the day the number was registered ({@code msisdnRegistrationDate}), or
 *     {@code null} if absent or unreadable
 * @param rawJson the answer as received, for audit
 */
public record ImsiResponse(
    String requestRefId,
    String responseCode,
    String responseDescription,
    String customerNumber,
    String imsi,
    LocalDate lastSwapDate,
    LocalDate registrationDate,
    String rawJson) {

  /**
   * Whether the SIM was swapped on or after {@code day}: the usual fraud rule is "refuse a payout
   * to a number whose SIM changed in the last few days". An unknown swap date counts as swapped: a
   * rule that protects money must not pass on missing data.
   */
  public boolean swappedOnOrAfter(LocalDate day) {
    return lastSwapDate == null || !lastSwapDate.isBefore(day);
  }
}
