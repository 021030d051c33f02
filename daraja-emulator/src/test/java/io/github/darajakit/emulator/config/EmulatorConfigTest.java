package io.github.darajakit.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.EmulatorConfig.App;
import io.github.darajakit.emulator.EmulatorConfig.C2bRegistrationMode;
import io.github.darajakit.emulator.EmulatorConfig.CredentialMode;
import io.github.darajakit.emulator.EmulatorConfig.ExpiresInType;
import io.github.darajakit.emulator.EmulatorConfig.PullResponseKeys;
import io.github.darajakit.emulator.EmulatorConfig.StkQueryPendingStyle;
import io.github.darajakit.emulator.EmulatorConfigException;
import io.github.darajakit.emulator.support.DarajaHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EmulatorConfig}: defaults, every JSON key, durations and errors that name the key. */
class EmulatorConfigTest {

  /** One settable key: a JSON value for it (not the default) and what the config then says. */
  record Setting(String key, String json, Function<EmulatorConfig, Object> read, Object expected) {}

  static final List<Setting> SETTINGS =
      List.of(
          new Setting("server.host", "\"0.0.0.0\"", EmulatorConfig::host, "0.0.0.0"),
          new Setting("server.port", "9000", EmulatorConfig::port, 9000),
          new Setting("server.maxBodyBytes", "2048", EmulatorConfig::maxBodyBytes, 2048),
          new Setting("admin.loopbackOnly", "true", EmulatorConfig::adminLoopbackOnly, true),
          new Setting("admin.redactCallbackUrls", "true", EmulatorConfig::redactCallbackUrls, true),
          new Setting("seed", "42", EmulatorConfig::seed, 42L),
          new Setting("auth.tokenTtl", "\"60s\"", EmulatorConfig::tokenTtl, Duration.ofSeconds(60)),
          new Setting(
              "auth.expiresInType",
              "\"number\"",
              EmulatorConfig::expiresInType,
              ExpiresInType.NUMBER),
          new Setting(
              "auth.reissueInvalidatesPrevious",
              "true",
              EmulatorConfig::reissueInvalidatesPrevious,
              true),
          new Setting(
              "auth.apps",
              "[{\"consumerKey\":\"k1\",\"consumerSecret\":\"s1\",\"products\":[\"stk_push\"]},"
                  + "{\"consumerKey\":\"k2\",\"consumerSecret\":\"s2\"}]",
              EmulatorConfig::apps,
              List.of(new App("k1", "s1", Set.of("stk_push")), new App("k2", "s2", Set.of()))),
          new Setting(
              "callbacks.delay", "\"500ms\"", EmulatorConfig::resultDelay, Duration.ofMillis(500)),
          new Setting(
              "callbacks.timeout",
              "\"2s\"",
              EmulatorConfig::callbackTimeout,
              Duration.ofSeconds(2)),
          new Setting(
              "stk.queryPendingStyle",
              "\"legacy\"",
              EmulatorConfig::stkQueryPendingStyle,
              StkQueryPendingStyle.LEGACY),
          new Setting(
              "stk.promptTimeout",
              "\"PT1H\"",
              EmulatorConfig::stkPromptTimeout,
              Duration.ofHours(1)),
          new Setting("stk.manualMode", "true", EmulatorConfig::stkManualMode, true),
          new Setting("stk.balanceItem", "false", EmulatorConfig::stkBalanceItem, false),
          new Setting("stk.maxAmount", "150000", EmulatorConfig::stkMaxAmount, 150_000L),
          new Setting(
              "stk.accountReferenceMaxLength", "12", EmulatorConfig::accountReferenceMaxLength, 12),
          new Setting(
              "stk.transactionDescMaxLength", "13", EmulatorConfig::transactionDescMaxLength, 13),
          new Setting(
              "stk.ruleLimitWindow",
              "\"2m\"",
              EmulatorConfig::stkRuleLimitWindow,
              Duration.ofMinutes(2)),
          new Setting("stk.sandboxRealism", "true", EmulatorConfig::sandboxRealism, true),
          new Setting(
              "stk.timestampTolerance",
              "\"5m\"",
              EmulatorConfig::timestampTolerance,
              Duration.ofMinutes(5)),
          new Setting("customers.autoCreate", "false", EmulatorConfig::autoCreateCustomers, false),
          new Setting("customers.openingBalance", "50", EmulatorConfig::newCustomerBalance, 50L),
          new Setting(
              "customers.maxBalance", "300000", EmulatorConfig::customerMaxBalance, 300_000L),
          new Setting(
              "customers.dailyLimit", "\"300000\"", EmulatorConfig::customerDailyLimit, 300_000L),
          new Setting("b2c.minAmount", "1", EmulatorConfig::b2cMinAmount, 1L),
          new Setting("b2c.maxAmount", "150000", EmulatorConfig::b2cMaxAmount, 150_000L),
          new Setting(
              "c2b.registration",
              "\"Production\"",
              EmulatorConfig::c2bRegistration,
              C2bRegistrationMode.PRODUCTION),
          new Setting(
              "c2b.validationTimeout",
              "\"3s\"",
              EmulatorConfig::c2bValidationTimeout,
              Duration.ofSeconds(3)),
          new Setting(
              "credentials.mode",
              "\"STRICT\"",
              EmulatorConfig::credentialMode,
              CredentialMode.STRICT),
          new Setting("credentials.lockAfterFailures", "5", EmulatorConfig::credentialLockAfter, 5),
          new Setting(
              "credentials.initiators",
              "{\"ops\":\"pw-1\",\"auditor\":\"pw-2\"}",
              EmulatorConfig::initiators,
              Map.of("ops", "pw-1", "auditor", "pw-2")),
          new Setting(
              "pull.responseKeys",
              "\"spaced\"",
              EmulatorConfig::pullResponseKeys,
              PullResponseKeys.SPACED),
          new Setting(
              "ratiba.callbackKeys",
              "\"pascal\"",
              EmulatorConfig::ratibaCallbackKeys,
              EmulatorConfig.RatibaCallbackKeys.PASCAL),
          new Setting(
              "ratiba.debitTime",
              "\"09:30\"",
              EmulatorConfig::ratibaDebitTime,
              java.time.LocalTime.of(9, 30)),
          new Setting(
              "ratiba.debitTransactionType",
              "\"Standing Order\"",
              EmulatorConfig::ratibaDebitTransactionType,
              "Standing Order"),
          new Setting(
              "billManager.appKeyHeader",
              "\"X-App-Key\"",
              EmulatorConfig::billManagerAppKeyHeader,
              "X-App-Key"),
          new Setting("billManager.pushAttempts", "3", EmulatorConfig::billManagerPushAttempts, 3),
          new Setting(
              "billManager.pushRetryInterval",
              "\"30s\"",
              EmulatorConfig::billManagerPushRetryInterval,
              Duration.ofSeconds(30)),
          new Setting(
              "billManager.refusalStatus",
              "\"ok\"",
              EmulatorConfig::billManagerRefusalStatus,
              EmulatorConfig.BillManagerRefusalStatus.OK),
          new Setting("retention.maxAge", "\"1d\"", EmulatorConfig::retention, Duration.ofDays(1)),
          new Setting("retention.maxTransactions", "500", EmulatorConfig::maxTransactions, 500),
          new Setting("retention.maxDeliveries", "50", EmulatorConfig::maxDeliveries, 50),
          new Setting("world.sandboxData", "false", EmulatorConfig::sandboxData, false),
          new Setting(
              "world.externalValidation",
              "[\"600992\", 600000]",
              EmulatorConfig::externalValidation,
              Set.of("600992", "600000")),
          new Setting(
              "world.customers",
              "[{\"msisdn\":\"254711000222\",\"firstName\":\"ANN\",\"middleName\":\"B\","
                  + "\"lastName\":\"CHEP\",\"balance\":\"12.50\",\"pin\":\"9999\",\"registered\":false},"
                  + "{\"msisdn\":\"254111000333\",\"firstName\":\"MIN\"}]",
              EmulatorConfig::customers,
              List.of(
                  new EmulatorConfig.Customer(
                      "254711000222", "ANN", "B", "CHEP", 1250, "9999", false),
                  new EmulatorConfig.Customer("254111000333", "MIN", "", "", 0, "1234", true))),
          new Setting(
              "world.organisations",
              "[{\"shortCode\":\"700800\",\"name\":\"Till Co\",\"type\":\"buy_goods\","
                  + "\"passkey\":\"pk\",\"headOffice\":\"700801\","
                  + "\"balances\":{\"Utility Account\":\"5.00\",\"working\":7}},"
                  + "{\"shortCode\":\"700802\",\"name\":\"Bill Co\"}]",
              EmulatorConfig::organisations,
              List.of(
                  new EmulatorConfig.Organisation(
                      "700800",
                      "Till Co",
                      true,
                      "pk",
                      "700801",
                      Map.of("Utility Account", 500L, "working", 700L)),
                  new EmulatorConfig.Organisation(
                      "700802", "Bill Co", false, null, null, Map.of()))));

