package io.github.darajakit.emulator.internal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.Durations;
import io.github.darajakit.emulator.internal.EmulatorServer;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.api.B2bExpressApi;
import io.github.darajakit.emulator.internal.api.BillManagerApi;
import io.github.darajakit.emulator.internal.api.BongaApi;
import io.github.darajakit.emulator.internal.api.C2bApi;
import io.github.darajakit.emulator.internal.api.InitiatorCredentials;
import io.github.darajakit.emulator.internal.api.RatibaApi;
import io.github.darajakit.emulator.internal.api.StkApi;
import io.github.darajakit.emulator.internal.api.StkSession;
import io.github.darajakit.emulator.internal.callbacks.Delivery;
import io.github.darajakit.emulator.internal.http.HttpExchange;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Customer;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.Outcome;
import io.github.darajakit.emulator.internal.world.Scenario;
import io.github.darajakit.emulator.internal.world.SimCard;
import io.github.darajakit.emulator.internal.world.StandingOrder;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.World;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The emulator's own API under {@code /__admin/}: look at the world, change it, drive prompts, make
 * customers pay, inject faults, read counters, reset. Plain JSON; errors are {@code {"error": "…"}}
 * with a 4xx status. Documented in {@code docs/emulator.md}.
 */
public final class AdminApi {

  private static final int MAX_ADMIN_BODY = 1 << 20;
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 10_000;

  /** An admin request that cannot be served; becomes {@code {"error":…}}. */
  private static final class AdminError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    AdminError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  private final EmulatorServer server;

  public AdminApi(EmulatorServer server) {
    this.server = server;
  }

  /** Serves one admin request. */
  public void handle(HttpExchange exchange) throws IOException {
    try {
      if (server.config().adminLoopbackOnly() && !exchange.fromLoopback()) {
        // Whoever reaches the admin API can move the world's money and read callback URLs.
        throw new AdminError(
            403,
            "the admin API answers only requests from this machine (admin.loopbackOnly);"
                + " this one came from "
                + exchange.remoteAddress());
      }
      route(exchange);
    } catch (AdminError e) {
      exchange.json(e.status, Json.object().put("error", e.getMessage()));
    } catch (IllegalArgumentException e) {
      exchange.json(400, Json.object().put("error", e.getMessage()));
    }
  }

  private void route(HttpExchange ex) throws IOException {
    String method = ex.method();
    String[] p = segments(ex.path());
    String resource = p.length > 0 ? p[0] : "";
    switch (resource) {
      case "", "health" -> {
        only(method, "GET");
        ex.json(200, health());
      }
      case "scenarios" -> {
        only(method, "GET");
        ex.json(200, scenarios());
      }
      case "state" -> {
        only(method, "GET");
        ex.json(200, state());
      }
      case "customers" -> customers(ex, method, p);
      case "organisations" -> organisations(ex, method, p);
      case "transactions" -> transactions(ex, method, p);
      case "deliveries" -> {
        only(method, "GET");
        ex.json(200, deliveries(ex));
      }
      case "stk" -> stk(ex, method, p);
      case "b2b-express" -> b2bExpress(ex, method, p);
      case "c2b" -> c2b(ex, method, p);
      case "billmanager" -> billManager(ex, method, p);
      case "standing-orders" -> standingOrders(ex, method, p);
      case "faults" -> faults(ex, method);
      case "counters" -> {
        if (method.equals("DELETE")) {
          server.counters().reset();
          ex.json(200, server.counters().toJson());
        } else {
          only(method, "GET");
          ex.json(200, server.counters().toJson());
        }
      }
      case "settings" -> settings(ex, method);
      case "clock" -> clock(ex, method, p);
      case "certificate" -> {
        only(method, "GET");
        ex.text(200, mpesa().credentials().certificatePem());
      }
      case "credentials" -> credentials(ex, method, p);
      case "reset" -> {
        only(method, "POST");
        server.reset();
        ex.json(200, Json.object().put("reset", true));
      }
      default ->
          throw new AdminError(404, "no admin resource '" + resource + "': see docs/emulator.md");
    }
  }

  private ObjectNode health() {
    ObjectNode node = Json.object();
    node.put("status", "UP")
        .put("baseUrl", server.baseUrl())
        .put("startedAt", server.startedAt().toString())
        .put("now", mpesa().clock().instant().toString())
        .put("scenarios", server.baseUrl() + "/__admin/scenarios");
    return node;
  }

