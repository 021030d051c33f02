package io.github.darajakit.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.ops.Overview;
import java.util.function.IntSupplier;

/**
 * What an operator looks at and does: {@code GET /v1/overview} (today's and the week's figures, and
 * what needs a person) and {@code POST /v1/reconcile} (run the reconcilers now).
 */
public final class OperationsApi {

  private final Overview overview;
  private final IntSupplier reconcileNow;

  /**
   * @param reconcileNow runs the reconcilers over everything due and says how much they examined
   */
  public OperationsApi(Overview overview, IntSupplier reconcileNow) {
    this.overview = overview;
    this.reconcileNow = reconcileNow;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("GET", "/v1/overview", call -> Reply.json(200, overview.json()))
        .add(
            "POST",
            "/v1/reconcile",
            call -> {
              ObjectNode answer = Json.object();
              answer.put("object", "reconciliation").put("examined", reconcileNow.getAsInt());
              return Reply.json(200, answer);
            });
  }
}
