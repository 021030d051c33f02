package io.github.darajakit.client.internal;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Environment;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every product service of one client shares: the transport, the environment and the client's
 * defaults (shortcode, passkey, initiator).
 *
 * @param transport sends requests
 * @param environment where they go
 * @param shortCode default shortcode, or {@code null}
 * @param passkey Lipa na M-Pesa Online passkey, or {@code null}
 * @param initiatorName default initiator, or {@code null}
 * @param securityCredential the initiator's encrypted password, or {@code null}
 * @param clock time for STK timestamps
 * @param timestampZone zone of STK timestamps
 * @param executor runs the {@code …Async} variants
 */
public record ClientContext(
    Transport transport,
    Environment environment,
    String shortCode,
    String passkey,
    String initiatorName,
    String securityCredential,
    Clock clock,
    ZoneId timestampZone,
    Executor executor) {

  /** The shortcode to use: the request's, else the client's, else a clear error. */
  public String shortCode(String override, String field) {
    if (override != null) {
      return override;
    }
    if (shortCode == null) {
      throw new DarajaValidationException(
          field,
          "is required: set it on the request, or give the client a default with"
              + " DarajaClient.builder().shortCode(…) or MPESA_SHORTCODE");
    }
    return shortCode;
  }

  /** The passkey, or a clear error. */
  public String passkey() {
    if (passkey == null) {
      throw new DarajaValidationException(
          "passkey",
          "is required for STK push and query: DarajaClient.builder().passkey(…) or MPESA_PASSKEY");
    }
    return passkey;
  }

  /** The initiator name to use: the request's, else the client's, else a clear error. */
  public String initiator(String override) {
    if (override != null) {
      return override;
    }
    if (initiatorName == null) {
      throw new DarajaValidationException(
          "initiatorName",
          "is required for this API: DarajaClient.builder().initiator(name, password) or"
              + " MPESA_INITIATOR_NAME");
    }
    return initiatorName;
  }

  /** The SecurityCredential, or a clear error. */
  public String credential() {
    if (securityCredential == null) {
      throw new DarajaValidationException(
          "securityCredential",
          "is required for this API: DarajaClient.builder().initiator(name, password) or"
              + " MPESA_INITIATOR_PASSWORD / MPESA_SECURITY_CREDENTIAL");
    }
    return securityCredential;
  }

  /** Runs a blocking call on the client's own executor. */
  public <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, executor);
  }
}
