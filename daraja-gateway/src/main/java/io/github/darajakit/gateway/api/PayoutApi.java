package io.github.darajakit.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.payouts.Payout;
import io.github.darajakit.gateway.payouts.PayoutService;
import io.github.darajakit.gateway.payouts.PayoutStatus;
import io.github.darajakit.gateway.payouts.PayoutStore;
import java.util.List;
import java.util.Set;

/** The payouts part of the merchant API: {@code /v1/payouts}. */
public final class PayoutApi {

  private final PayoutService payouts;
  private final PayoutStore store;

  public PayoutApi(PayoutService payouts, PayoutStore store) {
    this.payouts = payouts;
    this.store = store;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/payouts", this::create)
        .add("GET", "/v1/payouts", this::list)
        .add("GET", "/v1/payouts/{id}", this::get);
  }

  private Reply create(HttpCall call) {
    JsonNode body = call.jsonObject();
    MerchantApi.allowOnly(
        body, Set.of("phone", "amount", "type", "remarks", "occasion", "metadata"));
    String phone =
        MerchantApi.requiredText(body, "phone", "the customer's number, e.g. \"0712345678\"");
    long amount = MerchantApi.wholeKes(body, "amount");
    String type = MerchantApi.requiredText(body, "type", "business, salary or promotion");
    String remarks = MerchantApi.requiredText(body, "remarks", "2 to 100 characters");
    String occasion =
        body.hasNonNull("occasion")
            ? MerchantApi.requiredText(body, "occasion", "at most 100 characters")
            : null;
    JsonNode metadata = MerchantApi.metadata(body.get("metadata"));
    Payout payout =
        payouts.create(
            new PayoutService.NewPayout(
                phone,
                amount,
                type,
                remarks,
                occasion,
                metadata,
                MerchantApi.idempotencyScope(call)));
    return Reply.json(201, PayoutService.json(payout));
  }

  private Reply get(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        PayoutService.json(
            store.find(id).orElseThrow(() -> ApiError.notFound("No payout " + id + "."))));
  }

  private Reply list(HttpCall call) {
    Set<PayoutStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses = PayoutStatus.forApiName(status);
      if (statuses.isEmpty()) {
        throw ApiError.invalid(
            "status", "status must be pending, succeeded, failed or unknown; got '" + status + "'");
      }
    }
    String phone = call.query("phone");
    if (phone != null) {
      try {
        phone = Msisdn.parse("phone", phone).value();
      } catch (DarajaValidationException e) {
        throw ApiError.invalid("phone", e.getMessage());
      }
    }
    int limit = MerchantApi.limit(call);
    List<Payout> page =
        store.list(
            statuses,
            phone,
            MerchantApi.createdAfter(call),
            MerchantApi.cursor(call, id -> store.find(id).isPresent()),
            limit + 1);
    return MerchantApi.list("/v1/payouts", page, limit, PayoutService::json);
  }
}
