package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
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

  /** {@code read}, with a refusal re-read as the product's own when it is in its envelope. */
  static <T> Transport.Reader<T> reader(
      Predicate<JsonNode> ownEnvelope, EnvelopeError error, Transport.Reader<T> read) {
    return new Transport.Reader<>() {
      @Override
      public T read(Transport.Answer answer) {
        return read.read(answer);
      }

      @Override
      public T refused(DarajaApiException refusal) {
        throw reread(refusal, ownEnvelope, error);
      }
    };
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
