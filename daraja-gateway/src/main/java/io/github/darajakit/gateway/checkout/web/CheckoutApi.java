package io.github.darajakit.gateway.checkout.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.checkout.Checkout;
import io.github.darajakit.gateway.checkout.CheckoutSession;
import io.github.darajakit.gateway.checkout.CheckoutSessionStatus;
import io.github.darajakit.gateway.checkout.CheckoutStore;
import io.github.darajakit.gateway.checkout.Funnel;
import io.github.darajakit.gateway.checkout.PaymentLink;
import io.github.darajakit.gateway.checkout.PaymentLinkStatus;
import io.github.darajakit.gateway.checkout.QrCodes;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Requests;
import io.github.darajakit.gateway.http.Router;
import java.util.List;
import java.util.Set;

/**
 * Payment links and checkout sessions in the merchant API: {@code /v1/payment-links} and {@code
 * /v1/checkout-sessions}.
 */
public final class CheckoutApi {

  private final Checkout checkout;
  private final CheckoutStore store;

  public CheckoutApi(Checkout checkout, CheckoutStore store) {
    this.checkout = checkout;
    this.store = store;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router
        .add("POST", "/v1/payment-links", this::createLink)
        .add(
            "GET",
            "/v1/payment-links",
            Set.of("status", "created_after", "starting_after", "limit"),
            this::listLinks)
        .add("GET", "/v1/payment-links/{id}", this::getLink)
        .add("POST", "/v1/payment-links/{id}/deactivate", this::deactivate)
        .add("GET", "/v1/payment-links/{id}/qr.png", Set.of("module_pixels"), this::qrPng)
        .add("GET", "/v1/payment-links/{id}/qr.svg", this::qrSvg)
        .add("POST", "/v1/checkout-sessions", this::createSession)
        .add(
            "GET",
            "/v1/checkout-sessions",
            Set.of("status", "payment_link", "created_after", "starting_after", "limit"),
            this::listSessions)
        .add("GET", "/v1/checkout-sessions/{id}", this::getSession)
        .add("POST", "/v1/checkout-sessions/{id}/expire", this::expire)
        .add("GET", "/v1/checkout/funnel", Set.of("payment_link", "created_after"), this::funnel);
  }

  /** How far sessions got: created → opened → prompted → paid, of one link or all. */
  private Reply funnel(HttpCall call) {
    String linkId = call.query("payment_link");
    if (linkId != null) {
      link(linkId);
    }
    Funnel f = checkout.funnel(linkId, Requests.createdAfter(call));
    ObjectNode node = Json.object();
    node.put("object", "checkout_funnel")
        .put("payment_link", linkId)
        .put("created", f.created())
        .put("opened", f.opened())
        .put("prompted", f.prompted())
        .put("paid", f.paid())
        .put("paid_amount", f.paidAmount());
    return Reply.json(200, node);
  }

  private Reply createLink(HttpCall call) {
    JsonNode body = call.jsonObject();
    Requests.allowOnly(
        body,
        Set.of(
            "amount",
            "min_amount",
            "max_amount",
            "reference",
            "description",
            "expires_at",
            "max_uses",
            "metadata"));
    PaymentLink link =
        checkout.createLink(
            new Checkout.NewLink(
                optionalKes(body, "amount"),
                optionalKes(body, "min_amount"),
                optionalKes(body, "max_amount"),
                reference(body),
                description(body),
                optionalInstant(body, "expires_at"),
                maxUses(body),
                Requests.metadata(body.get("metadata"))));
    return Reply.json(201, checkout.json(link));
  }

  private Reply getLink(HttpCall call) {
    return Reply.json(200, checkout.json(link(call.pathParam("id"))));
  }

  /** The link's URL as a PNG QR code; {@code module_pixels} (default 10) sizes it. */
  private Reply qrPng(HttpCall call) {
    PaymentLink link = link(call.pathParam("id"));
    int modulePixels = 10;
    String asked = call.query("module_pixels");
    if (asked != null) {
      String rule =
          "module_pixels must be a whole number from "
              + QrCodes.MIN_MODULE_PIXELS
              + " to "
              + QrCodes.MAX_MODULE_PIXELS
              + " (pixels per square of the code); got '"
              + io.github.darajakit.gateway.core.GatewayError.printable(asked)
              + "'";
      if (!asked.matches("[0-9]{1,2}")) {
        throw ApiError.invalid("module_pixels", rule);
      }
      modulePixels = Integer.parseInt(asked);
      if (modulePixels < QrCodes.MIN_MODULE_PIXELS || modulePixels > QrCodes.MAX_MODULE_PIXELS) {
        throw ApiError.invalid("module_pixels", rule);
      }
    }
    return new Reply(200, "image/png", QrCodes.png(checkout.url(link), modulePixels));
  }

