package io.github.darajakit.gateway.checkout.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.checkout.Checkout;
import io.github.darajakit.gateway.checkout.CheckoutSession;
import io.github.darajakit.gateway.checkout.PaymentLink;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Requests;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.payments.Payment;
import io.github.darajakit.gateway.payments.PaymentStatus;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON behind the customer's checkout page, under {@code /pay/api}: no API key, since whoever
 * holds a link's or session's unguessable code may pay it. Answers show what the page needs and
 * nothing else: never the merchant's metadata, other payments, or ids beyond the session's own.
 */
public final class PublicCheckoutApi {

  private final Checkout checkout;
  private final String shortCode;
  private final String paybill;
  private final Set<String> trustedProxies;

  /**
   * @param shortCode the shortcode the customer pays (shown on the page, and in the prompt)
   * @param paybill the business number a customer may pay from the M-Pesa menu instead, with the
   *     reference as account number: the C2B shortcode, when there is one, else {@code shortCode}
   * @param trustedProxies our reverse proxies, through which the client's address is read
   */
  public PublicCheckoutApi(
      Checkout checkout, String shortCode, String paybill, Set<String> trustedProxies) {
    this.checkout = checkout;
    this.shortCode = shortCode;
    this.paybill = paybill;
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  /** Adds the routes: the JSON, and the page ({@link CheckoutPage}) that uses it. */
  public void routes(Router router) {
    new CheckoutPage(checkout, this).routes(router);
    router
        .addPublic("GET", "/pay/api/{code}", this::link)
        .addPublic("POST", "/pay/api/{code}/sessions", this::openSession)
        .addPublic("GET", "/pay/api/s/{code}", this::session)
        .addPublic("POST", "/pay/api/s/{code}/pay", this::pay);
  }

  private Reply link(HttpCall call) {
    return Reply.json(200, linkJson(checkout.linkByCode(call.pathParam("code"))));
  }

  /** A link as its page sees it. */
  ObjectNode linkJson(PaymentLink link) {
    ObjectNode node = Json.object();
    node.put("object", "payment_link").put("status", checkout.status(link).apiName());
    merchant(node);
    link.terms().into(node).put("expires_at", Json.time(link.expiresAt()));
    return node;
  }

  private Reply openSession(HttpCall call) {
    CheckoutSession session =
        checkout.openFromLink(call.pathParam("code"), call.clientAddress(trustedProxies));
    return Reply.json(201, sessionJson(new Checkout.SessionView(session, Optional.empty())));
  }

  private Reply session(HttpCall call) {
    return Reply.json(200, sessionJson(checkout.openPage(call.pathParam("code"))));
  }

  private Reply pay(HttpCall call) {
    JsonNode body = call.jsonObject();
    Requests.allowOnly(body, Set.of("phone", "amount"));
    String phone =
        Requests.requiredText(
            body, "phone", "your M-Pesa number: 07XXXXXXXX, 01XXXXXXXX or 2547XXXXXXXX");
    Long amount = body.hasNonNull("amount") ? Requests.wholeKes(body, "amount") : null;
    Checkout.SessionView paid =
        checkout.pay(call.pathParam("code"), phone, amount, call.clientAddress(trustedProxies));
    return Reply.json(202, sessionJson(paid));
  }

  private void merchant(ObjectNode node) {
    node.put("merchant_name", checkout.merchantName())
        .put("short_code", shortCode)
        .put("paybill", paybill);
  }

  /** A session as its page sees it. */
  ObjectNode sessionJson(Checkout.SessionView view) {
    CheckoutSession s = view.session();
    ObjectNode node = Json.object();
    node.put("id", s.id())
        .put("object", "checkout_session")
        .put("code", s.code())
        .put("status", s.status().apiName())
        .put("url", checkout.url(s));
    merchant(node);
    s.terms()
        .into(node)
        .put("phone", s.phone())
        .put("expires_at", Json.time(s.expiresAt()))
        .put("success_url", s.successUrl())
        .put("cancel_url", s.cancelUrl())
        .put("mpesa_receipt", s.receipt());
    Optional<Payment> payment = view.payment();
    if (payment.isEmpty()) {
      node.putNull("attempt");
    } else {
      Payment p = payment.get();
      node.putObject("attempt")
          .put("outcome", outcome(p))
          .put("result_code", p.resultCode())
          .put("amount", p.amount())
          .put("can_pay_again", s.status().apiName().equals("open") && !s.attemptOpen());
    }
    return node;
  }

  /**
   * What the page tells the customer about an attempt: {@code pending}, {@code unknown} (the
   * gateway is checking: do not pay again), {@code paid}, or why it failed.
   */
  static String outcome(Payment p) {
    PaymentStatus status = p.status();
    if (status == PaymentStatus.CREATED || status == PaymentStatus.SUBMITTED) {
      return "pending";
    }
    if (status == PaymentStatus.UNKNOWN) {
      return "unknown";
    }
    if (status == PaymentStatus.SUCCEEDED || status == PaymentStatus.REVERSED) {
      return "paid";
    }
    String code = p.resultCode() == null ? "" : p.resultCode();
    // A push refused at once because a prompt is already open on the phone: Daraja's error code
    // 500.001.1001 also means other things, so its words decide.
    if (code.equals("500.001.1001")
        && p.resultDesc() != null
        && p.resultDesc().contains("lock subscriber")) {
      return "phone_busy";
    }
    return switch (code) {
      case "1032" -> "cancelled";
      case "1037" -> "no_answer";
      case "1" -> "insufficient_funds";
      case "2001" -> "wrong_pin";
      case "1001" -> "phone_busy";
      default -> status == PaymentStatus.EXPIRED ? "no_answer" : "failed";
    };
  }
}
