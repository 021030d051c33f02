package io.github.darajakit.client.sim;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import java.util.Objects;

/**
 * The number an IMSI or SIM swap check asks about (REFERENCE §16). Validated when made; sent as
 * {@code {"customerNumber":"2547XXXXXXXX"}}.
 *
 * <pre>{@code
 * SimCheckRequest request = SimCheckRequest.of("0712 345 678"); // customerNumber 254712345678
 * }</pre>
 *
 * @param customerNumber the Safaricom number, normalised to {@code 2547XXXXXXXX}
 */
public record SimCheckRequest(Msisdn customerNumber) {

  /** Requires the number. */
  public SimCheckRequest {
    if (customerNumber == null) {
      throw new DarajaValidationException(
          "customerNumber", "is required: a Kenyan mobile number such as 0712345678");
    }
  }

  /**
   * A request for a number written any way people write it ({@code 07…}, {@code +254…}).
   *
   * @throws DarajaValidationException naming {@code customerNumber} if it is not a Kenyan mobile
   *     number
   */
  public static SimCheckRequest of(String customerNumber) {
    return new SimCheckRequest(Msisdn.parse("customerNumber", customerNumber));
  }

  /** Masks the number: requests end up in logs. */
  @Override
  public String toString() {
    return "SimCheckRequest[customerNumber=" + Objects.toString(customerNumber) + "]";
  }
}