  /** The link's URL as an SVG QR code, for print. */
  private Reply qrSvg(HttpCall call) {
    PaymentLink link = link(call.pathParam("id"));
    return new Reply(200, "image/svg+xml", QrCodes.svg(checkout.url(link)));
  }

  private Reply deactivate(HttpCall call) {
    return Reply.json(200, checkout.json(checkout.deactivate(call.pathParam("id"))));
  }

  private PaymentLink link(String id) {
    return store.findLink(id).orElseThrow(() -> ApiError.notFound("No payment link " + id + "."));
  }

  private Reply listLinks(HttpCall call) {
    PaymentLinkStatus status = null;
    String text = call.query("status");
    if (text != null) {
      status = PaymentLinkStatus.forApiName(text);
      if (status == null) {
        throw ApiError.invalid(
            "status", "status must be active, inactive, expired or used_up; got '" + text + "'");
      }
    }
    int limit = Requests.limit(call);
    List<PaymentLink> page =
        checkout.listLinks(
            status,
            Requests.createdAfter(call),
            Requests.cursor(call, id -> store.findLink(id).isPresent()),
            limit + 1);
    return Requests.list("/v1/payment-links", page, limit, checkout::json);
  }

  private Reply createSession(HttpCall call) {
    JsonNode body = call.jsonObject();
    Requests.allowOnly(
        body,
        Set.of(
            "amount",
            "reference",
            "description",
            "success_url",
            "cancel_url",
            "phone",
            "expires_at",
            "metadata"));
    CheckoutSession session =
        checkout.createSession(
            new Checkout.NewSession(
                Requests.wholeKes(body, "amount"),
                reference(body),
                description(body),
                Requests.requiredText(
                    body,
                    "success_url",
                    "where the customer is sent once paid, e.g. \"https://shop.example/paid\""),
                Requests.optionalText(
                    body, "cancel_url", "where a customer who gives up is sent back to"),
                Requests.optionalText(body, "phone", "a number to prefill, e.g. \"0712345678\""),
                optionalInstant(body, "expires_at"),
                Requests.metadata(body.get("metadata"))));
    return Reply.json(201, checkout.json(session));
  }

  private Reply getSession(HttpCall call) {
    String id = call.pathParam("id");
    return Reply.json(
        200,
        checkout.json(
            store
                .findSession(id)
                .orElseThrow(() -> ApiError.notFound("No checkout session " + id + "."))));
  }

  private Reply expire(HttpCall call) {
    return Reply.json(200, checkout.json(checkout.expire(call.pathParam("id"))));
  }

  private Reply listSessions(HttpCall call) {
    Set<CheckoutSessionStatus> statuses = Set.of();
    String status = call.query("status");
    if (status != null) {
      statuses = CheckoutSessionStatus.forApiName(status);
      if (statuses.isEmpty()) {
        throw ApiError.invalid(
            "status", "status must be open, complete or expired; got '" + status + "'");
      }
    }
    int limit = Requests.limit(call);
    List<CheckoutSession> page =
        store.listSessions(
            statuses,
            call.query("payment_link"),
            Requests.createdAfter(call),
            Requests.cursor(call, id -> store.findSession(id).isPresent()),
            limit + 1);
    return Requests.list("/v1/checkout-sessions", page, limit, checkout::json);
  }

  private static String reference(JsonNode body) {
    return Requests.requiredText(
        body, "reference", "the account reference on the customer's prompt, 1 to 12 characters");
  }

  private static String description(JsonNode body) {
    return Requests.requiredText(body, "description", "what is paid for, 1 to 100 characters");
  }

  private static Long optionalKes(JsonNode body, String field) {
    return body.hasNonNull(field) ? Requests.wholeKes(body, field) : null;
  }

  private static Long optionalInstant(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() && !node.isIntegralNumber()) {
      throw ApiError.invalid(
          field, field + " must be an ISO-8601 instant (\"2026-12-31T21:00:00Z\") or unix seconds");
    }
    return Requests.instant(field, node.asText());
  }

  private static Integer maxUses(JsonNode body) {
    JsonNode node = body.get("max_uses");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiError.invalid(
          "max_uses",
          "max_uses must be a whole number: 1 for a one-off invoice, or absent for no limit");
    }
    return node.intValue();
  }
}
