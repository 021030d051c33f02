package io.github.darajakit.gateway.b2bcollections.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.b2bcollections.B2bCollection;
import io.github.darajakit.gateway.b2bcollections.B2bCollectionService;
import io.github.darajakit.gateway.b2bcollections.B2bCollectionStatus;
import io.github.darajakit.gateway.b2bcollections.B2bCollectionStore;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Requests;
import io.github.darajakit.gateway.http.Router;
import java.util.List;
import java.util.Set;

/** B2B collections in the merchant API: {@code /v1/b2b-collections}. */
public final class B2bCollectionsApi {

  private final B2bCollectionService collections;
  private final B2bCollectionStore store;

  public B2bCollectionsApi(B2bCollectionService collections, B2bCollectionStore store) {
    this.collections = collections;
    this.store = store;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/b2b-collections", this::create)
        .add(
            "GET",
            "/v1/b2b-collections",
            Set.of(
                "status",
                "primary_short_code",
                "created_after",
                "needs_attention",
                "starting_after",
                "limit"),
            this::list)
        .add("GET", "/v1/b2b-collections/{id}", this::get);
  }

  private Reply create(HttpCall call) {
    JsonNode body = call.jsonObject();
    Requests.allowOnly(
        body,
        Set.of("primary_short_code", "amount", "payment_reference", "partner_name", "metadata"));
    String primary =
        Requests.requiredText(
            body, "primary_short_code", "the till that pays, 5 to 9 digits, e.g. \"600501\"");
    long amount = Requests.wholeKes(body, "amount");
    String reference =
        Requests.requiredText(
            body, "payment_reference", "up to 20 characters shown in the till operator's prompt");
    String partner =
        Requests.optionalText(body, "partner_name", "your name as the prompt shows it");
    B2bCollection collection =
        collections.create(
            new B2bCollectionService.NewCollection(
                primary,
                amount,
                reference,
                partner,
                Requests.metadata(body.get("metadata")),
                Requests.idempotencyScope(call)));
    return Reply.json(201, B2bCollectionService.json(collection));
  }

  private Reply get(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        B2bCollectionService.json(
            store.find(id).orElseThrow(() -> ApiError.notFound("No B2B collection " + id + "."))));
  }

  private Reply list(HttpCall call) {
    Set<B2bCollectionStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses = B2bCollectionStatus.forApiName(status);
      if (statuses.isEmpty()) {
        throw ApiError.invalid(
            "status", "status must be pending, succeeded, failed or unknown; got '" + status + "'");
      }
    }
    int limit = Requests.limit(call);
    List<B2bCollection> page =
        store.list(
            statuses,
            call.query("primary_short_code"),
            Requests.createdAfter(call),
            Requests.flag(call, "needs_attention"),
            Requests.cursor(call, id -> store.find(id).isPresent()),
            limit + 1);
    return Requests.list("/v1/b2b-collections", page, limit, B2bCollectionService::json);
  }
}