  private ObjectNode scenarios() {
    ObjectNode root = Json.object();
    ArrayNode rows = root.putArray("scenarios");
    for (Scenario s : Scenario.values()) {
      ObjectNode row = rows.addObject();
      row.put("name", s.name().toLowerCase(Locale.ROOT))
          .put("msisdn", s.msisdn())
          .put("stk", describe(s.stk()))
          .put("b2c", describe(s.payout()))
          .put("openingBalance", s.openingBalance())
          .put("registered", s.registered())
          .put("description", s.description());
      if (s.simSwappedAgo() != null) {
        row.put("simSwappedAgo", s.simSwappedAgo().toString());
      }
    }
    ObjectNode natural = root.putObject("natural");
    natural.put(
        "insufficientCustomerFunds", "STK/C2B with an amount above the balance: ResultCode 1");
    natural.put("insufficientUtility", "B2C from shortcode 600100 (KES 100 Utility): ResultCode 1");
    natural.put("overMaximum", "STK above stk.maxAmount: 3; B2C above b2c.maxAmount: 3");
    natural.put("belowB2cMinimum", "B2C below b2c.minAmount (10): 2");
    natural.put("duplicateOriginatorConversationId", "B2C v3/B2Pochi: HTTP 500, 500.002.1001");
    natural.put("subscriberLocked", "second push while a prompt is pending: 500.001.1001");
    natural.put("wrongInitiatorPassword", "2001, then 8006 after credentials.lockAfterFailures");
    natural.put(
        "customerDoesNotExist",
        "Hakikisha for a number the world does not have: HTTP 400 \"The customer does not"
            + " exist.\"; IMSI/SIM swap: HTTP 404");
    natural.put("simSwap", "PUT /__admin/customers/{msisdn}/sim {\"lastSwapDate\":\"2026-12-01\"}");
    return root;
  }

  private static String describe(Outcome outcome) {
    return switch (outcome.kind()) {
      case PROCEED -> "success (balances and limits permitting)";
      case FAIL -> outcome.resultCode() + " " + outcome.resultDesc();
      case SUCCEED_SILENTLY -> "success, no callback/result sent";
      case REJECT_BUSY -> "sync HTTP 500 500.001.1001 Unable to lock subscriber";
      case QUEUE_TIMEOUT -> "queue timeout: QueueTimeOutURL called, nothing paid";
    };
  }

  private ObjectNode state() {
    World world = world();
    ObjectNode node = Json.object();
    node.put("customers", world.customers().size())
        .put("organisations", world.organisations().size())
        .put("transactions", world.transactionCount())
        .put("pendingPrompts", server.stk().pending().size())
        .put("liveTokens", server.oauth().liveTokens())
        .put("c2bRegistrations", server.c2b().registrations().size())
        .put("standingOrders", world.standingOrderCount())
        .put("manualMode", server.config().stkManualMode())
        .put("clockOffset", server.mpesa().clock().offset().toString());
    ArrayNode locked = node.putArray("lockedInitiators");
    mpesa().credentials().lockedInitiators().forEach(locked::add);
    return node;
  }

  private void customers(HttpExchange ex, String method, String[] p) throws IOException {
    World world = world();
    if (p.length == 1 && method.equals("GET")) {
      ArrayNode list = Json.array();
      world.customers().stream()
          .sorted(Comparator.comparing(Customer::msisdn))
          .limit(limit(ex))
          .forEach(c -> list.add(customer(c)));
      ex.json(200, Json.object().set("customers", list));
    } else if (p.length == 1 && method.equals("POST")) {
      JsonNode body = body(ex);
      EmulatorConfig.Customer seed =
          EmulatorConfig.defaults()
              .withJson(Json.text(Json.object().set("world.customers", Json.array().add(body))))
              .customers()
              .get(0);
      ex.json(201, customer(world.provision(seed)));
    } else if (p.length == 2 && method.equals("GET")) {
      ex.json(200, customer(findCustomer(p[1])));
    } else if (p.length == 3 && p[2].equals("balance") && method.equals("PUT")) {
      Customer customer = findCustomer(p[1]);
      world.setBalance(customer, cents(body(ex), "balance"));
      ex.json(200, customer(customer));
    } else if (p.length == 3 && p[2].equals("sim") && method.equals("PUT")) {
      Customer customer = findCustomer(p[1]);
      world.setSim(customer, sim(customer.sim(), body(ex)));
      ex.json(200, customer(customer));
    } else if (p.length == 3 && p[2].equals("bonga")) {
      ex.json(200, bongaPoints(findCustomer(p[1]), method, ex));
    } else {
      throw new AdminError(405, method + " " + ex.path() + " is not supported");
    }
  }

