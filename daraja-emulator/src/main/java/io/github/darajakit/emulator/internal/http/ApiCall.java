package io.github.darajakit.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.UnaryOperator;

/**
 * One authenticated Daraja API request whose body parsed as JSON: an object, or an array where the
 * endpoint takes one ({@link Endpoint#takesArray()}).
 *
 * @param endpoint the endpoint called
 * @param consumerKey the app that owns the bearer token
 * @param body the JSON sent (an empty object if the Content-Type hid it from Daraja)
 * @param headers a request header's value by name (any case), or {@code null} if absent
 */
public record ApiCall(
    Endpoint endpoint, String consumerKey, JsonNode body, UnaryOperator<String> headers) {

  /** A call whose headers nobody reads. */
  public ApiCall(Endpoint endpoint, String consumerKey, JsonNode body) {
    this(endpoint, consumerKey, body, name -> null);
  }

  /** Field accessors that fail the way Daraja does. */
  public Fields fields() {
    return new Fields(body);
  }

  /** A request header's value (any case), or {@code null}. */
  public String header(String name) {
    return headers.apply(name);
  }
}
