package io.github.darajakit.gateway.reversals.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Requests;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.reversals.Reversal;
import io.github.darajakit.gateway.reversals.ReversalService;
import io.github.darajakit.gateway.reversals.ReversalStatus;
import io.github.darajakit.gateway.reversals.ReversalStore;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reversals in the merchant API: {@code /v1/reversals}. */
public final class ReversalApi {

  private final ReversalService reversals;
  private final ReversalStore store;

  public ReversalApi(ReversalService reversals, ReversalStore store) {
    this.reversals = reversals;
    this.store = store;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/reversals", this::create)
        .add(
            "GET",
            "/v1/reversals",
            Set.of(
                "status", "receipt", "created_after", "needs_attention", "starting_after", "limit"),
            this::list)
        .add("GET", "/v1/reversals/{id}", this::get);
  }

  private Reply create(HttpCall call) {
    JsonNode body = call.jsonObject();
    Requests.allowOnly(body, Set.of("receipt", "remarks", "metadata"));
    String receipt =
        Requests.requiredText(
            body, "receipt", "the M-Pesa receipt of the payment to give back, e.g. \"SKC82PACB8\"");
    String remarks = Requests.optionalText(body, "remarks", "2 to 100 characters");
    Reversal reversal =
        reversals.create(
            new ReversalService.NewReversal(
                receipt,
                remarks,
                Requests.metadata(body.get("metadata")),
                Requests.idempotencyScope(call)));
    return Reply.json(201, ReversalService.json(reversal));
  }

  private Reply get(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        ReversalService.json(
            store.find(id).orElseThrow(() -> ApiError.notFound("No reversal " + id + "."))));
  }

  private Reply list(HttpCall call) {
    Set<ReversalStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses = ReversalStatus.forApiName(status);
      if (statuses.isEmpty()) {
        throw ApiError.invalid(
            "status", "status must be pending, succeeded, failed or unknown; got '" + status + "'");
      }
    }
    String receipt = call.query("receipt");
    int limit = Requests.limit(call);
    List<Reversal> page =
        store.list(
            statuses,
            receipt == null ? null : receipt.trim().toUpperCase(Locale.ROOT),
            Requests.createdAfter(call),
            Requests.flag(call, "needs_attention"),
            Requests.cursor(call, id -> store.find(id).isPresent()),
            limit + 1);
    return Requests.list("/v1/reversals", page, limit, ReversalService::json);
  }
}
