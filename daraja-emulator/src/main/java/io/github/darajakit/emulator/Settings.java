package io.github.darajakit.emulator;

import static io.github.darajakit.emulator.Setting.bool;
import static io.github.darajakit.emulator.Setting.choice;
import static io.github.darajakit.emulator.Setting.duration;
import static io.github.darajakit.emulator.Setting.integer;
import static io.github.darajakit.emulator.Setting.nonBlank;
import static io.github.darajakit.emulator.Setting.text;
import static io.github.darajakit.emulator.Setting.timeOfDay;
import static io.github.darajakit.emulator.Setting.whole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.darajakit.emulator.EmulatorConfig.App;
import io.github.darajakit.emulator.EmulatorConfig.BillManagerRefusalStatus;
import io.github.darajakit.emulator.EmulatorConfig.C2bRegistrationMode;
import io.github.darajakit.emulator.EmulatorConfig.CredentialMode;
import io.github.darajakit.emulator.EmulatorConfig.Customer;
import io.github.darajakit.emulator.EmulatorConfig.ExpiresInType;
import io.github.darajakit.emulator.EmulatorConfig.Organisation;
import io.github.darajakit.emulator.EmulatorConfig.PullResponseKeys;
import io.github.darajakit.emulator.EmulatorConfig.RatibaCallbackKeys;
import io.github.darajakit.emulator.EmulatorConfig.StkQueryPendingStyle;
import io.github.darajakit.emulator.Setting.Type;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.AccountType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every emulator setting, declared once. Adding one means a declaration here, an accessor and a
 * builder setter in {@link EmulatorConfig} (one line each), and regenerating the settings table of
 * {@code docs/emulator.md} (a test compares it with {@link #markdownTable()}).
 */
final class Settings {

  private Settings() {}

  static final Setting<String> HOST =
      new Setting<>(
          "server.host", text(), "127.0.0.1", "interface to listen on (`--host` overrides)");
  static final Setting<Integer> PORT =
      new Setting<>(
          "server.port",
          integer(0, 65535),
          8090,
          "port; `0` picks a free one (`--port` overrides)");
  static final Setting<Integer> MAX_BODY_BYTES =
      new Setting<>(
          "server.maxBodyBytes",
          integer(1024, 64 * 1024 * 1024),
          64 * 1024,
          "larger bodies get `400.002.05`");
  static final Setting<Boolean> ADMIN_LOOPBACK_ONLY =
      new Setting<>(
          "admin.loopbackOnly",
          bool(),
          false,
          "the admin API answers only this machine ([locking it down](#locking-the-admin-api-down));"
              + " on when `daraja gateway` embeds the emulator");
  static final Setting<Boolean> REDACT_CALLBACK_URLS =
      new Setting<>(
          "admin.redactCallbackUrls",
          bool(),
          false,
          "admin answers mask what may be secret in callback URLs"
              + " ([locking it down](#locking-the-admin-api-down)); on when `daraja gateway` embeds"
              + " the emulator");
  static final Setting<Long> SEED =
      new Setting<>(
          "seed",
          whole(Long.MIN_VALUE, Long.MAX_VALUE),
          20_240_706L,
          "seed of random fault decisions and tokens; with the start time, of generated ids"
              + " (receipts never repeat whatever the seed: see [Test data](#test-data))");
  static final Setting<Duration> TOKEN_TTL =
      new Setting<>("auth.tokenTtl", duration(false), Duration.ofSeconds(3599), "token lifetime");
  static final Setting<ExpiresInType> EXPIRES_IN_TYPE =
      new Setting<>(
          "auth.expiresInType",
          choice(ExpiresInType.class),
          ExpiresInType.STRING,
          "⚠ `expires_in` as `\"3599\"` (most docs) or `3599` (`number`, 2025 portal)");
  static final Setting<Boolean> REISSUE_INVALIDATES_PREVIOUS =
      new Setting<>(
          "auth.reissueInvalidatesPrevious",
          bool(),
          false,
          "⚠ the portal FAQ says a new token invalidates the previous one; unconfirmed");
  static final Setting<List<App>> APPS =
      new Setting<>(
          "auth.apps",
          list("a list of apps", Settings::app, Settings::appJson)
              .reportedAs(
                  (parent, name, apps) -> {
                    parent.put("strict", !apps.isEmpty());
                    ArrayNode keys = parent.putArray(name);
                    apps.forEach(app -> keys.addObject().put("consumerKey", app.consumerKey()));
                  }),
          List.of(),
          "strict mode: `[{\"consumerKey\",\"consumerSecret\",\"products\":[\"stk_push\",…]}]`;"
              + " only these apps get tokens; a non-empty `products` limits endpoints (others"
              + " answer `401.002.01`)");
  static final Setting<Duration> RESULT_DELAY =
      new Setting<>(
          "callbacks.delay",
          duration(true),
          Duration.ofSeconds(1),
          "delay before callbacks and results");
  static final Setting<Duration> CALLBACK_TIMEOUT =
      new Setting<>(
          "callbacks.timeout",
          duration(false),
          Duration.ofSeconds(10),
          "how long a callback receiver may take");
  static final Setting<StkQueryPendingStyle> STK_QUERY_PENDING_STYLE =
      new Setting<>(
          "stk.queryPendingStyle",
          choice(StkQueryPendingStyle.class),
          StkQueryPendingStyle.CURRENT,
          "⚠ while pending: `current` = HTTP 200 ResultCode `\"4999\"`; `legacy` = HTTP 500"
              + " `500.001.1001 \"The transaction is being processed\"`");
  static final Setting<Duration> STK_PROMPT_TIMEOUT =
      new Setting<>(
          "stk.promptTimeout",
          duration(false),
          Duration.ofSeconds(60),
          "manual-mode prompt lifetime (then 1037)");
  static final Setting<Boolean> STK_MANUAL_MODE =
      new Setting<>("stk.manualMode", bool(), false, "prompts wait for an admin decision");
  static final Setting<Boolean> STK_BALANCE_ITEM =
      new Setting<>(
          "stk.balanceItem",
          bool(),
          true,
          "⚠ include the value-less `Balance` item (2026 sandbox) or not (2025 portal sample)");
  static final Setting<Long> STK_MAX_AMOUNT =
      new Setting<>(
          "stk.maxAmount",
          whole(1, 100_000_000),
          250_000L,
          "⚠ per-transaction maximum in KES (older docs say 150,000); above it: 3");
  // The portal says 12 and 13, but real traffic passes longer values (REFERENCE §4.1, §21; issue
  // 13): the defaults are upper bounds no capture contradicts, and 12/13 remain a setting away.
  static final Setting<Integer> ACCOUNT_REFERENCE_MAX_LENGTH =
      new Setting<>(
          "stk.accountReferenceMaxLength",
          integer(1, 1000),
          20,
          "⚠ longest AccountReference. The portal says 12 but the sandbox accepted 15; 20 is"
              + " PayBill's account-number (BillRefNumber) limit, which it becomes. `12` for the"
              + " portal's limit");
  static final Setting<Integer> TRANSACTION_DESC_MAX_LENGTH =
      new Setting<>(
          "stk.transactionDescMaxLength",
          integer(1, 1000),
          100,
          "⚠ longest TransactionDesc (answered `Invalid Remarks`). The portal says 13 but the"
              + " sandbox passed Safaricom's own Node library's 20-character \"Lipa na mpesa"
              + " online\"; 100 is the limit of M-Pesa's Remarks, which Daraja names it. `13` for"
              + " the portal's limit");
  static final Setting<Duration> STK_RULE_LIMIT_WINDOW =
      new Setting<>(
          "stk.ruleLimitWindow",
          duration(true),
          Duration.ZERO,
          "same amount, same phone within the window: 17; `\"0s\"` turns the rule off");
  static final Setting<Boolean> SANDBOX_REALISM =
      new Setting<>(
          "stk.sandboxRealism",
          bool(),
          false,
          "⚠ numbers other than 254708374149 answer E3008 like the live sandbox (one 2026 report"
              + " says real phones can approve)");
  static final Setting<Duration> TIMESTAMP_TOLERANCE =
      new Setting<>(
          "stk.timestampTolerance",
          duration(true),
          Duration.ZERO,
          "⚠ time zone of Timestamp is undocumented: when set, a Timestamp read as UTC *or* EAT"
              + " must be this close to now, else `Invalid Timestamp`; `\"0s\"` accepts any");
  static final Setting<Boolean> AUTO_CREATE_CUSTOMERS =
      new Setting<>(
          "customers.autoCreate", bool(), true, "unknown MSISDNs become customers on first use");
  static final Setting<Long> NEW_CUSTOMER_BALANCE =
      new Setting<>(
          "customers.openingBalance",
          whole(0, 1_000_000_000),
          100_000L,
          "their opening balance in KES");
  static final Setting<Long> CUSTOMER_MAX_BALANCE =
      new Setting<>(
          "customers.maxBalance",
          whole(1, 1_000_000_000_000L),
          500_000L,
          "largest balance a customer may hold, in KES (8 above it)");
  static final Setting<Long> CUSTOMER_DAILY_LIMIT =
      new Setting<>(
          "customers.dailyLimit",
          whole(1, 1_000_000_000_000L),
          500_000L,
          "most a customer may pay in a day, in KES (4 above it)");
  static final Setting<Long> B2C_MIN_AMOUNT =
      new Setting<>(
          "b2c.minAmount", whole(1, 100_000_000), 10L, "smallest B2C amount in KES (2 below it)");
  static final Setting<Long> B2C_MAX_AMOUNT =
      new Setting<>(
          "b2c.maxAmount",
          whole(1, 100_000_000),
          250_000L,
          "largest B2C amount in KES (3 above it)");
  static final Setting<C2bRegistrationMode> C2B_REGISTRATION =
      new Setting<>(
          "c2b.registration",
          choice(C2bRegistrationMode.class),
          C2bRegistrationMode.SANDBOX,
          "`sandbox` overwrites; `production` refuses a second registration");
  static final Setting<Duration> C2B_VALIDATION_TIMEOUT =
      new Setting<>(
          "c2b.validationTimeout",
          duration(false),
          Duration.ofSeconds(8),
          "validation answer deadline");
  static final Setting<CredentialMode> CREDENTIAL_MODE =
      new Setting<>(
          "credentials.mode",
          choice(CredentialMode.class),
          CredentialMode.AUTO,
          "`auto`: check credentials made with the emulator's certificate; accept other"
              + " well-formed ones *unchecked*, with a warning in the log and a count in `GET"
              + " /__admin/credentials`; `strict`: refuse those with 2001 \"The initiator"
              + " information is invalid.\", as Daraja answers a credential made with the wrong"
              + " certificate; `lenient`: any Base64 of 256 bytes");
  static final Setting<Integer> CREDENTIAL_LOCK_AFTER =
      new Setting<>(
          "credentials.lockAfterFailures",
          integer(1, 1000),
          3,
          "bad credentials in a row before 8006");
  static final Setting<Map<String, String>> INITIATORS =
      new Setting<>(
          "credentials.initiators",
          new Type<Map<String, String>>(
                  "an object of name to password",
                  Settings::initiators,
                  (k, v) -> Map.copyOf(Setting.present(k, v)),
                  v -> Json.tree(new TreeMap<>(v)))
              .reportedAs(
                  (parent, name, initiators) -> {
                    ArrayNode names = parent.putArray("initiatorNames");
                    initiators.keySet().stream().sorted().forEach(names::add);
                  }),
          Map.of("testapi", "Safaricom999!*!"),
          "initiator names and passwords (only the names are reported)");
  static final Setting<PullResponseKeys> PULL_RESPONSE_KEYS =
      new Setting<>(
          "pull.responseKeys",
          choice(PullResponseKeys.class),
          PullResponseKeys.COMPACT,
          "⚠ Pull register keys `ResponseStatus` (2025 portal JSON) or `spaced`: `\"Response"
              + " Status\"` (legacy docs, production)");
  static final Setting<RatibaCallbackKeys> RATIBA_CALLBACK_KEYS =
      new Setting<>(
          "ratiba.callbackKeys",
          choice(RatibaCallbackKeys.class),
          RatibaCallbackKeys.AS_DOCUMENTED,
          "⚠ consent callback casing: `as-documented` (camelCase on success, PascalCase on"
              + " failure, as the samples), `camel`, `pascal`");
  static final Setting<LocalTime> RATIBA_DEBIT_TIME =
      new Setting<>(
          "ratiba.debitTime",
          timeOfDay(),
          LocalTime.MIDNIGHT,
          "time of day (Nairobi) at which standing orders debit on each due date");
  static final Setting<String> RATIBA_DEBIT_TRANSACTION_TYPE =
      new Setting<>(
          "ratiba.debitTransactionType",
          nonBlank(),
          "Pay Bill",
          "⚠ `TransactionType` of the C2B confirmation of a standing-order debit (undocumented)");
  static final Setting<String> BILL_MANAGER_APP_KEY_HEADER =
      new Setting<>(
          "billManager.appKeyHeader",
          nonBlank(),
          "appKey",
          "⚠ the header Bill Manager reads the opt-in's `app_key` from (Safaricom does not name"
              + " it); any case");
  static final Setting<Integer> BILL_MANAGER_PUSH_ATTEMPTS =
      new Setting<>(
          "billManager.pushAttempts",
          integer(1, 20),
          5,
          "how many times a payment is pushed to the biller's callback URL until it answers"
              + " `rescode` `200` (\"5 times\", REFERENCE §14)");
  static final Setting<Duration> BILL_MANAGER_PUSH_RETRY_INTERVAL =
      new Setting<>(
          "billManager.pushRetryInterval",
          duration(true),
          Duration.ofMinutes(1),
          "⚠ emulator time between a failed push and the next (undocumented); `POST"
              + " /__admin/clock` brings the next one forward");
  static final Setting<BillManagerRefusalStatus> BILL_MANAGER_REFUSAL_STATUS =
      new Setting<>(
          "billManager.refusalStatus",
          choice(BillManagerRefusalStatus.class),
          BillManagerRefusalStatus.RESCODE,
          "⚠ HTTP status of a refusal: `rescode` (400, 401, 409 as the envelope's `rescode`) or"
              + " `ok` (HTTP 200 with the refusal in the envelope)");
  static final Setting<Duration> RETENTION =
      new Setting<>(
          "retention.maxAge",
          duration(false),
          Duration.ofHours(48),
          "ledger entries, prompts and ids older than this are pruned");
  static final Setting<Integer> MAX_TRANSACTIONS =
      new Setting<>(
          "retention.maxTransactions",
          integer(100, 100_000_000),
          1_000_000,
          "most ledger entries kept");
  static final Setting<Integer> MAX_DELIVERIES =
      new Setting<>(
          "retention.maxDeliveries", integer(10, 10_000_000), 10_000, "most delivery records kept");
  static final Setting<Boolean> SANDBOX_DATA =
      new Setting<>(
          "world.sandboxData", bool(), true, "provision the [sandbox test data](#test-data)");
  static final Setting<Set<String>> EXTERNAL_VALIDATION =
      new Setting<>(
          "world.externalValidation",
          new Type<Set<String>>(
              "a list of shortcodes",
              Settings::shortCodes,
              Settings::checkShortCodes,
              v -> Json.tree(v.stream().sorted().toList())),
          Set.of(),
          "shortcodes whose C2B External Validation is on at start and after a reset: only they"
              + " get validation requests (off by default, as on Daraja; see [C2B external"
              + " validation](#c2b-external-validation))");
  static final Setting<List<Customer>> CUSTOMERS =
      new Setting<>(
          "world.customers",
          list("a list of customers", Settings::customer, Json::tree).reportedAs((p, n, v) -> {}),
          List.of(),
          "extra customers, same fields as `POST /__admin/customers`");
  static final Setting<List<Organisation>> ORGANISATIONS =
      new Setting<>(
          "world.organisations",
          list("a list of organisations", Settings::organisation, Json::tree)
              .reportedAs((p, n, v) -> {}),
          List.of(),
          "extra organisations, same fields as `POST /__admin/organisations`");

  /** Every setting, in the order they are reported and documented. */
  static final List<Setting<?>> ALL =
      List.of(
          HOST,
          PORT,
          MAX_BODY_BYTES,
          ADMIN_LOOPBACK_ONLY,
          REDACT_CALLBACK_URLS,
          SEED,
          TOKEN_TTL,
          EXPIRES_IN_TYPE,
          REISSUE_INVALIDATES_PREVIOUS,
          APPS,
          RESULT_DELAY,
          CALLBACK_TIMEOUT,
          STK_QUERY_PENDING_STYLE,
          STK_PROMPT_TIMEOUT,
          STK_MANUAL_MODE,
          STK_BALANCE_ITEM,
          STK_MAX_AMOUNT,
          ACCOUNT_REFERENCE_MAX_LENGTH,
          TRANSACTION_DESC_MAX_LENGTH,
          STK_RULE_LIMIT_WINDOW,
          SANDBOX_REALISM,
          TIMESTAMP_TOLERANCE,
          AUTO_CREATE_CUSTOMERS,
          NEW_CUSTOMER_BALANCE,
          CUSTOMER_MAX_BALANCE,
          CUSTOMER_DAILY_LIMIT,
          B2C_MIN_AMOUNT,
          B2C_MAX_AMOUNT,
          C2B_REGISTRATION,
          C2B_VALIDATION_TIMEOUT,
          CREDENTIAL_MODE,
          CREDENTIAL_LOCK_AFTER,
          INITIATORS,
          PULL_RESPONSE_KEYS,
          RATIBA_CALLBACK_KEYS,
          RATIBA_DEBIT_TIME,
          RATIBA_DEBIT_TRANSACTION_TYPE,
          BILL_MANAGER_APP_KEY_HEADER,
          BILL_MANAGER_PUSH_ATTEMPTS,
          BILL_MANAGER_PUSH_RETRY_INTERVAL,
          BILL_MANAGER_REFUSAL_STATUS,
          RETENTION,
          MAX_TRANSACTIONS,
          MAX_DELIVERIES,
          SANDBOX_DATA,
          EXTERNAL_VALIDATION,
          CUSTOMERS,
          ORGANISATIONS);

  /** The settings by key. */
  static final Map<String, Setting<?>> BY_KEY =
      ALL.stream()
          .collect(
              Collectors.toMap(
                  Setting::key,
                  Function.identity(),
                  (a, b) -> {
                    throw new IllegalStateException("two settings named " + a.key());
                  },
                  LinkedHashMap::new));

  /** The settings table of {@code docs/emulator.md}, generated from the declarations. */
  static String markdownTable() {
    StringBuilder table =
        new StringBuilder("| Key | Default | Allowed | Meaning |\n|---|---|---|---|\n");
    for (Setting<?> setting : ALL) {
      table
          .append("| `")
          .append(setting.key())
          .append("` | `")
          .append(defaultText(setting))
          .append("` | ")
          .append(setting.type().allowed())
          .append(" | ")
          .append(setting.doc())
          .append(" |\n");
    }
    return table.toString();
  }

  private static <T> String defaultText(Setting<T> setting) {
    return Json.text(setting.toJson(setting.defaultValue()));
  }

  // ---- values made of several fields -----------------------------------------------------------

  private static <T> Type<List<T>> list(
      String allowed, Setting.Reader<T> element, Function<List<T>, JsonNode> write) {
    return new Type<>(
        allowed,
        (k, v) -> {
          if (!v.isArray()) {
            throw new EmulatorConfigException(
                "'" + k + "' must be an array of " + allowed(allowed));
          }
          List<T> result = new ArrayList<>();
          v.forEach(item -> result.add(element.read(k, item)));
          return result;
        },
        (k, v) -> List.copyOf(Setting.present(k, v)),
        write);
  }

  private static String allowed(String allowed) {
    return allowed.substring(allowed.lastIndexOf(' ') + 1);
  }

  private static App app(String key, JsonNode app) {
    List<String> products = new ArrayList<>();
    JsonNode productsNode = app.path("products");
    if (productsNode.isArray()) {
      productsNode.forEach(p -> products.add(p.asText()));
    }
    return new App(
        required(key, app, "consumerKey"),
        required(key, app, "consumerSecret"),
        Set.copyOf(products));
  }

  private static JsonNode appJson(List<App> apps) {
    ArrayNode array = Json.array();
    apps.forEach(
        app ->
            array
                .addObject()
                .put("consumerKey", app.consumerKey())
                .put("consumerSecret", app.consumerSecret())
                .set("products", Json.tree(app.products().stream().sorted().toList())));
    return array;
  }

  private static Map<String, String> initiators(String key, JsonNode v) {
    if (!v.isObject()) {
      throw new EmulatorConfigException(
          "'" + key + "' must be an object of initiator name to password");
    }
    Map<String, String> result = new LinkedHashMap<>();
    v.fields()
        .forEachRemaining(e -> result.put(e.getKey(), text(key + "." + e.getKey(), e.getValue())));
    return result;
  }

  private static Set<String> shortCodes(String key, JsonNode v) {
    if (!v.isArray()) {
      throw new EmulatorConfigException("'" + key + "' must be an array of shortcodes");
    }
    Set<String> result = new TreeSet<>();
    v.forEach(item -> result.add(item.isValueNode() ? item.asText() : item.toString()));
    return result;
  }

  private static Set<String> checkShortCodes(String key, Set<String> shortCodes) {
    for (String shortCode : Setting.present(key, shortCodes)) {
      if (shortCode == null || !shortCode.matches("\\d{5,7}")) {
        throw new EmulatorConfigException(
            "'" + key + "': shortCode '" + shortCode + "' must be 5 to 7 digits");
      }
    }
    return Set.copyOf(shortCodes);
  }

  private static Customer customer(String key, JsonNode c) {
    String msisdn = required(key, c, "msisdn");
    if (!msisdn.matches("254[71]\\d{8}")) {
      throw new EmulatorConfigException(
          "'" + key + "': msisdn '" + msisdn + "' must be 2547XXXXXXXX or 2541XXXXXXXX");
    }
    return new Customer(
        msisdn,
        required(key, c, "firstName"),
        c.path("middleName").asText(""),
        c.path("lastName").asText(""),
        c.has("balance") ? cents(key + ".balance", c.get("balance")) : 0,
        c.path("pin").asText("1234"),
        c.path("registered").asBoolean(true));
  }

  private static Organisation organisation(String key, JsonNode o) {
    String shortCode = required(key, o, "shortCode");
    if (!shortCode.matches("\\d{5,7}")) {
      throw new EmulatorConfigException(
          "'" + key + "': shortCode '" + shortCode + "' must be 5 to 7 digits");
    }
    String type = o.path("type").asText("paybill").toLowerCase(Locale.ROOT);
    if (!type.equals("paybill") && !type.equals("buy_goods")) {
      throw new EmulatorConfigException(
          "'" + key + "': type of " + shortCode + " must be 'paybill' or 'buy_goods'");
    }
    Map<String, Long> balances = new LinkedHashMap<>();
    o.path("balances")
        .fields()
        .forEachRemaining(
            e -> {
              String account = key + ".balances." + e.getKey();
              try {
                AccountType.parse(e.getKey());
              } catch (IllegalArgumentException unknown) {
                throw new EmulatorConfigException(
                    "'" + account + "': " + unknown.getMessage(), unknown);
              }
              balances.put(e.getKey(), cents(account, e.getValue()));
            });
    return new Organisation(
        shortCode,
        required(key, o, "name"),
        type.equals("buy_goods"),
        o.hasNonNull("passkey") ? o.get("passkey").asText() : null,
        o.hasNonNull("headOffice") ? o.get("headOffice").asText() : null,
        balances);
  }

  private static long cents(String key, JsonNode v) {
    try {
      BigDecimal value = v.isNumber() ? v.decimalValue() : new BigDecimal(text(key, v).trim());
      return value.movePointRight(2).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new EmulatorConfigException(
          "'" + key + "' must be an amount in KES with at most two decimals, got " + v, e);
    }
  }

  private static String required(String key, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw new EmulatorConfigException("'" + key + "': every entry needs '" + field + "'");
    }
    return value.asText();
  }
}
