package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.SimDates;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.sim.ImsiResponse;
import io.github.darajakit.client.sim.SimCheckRequest;
import java.util.concurrent.CompletableFuture;

/**
 * The IMSI check ({@code POST /imsi/v1/checkATI}, REFERENCE §16): the IMSI of the SIM paired with a
 * number, when it was last swapped and when the number was registered. Synchronous; a commercial
 * product (charged per call).
 *
 * <pre>{@code
 * ImsiResponse sim = daraja.imsi().check("0722000000");
 * if (sim.swappedOnOrAfter(LocalDate.now().minusDays(7))) {
 *   holdPayout(sim.customerNumber()); // a fresh SIM swap is the classic takeover signal
 * }
 * }</pre>
 *
 * <p>Dates arrive as {@code dd-MM-yyyy} and are read into {@link java.time.LocalDate}s. Errors are
 * plain HTTP statuses (400–504): a {@link DarajaApiException} with the status and, when the body
 * carries them, its {@code responseCode} and {@code responseDesc}. A check moves no money, so it is
 * retried like a query.
 */
public final class ImsiService {

  private static final Transport.Reader<ImsiResponse> READER =
      SimChecks.reader(answer -> parse(answer.json(), answer.raw()));

  private final ClientContext context;

  ImsiService(ClientContext context) {
    this.context = context;
  }

  /**
   * Checks a number.
   *
   * @throws DarajaValidationException before sending, naming {@code customerNumber}
   * @throws DarajaApiException if Daraja refused, or answered a code other than {@code 200}
   */
  public ImsiResponse check(String customerNumber) {
    return context.send(
        () -> call(SimCheckRequest.of(customerNumber)), RequestOptions.DEFAULT, READER);
  }

  /**
   * Checks a number.
   *
   * @throws DarajaApiException if Daraja refused, or answered a code other than {@code 200}
   */
  public ImsiResponse check(SimCheckRequest request) {
    return context.send(() -> call(request), RequestOptions.DEFAULT, READER);
  }

  /**
   * {@link #check(String)} without blocking: no thread waits while it is in flight. It fails as
   * {@code join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException}
   * (from {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<ImsiResponse> checkAsync(String customerNumber) {
    return context.sendAsync(
        () -> call(SimCheckRequest.of(customerNumber)), RequestOptions.DEFAULT, READER);
  }

  Transport.Call call(SimCheckRequest request) {
    return SimChecks.call("imsi.check", SimChecks.IMSI_PATH, request);
  }

  static ImsiResponse parse(JsonNode json, String raw) {
    return new ImsiResponse(
        json.path("requestRefID").asText(""),
        json.path("responseCode").asText(""),
        json.path("responseDesc").asText(""),
        json.path("customerNumber").asText(""),
        json.path("imsi").asText(""),
        SimDates.date(json.path("lastSwapDate").asText("")),
        SimDates.date(json.path("msisdnRegistrationDate").asText("")),
        raw);
  }
}
