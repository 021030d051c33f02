package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.Customer;
import io.github.darajakit.emulator.internal.world.SimCard;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The IMSI check ({@code /imsi/v1/checkATI}) and the SIM swap check ({@code /imsi/v2/checkATI}),
 * REFERENCE §16: what the network knows about a number's SIM, from each customer's {@link SimCard}
 * (set through {@code PUT /__admin/customers/{msisdn}/sim}).
 *
 * <p>Both answer {@code responseCode "200"} in their own flat shape; errors are plain HTTP statuses
 * with that shape ({@code 400} for a malformed number, {@code 404} for a number the world does not
 * have: a lookup never creates a customer). ⚠ Daraja documents only "HTTP 400–504" for errors; the
 * bodies are the emulator's.
 */
public final class SimCheckApi {

  /** v2's answer for a SIM not swapped within the last three months, or never. */
  static final String NOT_RECENTLY_SWAPPED = "01-01-1900 00:00";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("dd-MM-uuuu", Locale.ROOT);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("dd-MM-uuuu HH:mm", Locale.ROOT);

  private final Mpesa mpesa;

  public SimCheckApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /**
   * {@code POST /imsi/v1/checkATI}: the IMSI, the last swap date and the registration date. A SIM
   * never swapped reports its registration date as its last swap (⚠ the emulator's choice: the
   * pairing of number and SIM last changed then).
   */
  public ApiResponse imsi(ApiCall call) {
    return check(
        call,
        (customer, answer) -> {
          SimCard sim = customer.sim();
          answer
              .put("imsi", sim.imsi())
              .put(
                  "lastSwapDate",
                  DAY.format(sim.lastSwap() == null ? sim.registrationDate() : sim.lastSwap()))
              .put("msisdnRegistrationDate", DAY.format(sim.registrationDate()));
        });
  }

  /**
   * {@code POST /imsi/v2/checkATI}: the last swap date only, and {@code 01-01-1900 00:00} when the
   * SIM was not swapped within the last three months of the emulator's clock (or never).
   */
  public ApiResponse swap(ApiCall call) {
    LocalDateTime threeMonthsAgo = mpesa.clock().nowEat().minusMonths(3);
    return check(
        call,
        (customer, answer) -> {
          LocalDateTime swapped = customer.sim().lastSwap();
          answer.put(
              "lastSwapDate",
              swapped == null || swapped.isBefore(threeMonthsAgo)
                  ? NOT_RECENTLY_SWAPPED
                  : DAY_AND_TIME.format(swapped));
        });
  }

  /** The answer both share: the number checked, then its facts, or the error. */
  private ApiResponse check(ApiCall call, BiConsumer<Customer, ObjectNode> facts) {
    String requestRefId = mpesa.ids().uuid();
    Optional<Customer> customer;
    try {
      customer = mpesa.world().customer(call.fields().msisdn("customerNumber"));
    } catch (DarajaError e) {
      return error(400, requestRefId, e.errorMessage());
    }
    if (customer.isEmpty()) {
      return error(404, requestRefId, "Customer not found");
    }
    ObjectNode answer = Json.object();
    answer
        .put("requestRefID", requestRefId)
        .put("responseCode", "200")
        .put("responseDesc", "Success");
    facts.accept(customer.get(), answer);
    answer.put("customerNumber", customer.get().msisdn());
    return ApiResponse.ok(answer);
  }

  private static ApiResponse error(int status, String requestRefId, String message) {
    ObjectNode answer = Json.object();
    answer
        .put("requestRefID", requestRefId)
        .put("responseCode", Integer.toString(status))
        .put("responseDesc", message);
    // The number is not echoed: whatever a client sent in it must not come back as-is.
    return new ApiResponse(status, answer);
  }
}
