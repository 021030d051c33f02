package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The document at {@code /openapi.json} says exactly what the merchant API does: every route with
 * its method, and the payment JSON property for property. A route or a field added without
 * documenting it fails here.
 */
class OpenApiDocumentTest {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @RegisterExtension GatewayHarness h = new GatewayHarness();

  private JsonNode document() {
    Reply reply = h.merchant().send("GET", "/openapi.json", null, null, null);
    assertThat(reply.status()).isEqualTo(200);
    return reply.json();
  }

  /** The routes that need an API key, as the running gateway lists them. */
  private List<Router.Listing> merchantRoutes() {
    return h.gateway().routes().stream().filter(Router.Listing::authenticated).toList();
  }

  @Test
  void documentIsServedWithoutAnApiKeyAndParsesAsOpenApi31() {
    JsonNode doc = document();

    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.path("paths").size()).isPositive();
    assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText())
        .isEqualTo("bearer");
    assertThat(doc.at("/security/0").has("bearerAuth")).isTrue();
  }

  @Test
  void everyMerchantRouteIsDocumentedWithItsMethodAndNeedsTheApiKey() {
    JsonNode paths = document().path("paths");
    List<Router.Listing> routes = merchantRoutes();
    assertThat(routes).isNotEmpty();

    for (Router.Listing route : routes) {
      JsonNode operation =
          paths.path(route.pattern()).path(route.method().toLowerCase(Locale.ROOT));
      assertThat(operation.isObject())
          .as("%s %s is in openapi.json", route.method(), route.pattern())
          .isTrue();
      assertThat(route.authenticated()).isTrue();
      // An operation inherits the document's bearerAuth unless it overrides it with [].
      assertThat(operation.has("security"))
          .as("%s %s keeps the API key requirement", route.method(), route.pattern())
          .isFalse();
      if (route.method().equals("POST")) {
        // The server runs every authenticated POST through Idempotency-Key handling.
        assertThat(operation.path("parameters").toString())
            .as("%s %s documents Idempotency-Key", route.method(), route.pattern())
            .contains("#/components/parameters/IdempotencyKey");
        assertThat(names(operation.path("responses")))
            .as("%s %s documents the idempotency errors", route.method(), route.pattern())
            .contains("409", "422");
      }
    }
    Set<String> registered = new TreeSet<>();
    routes.forEach(r -> registered.add(r.method() + " " + r.pattern()));
    assertThat(documentedOperations(paths, "/v1/"))
        .as("/v1 operations in openapi.json vs the routes the merchant API registers")
        .containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void everyRouteTheGatewayServesIsDocumentedAndPublicOnesSaySo() {
    JsonNode paths = document().path("paths");
    Set<String> served = new TreeSet<>();
    for (Router.Listing route : h.gateway().routes()) {
      served.add(route.method() + " " + route.pattern());
      JsonNode security =
          paths
              .path(route.pattern())
              .path(route.method().toLowerCase(Locale.ROOT))
              .path("security");
      assertThat(security.isArray() && security.isEmpty())
          .as(
              "%s %s is documented as needing no key exactly when it needs none",
              route.method(), route.pattern())
          .isEqualTo(!route.authenticated());
    }
    assertThat(documentedOperations(paths, "/"))
        .as("every operation in openapi.json vs every route the gateway serves")
        .containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void theQueryParametersDocumentedAreExactlyTheOnesEachRouteTakes() {
    JsonNode doc = document();
    for (Router.Listing route : merchantRoutes()) {
      Set<String> documented = new TreeSet<>();
      for (JsonNode parameter :
          doc.path("paths")
              .path(route.pattern())
              .path(route.method().toLowerCase(Locale.ROOT))
              .path("parameters")) {
        JsonNode resolved =
            parameter.has("$ref") ? doc.at(parameter.get("$ref").asText().substring(1)) : parameter;
        if (resolved.path("in").asText().equals("query")) {
          documented.add(resolved.path("name").asText());
        }
      }
      assertThat(documented)
          .as("query parameters of %s %s", route.method(), route.pattern())
          .containsExactlyInAnyOrderElementsOf(route.query());
    }
  }

  @Test
  void everyEventTypeIsDocumented() {
    Set<String> documented = new TreeSet<>();
    document()
        .at("/components/schemas/Event/properties/type/enum")
        .forEach(t -> documented.add(t.asText()));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(h.gateway().eventTypes());
  }

  @Test
  void publicOperationsAreDocumentedWithoutSecurityAndAnswerWithoutAKey() {
    JsonNode paths = document().path("paths");

    for (String path : List.of("/health", "/metrics", "/openapi.json")) {
      JsonNode security = paths.path(path).path("get").path("security");
      assertThat(security.isArray() && security.isEmpty()).as("%s is public", path).isTrue();
      assertThat(h.merchant().send("GET", path, null, null, null).status())
          .as("GET %s without a key", path)
          .isEqualTo(200);
    }
  }

  @Test
  void payoutJsonHasExactlyThePropertiesTheSchemaDeclares() {
    JsonNode doc = document();
    JsonNode schema = doc.at("/components/schemas/Payout");
    Set<String> declared = names(schema.path("properties"));
    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    assertThat(required).as("Payout.required").containsExactlyInAnyOrderElementsOf(declared);

    Reply created =
        h.merchant()
            .post(
                "/v1/payouts",
                "{\"phone\":\"0708374149\",\"amount\":150,\"type\":\"business\","
                    + "\"remarks\":\"Refund\",\"occasion\":\"INV-1\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(names(created.json())).containsExactlyInAnyOrderElementsOf(declared);
    assertConforms(doc, created.json(), schema, "created payout");

    Reply paid =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/payouts/" + created.text("id")),
                r -> !r.text("status").equals("pending"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertConforms(doc, paid.json(), schema, "succeeded payout");
    assertConforms(
        doc,
        h.merchant().get("/v1/payouts").json(),
        doc.at("/components/schemas/PayoutList"),
        "payout list");
  }

  @Test
  void heldApprovedAndRejectedPayoutsMatchThePayoutSchema() {
    JsonNode doc = document();
    JsonNode schema = doc.at("/components/schemas/Payout");
    try (io.github.darajakit.gateway.DarajaGateway checked =
        h.newGateway(
            g ->
                g.apiKey(GatewayHarness.API_KEY + "," + GatewayHarness.CHECKER_KEY)
                    .fraudChecks(
                        new io.github.darajakit.gateway.payouts.FraudChecks(
                            java.time.Duration.ofDays(7), true)))) {
      MerchantClient maker = new MerchantClient(checked.baseUrl(), GatewayHarness.API_KEY);
      MerchantClient checker = new MerchantClient(checked.baseUrl(), GatewayHarness.CHECKER_KEY);
      String swapped =
          "{\"phone\":\"254700000911\",\"amount\":150,\"type\":\"business\","
              + "\"remarks\":\"Refund\",\"expected_name\":\"Swapped Sim\"}";
      Reply held = maker.post("/v1/payouts", swapped);
      assertThat(held.text("status")).isEqualTo("held");
      assertThat(held.json().path("checks")).hasSize(2);
      assertConforms(doc, held.json(), schema, "held payout");

      Reply approved = checker.post("/v1/payouts/" + held.text("id") + "/approve", "{}");
      assertThat(approved.status()).isEqualTo(200);
      assertConforms(doc, approved.json(), schema, "approved payout");
      Reply rejected =
          checker.post(
              "/v1/payouts/" + maker.post("/v1/payouts", swapped).text("id") + "/reject", "{}");
      assertThat(rejected.text("status")).isEqualTo("cancelled");
      assertConforms(doc, rejected.json(), schema, "rejected payout");
      assertConforms(
          doc,
          maker.get("/v1/overview").json(),
          doc.at("/components/schemas/Overview"),
          "overview");
    }
  }

  @Test
  void b2bPaymentAndReversalJsonHaveExactlyThePropertiesTheirSchemasDeclare() {
    JsonNode doc = document();
    JsonNode b2bSchema = doc.at("/components/schemas/B2bPayment");
    Reply b2b =
        h.merchant()
            .post(
                "/v1/b2b-payments",
                "{\"receiver_type\":\"paybill\",\"receiver\":\"600978\","
                    + "\"account_reference\":\"ACC-1\",\"amount\":150,\"remarks\":\"Stock\"}");
    assertThat(b2b.status()).as(b2b.json().toString()).isEqualTo(201);
    assertThat(names(b2b.json()))
        .containsExactlyInAnyOrderElementsOf(names(b2bSchema.path("properties")));
    assertConforms(doc, b2b.json(), b2bSchema, "created B2B payment");
    Reply paid =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/b2b-payments/" + b2b.text("id")),
                r -> !r.text("status").equals("pending"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertConforms(doc, paid.json(), b2bSchema, "succeeded B2B payment");
    assertConforms(
        doc,
        h.merchant().get("/v1/b2b-payments").json(),
        doc.at("/components/schemas/B2bPaymentList"),
        "B2B payment list");

    String paymentId =
        h.merchant()
            .post(
                "/v1/payments",
                "{\"phone\":\"0708374149\",\"amount\":150,\"reference\":\"INV-1\","
                    + "\"description\":\"Invoice 1\"}")
            .text("id");
    String receipt = h.merchant().awaitSettled(paymentId).text("mpesa_receipt");
    JsonNode reversalSchema = doc.at("/components/schemas/Reversal");
    Reply reversal = h.merchant().post("/v1/reversals", "{\"receipt\":\"" + receipt + "\"}");
    assertThat(reversal.status()).as(reversal.json().toString()).isEqualTo(201);
    assertThat(names(reversal.json()))
        .containsExactlyInAnyOrderElementsOf(names(reversalSchema.path("properties")));
    assertConforms(doc, reversal.json(), reversalSchema, "created reversal");
    Reply reversed =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(10))
            .until(
                () -> h.merchant().get("/v1/reversals/" + reversal.text("id")),
                r -> !r.text("status").equals("pending"));
    assertThat(reversed.text("status")).isEqualTo("succeeded");
    assertConforms(doc, reversed.json(), reversalSchema, "succeeded reversal");
    assertConforms(
        doc,
        h.merchant().get("/v1/reversals").json(),
        doc.at("/components/schemas/ReversalList"),
        "reversal list");
    assertConforms(
        doc,
        h.merchant().get("/v1/payments/" + paymentId).json(),
        doc.at("/components/schemas/Payment"),
        "reversed payment");
    assertConforms(
        doc,
        h.merchant().get("/v1/overview").json(),
        doc.at("/components/schemas/Overview"),
        "overview");
  }

  @Test
  void b2bCollectionJsonHasExactlyThePropertiesItsSchemaDeclares() {
    JsonNode doc = document();
    JsonNode schema = doc.at("/components/schemas/B2bCollection");
    Set<String> declared = names(schema.path("properties"));
    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    assertThat(required).as("B2bCollection.required").containsExactlyInAnyOrderElementsOf(declared);

    Reply created =
        h.merchant().post("/v1/b2b-collections", B2bCollectionTest.collection(h, 150, "INV-1"));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    assertThat(names(created.json())).containsExactlyInAnyOrderElementsOf(declared);
    assertConforms(doc, created.json(), schema, "created B2B collection");
    Reply paid = B2bCollectionTest.awaitFinal(h, created.text("id"));
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertConforms(doc, paid.json(), schema, "succeeded B2B collection");
    assertConforms(
        doc,
        h.merchant().get("/v1/b2b-collections").json(),
        doc.at("/components/schemas/B2bCollectionList"),
        "B2B collection list");
    assertConforms(
        doc,
        h.merchant().get("/v1/overview").json(),
        doc.at("/components/schemas/Overview"),
        "overview");
  }

  @Test
  void checkoutJsonMatchesItsSchemasExactly() {
    JsonNode doc = document();
    Reply link =
        h.merchant()
            .post(
                "/v1/payment-links",
                "{\"min_amount\":10,\"max_amount\":900,\"reference\":\"TIPS\","
                    + "\"description\":\"Tips\",\"max_uses\":3}");
    assertThat(link.status()).as(link.json().toString()).isEqualTo(201);
    assertExactly(doc, "PaymentLink", link.json());
    String linkCode = link.text("code");
    assertExactly(
        doc,
        "PublicPaymentLink",
        CheckoutTest.publicCall(h, "GET", "/pay/api/" + linkCode, null).json());
    assertExactly(
        doc,
        "PublicCheckoutSession",
        CheckoutTest.publicCall(h, "POST", "/pay/api/" + linkCode + "/sessions", null).json());

    Reply session = CheckoutTest.open(h, 150);
    assertExactly(doc, "CheckoutSession", session.json());
    Reply paying = CheckoutTest.pay(h, CheckoutTest.code(session), CheckoutTest.PAYS);
    assertExactly(doc, "PublicCheckoutSession", paying.json());
    assertConforms(
        doc,
        h.merchant().get("/v1/payment-links").json(),
        doc.at("/components/schemas/PaymentLinkList"),
        "payment link list");
    assertConforms(
        doc,
        h.merchant().get("/v1/checkout-sessions").json(),
        doc.at("/components/schemas/CheckoutSessionList"),
        "checkout session list");
  }

  /** {@code value} has exactly the properties schema {@code name} declares, and conforms to it. */
  private static void assertExactly(JsonNode doc, String name, JsonNode value) {
    JsonNode schema = doc.at("/components/schemas/" + name);
    assertThat(names(value))
        .as(name)
        .containsExactlyInAnyOrderElementsOf(names(schema.path("properties")));
    assertConforms(doc, value, schema, name);
  }

  @Test
  void paymentJsonHasExactlyThePropertiesTheSchemaDeclares() {
    JsonNode doc = document();
    JsonNode schema = doc.at("/components/schemas/Payment");
    Set<String> declared = names(schema.path("properties"));
    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    assertThat(required).as("Payment.required").containsExactlyInAnyOrderElementsOf(declared);

    Reply created =
        h.merchant()
            .post(
                "/v1/payments",
                "{\"phone\":\"0708374149\",\"amount\":150,\"reference\":\"INV-1\","
                    + "\"description\":\"Invoice 1\",\"metadata\":{\"order\":\"42\"}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(names(created.json()))
        .as("properties of a created payment vs components.schemas.Payment")
        .containsExactlyInAnyOrderElementsOf(declared);
    assertConforms(doc, created.json(), schema, "created payment");

    String id = created.text("id");
    Reply paid = h.merchant().awaitSettled(id);
    assertThat(paid.text("status")).isEqualTo("succeeded");
    assertThat(names(paid.json()))
        .as("properties of a succeeded payment vs components.schemas.Payment")
        .containsExactlyInAnyOrderElementsOf(declared);
    assertConforms(doc, paid.json(), schema, "succeeded payment");
  }

  @Test
  void failedPaymentAndErrorsMatchTheirSchemas() {
    JsonNode doc = document();
    JsonNode payment = doc.at("/components/schemas/Payment");
    String id =
        h.merchant()
            .post(
                "/v1/payments",
                "{\"phone\":\"254700001032\",\"amount\":20,\"reference\":\"INV-2\","
                    + "\"description\":\"Invoice 2\"}")
            .text("id");
    Reply cancelled = h.merchant().awaitSettled(id);
    assertThat(cancelled.text("status")).isEqualTo("cancelled");
    assertConforms(doc, cancelled.json(), payment, "cancelled payment");

    Reply invalid = h.merchant().post("/v1/payments", "{\"phone\":\"0712 34\"}");
    assertThat(invalid.status()).isEqualTo(400);
    assertConforms(doc, invalid.json(), doc.at("/components/schemas/Error"), "error");
    Reply unauthorized = h.merchant().send("GET", "/v1/payments", null, null, null);
    assertThat(unauthorized.status()).isEqualTo(401);
    assertConforms(doc, unauthorized.json(), doc.at("/components/schemas/Error"), "401");
    Reply list = h.merchant().get("/v1/payments?limit=1");
    assertConforms(doc, list.json(), doc.at("/components/schemas/PaymentList"), "payment list");
  }

  private static Set<String> documentedOperations(JsonNode paths, String prefix) {
    Set<String> operations = new TreeSet<>();
    paths
        .fieldNames()
        .forEachRemaining(
            path -> {
              if (path.startsWith(prefix)) {
                paths
                    .path(path)
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                          }
                        });
              }
            });
    return operations;
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Checks a value against the few schema keywords openapi.json uses: {@code $ref}, {@code oneOf},
   * {@code const}, {@code enum}, {@code type}, {@code properties}, {@code required}, {@code
   * additionalProperties} and {@code items}.
   */
  private static void assertConforms(JsonNode doc, JsonNode value, JsonNode schema, String where) {
    if (schema.has("$ref")) {
      assertConforms(doc, value, doc.at(schema.get("$ref").asText().substring(1)), where);
      return;
    }
    if (schema.has("oneOf")) {
      List<AssertionError> failures = new ArrayList<>();
      for (JsonNode option : schema.get("oneOf")) {
        try {
          assertConforms(doc, value, option, where);
        } catch (AssertionError e) {
          failures.add(e);
        }
      }
      assertThat(failures).as("%s matches exactly one of oneOf", where).hasSize(1);
      return;
    }
    if (schema.has("const")) {
      assertThat(value).as(where).isEqualTo(schema.get("const"));
    }
    if (schema.has("enum")) {
      assertThat(StreamSupport.stream(schema.get("enum").spliterator(), false).toList())
          .as(where)
          .contains(value);
    }
    if (schema.has("type")) {
      JsonNode type = schema.get("type");
      List<String> types =
          type.isArray()
              ? StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText).toList()
              : List.of(type.asText());
      assertThat(types).as("%s is %s", where, value).contains(typeOf(value));
    }
    if (value.isObject() && schema.has("properties")) {
      JsonNode properties = schema.get("properties");
      schema
          .path("required")
          .forEach(r -> assertThat(value.has(r.asText())).as("%s.%s", where, r.asText()).isTrue());
      value
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (properties.has(name)) {
                  assertConforms(doc, value.get(name), properties.get(name), where + "." + name);
                } else {
                  assertThat(schema.path("additionalProperties").asBoolean(true))
                      .as("%s.%s is undocumented", where, name)
                      .isTrue();
                }
              });
    }
    if (value.isObject() && schema.path("additionalProperties").isObject()) {
      value
          .fields()
          .forEachRemaining(
              e ->
                  assertConforms(
                      doc,
                      e.getValue(),
                      schema.get("additionalProperties"),
                      where + "." + e.getKey()));
    }
    if (value.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode item : value) {
        assertConforms(doc, item, schema.get("items"), where + "[" + i++ + "]");
      }
    }
  }

  private static String typeOf(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return value.isArray() ? "array" : "object";
  }
}
