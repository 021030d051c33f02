package io.github.darajakit.emulator.internal.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One authenticated Daraja API request whose body parsed as a JSON object.
 *
 * @param endpoint the endpoint called
 * @param consumerKey the app that owns the bearer token
 * @param body the JSON object sent (empty if the Content-Type hid it from Daraja)
 */
public record ApiCall(Endpoint endpoint, String consumerKey, JsonNode body) {

  /** Field accessors that fail the way Daraja does. */
  public Fields fields() {
    return new Fields(body);
  }
}
