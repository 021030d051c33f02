package io.github.darajakit.client.bonga;

import java.math.BigDecimal;

/**
 * What a number of Bonga points is worth, as Lipa na Bonga's calculate-points answers it (REFERENCE
 * §16): {@code {"header":{…},"body":{"amount":"8","points":"40","rate":"0.2"}}}.
 *
 * @param requestRefId {@code header.requestRefId}: quote it to Safaricom
 * @param responseCode {@code header.responseCode}, {@code "200"} on success
 * @param responseMessage {@code header.responseMessage}, e.g. {@code Success}
 * @param customerMessage {@code header.customerMessage}
 * @param timestamp {@code header.timestamp} as received
 * @param amount KES the points are worth, exact
 * @param points the points asked about
 * @param rate KES per point, exact (e.g. {@code 0.2})
 * @param rawJson the answer as received, for audit
 */
public record BongaCalculation(
    String requestRefId,
    String responseCode,
    String responseMessage,
    String customerMessage,
    String timestamp,
    BigDecimal amount,
    long points,
    BigDecimal rate,
    String rawJson) {}
