package io.github.darajakit.emulator.admin;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static io.github.darajakit.emulator.support.DarajaAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.world.Scenario;
import io.github.darajakit.emulator.support.CallbackReceiver.Received;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The emulator's own API under {@code /__admin/}. */
class AdminApiTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final String STK = "/mpesa/stkpush/v1/processrequest";
  private static final String B2C = "/mpesa/b2c/v3/paymentrequest";

  private static Reply admin(String method, String path, String body) {
    return h.daraja().admin(method, path, body);
  }

  private static JsonNode ok(Reply reply) {
    assertThat(reply.status()).as("%s", reply).isBetween(200, 201);
    return reply.json();
  }

  private static void assertAdminError(Reply reply, int status, String... mentions) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(fieldNames(reply.json())).as("%s", reply).containsExactly("error");
    assertThat(reply.text("error")).contains(mentions);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static JsonNode pay(String msisdn, String shortCode, long amount) {
    Reply reply =
        admin(
            "POST",
            "c2b/payments",
            "{\"msisdn\":\"%s\",\"shortCode\":\"%s\",\"amount\":%d,\"billRefNumber\":\"inv\"}"
                .formatted(msisdn, shortCode, amount));
    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    return reply.json();
  }

  // ---- health, scenarios, state ------------------------------------------------------------

  @Test
  void healthSaysUpAndWhereTheEmulatorIs() {
    JsonNode health = h.daraja().adminGet("health");
    JsonNode root = ok(admin("GET", "", null));

    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("baseUrl").asText()).isEqualTo(h.emulator().baseUrl());
    assertThat(health.path("scenarios").asText())
        .isEqualTo(h.emulator().baseUrl() + "/__admin/scenarios");
    assertThat(Instant.parse(health.path("startedAt").asText()))
        .isBeforeOrEqualTo(Instant.parse(health.path("now").asText()));
    assertThat(root.path("status").asText()).isEqualTo("UP");
  }

  @Test
  void scenariosListEveryMagicNumberOfTheScenarioTable() {
    List<JsonNode> rows = list(h.daraja().adminGet("scenarios").path("scenarios"));

    assertThat(rows).hasSize(Scenario.values().length);
    for (int i = 0; i < rows.size(); i++) {
      Scenario scenario = Scenario.values()[i];
      JsonNode row = rows.get(i);
      assertThat(row.path("name").asText()).isEqualTo(scenario.name().toLowerCase(Locale.ROOT));
      assertThat(row.path("msisdn").asText()).isEqualTo(scenario.msisdn());
      assertThat(row.path("description").asText()).isEqualTo(scenario.description());
      assertThat(row.path("openingBalance").asLong()).isEqualTo(scenario.openingBalance());
      assertThat(row.path("registered").asBoolean()).isEqualTo(scenario.registered());
      assertThat(row.path("stk").asText()).isNotBlank();
      assertThat(row.path("b2c").asText()).isNotBlank();
    }
    JsonNode cancelled = rows.get(Scenario.CANCELLED.ordinal());
    assertThat(cancelled.path("stk").asText()).isEqualTo("1032 Request cancelled by user");
    assertThat(rows.get(Scenario.SUBSCRIBER_BUSY.ordinal()).path("stk").asText())
        .contains("500.001.1001");
    assertThat(rows.get(Scenario.QUEUE_TIMEOUT.ordinal()).path("b2c").asText())
        .contains("QueueTimeOutURL");
  }

  @Test
  void stateCountsTheWorldAndFollowsWhatHappens() {
    JsonNode before = h.daraja().adminGet("state");

    assertThat(before.path("customers").asInt()).isEqualTo(Scenario.values().length);
    assertThat(before.path("organisations").asInt()).isEqualTo(13);
    assertThat(before.path("transactions").asInt()).isZero();
    assertThat(before.path("pendingPrompts").asInt()).isZero();
    assertThat(before.path("liveTokens").asInt()).isZero();
    assertThat(before.path("c2bRegistrations").asInt()).isZero();
    assertThat(before.path("manualMode").asBoolean()).isFalse();
    assertThat(before.path("clockOffset").asText()).isEqualTo("PT0S");
    assertThat(before.path("lockedInitiators").size()).isZero();

    h.daraja()
        .post(
            "/mpesa/c2b/v2/registerurl",
            Requests.c2bRegister(Requests.SHORTCODE, "Completed", h.url("/c"), null));
    pay("254799111222", Requests.SHORTCODE, 5);
    JsonNode after = h.daraja().adminGet("state");

    assertThat(after.path("liveTokens").asInt()).isEqualTo(1);
    assertThat(after.path("c2bRegistrations").asInt()).isEqualTo(1);
    assertThat(after.path("transactions").asInt()).isEqualTo(1);
    assertThat(after.path("customers").asInt()).isEqualTo(Scenario.values().length + 1);
  }

  // ---- customers and organisations ---------------------------------------------------------

  @Test
  void createdCustomerExistsAndReceivesABusinessPayment() {
    Reply created =
        admin(
            "POST",
            "customers",
            """
            {"msisdn":"254711222333","firstName":"JANE","middleName":"WANJIKU","lastName":"DOE",
             "balance":"500.00","pin":"4321"}
            """);

    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.text("msisdn")).isEqualTo("254711222333");
    assertThat(created.text("balance")).isEqualTo("500.00");
    assertThat(created.json().path("registered").asBoolean()).isTrue();
    assertThat(h.daraja().adminGet("customers/254711222333").path("lastName").asText())
        .isEqualTo("DOE");

    Reply ack =
        h.daraja()
            .post(
                B2C,
                Requests.b2c(
                    "to-jane", h.credential(), 100, "254711222333", h.url("/jane"), h.url("/t")));
    assertThat(ack.status()).as("%s", ack).isEqualTo(200);
    Received result = h.receiver().awaitOne("/jane");

    assertThat(result.body().at("/Result/ResultCode").asInt()).isZero();
    assertThat(result.raw()).contains("254711222333 - JANE WANJIKU DOE");
    assertThat(h.daraja().adminGet("customers/254711222333").path("balance").asText())
        .isEqualTo("600.00");
  }

  @Test
  void createdBuyGoodsOrganisationTakesStkPushesWithItsOwnPasskey() {
    Reply created =
        admin(
            "POST",
            "organisations",
            """
            {"shortCode":"700700","name":"Acme Store","type":"buy_goods","passkey":"acme-passkey",
             "balances":{"Utility Account":"0","Working Account":"10.00"}}
            """);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.text("type")).isEqualTo("buy_goods");
    assertThat(created.json().path("stk").asBoolean()).isTrue();
    assertThat(created.json().path("accounts").path("Working Account").asText()).isEqualTo("10.00");

    ObjectNode push = Requests.stkPush(Requests.TEST_MSISDN, 50, h.url("/acme"));
    push.put("BusinessShortCode", "700700")
        .put("Password", Requests.password("700700", "acme-passkey", Requests.TIMESTAMP))
        .put("TransactionType", "CustomerBuyGoodsOnline")
        .put("PartyB", "700700");
    Reply ack = h.daraja().post(STK, push);
    assertThat(ack.status()).as("%s", ack).isEqualTo(200);
    Received callback = h.receiver().awaitOne("/acme");

    assertThat(callback.body().at("/Body/stkCallback/ResultCode").asInt()).isZero();
    assertThat(
            h.daraja()
                .adminGet("organisations/700700")
                .path("accounts")
                .path("Utility Account")
                .asText())
        .isEqualTo("50.00");

    push.put("Password", Requests.password("700700", Requests.PASSKEY, Requests.TIMESTAMP));
    assertDarajaError(h.daraja().post(STK, push), "500.001.1001", "Wrong credentials");
  }

  @Test
  void customersAndOrganisationsAreListed() {
    List<JsonNode> customers = list(h.daraja().adminGet("customers").path("customers"));
    List<JsonNode> limited = list(h.daraja().adminGet("customers?limit=2").path("customers"));
    List<JsonNode> organisations = list(h.daraja().adminGet("organisations").path("organisations"));

    assertThat(customers).hasSize(Scenario.values().length);
    assertThat(customers).extracting(c -> c.path("msisdn").asText()).isSorted();
    assertThat(limited).hasSize(2);
    assertThat(organisations)
        .extracting(o -> o.path("shortCode").asText())
        .contains("174379", "600992", "600000", "572572", "600500", "600501", "600100");
  }

  @Test
  void balancesCanBeSetForCustomersAndOrganisationAccounts() {
    Reply customer =
        admin("PUT", "customers/" + Requests.TEST_MSISDN + "/balance", "{\"balance\":\"1234.50\"}");
    Reply utility = admin("PUT", "organisations/600992/accounts/utility", "{\"balance\":42}");
    Reply working = admin("PUT", "organisations/600992/accounts/WORKING", "{\"balance\":\"7.25\"}");
    Reply charges =
        admin("PUT", "organisations/600992/accounts/Charges%20Paid%20Account", "{\"balance\":-3}");
    assertThat(charges.status()).isEqualTo(200);
    assertThat(charges.json().path("accounts").path("Charges Paid Account").asText())
        .isEqualTo("-3.00");

    assertThat(ok(customer).path("balance").asText()).isEqualTo("1234.50");
    assertThat(ok(utility).path("accounts").path("Utility Account").asText()).isEqualTo("42.00");
    assertThat(ok(working).path("accounts").path("Working Account").asText()).isEqualTo("7.25");
    assertThat(h.daraja().adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText())
        .isEqualTo("1234.50");
  }

  static Stream<Arguments> badWorldChanges() {
    return Stream.of(
        Arguments.of(
            "PUT", "customers/254708374149/balance", "{\"balance\":\"lots\"}", 400, "'balance'"),
        Arguments.of("PUT", "customers/254708374149/balance", "{}", 400, "'balance'"),
        Arguments.of(
            "PUT", "customers/254708374149/balance", "{\"balance\":\"1.005\"}", 400, "'balance'"),
        Arguments.of(
            "PUT", "customers/254700000099/balance", "{\"balance\":1}", 404, "254700000099"),
        Arguments.of(
            "PUT", "organisations/600992/accounts/savings", "{\"balance\":1}", 400, "savings"),
        Arguments.of(
            "PUT", "organisations/999999/accounts/utility", "{\"balance\":1}", 404, "999999"),
        Arguments.of("GET", "customers/254700000099", null, 404, "254700000099"),
        Arguments.of("GET", "organisations/999999", null, 404, "999999"),
        Arguments.of(
            "POST", "customers", "{\"msisdn\":\"0712345678\",\"firstName\":\"A\"}", 400, "msisdn"),
        Arguments.of("POST", "customers", "{\"msisdn\":\"254712345678\"}", 400, "firstName"),
        Arguments.of(
            "POST",
            "customers",
            "{\"msisdn\":\"254712345678\",\"firstName\":\"A\",\"balance\":{}}",
            400,
            "balance"),
        Arguments.of(
            "POST", "organisations", "{\"shortCode\":\"12\",\"name\":\"X\"}", 400, "shortCode"),
        Arguments.of(
            "POST",
            "organisations",
            "{\"shortCode\":\"700701\",\"name\":\"X\",\"type\":\"bank\"}",
            400,
            "type"),
        Arguments.of("POST", "organisations", "{\"shortCode\":\"700701\"}", 400, "name"),
        Arguments.of("POST", "customers", "{", 400, "JSON"),
        Arguments.of("POST", "customers", "[]", 400, "JSON object"),
        Arguments.of("DELETE", "customers", null, 405, "DELETE"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("badWorldChanges")
  void badWorldChangeIsAJsonErrorThatSaysWhatIsWrong(
      String method, String path, String body, int status, String mention) {
    String before = h.daraja().adminGet("customers/254708374149").path("balance").asText();

    assertAdminError(admin(method, path, body), status, mention);
    assertThat(h.daraja().adminGet("customers/254708374149").path("balance").asText())
        .isEqualTo(before);
  }

  // ---- ledger and deliveries ---------------------------------------------------------------

  @Test
  void transactionsAreListedNewestFirstFilteredByPartyAndLimited() {
    String first = pay(Requests.TEST_MSISDN, "600992", 10).path("transId").asText();
    String second = pay(Requests.TEST_MSISDN, "600997", 11).path("transId").asText();
    String third = pay("254700001032", "600992", 12).path("transId").asText();

    List<JsonNode> all = list(h.daraja().adminGet("transactions").path("transactions"));
    List<JsonNode> to600992 =
        list(h.daraja().adminGet("transactions?party=600992").path("transactions"));
    List<JsonNode> fromTestCustomer =
        list(h.daraja().adminGet("transactions?party=254708374149").path("transactions"));
    List<JsonNode> newest = list(h.daraja().adminGet("transactions?limit=1").path("transactions"));
    JsonNode one = h.daraja().adminGet("transactions/" + second);

    assertThat(all)
        .extracting(t -> t.path("receipt").asText())
        .containsExactly(third, second, first);
    assertThat(to600992).extracting(t -> t.path("receipt").asText()).containsExactly(third, first);
    assertThat(fromTestCustomer)
        .extracting(t -> t.path("receipt").asText())
        .containsExactly(second, first);
    assertThat(newest).extracting(t -> t.path("receipt").asText()).containsExactly(third);
    assertThat(one.path("kind").asText()).isEqualTo("c2b_paybill");
    assertThat(one.path("status").asText()).isEqualTo("completed");
    assertThat(one.path("amount").asText()).isEqualTo("11.00");
    assertThat(one.path("debitParty").asText()).isEqualTo("254708374149 - JOHN DOE");
    assertThat(one.path("creditParty").asText()).startsWith("600997 - ");
    assertThat(one.path("creditAccount").asText()).isEqualTo("Utility Account");
    assertThat(one.path("billReference").asText()).isEqualTo("inv");
    assertAdminError(admin("GET", "transactions/NOSUCHRCPT", null), 404, "NOSUCHRCPT");
    assertAdminError(admin("GET", "transactions?limit=0", null), 400, "limit");
    assertAdminError(admin("GET", "transactions?limit=many", null), 400, "limit");
  }

  @Test
  void adminPaymentWithBadInputIsRefusedAndMovesNothing() {
    assertAdminError(
        admin(
            "POST",
            "c2b/payments",
            "{\"msisdn\":\"0708374149\",\"shortCode\":\"600992\",\"amount\":1}"),
        400,
        "msisdn");
    assertAdminError(
        admin(
            "POST",
            "c2b/payments",
            "{\"msisdn\":\"254708374149\",\"shortCode\":\"600992\",\"amount\":1.5}"),
        400,
        "amount");
    assertAdminError(
        admin(
            "POST",
            "c2b/payments",
            "{\"msisdn\":\"254708374149\",\"shortCode\":\"600992\",\"amount\":1e999999999}"),
        400,
        "amount");
    assertAdminError(
        admin(
            "POST",
            "c2b/payments",
            "{\"msisdn\":\"254708374149\",\"shortCode\":\"1\",\"amount\":1}"),
        404,
        "1");
    assertThat(h.daraja().adminGet("state").path("transactions").asInt()).isZero();
  }

  @Test
  void insufficientFundsPaymentIsReportedButNotRecorded() {
    JsonNode result =
        ok(
            admin(
                "POST",
                "c2b/payments",
                "{\"msisdn\":\"254700000001\",\"shortCode\":\"600992\",\"amount\":5}"));

    assertThat(result.path("status").asText()).isEqualTo("insufficient_funds");
    assertThat(result.path("resultCode").asText()).isEqualTo("1");
    assertThat(h.daraja().adminGet("state").path("transactions").asInt()).isZero();
  }

  @Test
  void deliveriesAreRecordedAndFilteredByKind() {
    h.daraja()
        .post(
            "/mpesa/c2b/v1/registerurl",
            Requests.c2bRegister(Requests.SHORTCODE, "Completed", h.url("/confirm"), null));
    pay(Requests.TEST_MSISDN, Requests.SHORTCODE, 20);
    h.daraja().post(STK, Requests.stkPush(Requests.TEST_MSISDN, 21, h.url("/prompted")));
    h.receiver().awaitOne("/confirm");
    h.receiver().awaitOne("/prompted");

    List<JsonNode> stk =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> list(h.daraja().adminGet("deliveries?kind=stk").path("deliveries")),
                l -> l.size() == 1 && l.get(0).path("state").asText().equals("delivered"));
    List<JsonNode> confirmations =
        list(h.daraja().adminGet("deliveries?kind=c2b_confirmation").path("deliveries"));
    List<JsonNode> all = list(h.daraja().adminGet("deliveries").path("deliveries"));
    List<JsonNode> byUrl = list(h.daraja().adminGet("deliveries?url=/prompted").path("deliveries"));

    JsonNode delivery = stk.get(0);
    assertThat(delivery.path("url").asText()).isEqualTo(h.url("/prompted"));
    assertThat(delivery.path("httpStatus").asInt()).isEqualTo(200);
    assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
    assertThat(delivery.path("duplicate").asBoolean()).isFalse();
    assertThat(delivery.path("body").at("/Body/stkCallback/ResultCode").asInt()).isZero();
    assertThat(confirmations).hasSize(1);
    assertThat(confirmations.get(0).path("body").path("TransAmount").asText()).isEqualTo("20.00");
    assertThat(all)
        .extracting(d -> d.path("kind").asText())
        .containsExactly("stk", "c2b_confirmation");
    assertThat(byUrl).hasSize(1);
    assertThat(list(h.daraja().adminGet("deliveries?kind=result").path("deliveries"))).isEmpty();
  }

  // ---- counters, settings, clock -----------------------------------------------------------

  @Test
  void countersCountEveryRequestAndDeleteZeroesThem() {
    h.daraja().post(STK, DarajaHttp.object());
    h.daraja().post(STK, DarajaHttp.object());
    h.daraja().post("/mpesa/c2b/v1/registerurl", "{}", null, "application/json");

    JsonNode counters = h.daraja().adminGet("counters");
    assertThat(counters.path("endpoints").path("stk_push").asLong()).isEqualTo(2);
    assertThat(counters.path("endpoints").path("c2b_register_v1").asLong()).isEqualTo(1);
    assertThat(counters.path("endpoints").path("oauth").asLong()).isEqualTo(1);
    assertThat(counters.path("consumers").path("test-key").path("stk_push").asLong()).isEqualTo(2);

    Reply deleted = admin("DELETE", "counters", null);

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().toString()).isEqualTo("{\"endpoints\":{},\"consumers\":{}}");
    assertThat(h.daraja().adminGet("counters").toString())
        .isEqualTo("{\"endpoints\":{},\"consumers\":{}}");
  }

  @Test
  void settingsShowTheRuntimeConfigurationWithoutSecrets() {
    JsonNode settings = h.daraja().adminGet("settings");

    assertThat(fieldNames(settings))
        .containsExactly(
            "server",
            "admin",
            "seed",
            "auth",
            "callbacks",
            "stk",
            "customers",
            "b2c",
            "c2b",
            "credentials",
            "pull",
            "ratiba",
            "billManager",
            "retention",
            "world");
    assertThat(settings.path("server").path("port").asInt()).isZero();
    assertThat(settings.path("auth").path("tokenTtl").asText()).isEqualTo("3599s");
    assertThat(settings.path("callbacks").path("delay").asText()).isEqualTo("20ms");
    assertThat(settings.path("credentials").path("initiatorNames").toString())
        .isEqualTo("[\"testapi\"]");
    assertThat(settings.toString()).doesNotContain("Safaricom999");
  }

  @Test
  void patchedSettingsTakeEffectAtOnce() {
    Reply patched = admin("PATCH", "settings", "{\"stk\":{\"maxAmount\":5},\"b2c.minAmount\":50}");

    assertThat(ok(patched).path("stk").path("maxAmount").asLong()).isEqualTo(5);
    assertThat(h.daraja().adminGet("settings").path("b2c").path("minAmount").asLong())
        .isEqualTo(50);
    h.daraja().post(STK, Requests.stkPush(Requests.TEST_MSISDN, 6, h.url("/over-max")));
    Received callback = h.receiver().awaitOne("/over-max");
    assertThat(callback.body().at("/Body/stkCallback/ResultCode").asInt()).isEqualTo(3);
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("{\"stk\":{\"maxAmmount\":5}}", "'stk.maxAmmount'"),
        Arguments.of("{\"nonsense\":true}", "'nonsense'"),
        Arguments.of("{\"stk.maxAmount\":\"lots\"}", "'stk.maxAmount'"),
        Arguments.of("{\"stk.maxAmount\":0}", "'stk.maxAmount'"),
        Arguments.of("{\"auth.expiresInType\":\"boolean\"}", "'auth.expiresInType'"),
        Arguments.of("{\"server\":{\"port\":9}}", "'server'"),
        Arguments.of("{\"server.maxBodyBytes\":2048}", "'server'"),
        Arguments.of("{\"seed\":7}", "'seed'"),
        Arguments.of("{\"admin\":{\"redactCallbackUrls\":false}}", "'admin'"),
        Arguments.of("{\"admin.loopbackOnly\":false}", "'admin'"),
        Arguments.of("{\"world\":{\"sandboxData\":false}}", "'world'"),
        Arguments.of("{\"world.customers\":[]}", "'world'"),
        Arguments.of("[1]", "JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badOrFixedSettingIsA400NamingItAndChangesNothing(String patch, String mention) {
    JsonNode before = h.daraja().adminGet("settings");

    assertAdminError(admin("PATCH", "settings", patch), 400, mention);
    assertThat(h.daraja().adminGet("settings")).isEqualTo(before);
  }

  @Test
  void clockCanBeReadAdvancedAndReset() {
    JsonNode start = h.daraja().adminGet("clock");
    assertThat(start.path("offset").asText()).isEqualTo("PT0S");

    JsonNode advanced = ok(admin("POST", "clock/advance", "{\"by\":\"2h\"}"));
    JsonNode again = ok(admin("POST", "clock/advance", "{\"by\":\"PT30M\"}"));

    assertThat(advanced.path("offset").asText()).isEqualTo("PT2H");
    assertThat(again.path("offset").asText()).isEqualTo("PT2H30M");
    assertThat(Instant.parse(again.path("now").asText()))
        .isAfterOrEqualTo(Instant.parse(start.path("now").asText()).plus(Duration.ofMinutes(150)));
    assertThat(h.daraja().adminGet("state").path("clockOffset").asText()).isEqualTo("PT2H30M");

    JsonNode reset = ok(admin("DELETE", "clock", null));
    assertThat(reset.path("offset").asText()).isEqualTo("PT0S");
  }

  @Test
  void badClockAdvanceIsA400NamingTheByField() {
    assertAdminError(admin("POST", "clock/advance", "{\"by\":\"soon\"}"), 400, "'by'");
    assertAdminError(admin("POST", "clock/advance", "{}"), 400, "'by'");
    assertAdminError(admin("POST", "clock/advance", "{\"by\":3600}"), 400, "'by'");
    assertAdminError(
        admin("POST", "clock/advance", "{\"by\":\"99999999999999999999s\"}"), 400, "'by'");
    assertAdminError(admin("POST", "clock/advance", "{\"by\":\"9999999999999999d\"}"), 400, "'by'");
    assertAdminError(
        admin("POST", "clock/advance", "{\"by\":\"PT9999999999999999H\"}"), 400, "'by'");
    assertAdminError(admin("GET", "clock/advance", null), 405, "POST");
    assertThat(h.daraja().adminGet("clock").path("offset").asText()).isEqualTo("PT0S");
  }

  // ---- credentials -------------------------------------------------------------------------

  @Test
  void certificateIsAParsableRsa2048X509Pem() throws Exception {
    Reply reply = admin("GET", "certificate", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.raw())
        .startsWith("-----BEGIN CERTIFICATE-----")
        .isEqualTo(h.emulator().certificatePem());
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(reply.raw().getBytes(StandardCharsets.US_ASCII)));
    assertThat(certificate.getPublicKey()).isInstanceOf(RSAPublicKey.class);
    assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength())
        .isEqualTo(2048);
  }

  @Test
  void credentialsShowTheModeInitiatorsAndLocksAndEncryptForTests() {
    JsonNode credentials = h.daraja().adminGet("credentials");
    assertThat(credentials.path("mode").asText()).isEqualTo("auto");
    assertThat(credentials.path("initiators").toString()).isEqualTo("[\"testapi\"]");
    assertThat(credentials.path("locked").size()).isZero();

    JsonNode encrypted = ok(admin("POST", "credentials/encrypt", "{\"password\":\"wrong\"}"));
    String badCredential = encrypted.path("securityCredential").asText();
    assertThat(Base64.getDecoder().decode(badCredential)).hasSize(256);

    for (int i = 0; i < 3; i++) {
      Reply ack =
          h.daraja()
              .post(
                  B2C,
                  Requests.b2c(
                      "bad-" + i,
                      badCredential,
                      10,
                      Requests.TEST_MSISDN,
                      h.url("/r"),
                      h.url("/t")));
      assertThat(ack.status()).isEqualTo(200);
    }
    List<Received> results = h.receiver().awaitCount("/r", 3);

    assertThat(results)
        .extracting(r -> r.body().at("/Result/ResultCode").asText())
        .containsExactlyInAnyOrder("2001", "2001", "2001");
    assertThat(h.daraja().adminGet("credentials").path("locked").toString())
        .isEqualTo("[\"testapi\"]");
    assertThat(h.daraja().adminGet("state").path("lockedInitiators").toString())
        .isEqualTo("[\"testapi\"]");
    assertAdminError(admin("POST", "credentials/encrypt", "{}"), 400, "'password'");
  }

  @Test
  void credentialCheckSaysWhatACredentialWouldMeetWithoutCountingTowardsTheLock() {
    String right =
        ok(admin("POST", "credentials/encrypt", "{\"password\":\"Safaricom999!*!\"}"))
            .path("securityCredential")
            .asText();
    String wrong =
        ok(admin("POST", "credentials/encrypt", "{\"password\":\"wrong\"}"))
            .path("securityCredential")
            .asText();

    assertThat(check("testapi", right)).isEqualTo("valid");
    for (int i = 0; i < 5; i++) {
      assertThat(check("testapi", wrong)).isEqualTo("wrong_password");
    }
    assertThat(check("nobody", right)).isEqualTo("unknown_initiator");
    assertThat(check("testapi", "c2VjcmV0")).isEqualTo("malformed");
    assertThat(check("testapi", Base64.getEncoder().encodeToString(new byte[256])))
        .isEqualTo("not_for_this_key");
    assertThat(h.daraja().adminGet("credentials").path("locked").size()).isZero();
    assertAdminError(
        admin("POST", "credentials/check", "{\"initiator\":\"testapi\"}"),
        400,
        "'securityCredential'");
  }

  private String check(String initiator, String credential) {
    return ok(admin(
            "POST",
            "credentials/check",
            "{\"initiator\":\"" + initiator + "\",\"securityCredential\":\"" + credential + "\"}"))
        .path("result")
        .asText();
  }

  // ---- reset and errors --------------------------------------------------------------------

  @Test
  void resetRestoresBalancesTokensFaultsSettingsRegistrationsClockAndWorld() {
    String token = h.daraja().token();
    admin("PUT", "customers/" + Requests.TEST_MSISDN + "/balance", "{\"balance\":1}");
    admin("PUT", "organisations/600992/accounts/utility", "{\"balance\":2}");
    admin("POST", "customers", "{\"msisdn\":\"254711999888\",\"firstName\":\"TEMP\"}");
    admin("PUT", "faults", "{\"latency\":{\"*\":\"1ms\"},\"quota\":{\"maxRequests\":100}}");
    admin("PATCH", "settings", "{\"stk.maxAmount\":5,\"auth.expiresInType\":\"number\"}");
    admin("POST", "clock/advance", "{\"by\":\"1h\"}");
    h.daraja()
        .post(
            "/mpesa/c2b/v1/registerurl",
            Requests.c2bRegister(Requests.SHORTCODE, "Completed", h.url("/c"), null));
    pay(Requests.TEST_MSISDN, "600997", 1);

    Reply reset = admin("POST", "reset", null);

    assertThat(reset.json().toString()).isEqualTo("{\"reset\":true}");
    assertThat(h.daraja().adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText())
        .isEqualTo("250000.00");
    assertThat(
            h.daraja()
                .adminGet("organisations/600992")
                .path("accounts")
                .path("Utility Account")
                .asText())
        .isEqualTo("10000000.00");
    assertThat(admin("GET", "customers/254711999888", null).status()).isEqualTo(404);
    JsonNode faults = h.daraja().adminGet("faults");
    assertThat(fieldNames(faults.path("latency"))).isEmpty();
    assertThat(faults.has("quota")).isFalse();
    JsonNode settings = h.daraja().adminGet("settings");
    assertThat(settings.path("stk").path("maxAmount").asLong()).isEqualTo(250_000);
    assertThat(settings.path("auth").path("expiresInType").asText()).isEqualTo("string");
    JsonNode state = h.daraja().adminGet("state");
    assertThat(state.path("clockOffset").asText()).isEqualTo("PT0S");
    assertThat(state.path("c2bRegistrations").asInt()).isZero();
    assertThat(state.path("transactions").asInt()).isZero();
    assertThat(state.path("liveTokens").asInt()).isZero();
    assertThat(h.daraja().adminGet("counters").path("endpoints").size()).isZero();
    assertThat(h.daraja().adminGet("deliveries").path("deliveries").size()).isZero();
    assertDarajaError(
        h.daraja().post(STK, "{}", "Bearer " + token, "application/json"),
        "404.001.03",
        "Invalid Access Token");
  }

  @Test
  void unknownAdminPathIsA404JsonError() {
    assertAdminError(admin("GET", "nonsense", null), 404, "'nonsense'");
    assertAdminError(admin("GET", "stk/ws_CO_none", null), 404, "ws_CO_none");
    assertAdminError(admin("GET", "c2b/nothing", null), 404, "nothing");
  }

  @Test
  void wrongMethodOnAnAdminResourceIsA405JsonError() {
    assertAdminError(admin("POST", "health", "{}"), 405, "POST");
    assertAdminError(admin("DELETE", "state", null), 405, "DELETE");
    assertAdminError(admin("GET", "reset", null), 405, "GET");
  }
}
