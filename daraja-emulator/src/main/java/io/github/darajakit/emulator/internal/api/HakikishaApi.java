package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.Customer;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * B2C Hakikisha (REFERENCE §16): the registered name behind a number, before paying it. The first
 * name comes back in the clear, the middle and last names as their first letter and six stars, as
 * in Daraja's sample ({@code "M******"}).
 *
 * <p>Its own envelope, success and error alike: {@code {"header":{requestID, timestamp, status,
 * message}, "body":{…}}}. Errors answer HTTP 400 with {@code header.status "400"} and {@code
 * body.message}: "The customer does not exist." for a number the world does not have (a lookup
 * never creates a customer), "Bad Request - Invalid …" for a malformed field.
 */
public final class HakikishaApi {

  /** Daraja's sample: the first letter, then six stars whatever the name's length. */
  static final String MASK = "******";

  private static final DateTimeFormatter ERROR_TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

  private final Mpesa mpesa;

  public HakikishaApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /** {@code POST /mpesa/b2c/hakikisha/v1/hakikisha}. */
  public ApiResponse lookup(ApiCall call) {
    JsonNode header = call.body().path("header");
    String requestId =
        header.path("requestID").isValueNode() ? header.path("requestID").asText() : "";
    String msisdn;
    try {
      if (!header.isObject()) {
        throw DarajaError.invalidField("header");
      }
      Fields h = new Fields(header);
      h.text("requestID", 64);
      h.digits("timestamp", 10, 14);
      JsonNode body = call.body().path("body");
      if (!body.isObject()) {
        throw DarajaError.invalidField("body");
      }
      Fields b = new Fields(body);
      try {
        msisdn = b.msisdn("msisdn");
      } catch (DarajaError e) {
        // The portal's words for this one (REFERENCE §16).
        throw DarajaError.of(e.errorCode(), "Bad Request - Invalid phone number");
      }
      String shortCode = b.digits("shortcode", 5, 7);
      if (mpesa.world().organisation(shortCode).isEmpty()) {
        throw DarajaError.invalidField("shortcode");
      }
    } catch (DarajaError e) {
      return error(requestId, e.errorMessage());
    }
    Optional<Customer> customer = mpesa.world().customer(msisdn);
    if (customer.isEmpty()) {
      return error(requestId, "The customer does not exist.");
    }
    ObjectNode answer = Json.object();
    answer
        .putObject("header")
        .put("requestID", requestId)
        .put("timestamp", header.path("timestamp").asText())
        .put("status", "200")
        .put("message", "Success");
    Customer c = customer.get();
    answer
        .putObject("body")
        .put("firstName", c.firstName())
        .put("middleName", mask(c.middleName()))
        .put("lastName", mask(c.lastName()));
    return ApiResponse.ok(answer);
  }

  /** {@code "M******"} for {@code "MWANGI"}; an empty name stays empty. */
  static String mask(String name) {
    return name == null || name.isEmpty() ? "" : name.charAt(0) + MASK;
  }

  private ApiResponse error(String requestId, String message) {
    ObjectNode answer = Json.object();
    answer
        .putObject("header")
        .put("requestID", requestId)
        .put("timestamp", ERROR_TIMESTAMP.format(mpesa.clock().nowEat()))
        .put("status", "400")
        .put("message", "Error");
    answer.putObject("body").put("message", message);
    return new ApiResponse(400, answer);
  }
}