  /** {@code GET|PUT /__admin/customers/{msisdn}/bonga {"points":500}}: Lipa na Bonga points. */
  private ObjectNode bongaPoints(Customer customer, String method, HttpExchange ex)
      throws IOException {
    BongaApi bonga = server.bonga();
    if (method.equals("PUT")) {
      JsonNode points = body(ex).path("points");
      if (!points.isIntegralNumber() || !points.canConvertToLong() || points.asLong() < 0) {
        throw new AdminError(400, "'points' must be a whole number of 0 or more");
      }
      bonga.setPoints(customer.msisdn(), points.asLong());
    } else {
      only(method, "GET");
    }
    ObjectNode node = Json.object();
    node.put("msisdn", customer.msisdn())
        .put("points", bonga.points(customer.msisdn()))
        .put("rate", BongaApi.RATE.toPlainString());
    return node;
  }

  private void organisations(HttpExchange ex, String method, String[] p) throws IOException {
    World world = world();
    if (p.length == 1 && method.equals("GET")) {
      ArrayNode list = Json.array();
      world.organisations().stream()
          .sorted(Comparator.comparing(Organisation::shortCode))
          .forEach(o -> list.add(organisation(o)));
      ex.json(200, Json.object().set("organisations", list));
    } else if (p.length == 1 && method.equals("POST")) {
      JsonNode body = body(ex);
      EmulatorConfig.Organisation seed =
          EmulatorConfig.defaults()
              .withJson(Json.text(Json.object().set("world.organisations", Json.array().add(body))))
              .organisations()
              .get(0);
      ex.json(201, organisation(world.provision(seed)));
    } else if (p.length == 2 && method.equals("GET")) {
      ex.json(200, organisation(findOrganisation(p[1])));
    } else if (p.length == 3 && p[2].equals("external-validation") && method.equals("PUT")) {
      Organisation organisation = findOrganisation(p[1]);
      JsonNode enabled = body(ex).path("enabled");
      if (!enabled.isBoolean()) {
        throw new AdminError(400, "'enabled' must be true or false");
      }
      world.externalValidation(organisation.shortCode(), enabled.booleanValue());
      ex.json(200, organisation(organisation));
    } else if (p.length == 4 && p[2].equals("accounts") && method.equals("PUT")) {
      Organisation organisation = findOrganisation(p[1]);
      world.setBalance(organisation, AccountType.parse(p[3]), cents(body(ex), "balance"));
      ex.json(200, organisation(organisation));
    } else {
      throw new AdminError(405, method + " " + ex.path() + " is not supported");
    }
  }

  private void transactions(HttpExchange ex, String method, String[] p) {
    only(method, "GET");
    World world = world();
    if (p.length == 2) {
      Transaction t =
          world.transaction(p[1]).orElseThrow(() -> new AdminError(404, "no transaction " + p[1]));
      ex.json(200, transaction(t));
      return;
    }
    String party = param(ex, "party");
    Predicate<Transaction> filter =
        t ->
            party == null
                || t.debit().identifier().equals(party)
                || t.credit().identifier().equals(party);
    ArrayNode list = Json.array();
    world.transactions(filter, limit(ex)).forEach(t -> list.add(transaction(t)));
    ex.json(200, Json.object().set("transactions", list));
  }

  private ObjectNode deliveries(HttpExchange ex) {
    String kind = param(ex, "kind");
    String url = param(ex, "url");
    // The filter sees the URL as the answer shows it: matching the hidden parts would let a caller
    // guess a secret one character at a time.
    Predicate<Delivery> filter =
        d ->
            (kind == null || d.kind().equals(kind))
                && (url == null || shownUrl(d.url()).contains(url));
    ArrayNode list = Json.array();
    mpesa().callbacks().deliveries(filter, limit(ex)).forEach(d -> list.add(delivery(d)));
    return (ObjectNode) Json.object().set("deliveries", list);
  }

  private ObjectNode delivery(Delivery d) {
    ObjectNode node = d.toJson();
    if (server.config().redactCallbackUrls()) {
      node.put("url", CallbackUrlRedactor.redact(d.url()));
      for (String quoting : List.of("error", "response")) {
        node.put(quoting, CallbackUrlRedactor.scrub(node.path(quoting).asText(), d.url()));
      }
    }
    return node;
  }

  private ObjectNode stkPrompt(StkSession session) {
    ObjectNode node = StkApi.toJson(session);
    node.put("callbackUrl", shownUrl(node.path("callbackUrl").asText()));
    return node;
  }

  /** A URL a client gave, as admin answers may show it. */
  private String shownUrl(String url) {
    return server.config().redactCallbackUrls() ? CallbackUrlRedactor.redact(url) : url;
  }

  private void stk(HttpExchange ex, String method, String[] p) {
    stk(ex, method, p, false);
  }