  // ---- defaults ----------------------------------------------------------------------------

  @Test
  void defaultsBehaveLikeTheSandbox() {
    EmulatorConfig c = EmulatorConfig.defaults();

    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8090);
    assertThat(c.seed()).isEqualTo(20_240_706L);
    assertThat(c.maxBodyBytes()).isEqualTo(64 * 1024);
    assertThat(c.adminLoopbackOnly()).isFalse();
    assertThat(c.redactCallbackUrls()).isFalse();
    assertThat(c.tokenTtl()).isEqualTo(Duration.ofSeconds(3599));
    assertThat(c.expiresInType()).isEqualTo(ExpiresInType.STRING);
    assertThat(c.reissueInvalidatesPrevious()).isFalse();
    assertThat(c.apps()).isEmpty();
    assertThat(c.resultDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.callbackTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.stkQueryPendingStyle()).isEqualTo(StkQueryPendingStyle.CURRENT);
    assertThat(c.stkPromptTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.stkManualMode()).isFalse();
    assertThat(c.stkBalanceItem()).isTrue();
    assertThat(c.stkMaxAmount()).isEqualTo(250_000);
    assertThat(c.accountReferenceMaxLength()).isEqualTo(20);
    assertThat(c.transactionDescMaxLength()).isEqualTo(100);
    assertThat(c.stkRuleLimitWindow()).isZero();
    assertThat(c.sandboxRealism()).isFalse();
    assertThat(c.timestampTolerance()).isZero();
    assertThat(c.autoCreateCustomers()).isTrue();
    assertThat(c.newCustomerBalance()).isEqualTo(100_000);
    assertThat(c.customerMaxBalance()).isEqualTo(500_000);
    assertThat(c.customerDailyLimit()).isEqualTo(500_000);
    assertThat(c.b2cMinAmount()).isEqualTo(10);
    assertThat(c.b2cMaxAmount()).isEqualTo(250_000);
    assertThat(c.c2bRegistration()).isEqualTo(C2bRegistrationMode.SANDBOX);
    assertThat(c.c2bValidationTimeout()).isEqualTo(Duration.ofSeconds(8));
    assertThat(c.credentialMode()).isEqualTo(CredentialMode.AUTO);
    assertThat(c.credentialLockAfter()).isEqualTo(3);
    assertThat(c.initiators()).containsExactly(Map.entry("testapi", "Safaricom999!*!"));
    assertThat(c.pullResponseKeys()).isEqualTo(PullResponseKeys.COMPACT);
    assertThat(c.retention()).isEqualTo(Duration.ofHours(48));
    assertThat(c.maxTransactions()).isEqualTo(1_000_000);
    assertThat(c.maxDeliveries()).isEqualTo(10_000);
    assertThat(c.sandboxData()).isTrue();
    assertThat(c.externalValidation()).isEmpty();
    assertThat(c.customers()).isEmpty();
    assertThat(c.organisations()).isEmpty();
  }

  // ---- every key ---------------------------------------------------------------------------

  static Stream<Arguments> everyKeyDottedAndNested() {
    List<Arguments> arguments = new ArrayList<>();
    for (Setting setting : SETTINGS) {
      arguments.add(Arguments.of(setting.key(), "dotted", setting));
      arguments.add(Arguments.of(setting.key(), "nested", setting));
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyKeyDottedAndNested")
  void everyKeyCanBeSetDottedOrNested(String key, String form, Setting setting) {
    String json =
        form.equals("dotted")
            ? "{\"" + key + "\":" + setting.json() + "}"
            : nested(key, setting.json());

    EmulatorConfig config = EmulatorConfig.defaults().withJson(json);

    assertThat(setting.read().apply(EmulatorConfig.defaults()))
        .as("the test value differs from the default")
        .isNotEqualTo(setting.expected());
    assertThat(setting.read().apply(config)).isEqualTo(setting.expected());
  }

  private static String nested(String key, String json) {
    int dot = key.indexOf('.');
    if (dot < 0) {
      return "{\"" + key + "\":" + json + "}";
    }
    return "{\"" + key.substring(0, dot) + "\":" + nested(key.substring(dot + 1), json) + "}";
  }

  @Test
  void settingsTableCoversEveryKeyTheConfigurationReports() {
    Set<String> reported = leafKeys("", EmulatorConfig.defaults().toJson());
    reported.removeAll(Set.of("auth.strict", "credentials.initiatorNames"));
    reported.add("credentials.initiators");
    reported.add("world.customers");
    reported.add("world.organisations");

    Set<String> tested = new TreeSet<>();
    SETTINGS.forEach(s -> tested.add(s.key()));

    assertThat(tested).isEqualTo(reported);
  }

  @Test
  void reportedSettingsReadBackIntoTheSameConfiguration() {
    StringBuilder all = new StringBuilder("{");
    for (Setting setting : SETTINGS) {
      if (!setting.key().equals("auth.apps") && !setting.key().equals("credentials.initiators")) {
        all.append(all.length() > 1 ? "," : "")
            .append('"')
            .append(setting.key())
            .append("\":")
            .append(setting.json());
      }
    }
    EmulatorConfig custom = EmulatorConfig.defaults().withJson(all.append('}').toString());
    ObjectNode reported = custom.toJson();
    ((ObjectNode) reported.get("auth")).remove(List.of("strict", "apps"));
    ((ObjectNode) reported.get("credentials")).remove("initiatorNames");

    EmulatorConfig readBack = EmulatorConfig.defaults().withJson(reported.toString());

    assertThat(readBack.toJson()).isEqualTo(custom.toJson());
  }

  private static Set<String> leafKeys(String prefix, JsonNode node) {
    Set<String> keys = new TreeSet<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject()) {
        keys.addAll(leafKeys(key, field.getValue()));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }

  @Test
  void withJsonAppliesOnTopOfThisConfigurationAndLeavesItUnchanged() {
    EmulatorConfig base = EmulatorConfig.defaults().withJson("{\"stk.maxAmount\":1000}");

    EmulatorConfig changed = base.withJson("{\"stk\":{\"manualMode\":true}}");

    assertThat(changed.stkMaxAmount()).isEqualTo(1000);
    assertThat(changed.stkManualMode()).isTrue();
    assertThat(base.stkManualMode()).isFalse();
  }

  @Test
  void enumValuesIgnoreCaseSurroundingSpaceAndDashes() {
    assertThat(
            EmulatorConfig.defaults()
                .withJson("{\"stk.queryPendingStyle\":\" LeGaCy \"}")
                .stkQueryPendingStyle())
        .isEqualTo(StkQueryPendingStyle.LEGACY);
    assertThat(
            EmulatorConfig.defaults()
                .withJson("{\"credentials.mode\":\"lenient\"}")
                .credentialMode())
        .isEqualTo(CredentialMode.LENIENT);
  }

  // ---- durations ---------------------------------------------------------------------------

  static Stream<Arguments> durations() {
    return Stream.of(
        Arguments.of("500ms", Duration.ofMillis(500)),
        Arguments.of("2s", Duration.ofSeconds(2)),
        Arguments.of("5m", Duration.ofMinutes(5)),
        Arguments.of("1h", Duration.ofHours(1)),
        Arguments.of("2d", Duration.ofDays(2)),
        Arguments.of(" 3 s ", Duration.ofSeconds(3)),
        Arguments.of("PT1H", Duration.ofHours(1)),
        Arguments.of("PT0.25S", Duration.ofMillis(250)),
        Arguments.of("P1DT2H", Duration.ofHours(26)),
        Arguments.of("0ms", Duration.ZERO));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("durations")
  void durationsInShortOrIsoForm(String text, Duration expected) {
    EmulatorConfig config =
        EmulatorConfig.defaults().withJson("{\"callbacks\":{\"delay\":\"" + text + "\"}}");

    assertThat(config.resultDelay()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "5",
        "\"5\"",
        "\"1.5s\"",
        "\"5 minutes\"",
        "\"\"",
        "\"-5s\"",
        "\"5S\"",
        "null",
        "true",
        "[]",
        "\"99999999999999999999s\"",
        "\"9999999999999999d\"",
        "\"PT9999999999999999H\""
      })
  void somethingThatIsNotADurationIsRefusedNamingTheKey(String json) {
    assertThatThrownBy(
            () -> EmulatorConfig.defaults().withJson("{\"callbacks.timeout\":" + json + "}"))
        .isInstanceOf(EmulatorConfigException.class)
        .hasMessageContaining("'callbacks.timeout'")
        .hasMessageContaining("duration");
  }

  // ---- errors ------------------------------------------------------------------------------

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("{\"stk.maxAmmount\":1}", "'stk.maxAmmount'"),
        Arguments.of("{\"stk\":{\"nope\":1}}", "'stk.nope'"),
        Arguments.of("{\"nope\":{\"deeper\":{\"x\":1}}}", "'nope.deeper.x'"),
        Arguments.of("{\"stk\":5}", "'stk'"),
        Arguments.of("{\"stk.manualMode\":\"yes\"}", "'stk.manualMode'"),
        Arguments.of("{\"server.port\":\"eighty\"}", "'server.port'"),
        Arguments.of("{\"server.port\":80.5}", "'server.port'"),
        Arguments.of("{\"server.host\":5}", "'server.host'"),
        Arguments.of("{\"seed\":\"x\"}", "'seed'"),
        Arguments.of("{\"server.port\":70000}", "'server.port'"),
        Arguments.of("{\"server.port\":-1}", "'server.port'"),
        Arguments.of("{\"server.maxBodyBytes\":1023}", "'server.maxBodyBytes'"),
        Arguments.of("{\"retention.maxTransactions\":99}", "'retention.maxTransactions'"),
        Arguments.of("{\"retention.maxDeliveries\":9}", "'retention.maxDeliveries'"),
        Arguments.of("{\"stk.maxAmount\":0}", "'stk.maxAmount'"),
        Arguments.of("{\"stk.accountReferenceMaxLength\":1001}", "'stk.accountReferenceMaxLength'"),
        Arguments.of("{\"credentials.lockAfterFailures\":0}", "'credentials.lockAfterFailures'"),
        Arguments.of("{\"customers.openingBalance\":-1}", "'customers.openingBalance'"),
        Arguments.of("{\"auth.expiresInType\":\"bool\"}", "'auth.expiresInType'"),
        Arguments.of("{\"stk.queryPendingStyle\":1}", "'stk.queryPendingStyle'"),
        Arguments.of("{\"c2b.registration\":\"live\"}", "'c2b.registration'"),
        Arguments.of("{\"credentials.mode\":\"loose\"}", "'credentials.mode'"),
        Arguments.of("{\"pull.responseKeys\":\"dashed\"}", "'pull.responseKeys'"),
        Arguments.of("{\"auth.tokenTtl\":\"0s\"}", "'auth.tokenTtl'"),
        Arguments.of("{\"callbacks.delay\":\"PT-1S\"}", "'callbacks.delay'"),
        Arguments.of("{\"ratiba.callbackKeys\":\"upper\"}", "'ratiba.callbackKeys'"),
        Arguments.of("{\"ratiba.debitTime\":\"25:00\"}", "'ratiba.debitTime'"),
        Arguments.of("{\"ratiba.debitTransactionType\":\" \"}", "'ratiba.debitTransactionType'"),
        Arguments.of("{\"billManager.pushAttempts\":0}", "'billManager.pushAttempts'"),
        Arguments.of("{\"billManager.appKeyHeader\":\"\"}", "'billManager.appKeyHeader'"),
        Arguments.of("{\"billManager.refusalStatus\":\"409\"}", "'billManager.refusalStatus'"),
        Arguments.of("{\"retention.maxAge\":\"0ms\"}", "'retention.maxAge'"),
        Arguments.of("{\"auth.apps\":5}", "'auth.apps'"),
        Arguments.of("{\"auth.apps\":[{\"consumerKey\":\"k\"}]}", "'consumerSecret'"),
        Arguments.of("{\"credentials.initiators\":[]}", "'credentials.initiators'"),
        Arguments.of("{\"credentials.initiators\":{\"ops\":5}}", "'credentials.initiators.ops'"),
        Arguments.of("{\"world.customers\":\"x\"}", "'world.customers'"),
        Arguments.of("{\"world.externalValidation\":[\"6009\"]}", "'world.externalValidation'"),
        Arguments.of("{\"world.externalValidation\":\"600992\"}", "'world.externalValidation'"),
        Arguments.of(
            "{\"world.customers\":[{\"msisdn\":\"0712345678\",\"firstName\":\"A\"}]}",
            "0712345678"),
        Arguments.of("{\"world.customers\":[{\"msisdn\":\"254712345678\"}]}", "'firstName'"),
        Arguments.of(
            "{\"world.customers\":[{\"msisdn\":\"254712345678\",\"firstName\":\"A\",\"balance\":\"1.234\"}]}",
            "'world.customers.balance'"),
        Arguments.of(
            "{\"world.organisations\":[{\"shortCode\":\"1234\",\"name\":\"X\"}]}", "'1234'"),
        Arguments.of(
            "{\"world.organisations\":[{\"shortCode\":\"700900\",\"name\":\"X\",\"type\":\"bank\"}]}",
            "'world.organisations'"),
        Arguments.of(
            "{\"world.organisations\":[{\"shortCode\":\"700900\",\"name\":\"X\",\"balances\":{\"Utility Account\":\"x\"}}]}",
            "'world.organisations.balances.Utility Account'"),
        Arguments.of(
            "{\"world.organisations\":[{\"shortCode\":\"700900\",\"name\":\"X\",\"balances\":{\"Savings\":1}}]}",
            "'world.organisations.balances.Savings'"),
        Arguments.of("{\"b2c.minAmount\":300000}", "b2c.minAmount"),
        Arguments.of("[]", "JSON object"),
        Arguments.of("{\"stk\":", "not valid JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badSettingIsRefusedWithAMessageNamingIt(String json, String named) {
    assertThatThrownBy(() -> EmulatorConfig.defaults().withJson(json))
        .isInstanceOf(EmulatorConfigException.class)
        .hasMessageContaining(named);
  }

  @Test
  void builderRefusesOutOfRangeValuesNamingTheKey() {
    assertThatThrownBy(() -> EmulatorConfig.builder().maxTransactions(99))
        .hasMessageContaining("'retention.maxTransactions'")
        .hasMessageContaining("100");
    assertThatThrownBy(() -> EmulatorConfig.builder().maxDeliveries(9))
        .hasMessageContaining("'retention.maxDeliveries'");
    assertThatThrownBy(() -> EmulatorConfig.builder().port(65536))
        .hasMessageContaining("'server.port'");
    assertThatThrownBy(() -> EmulatorConfig.builder().resultDelay(Duration.ofMillis(-1)))
        .hasMessageContaining("'callbacks.delay'");
    assertThatThrownBy(() -> EmulatorConfig.builder().tokenTtl(Duration.ZERO))
        .hasMessageContaining("'auth.tokenTtl'");
    assertThatThrownBy(() -> EmulatorConfig.builder().b2cMinAmount(500).b2cMaxAmount(100).build())
        .isInstanceOf(EmulatorConfigException.class)
        .hasMessageContaining("b2c.minAmount (500)")
        .hasMessageContaining("b2c.maxAmount (100)");
    assertThat(
            EmulatorConfig.builder()
                .maxTransactions(100)
                .maxDeliveries(10)
                .build()
                .maxTransactions())
        .isEqualTo(100);
  }

  // ---- files and secrets -------------------------------------------------------------------

  @Test
  void loadedFileProvisionsItsCustomersAndOrganisationsInAStartedEmulator(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("emulator.json");
    Files.writeString(
        file,
        """
        {
          "stk": {"maxAmount": 777},
          "callbacks.delay": "50ms",
          "world": {
            "customers": [
              {"msisdn": "254722000111", "firstName": "WANJIRU", "lastName": "KAMAU", "balance": "4321.50"}
            ],
            "organisations": [
              {"shortCode": "700900", "name": "Kamau Hardware", "type": "buy_goods",
               "passkey": "hardware-passkey", "balances": {"Utility Account": "100.00"}}
            ]
          }
        }
        """);

    EmulatorConfig config = EmulatorConfig.load(file);

    assertThat(config.stkMaxAmount()).isEqualTo(777);
    assertThat(config.resultDelay()).isEqualTo(Duration.ofMillis(50));
    try (DarajaEmulator emulator = DarajaEmulator.builder().config(config).port(0).start()) {
      DarajaHttp http = new DarajaHttp(emulator.baseUrl());
      JsonNode customer = http.adminGet("customers/254722000111");
      JsonNode organisation = http.adminGet("organisations/700900");

      assertThat(customer.path("firstName").asText()).isEqualTo("WANJIRU");
      assertThat(customer.path("balance").asText()).isEqualTo("4321.50");
      assertThat(organisation.path("name").asText()).isEqualTo("Kamau Hardware");
      assertThat(organisation.path("type").asText()).isEqualTo("buy_goods");
      assertThat(organisation.path("stk").asBoolean()).isTrue();
      assertThat(organisation.path("accounts").path("Utility Account").asText())
          .isEqualTo("100.00");
      assertThat(http.adminGet("customers/254708374149").path("balance").asText())
          .as("sandbox data is still there")
          .isEqualTo("250000.00");
    }
  }

  @Test
  void loadingAMissingOrBadFileNamesTheFileAndTheKey(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.json");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"stk\":{\"maxAmount\":\"lots\"}}");

    assertThatThrownBy(() -> EmulatorConfig.load(missing))
        .isInstanceOf(EmulatorConfigException.class)
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> EmulatorConfig.load(bad))
        .isInstanceOf(EmulatorConfigException.class)
        .hasMessageStartingWith(bad.toString())
        .hasMessageContaining("'stk.maxAmount'");
  }

  @Test
  void reportedConfigurationNeverContainsSecrets() {
    EmulatorConfig config =
        EmulatorConfig.defaults()
            .withJson(
                """
                {"auth.apps": [{"consumerKey": "visible-key", "consumerSecret": "app-secret-value"}],
                 "credentials.initiators": {"ops-initiator": "initiator-password-value"}}
                """);

    String json = config.toJson().toString();

    assertThat(json).contains("visible-key", "ops-initiator");
    assertThat(json).doesNotContain("app-secret-value", "initiator-password-value");
    assertThat(config.toString()).doesNotContain("app-secret-value", "initiator-password-value");
    assertThat(EmulatorConfig.defaults().toJson().toString()).doesNotContain("Safaricom999");
    assertThat(config.apps().get(0).toString()).doesNotContain("app-secret-value");
    assertThat(config.toJson().path("auth").path("strict").asBoolean()).isTrue();
  }
}
