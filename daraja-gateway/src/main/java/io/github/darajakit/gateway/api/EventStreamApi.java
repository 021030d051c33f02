package io.github.darajakit.gateway.api;

import io.github.darajakit.gateway.auth.ApiKeys;
import io.github.darajakit.gateway.http.Router;

/**
 * {@code GET /v1/events/stream}: events as they happen, as server-sent events. A stream lasts only
 * as long as the key that opened it: a signed-out dashboard session or a revoked API key ends it.
 */
public final class EventStreamApi {

  private final EventStream stream;
  private final ApiKeys apiKeys;

  /**
   * @param apiKeys asked again while a stream is open, so that revoking its key ends it
   */
  public EventStreamApi(EventStream stream, ApiKeys apiKeys) {
    this.stream = stream;
    this.apiKeys = apiKeys;
  }

  /** Adds the route. */
  public void routes(Router router) {
    router.add(
        "GET",
        "/v1/events/stream",
        call -> {
          String authorization = call.header("Authorization");
          return stream.open(
              call.header("Last-Event-ID"), () -> apiKeys.authenticate(authorization).isPresent());
        });
  }
}
