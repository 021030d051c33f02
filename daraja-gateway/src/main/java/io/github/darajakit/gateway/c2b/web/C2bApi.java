package io.github.darajakit.gateway.c2b.web;

import static io.github.darajakit.gateway.http.Requests.createdAfter;
import static io.github.darajakit.gateway.http.Requests.cursor;
import static io.github.darajakit.gateway.http.Requests.limit;
import static io.github.darajakit.gateway.http.Requests.list;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.client.c2b.C2bRegisterResponse;
import io.github.darajakit.client.c2b.C2bResponseType;
import io.github.darajakit.gateway.c2b.C2bPayment;
import io.github.darajakit.gateway.c2b.C2bStore;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import java.util.List;
import java.util.Set;

/** {@code /v1/c2b}: registering the C2B URLs, and the C2B payments recorded. */
public final class C2bApi {

  /**
   * Where C2B URLs are registered.
   *
   * @param shortCode the C2B shortcode, or {@code null} if C2B is off
   * @param confirmationUrl the gateway's confirmation URL
   * @param validationUrl the gateway's validation URL
   * @param responseType what M-Pesa does when validation does not answer
   */
  public record C2bRegistration(
      String shortCode,
      String confirmationUrl,
      String validationUrl,
      C2bResponseType responseType) {}

  private final C2bStore c2b;
  private final DarajaClient daraja;
  private final C2bRegistration c2bRegistration;

  public C2bApi(C2bStore c2b, DarajaClient daraja, C2bRegistration c2bRegistration) {
    this.c2b = c2b;
    this.daraja = daraja;
    this.c2bRegistration = c2bRegistration;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/c2b/register", this::registerC2b)
        .add(
            "GET",
            "/v1/c2b-payments",
            Set.of("bill_ref_number", "created_after", "starting_after", "limit"),
            this::listC2b)
        .add("GET", "/v1/c2b-payments/{id}", this::getC2b);
  }

  private Reply registerC2b(HttpCall call) {
    C2bRegistration registration = c2bRegistration;
    if (registration.shortCode() == null) {
      throw ApiError.conflict(
          "c2b_not_configured",
          "No C2B shortcode is configured: set MPESA_C2B_SHORTCODE (or c2b.shortCode).");
    }
    try {
      C2bRegisterResponse response =
          daraja
              .c2b()
              .registerUrls(
                  C2bRegisterRequest.builder()
                      .shortCode(registration.shortCode())
                      .responseType(registration.responseType())
                      .confirmationUrl(registration.confirmationUrl())
                      .validationUrl(registration.validationUrl())
                      .build());
      ObjectNode node = Json.object();
      node.put("object", "c2b_registration")
          .put("short_code", registration.shortCode())
          .put("response_code", response.responseCode())
          .put("response_description", response.responseDescription());
      return Reply.json(200, node);
    } catch (DarajaException e) {
      throw ApiError.conflict(
          "daraja_refused",
          "Daraja did not register the URLs: " + CallbackSecrets.redact(e.getMessage()));
    }
  }

  private Reply listC2b(HttpCall call) {
    int limit = limit(call);
    List<C2bPayment> page =
        c2b.list(
            call.query("bill_ref_number"),
            createdAfter(call),
            cursor(call, id -> c2b.find(id).isPresent()),
            limit + 1);
    return list("/v1/c2b-payments", page, limit, C2bPayment::toJson);
  }

  private Reply getC2b(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        c2b.find(id).orElseThrow(() -> ApiError.notFound("No C2B payment " + id + ".")).toJson());
  }
}
