package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import java.util.function.Predicate;

/**
 * How the synchronous lookups (Hakikisha, Org Info, IMSI, SIM swap; REFERENCE §16) are sent: as
 * queries, with an error answer in the product's own envelope re-read into a {@link
 * DarajaApiException} that carries that envelope's code and message. The gateway's classic errors
 * (a refused token, a bad payload) stay as the transport read them.
 */
final class Lookups {

  /** Reads a product's envelope into the exception it stands for. */
  interface EnvelopeError {
    DarajaApiException read(int httpStatus, JsonNode json, String raw);
  }

  private Lookups() {}

  /** Sends the call; the 2xx answer, or the product's refusal as a {@link DarajaApiException}. */
  static Transport.Answer send(
      ClientContext context,
      Transport.Call call,
      Predicate<JsonNode> ownEnvelope,
      EnvelopeError error) {
    try {
      return context.transport().execute(call);
    } catch (DarajaApiException e) {
      throw reread(e, ownEnvelope, error);
    }
  }

  /** An error answer re-read as the product's envelope when it is one; otherwise unchanged. */
  static DarajaApiException reread(
      DarajaApiException e, Predicate<JsonNode> ownEnvelope, EnvelopeError error) {
    JsonNode json = Json.parseOrNull(e.rawBody());
    if (json == null || !json.isObject() || !ownEnvelope.test(json)) {
      return e;
    }
    return error.read(e.httpStatus(), json, e.rawBody());
  }
}
