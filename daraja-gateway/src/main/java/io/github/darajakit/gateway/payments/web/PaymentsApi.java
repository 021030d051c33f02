package io.github.darajakit.gateway.payments.web;

import static io.github.darajakit.gateway.http.Requests.allowOnly;
import static io.github.darajakit.gateway.http.Requests.createdAfter;
import static io.github.darajakit.gateway.http.Requests.cursor;
import static io.github.darajakit.gateway.http.Requests.flag;
import static io.github.darajakit.gateway.http.Requests.idempotencyScope;
import static io.github.darajakit.gateway.http.Requests.limit;
import static io.github.darajakit.gateway.http.Requests.list;
import static io.github.darajakit.gateway.http.Requests.metadata;
import static io.github.darajakit.gateway.http.Requests.requiredText;
import static io.github.darajakit.gateway.http.Requests.wholeKes;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStatus;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.payments.StkPushes;
import java.util.List;
import java.util.Set;

/** {@code /v1/payments}: STK payments asked for, read and listed. */
public final class PaymentsApi {

  private final StkPushes pushes;
  private final PaymentStore paymentStore;

  public PaymentsApi(StkPushes pushes, PaymentStore paymentStore) {
    this.pushes = pushes;
    this.paymentStore = paymentStore;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/payments", this::createPayment)
        .add(
            "GET",
            "/v1/payments",
            Set.of(
                "status",
                "phone",
                "reference",
                "created_after",
                "needs_attention",
                "starting_after",
                "limit"),
            this::listPayments)
        .add("GET", "/v1/payments/{id}", this::getPayment);
  }

  private Reply createPayment(HttpCall call) {
    JsonNode body = call.jsonObject();
    allowOnly(body, Set.of("phone", "amount", "reference", "description", "metadata"));
    String phone = requiredText(body, "phone", "the customer's number, e.g. \"0712345678\"");
    long amount = wholeKes(body, "amount");
    String reference = requiredText(body, "reference", "up to 12 characters shown in the prompt");
    String description =
        requiredText(body, "description", "up to 13 characters, Daraja's TransactionDesc");
    JsonNode metadata = metadata(body.get("metadata"));
    Payment payment =
        pushes.create(
            new StkPushes.NewPayment(
                phone, amount, reference, description, metadata, idempotencyScope(call)));
    return Reply.json(201, PaymentService.json(payment));
  }

  private Reply getPayment(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        PaymentService.json(
            paymentStore.find(id).orElseThrow(() -> ApiError.notFound("No payment " + id + "."))));
  }

  private Reply listPayments(HttpCall call) {
    Set<PaymentStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses = PaymentStatus.forApiName(status);
      if (statuses.isEmpty()) {
        throw ApiError.invalid(
            "status",
            "status must be pending, succeeded, failed, cancelled, expired, unknown or reversed; got '"
                + status
                + "'");
      }
    }
    String phone = call.query("phone");
    if (phone != null) {
      try {
        phone = io.github.darajakit.client.Msisdn.parse("phone", phone).value();
      } catch (DarajaValidationException e) {
        throw ApiError.invalid("phone", e.getMessage());
      }
    }
    int limit = limit(call);
    boolean attention = flag(call, "needs_attention");
    List<Payment> page =
        paymentStore.list(
            statuses,
            phone,
            call.query("reference"),
            createdAfter(call),
            attention,
            cursor(call, id -> paymentStore.find(id).isPresent()),
            limit + 1);
    return list("/v1/payments", page, limit, PaymentService::json);
  }
}
