package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.sim.SimCheckRequest;
import java.util.Map;

/**
 * What the IMSI (v1) and SIM swap (v2) checks share (REFERENCE §16): the body {@code
 * {"customerNumber"}}, the flat answer {@code {requestRefID, responseCode "200", responseDesc, …}},
 * and errors as plain HTTP statuses, read into {@link DarajaApiException} with {@code responseCode}
 * and {@code responseDesc} when the body has them.
 */
final class SimChecks {

  static final String IMSI_PATH = "/imsi/v1/checkATI";
  static final String SWAP_PATH = "/imsi/v2/checkATI";
  static final String SUCCESS = "200";

  private SimChecks() {}

  static Transport.Call call(String operation, String path, SimCheckRequest request) {
    ObjectNode body = Json.object();
    body.put("customerNumber", request.customerNumber().value());
    return new Transport.Call(
        operation,
        path,
        Transport.Kind.QUERY,
        body,
        Map.of("customerNumber", request.customerNumber().masked()));
  }

  /** Reads a check's answer with {@code parse}: a success, else a {@link DarajaApiException}. */
  static <T> Transport.Reader<T> reader(Transport.Reader<T> parse) {
    return Lookups.reader(
        json -> json.has("responseCode"),
        SimChecks::error,
        answer -> {
          if (!answer.json().path("responseCode").asText("").equals(SUCCESS)) {
            throw error(answer.status(), answer.json(), answer.raw());
          }
          return parse.read(answer);
        });
  }

  static DarajaApiException error(int httpStatus, JsonNode json, String raw) {
    String description = json.path("responseDesc").asText("");
    return new DarajaApiException(
        httpStatus,
        json.path("responseCode").asText(""),
        description.isEmpty() ? "the check answered without responseCode 200" : description,
        json.path("requestRefID").asText(""),
        raw);
  }
}
