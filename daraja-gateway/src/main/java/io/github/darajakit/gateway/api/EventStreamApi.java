package io.github.darajakit.gateway.api;

import io.github.darajakit.gateway.events.EventStream;
import io.github.darajakit.gateway.http.Router;

/** {@code GET /v1/events/stream}: events as they happen, as server-sent events. */
public final class EventStreamApi {

  private final EventStream stream;

  public EventStreamApi(EventStream stream) {
    this.stream = stream;
  }

  /** Adds the route. */
  public void routes(Router router) {
    router.add("GET", "/v1/events/stream", call -> stream.open(call.header("Last-Event-ID")));
  }
}
