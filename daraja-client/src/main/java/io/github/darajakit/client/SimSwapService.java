package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.sim.SimCheckRequest;
import io.github.darajakit.client.sim.SimSwapResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The SIM swap check ({@code POST /imsi/v2/checkATI}, REFERENCE §16): when a number's SIM was last
 * swapped, if within the last three months. Synchronous; a commercial product (charged per call).
 *
 * <pre>{@code
 * SimSwapResponse swap = daraja.simSwap().check("0722000000");
 * if (swap.swappedOnOrAfter(LocalDate.now().minusDays(7))) {
 *   holdPayout(swap.customerNumber());
 * }
 * swap.lastSwap(); // Optional.empty(): not swapped within three months
 * }</pre>
 *
 * <p>⚠ A SIM not swapped within three months (or never) comes back as {@code 01-01-1900 00:00}:
 * {@link SimSwapResponse#lastSwap()} reads that as empty. For the date however old, and the IMSI,
 * use {@link DarajaClient#imsi()}. Errors are plain HTTP statuses, read into {@link
 * DarajaApiException}; a check moves no money, so it is retried like a query.
 */
public final class SimSwapService {

  private static final Transport.Reader<SimSwapResponse> READER =
      SimChecks.reader(answer -> parse(answer.json(), answer.raw()));

  private final ClientContext context;

  SimSwapService(ClientContext context) {
    this.context = context;
  }

  /**
   * Checks a number.
   *
   * @throws DarajaValidationException before sending, naming {@code customerNumber}
   * @throws DarajaApiException if Daraja refused, or answered a code other than {@code 200}
   */
  public SimSwapResponse check(String customerNumber) {
    return context.send(
        () -> call(SimCheckRequest.of(customerNumber)), RequestOptions.DEFAULT, READER);
  }

  /**
   * Checks a number.
   *
   * @throws DarajaApiException if Daraja refused, or answered a code other than {@code 200}
   */
  public SimSwapResponse check(SimCheckRequest request) {
    return context.send(() -> call(request), RequestOptions.DEFAULT, READER);
  }

  /**
   * {@link #check(String)} without blocking: no thread waits while it is in flight. It fails as
   * {@code join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException}
   * (from {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<SimSwapResponse> checkAsync(String customerNumber) {
    return context.sendAsync(
        () -> call(SimCheckRequest.of(customerNumber)), RequestOptions.DEFAULT, READER);
  }

  Transport.Call call(SimCheckRequest request) {
    return SimChecks.call("simSwap.check", SimChecks.SWAP_PATH, request);
  }

  static SimSwapResponse parse(JsonNode json, String raw) {
    return new SimSwapResponse(
        json.path("requestRefID").asText(""),
        json.path("responseCode").asText(""),
        json.path("responseDesc").asText(""),
        json.path("customerNumber").asText(""),
        json.path("lastSwapDate").asText(""),
        raw);
  }
}