  /** The STK admin; {@code quiet}: decide a prompt without answering (the caller answers). */
  private void stk(HttpExchange ex, String method, String[] p, boolean quiet) {
    StkApi stk = server.stk();
    if (p.length == 1) {
      only(method, "GET");
      String status = param(ex, "status");
      List<StkSession> sessions =
          "pending".equals(status) ? stk.pending() : stk.sessions(limit(ex));
      ArrayNode list = Json.array();
      sessions.forEach(s -> list.add(stkPrompt(s)));
      ex.json(200, Json.object().set("prompts", list));
    } else if (p.length == 2) {
      only(method, "GET");
      StkSession session =
          stk.session(p[1]).orElseThrow(() -> new AdminError(404, "no STK prompt " + p[1]));
      ex.json(200, stkPrompt(session));
    } else if (p.length == 3) {
      only(method, "POST");
      StkApi.PromptAction action;
      try {
        action = StkApi.PromptAction.valueOf(p[2].toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new AdminError(
            404, "unknown action '" + p[2] + "': use approve, cancel, timeout or wrong-pin");
      }
      String pin = null;
      try {
        JsonNode body = bodyOrEmpty(ex);
        pin = body.hasNonNull("pin") ? body.get("pin").asText() : null;
      } catch (IOException e) {
        throw new AdminError(400, "body must be JSON, e.g. {\"pin\":\"1234\"}");
      }
      Optional<StkSession.Result> result = stk.decide(p[1], action, pin);
      if (result.isEmpty()) {
        throw new AdminError(409, "STK prompt " + p[1] + " is unknown or no longer pending");
      }
      if (!quiet) {
        ex.json(200, stkPrompt(stk.session(p[1]).orElseThrow()));
      }
    } else {
      throw new AdminError(404, "unknown STK admin path " + ex.path());
    }
  }

  /**
   * {@code GET b2b-express}: recent pushes; {@code GET|PUT|DELETE
   * b2b-express/nominated-numbers[/{shortCode}]}: who gets a till's prompts; {@code POST
   * b2b-express/{requestRefId}/{approve|cancel|timeout|wrong-pin}}: the operator's answer.
   */
  private void b2bExpress(HttpExchange ex, String method, String[] p) throws IOException {
    B2bExpressApi express = server.b2bExpress();
    if (p.length == 1) {
      only(method, "GET");
      ArrayNode list = Json.array();
      express.pushes(limit(ex)).forEach(push -> list.add(b2bExpressPush(push)));
      ex.json(200, Json.object().set("pushes", list));
    } else if (p[1].equals("nominated-numbers")) {
      if (p.length == 3 && method.equals("PUT")) {
        findOrganisation(p[2]);
        String msisdn = required(body(ex), "msisdn");
        if (!msisdn.matches("254[71]\\d{8}")) {
          throw new AdminError(400, "msisdn must be 2547XXXXXXXX or 2541XXXXXXXX");
        }
        express.nominate(p[2], msisdn);
      } else if (p.length == 3 && method.equals("DELETE")) {
        findOrganisation(p[2]);
        express.nominate(p[2], null);
      } else if (p.length == 3) {
        only(method, "GET");
      } else if (p.length == 2) {
        only(method, "GET");
        ObjectNode numbers = Json.object();
        express.nominatedNumbers().forEach(numbers::put);
        ex.json(200, numbers);
        return;
      } else {
        throw new AdminError(404, "unknown B2B Express admin path " + ex.path());
      }
      ex.json(
          200,
          Json.object()
              .put("shortCode", p[2])
              .put("nominatedNumber", express.nominatedNumber(p[2]).orElse(null)));
    } else if (p.length == 2) {
      only(method, "GET");
      ex.json(
          200,
          b2bExpressPush(
              express
                  .push(p[1])
                  .orElseThrow(() -> new AdminError(404, "no B2B Express push " + p[1]))));
    } else if (p.length == 3) {
      B2bExpressApi.Push push =
          express.push(p[1]).orElseThrow(() -> new AdminError(404, "no B2B Express push " + p[1]));
      if (push.promptId() == null) {
        throw new AdminError(409, "B2B Express push " + p[1] + " sent no prompt to answer");
      }
      // The operator's prompt is an STK prompt: answering it is the STK admin's decision.
      stk(ex, method, new String[] {"stk", push.promptId(), p[2]}, true);
      ex.json(200, b2bExpressPush(push));
    } else {
      throw new AdminError(404, "unknown B2B Express admin path " + ex.path());
    }
  }

  private ObjectNode b2bExpressPush(B2bExpressApi.Push push) {
    ObjectNode node = B2bExpressApi.toJson(push);
    node.put("callbackUrl", shownUrl(node.path("callbackUrl").asText()));
    return node;
  }

  private void c2b(HttpExchange ex, String method, String[] p) throws IOException {
    C2bApi c2b = server.c2b();
    if (p.length == 2 && p[1].equals("registrations")) {
      only(method, "GET");
      ObjectNode node = Json.object();
      c2b.registrations()
          .forEach(
              (shortCode, r) ->
                  node.putObject(shortCode)
                      .put("version", r.version())
                      .put("responseType", r.responseType())
                      .put("confirmationUrl", shownUrl(r.confirmationUrl()))
                      .put("validationUrl", shownUrl(r.validationUrl()))
                      .put("registeredAt", r.registeredAt().toString()));
      ex.json(200, node);
    } else if (p.length == 2 && p[1].equals("payments")) {
      only(method, "POST");
      JsonNode body = body(ex);
      String msisdn = required(body, "msisdn");
      if (!msisdn.matches("254[71]\\d{8}")) {
        throw new AdminError(400, "msisdn must be 2547XXXXXXXX or 2541XXXXXXXX");
      }
      Organisation organisation = findOrganisation(required(body, "shortCode"));
      long amount = body.path("amount").asLong(0);
      if (!body.path("amount").canConvertToExactIntegral() || amount < 1) {
        throw new AdminError(400, "amount must be a whole number of KES, at least 1");
      }
      String billRef = body.path("billRefNumber").asText("");
      if (billRef.length() > 20) {
        throw new AdminError(400, "billRefNumber is at most 20 characters");
      }
      C2bApi.PaymentResult result = payNow(msisdn, organisation, amount, billRef);
      ObjectNode node = Json.object();
      node.put("transId", result.transId())
          .put("status", result.status().name().toLowerCase(Locale.ROOT))
          .put("resultCode", result.resultCode());
      ex.json(result.status() == C2bApi.PaymentStatus.COMPLETED ? 201 : 200, node);
    } else {
      throw new AdminError(404, "unknown C2B admin path " + ex.path());
    }
  }

  /**
   * {@code GET billmanager}: the opted-in billers; {@code GET billmanager/{shortCode}}: one, with
   * its invoices and payments; {@code GET billmanager/{shortCode}/invoices/{externalReference}};
   * {@code POST …/invoices/{externalReference}/pay {"amount":500,"msisdn":"2547…"}}: a customer
   * pays it with a C2B payment (the billed number unless {@code msisdn}); {@code GET
   * billmanager/payments/{transactionId}}: a payment's pushes and acknowledgements.
   */
  private void billManager(HttpExchange ex, String method, String[] p) throws IOException {
    BillManagerApi bills = server.billManager();
    if (p.length == 1) {
      only(method, "GET");
      ArrayNode list = Json.array();
      bills.billers().forEach(b -> list.add(biller(b)));
      ex.json(200, Json.object().set("billers", list));
    } else if (p.length == 3 && p[1].equals("payments")) {
      only(method, "GET");
      ex.json(
          200,
          bills.toJson(
              bills
                  .payment(p[2])
                  .orElseThrow(() -> new AdminError(404, "no Bill Manager payment " + p[2]))));
    } else if (p.length == 2) {
      only(method, "GET");
      ex.json(200, biller(findBiller(p[1])));
    } else if (p.length >= 4 && p[2].equals("invoices")) {
      BillManagerApi.Invoice invoice =
          bills
              .invoice(findBiller(p[1]).shortCode(), p[3])
              .orElseThrow(() -> new AdminError(404, "no invoice " + p[3] + " of biller " + p[1]));
      if (p.length == 4) {
        only(method, "GET");
        ex.json(200, bills.toJson(invoice));
      } else if (p.length == 5 && p[4].equals("pay")) {
        only(method, "POST");
        ex.json(201, payInvoice(p[1], invoice, body(ex)));
      } else {
        throw new AdminError(404, "unknown Bill Manager admin path " + ex.path());
      }
    } else {
      throw new AdminError(404, "unknown Bill Manager admin path " + ex.path());
    }
  }

  /** A customer pays an invoice: a C2B payment whose account is the invoice's reference. */
  private ObjectNode payInvoice(String shortCode, BillManagerApi.Invoice invoice, JsonNode body) {
    if (!invoice.status().open()) {
      throw new AdminError(
          409,
          "invoice "
              + invoice.externalReference()
              + " is "
              + invoice.status().name().toLowerCase(Locale.ROOT)
              + ": only an unpaid or part-paid invoice can be paid");
    }
    long amount = body.path("amount").asLong(0);
    if (!body.path("amount").canConvertToExactIntegral() || amount < 1) {
      throw new AdminError(400, "amount must be a whole number of KES, at least 1");
    }
    String msisdn = body.path("msisdn").asText(invoice.billedMsisdn());
    if (!msisdn.matches("254[71]\\d{8}")) {
      throw new AdminError(400, "msisdn must be 2547XXXXXXXX or 2541XXXXXXXX");
    }
    C2bApi.PaymentResult result =
        payNow(msisdn, findOrganisation(shortCode), amount, invoice.accountReference());
    if (result.status() != C2bApi.PaymentStatus.COMPLETED) {
      throw new AdminError(
          409,
          "the payment did not complete: "
              + result.status().name().toLowerCase(Locale.ROOT)
              + " (ResultCode "
              + result.resultCode()
              + "); nothing moved");
    }
    ObjectNode node = Json.object();
    node.put("transId", result.transId()).put("status", "completed");
    node.set("invoice", server.billManager().toJson(invoice));
    return node;
  }

  /** A C2B payment made now; its end, once validation (if any) and completion are over. */
  private C2bApi.PaymentResult payNow(
      String msisdn, Organisation organisation, long amount, String billRef) {
    try {
      Duration wait = server.config().c2bValidationTimeout().plusSeconds(5);
      return server
          .c2b()
          .pay(msisdn, organisation, amount, billRef)
          .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminError(503, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw new AdminError(500, "payment did not finish: " + e);
    }
  }

  private BillManagerApi.Biller findBiller(String shortCode) {
    return server
        .billManager()
        .biller(shortCode)
        .orElseThrow(() -> new AdminError(404, "shortcode " + shortCode + " has not opted in"));
  }

  private ObjectNode biller(BillManagerApi.Biller biller) {
    // The app key is a credential: hidden where callback URLs are.
    boolean locked = server.config().redactCallbackUrls();
    ObjectNode node = server.billManager().toJson(biller, !locked);
    node.put("callbackUrl", shownUrl(biller.callbackUrl()));
    return node;
  }

  private void faults(HttpExchange ex, String method) throws IOException {
    switch (method) {
      case "GET" -> ex.json(200, server.faults().toJson());
      case "PUT", "POST" -> {
        server.faults().replace(body(ex));
        ex.json(200, server.faults().toJson());
      }
      case "DELETE" -> {
        server.faults().clear();
        ex.json(200, server.faults().toJson());
      }
      default -> throw new AdminError(405, method + " not allowed on faults");
    }
  }

  private void settings(HttpExchange ex, String method) throws IOException {
    switch (method) {
      case "GET" -> ex.json(200, server.config().toJson());
      case "PATCH", "PUT", "POST" -> {
        JsonNode body = body(ex);
        // admin.* too: a caller must not switch off the protection it is subject to.
        for (String fixed : List.of("server", "admin", "seed", "world")) {
          if (body.has(fixed) || body.fieldNames().hasNext() && startsWith(body, fixed + ".")) {
            throw new AdminError(
                400,
                "'"
                    + fixed
                    + "' cannot change while running: "
                    + (fixed.equals("admin")
                        ? "it guards the admin API itself; restart with another configuration"
                        : "restart, or use /__admin/reset"));
          }
        }
        ex.json(200, server.updateSettings(Json.text(body)).toJson());
      }
      default -> throw new AdminError(405, method + " not allowed on settings");
    }
  }

  private void clock(HttpExchange ex, String method, String[] p) throws IOException {
    if (p.length == 2 && p[1].equals("advance")) {
      only(method, "POST");
      JsonNode body = body(ex);
      server.advanceClock(Durations.parse("by", body.get("by")));
    } else if (p.length == 1 && method.equals("POST")) {
      JsonNode body = body(ex);
      if (body.has("to") == body.has("by")) {
        throw new AdminError(
            400, "give either {\"by\":\"30d\"} or {\"to\":\"2027-01-01T09:00:00+03:00\"}");
      }
      if (body.has("to")) {
        server.moveClockTo(instant("to", body.get("to")));
      } else {
        server.advanceClock(Durations.parse("by", body.get("by")));
      }
    } else if (p.length == 1 && method.equals("DELETE")) {
      mpesa().clock().resetOffset();
    } else {
      only(method, "GET");
    }
    ex.json(
        200,
        Json.object()
            .put("now", mpesa().clock().instant().toString())
            .put("offset", mpesa().clock().offset().toString()));
  }

  private static Instant instant(String field, JsonNode value) {
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw new AdminError(
          400,
          "'"
              + field
              + "' must be a date-time with an offset, e.g. \"2027-01-01T09:00:00+03:00\", got "
              + value);
    }
  }

  private void standingOrders(HttpExchange ex, String method, String[] p) {
    RatibaApi ratiba = server.ratiba();
    if (p.length == 1) {
      only(method, "GET");
      ArrayNode list = Json.array();
      world().standingOrders().forEach(o -> list.add(standingOrder(o)));
      ex.json(200, Json.object().set("standingOrders", list));
    } else if (p.length == 2 && method.equals("GET")) {
      ex.json(200, standingOrder(findStandingOrder(p[1])));
    } else if (p.length == 2) {
      only(method, "DELETE");
      StandingOrder order = findStandingOrder(p[1]);
      if (!ratiba.cancel(order.id()).orElse(false)) {
        throw new AdminError(
            409,
            "standing order " + p[1] + " is " + order.status().name().toLowerCase(Locale.ROOT));
      }
      ex.json(200, standingOrder(order));
    } else {
      throw new AdminError(404, "unknown standing-order admin path " + ex.path());
    }
  }

  private StandingOrder findStandingOrder(String id) {
    return world()
        .standingOrder(id)
        .orElseThrow(() -> new AdminError(404, "no standing order " + id));
  }

  private ObjectNode standingOrder(StandingOrder order) {
    ObjectNode node = server.ratiba().toJson(order);
    node.put("callbackUrl", shownUrl(node.path("callbackUrl").asText()));
    return node;
  }

  private void credentials(HttpExchange ex, String method, String[] p) throws IOException {
    if (p.length == 2 && p[1].equals("encrypt")) {
      only(method, "POST");
      String password = required(body(ex), "password");
      ex.json(
          200,
          Json.object().put("securityCredential", mpesa().credentials().encryptForTests(password)));
    } else if (p.length == 2 && p[1].equals("check")) {
      // A go-live check (daraja doctor) asks this: unlike a request it never counts towards a lock.
      only(method, "POST");
      JsonNode body = body(ex);
      InitiatorCredentials.Inspection found =
          mpesa()
              .credentials()
              .inspect(required(body, "initiator"), required(body, "securityCredential"));
      ex.json(
          200,
          Json.object()
              .put("result", found.name().toLowerCase(Locale.ROOT))
              .put("mode", server.config().credentialMode().name().toLowerCase(Locale.ROOT)));
    } else {
      only(method, "GET");
      ObjectNode node = Json.object();
      node.put("mode", server.config().credentialMode().name().toLowerCase(Locale.ROOT))
          .put("acceptedUnchecked", mpesa().credentials().acceptedUnchecked());
      ArrayNode locked = node.putArray("locked");
      mpesa().credentials().lockedInitiators().forEach(locked::add);
      ArrayNode names = node.putArray("initiators");
      server.config().initiators().keySet().stream().sorted().forEach(names::add);
      ex.json(200, node);
    }
  }

  private static boolean startsWith(JsonNode body, String prefix) {
    var names = body.fieldNames();
    while (names.hasNext()) {
      if (names.next().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode customer(Customer c) {
    ObjectNode node = Json.object();
    long balance = world().atomically(c::balance);
    node.put("msisdn", c.msisdn())
        .put("firstName", c.firstName())
        .put("middleName", c.middleName())
        .put("lastName", c.lastName())
        .put("balance", Money.text(balance))
        .put("registered", c.registered());
    SimCard sim = c.sim();
    node.putObject("sim")
        .put("imsi", sim.imsi())
        .put("registrationDate", sim.registrationDate().toString())
        .put("lastSwapDate", sim.lastSwap() == null ? null : sim.lastSwap().toString());
    Scenario.forMsisdn(c.msisdn())
        .ifPresent(s -> node.put("scenario", s.name().toLowerCase(Locale.ROOT)));
    return node;
  }

  private ObjectNode organisation(Organisation o) {
    ObjectNode node = Json.object();
    node.put("shortCode", o.shortCode())
        .put("name", o.name())
        .put("type", o.type().name().toLowerCase(Locale.ROOT))
        .put("stk", o.passkey() != null)
        .put("headOffice", o.headOffice())
        .put("externalValidation", world().externalValidation(o.shortCode()));
    ObjectNode accounts = node.putObject("accounts");
    for (Map.Entry<AccountType, Long> e : world().balances(o).entrySet()) {
      accounts.put(e.getKey().alias(), Money.text(e.getValue()));
    }
    return node;
  }

  private static ObjectNode transaction(Transaction t) {
    ObjectNode node = Json.object();
    node.put("receipt", t.receipt())
        .put("kind", t.kind().name().toLowerCase(Locale.ROOT))
        .put("status", t.status().name().toLowerCase(Locale.ROOT))
        .put("amount", Money.text(t.amount()))
        .put("debitParty", t.debit().publicName())
        .put("debitAccount", t.debit().account() == null ? null : t.debit().account().alias())
        .put("creditParty", t.credit().publicName())
        .put("creditAccount", t.credit().account() == null ? null : t.credit().account().alias())
        .put("initiatedAt", t.initiatedAt().toString())
        .put("completedAt", t.completedAt().toString())
        .put("originatorConversationId", t.originatorConversationId())
        .put("conversationId", t.conversationId())
        .put("billReference", t.billReference())
        .put("originalReceipt", t.originalReceipt())
        .put("reversedBy", t.reversedBy());
    return node;
  }

  /**
   * The SIM facts of a {@code PUT …/sim} body over the current ones: each field given replaces one,
   * {@code "lastSwapDate": null} means never swapped. Dates are {@code 2026-12-01} or {@code
   * 2026-12-01T14:30}, East Africa Time.
   */
  private static SimCard sim(SimCard current, JsonNode body) {
    String imsi = current.imsi();
    LocalDate registered = current.registrationDate();
    LocalDateTime swapped = current.lastSwap();
    if (body.has("imsi")) {
      imsi = body.get("imsi").asText();
    }
    if (body.has("registrationDate")) {
      registered = simDate(body, "registrationDate").toLocalDate();
    }
    if (body.has("lastSwapDate")) {
      swapped = body.get("lastSwapDate").isNull() ? null : simDate(body, "lastSwapDate");
    }
    var unknown = new java.util.ArrayList<String>();
    body.fieldNames().forEachRemaining(unknown::add);
    unknown.removeAll(List.of("imsi", "registrationDate", "lastSwapDate"));
    if (!unknown.isEmpty()) {
      throw new AdminError(
          400,
          "unknown SIM field(s) " + unknown + ": expected imsi, registrationDate, lastSwapDate");
    }
    return new SimCard(imsi, registered, swapped);
  }

  private static LocalDateTime simDate(JsonNode body, String field) {
    String text = body.get(field).asText();
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay()
          : LocalDateTime.parse(text).withNano(0);
    } catch (DateTimeParseException e) {
      throw new AdminError(
          400,
          "'"
              + field
              + "' must be a date like 2026-12-01 or 2026-12-01T14:30 (East Africa Time), got "
              + text);
    }
  }

  private Customer findCustomer(String msisdn) {
    return world().customer(msisdn).orElseThrow(() -> new AdminError(404, "no customer " + msisdn));
  }

  private Organisation findOrganisation(String shortCode) {
    return world()
        .organisation(shortCode)
        .orElseThrow(() -> new AdminError(404, "no organisation " + shortCode));
  }

  private static long cents(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !(value.isNumber() || value.isTextual())) {
      throw new AdminError(
          400, "'" + field + "' is required, e.g. {\"" + field + "\":\"1500.00\"}");
    }
    try {
      return Money.parse(value.asText());
    } catch (RuntimeException e) {
      throw new AdminError(400, "'" + field + "' must be an amount in KES, got " + value);
    }
  }

  private static String required(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw new AdminError(400, "'" + field + "' is required");
    }
    return value.asText();
  }

  private static JsonNode body(HttpExchange ex) throws IOException {
    byte[] bytes;
    try {
      bytes = ex.body(MAX_ADMIN_BODY);
    } catch (HttpExchange.BodyTooLarge e) {
      throw new AdminError(413, "admin request body too large");
    } catch (IOException e) {
      throw new AdminError(400, "request body could not be read: " + e.getMessage());
    }
    try {
      JsonNode node = Json.parse(bytes);
      if (!node.isObject()) {
        throw new AdminError(400, "body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new AdminError(400, "body must be a JSON object: " + e.getMessage());
    }
  }

  private static JsonNode bodyOrEmpty(HttpExchange ex) throws IOException {
    byte[] bytes = ex.body(MAX_ADMIN_BODY);
    if (bytes.length == 0) {
      return Json.object();
    }
    return Json.parse(bytes);
  }

  private static int limit(HttpExchange ex) {
    String text = param(ex, "limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new NumberFormatException();
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new AdminError(400, "limit must be between 1 and " + MAX_LIMIT);
    }
  }

  private static String param(HttpExchange ex, String name) {
    String query = ex.query();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(
            pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void only(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new AdminError(405, method + " not allowed here; use " + allowed);
    }
  }

  private static String[] segments(String path) {
    String rest = path.length() > "/__admin".length() ? path.substring("/__admin/".length()) : "";
    if (rest.isEmpty()) {
      return new String[0];
    }
    String[] segments = rest.split("/");
    for (int i = 0; i < segments.length; i++) {
      segments[i] =
          java.net.URLDecoder.decode(segments[i], java.nio.charset.StandardCharsets.UTF_8);
    }
    return segments;
  }

  private Mpesa mpesa() {
    return server.mpesa();
  }

  private World world() {
    return server.mpesa().world();
  }
}
