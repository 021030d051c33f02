package io.github.darajakit.client.internal;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Environment;
import io.github.darajakit.client.RequestOptions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
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
 * @param executor reads answers and completes the futures of the {@code …Async} variants
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

  /**
   * Sends the call {@code build} makes and reads its answer, holding no thread while it is in
   * flight. {@code build} runs at once, on the caller's thread: what it throws (a {@link
   * DarajaValidationException}) fails the future. The answer is read, and the future completed, on
   * the client's executor, so the caller's stages never run on the HTTP client's threads.
   *
   * @return a future whose {@code cancel()} and {@code orTimeout} abort the exchange (see {@link
   *     CallFuture})
   */
  public <T> CompletableFuture<T> sendAsync(
      Supplier<Transport.Call> build, RequestOptions options, Transport.Reader<T> reader) {
    return exchangeAsync(build, options, call -> reader);
  }

  /**
   * {@link #sendAsync}, waiting for the result: the same path, so the same retries and money rules.
   * Interrupting the waiting thread abandons the call as {@code cancel()} does.
   *
   * @throws io.github.darajakit.client.DarajaException as the call's outcome
   */
  public <T> T send(
      Supplier<Transport.Call> build, RequestOptions options, Transport.Reader<T> reader) {
    return exchange(build, options, call -> reader);
  }

  /** {@link #sendAsync} for answers read with what the call carries (ids it generated). */
  public <T> CompletableFuture<T> exchangeAsync(
      Supplier<Transport.Call> build,
      RequestOptions options,
      Function<Transport.Call, Transport.Reader<T>> reader) {
    Transport.Call call;
    try {
      call = checked(build.get(), options);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CallFuture.read(
        transport.send(call, options.timeout().orElse(null)), reader.apply(call), executor);
  }

  /** {@link #send} for answers read with what the call carries (ids it generated). */
  public <T> T exchange(
      Supplier<Transport.Call> build,
      RequestOptions options,
      Function<Transport.Call, Transport.Reader<T>> reader) {
    Transport.Call call = checked(build.get(), options);
    return CallFuture.await(
        CallFuture.read(
            transport.send(call, options.timeout().orElse(null)),
            reader.apply(call),
            Runnable::run));
  }

  /**
   * Refuses an OriginatorConversationID in {@code options} that the call does not send: only the
   * APIs where Daraja takes the caller's id put it in their body (and identifiers).
   */
  private static Transport.Call checked(Transport.Call call, RequestOptions options) {
    options
        .originatorConversationId()
        .filter(id -> !id.equals(call.identifiers().get("originatorConversationId")))
        .ifPresent(
            id -> {
              throw new DarajaValidationException(
                  "originatorConversationId",
                  "is not taken by "
                      + call.operation()
                      + ": Daraja assigns its id itself; only b2c().pay and b2c().payToPochi"
                      + " accept one");
            });
    return call;
  }
}
