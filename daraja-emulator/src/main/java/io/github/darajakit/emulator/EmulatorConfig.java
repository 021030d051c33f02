package io.github.darajakit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of the emulator, typed and defaulted in one place. Immutable; change it with {@link
 * #toBuilder()} or {@link #withJson(String)}.
 *
 * <p>Defaults behave like Safaricom's sandbox as of 2026. Settings marked ⚠ in {@code
 * docs/emulator.md} choose between behaviours the Daraja reference records as uncertain.
 *
 * <pre>{@code
 * EmulatorConfig config = EmulatorConfig.defaults().toBuilder()
 *     .resultDelay(Duration.ofMillis(50))
 *     .stkQueryPendingStyle(EmulatorConfig.StkQueryPendingStyle.LEGACY)
 *     .build();
 * }</pre>
 */
public final class EmulatorConfig {

  /** How STK Query answers while the customer has not yet responded (REFERENCE §4.3 ⚠). */
  public enum StkQueryPendingStyle {
    /** HTTP 200 with {@code "ResultCode":"4999"} — the 2025–2026 sandbox. */
    CURRENT,
    /** HTTP 500 {@code 500.001.1001 "The transaction is being processed"} — older Daraja. */
    LEGACY
  }

  /** The JSON type of {@code expires_in} in the OAuth answer (REFERENCE §3 ⚠). */
  public enum ExpiresInType {
    /** {@code "3599"}, as most documentation and SDK fakes show. */
    STRING,
    /** {@code 3599}, as the 2025 portal page shows. */
    NUMBER
  }

  /** Whether C2B URLs can be registered again (REFERENCE §5.1). */
  public enum C2bRegistrationMode {
    /** Sandbox: registering again overwrites. */
    SANDBOX,
    /** Production: a second registration fails with {@code "Urls are already registered."}. */
    PRODUCTION
  }

  /** How initiator SecurityCredentials are checked (REFERENCE §19, §22.6). */
  public enum CredentialMode {
    /**
     * Credentials encrypted with the emulator's certificate are decrypted and checked against the
     * initiator's password; any other well-formed 256-byte credential (e.g. one encrypted with
     * Safaricom's sandbox certificate, which nobody can decrypt here) is accepted unchecked, with a
     * warning in the log.
     */
    AUTO,
    /**
     * Only credentials encrypted with the emulator's certificate, holding the right password; any
     * other answers 2001 "The initiator information is invalid.", as Daraja does.
     */
    STRICT,
    /** Any Base64 credential that decodes to 256 bytes. */
    LENIENT
  }

  /** Key spelling of the Pull register answer (REFERENCE §13.1 ⚠). */
  public enum PullResponseKeys {
    /** {@code ResponseStatus}, {@code ResponseDescription} (2025 portal JSON). */
    COMPACT,
    /** {@code "Response Status"}, {@code "Response Description"} (legacy docs, production). */
    SPACED
  }

  /** Key casing of Ratiba's consent callback (REFERENCE §15 ⚠: the samples disagree). */
  public enum RatibaCallbackKeys {
    /** As the portal's samples: camelCase on success, PascalCase on failure. */
    AS_DOCUMENTED,
    /**
     * {@code responseHeader}, {@code responseBody}, {@code responseData}, {@code name}/{@code
     * value}.
     */
    CAMEL,
    /**
     * {@code ResponseHeader}, {@code ResponseBody}, {@code ResponseData}, {@code Name}/{@code
     * Value}.
     */
    PASCAL
  }

  /** ⚠ The HTTP status of a Bill Manager refusal: Safaricom documents only the envelope. */
  public enum BillManagerRefusalStatus {
    /** The envelope's {@code rescode} (400, 401, 409). */
    RESCODE,
    /** HTTP 200, the refusal in the envelope. */
    OK
  }

  /**
   * A Daraja app allowed in strict mode.
   *
   * @param consumerKey the app's consumer key
   * @param consumerSecret the app's consumer secret
   * @param products endpoint ids the app may call ({@code stk_push}, {@code b2c_v3}…); empty means
   *     all
   */
  public record App(String consumerKey, String consumerSecret, Set<String> products) {
    /** Copies {@code products} so the record stays immutable. */
    public App {
      Objects.requireNonNull(consumerKey, "consumerKey");
      Objects.requireNonNull(consumerSecret, "consumerSecret");
      products = Set.copyOf(products);
    }

    @Override
    public String toString() {
      return "App[consumerKey=" + consumerKey + ", consumerSecret=***, products=" + products + "]";
    }
  }

  /**
   * A customer to create at start and on reset.
   *
   * @param msisdn {@code 2547XXXXXXXX}
   * @param firstName first name (M-Pesa prints names upper-case)
   * @param middleName middle name or {@code ""}
   * @param lastName last name or {@code ""}
   * @param balanceCents opening balance in cents
   * @param pin the M-Pesa PIN used by manual approvals
   * @param registered false for an unregistered (non-KYC) customer
   */
  public record Customer(
      String msisdn,
      String firstName,
      String middleName,
      String lastName,
      long balanceCents,
      String pin,
      boolean registered) {}

  /**
   * An organisation to create at start and on reset.
   *
   * @param shortCode the shortcode
   * @param name the registered name
   * @param buyGoods true for a Buy Goods store or till, false for a PayBill
   * @param passkey Lipa na M-Pesa Online passkey, or {@code null} if it cannot do STK push
   * @param headOffice for a till: the store shortcode that initiates STK pushes for it, or {@code
   *     null}
   * @param balancesCents opening balances by account alias ({@code "Utility Account"}…), in cents
   */
  public record Organisation(
      String shortCode,
      String name,
      boolean buyGoods,
      String passkey,
      String headOffice,
      Map<String, Long> balancesCents) {
    /** Copies {@code balancesCents} so the record stays immutable. */
    public Organisation {
      balancesCents = Map.copyOf(balancesCents);
    }
  }

  private final Map<String, Object> values;

  private EmulatorConfig(Builder builder) {
    values = Map.copyOf(builder.values);
  }

  /** The defaults: Safaricom's sandbox behaviour and test data, on 127.0.0.1:8090. */
  public static EmulatorConfig defaults() {
    return new Builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads a JSON configuration file on top of the defaults. */
  public static EmulatorConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new EmulatorConfigException("cannot read config file " + file + ": " + e, e);
    }
    try {
      return defaults().withJson(text);
    } catch (EmulatorConfigException e) {
      throw new EmulatorConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * This configuration with the settings in a JSON document applied on top. Keys may be nested
   * ({@code {"stk":{"manualMode":true}}}) or dotted ({@code {"stk.manualMode":true}}).
   *
   * @throws EmulatorConfigException naming the first unknown key or bad value
   */
  public EmulatorConfig withJson(String json) {
    JsonNode root;
    try {
      root = Json.parse(json);
    } catch (IOException e) {
      throw new EmulatorConfigException("configuration is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw new EmulatorConfigException("configuration must be a JSON object");
    }
    Builder builder = toBuilder();
    builder.apply("", root);
    return builder.build();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The runtime settings as JSON, with the keys {@link #withJson} accepts. Secrets (app secrets,
   * initiator passwords) are left out.
   */
  public ObjectNode toJson() {
    ObjectNode root = Json.object();
    for (Setting<?> setting : Settings.ALL) {
      report(root, setting);
    }
    return root;
  }

  private <T> void report(ObjectNode root, Setting<T> setting) {
    ObjectNode parent = root;
    String[] path = setting.key().split("\\.");
    for (int i = 0; i < path.length - 1; i++) {
      parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
    }
    setting.type().report().report(parent, path[path.length - 1], get(setting));
  }

  @SuppressWarnings("unchecked") // values holds only what the setting's own type checked
  private <T> T get(Setting<T> setting) {
    return (T) values.get(setting.key());
  }

  /** Interface to bind, {@code 127.0.0.1} by default. */
  public String host() {
    return get(Settings.HOST);
  }

  /** Port to listen on; {@code 0} picks a free one. */
  public int port() {
    return get(Settings.PORT);
  }

  /**
   * Seed for random fault decisions and, with the start time, for generated ids. Receipts, TransIDs
   * and conversation ids never repeat whatever the seed: an emulator started later never issues one
   * an earlier one did.
   */
  public long seed() {
    return get(Settings.SEED);
  }

  /** Largest request body accepted; bigger ones get {@code 400.002.05}. */
  public int maxBodyBytes() {
    return get(Settings.MAX_BODY_BYTES);
  }

  /**
   * True if the admin API ({@code /__admin/…}) answers only requests from this machine (a loopback
   * address: 127.0.0.0/8 or ::1); others get 403. Daraja's own endpoints stay open. Forwarded-for
   * headers are ignored, so a reverse proxy on the same machine would count as this machine.
   */
  public boolean adminLoopbackOnly() {
    return get(Settings.ADMIN_LOOPBACK_ONLY);
  }

  /**
   * True if admin answers mask the parts of callback URLs that may be secrets: every path segment
   * that is not a common callback word, the query, the fragment and any user info. Scheme, host and
   * port stay, so {@code https://pay.example.com/daraja/k3Yx…/stk} shows as {@code
   * https://pay.example.com/daraja/***}{@code /stk}.
   */
  public boolean redactCallbackUrls() {
    return get(Settings.REDACT_CALLBACK_URLS);
  }

  /** Lifetime of OAuth tokens ({@code 3599 s}). */
  public Duration tokenTtl() {
    return get(Settings.TOKEN_TTL);
  }

  /** The JSON type of {@code expires_in} in OAuth answers. */
  public ExpiresInType expiresInType() {
    return get(Settings.EXPIRES_IN_TYPE);
  }

  /** True if issuing a token invalidates the app's earlier ones (REFERENCE §3 ⚠). */
  public boolean reissueInvalidatesPrevious() {
    return get(Settings.REISSUE_INVALIDATES_PREVIOUS);
  }

  /** Apps accepted in strict mode; empty means any consumer key and secret are accepted. */
  public List<App> apps() {
    return get(Settings.APPS);
  }

  /** Delay before a callback or result is delivered. */
  public Duration resultDelay() {
    return get(Settings.RESULT_DELAY);
  }

  /** How long a callback receiver may take to answer. */
  public Duration callbackTimeout() {
    return get(Settings.CALLBACK_TIMEOUT);
  }

  /** How STK Query answers while a prompt is pending. */
  public StkQueryPendingStyle stkQueryPendingStyle() {
    return get(Settings.STK_QUERY_PENDING_STYLE);
  }

  /** How long a prompt waits in manual mode before it times out (1037). */
  public Duration stkPromptTimeout() {
    return get(Settings.STK_PROMPT_TIMEOUT);
  }

  /** True if STK prompts wait for an admin decision instead of following the scenario table. */
  public boolean stkManualMode() {
    return get(Settings.STK_MANUAL_MODE);
  }

  /** True to include the value-less {@code Balance} item in STK success callbacks. */
  public boolean stkBalanceItem() {
    return get(Settings.STK_BALANCE_ITEM);
  }

  /** Largest STK amount in whole KES; above it the result is 3 (REFERENCE §21). */
  public long stkMaxAmount() {
    return get(Settings.STK_MAX_AMOUNT);
  }

  /**
   * Longest STK AccountReference: 20 by default (⚠ the portal says 12, the sandbox accepted 15; 20
   * is the PayBill account-number limit). Set 12 to enforce the portal's limit.
   */
  public int accountReferenceMaxLength() {
    return get(Settings.ACCOUNT_REFERENCE_MAX_LENGTH);
  }

  /**
   * Longest STK TransactionDesc: 100 by default (⚠ the portal says 13, but the sandbox accepts
   * "Lipa na mpesa online", 20 characters). Set 13 to enforce the portal's limit.
   */
  public int transactionDescMaxLength() {
    return get(Settings.TRANSACTION_DESC_MAX_LENGTH);
  }

  /**
   * Window in which a second push of the same amount to the same customer is "Rule limited" (17);
   * zero turns the rule off.
   */
  public Duration stkRuleLimitWindow() {
    return get(Settings.STK_RULE_LIMIT_WINDOW);
  }

  /** True to answer pushes to numbers other than the sandbox test MSISDN with E3008. */
  public boolean sandboxRealism() {
    return get(Settings.SANDBOX_REALISM);
  }

  /**
   * How far an STK Timestamp may be from now, in both UTC and EAT readings; zero accepts any valid
   * timestamp (REFERENCE §20 ⚠).
   */
  public Duration timestampTolerance() {
    return get(Settings.TIMESTAMP_TOLERANCE);
  }

  /** True to create a customer on first use of an unknown MSISDN. */
  public boolean autoCreateCustomers() {
    return get(Settings.AUTO_CREATE_CUSTOMERS);
  }

  /** Opening balance in whole KES of auto-created customers. */
  public long newCustomerBalance() {
    return get(Settings.NEW_CUSTOMER_BALANCE);
  }

  /** Largest balance a customer may hold, in whole KES (8 above it). */
  public long customerMaxBalance() {
    return get(Settings.CUSTOMER_MAX_BALANCE);
  }

  /** Most a customer may pay out in a day, in whole KES (4 above it). */
  public long customerDailyLimit() {
    return get(Settings.CUSTOMER_DAILY_LIMIT);
  }

  /** Smallest B2C amount in whole KES (below it: ResultCode 2). */
  public long b2cMinAmount() {
    return get(Settings.B2C_MIN_AMOUNT);
  }

  /** Largest B2C amount in whole KES (above it: ResultCode 3). */
  public long b2cMaxAmount() {
    return get(Settings.B2C_MAX_AMOUNT);
  }

  /** Whether C2B URLs may be registered again. */
  public C2bRegistrationMode c2bRegistration() {
    return get(Settings.C2B_REGISTRATION);
  }

  /** How long a merchant's validation URL may take before {@code ResponseType} decides (8 s). */
  public Duration c2bValidationTimeout() {
    return get(Settings.C2B_VALIDATION_TIMEOUT);
  }

  /** How initiator SecurityCredentials are checked. */
  public CredentialMode credentialMode() {
    return get(Settings.CREDENTIAL_MODE);
  }

  /** Consecutive bad credentials after which an initiator is locked (8006). */
  public int credentialLockAfter() {
    return get(Settings.CREDENTIAL_LOCK_AFTER);
  }

  /** Initiator names and their passwords. */
  public Map<String, String> initiators() {
    return get(Settings.INITIATORS);
  }

  /** Key spelling of the Pull register answer. */
  public PullResponseKeys pullResponseKeys() {
    return get(Settings.PULL_RESPONSE_KEYS);
  }

  /** Key casing of Ratiba consent callbacks. */
  public RatibaCallbackKeys ratibaCallbackKeys() {
    return get(Settings.RATIBA_CALLBACK_KEYS);
  }

  /** Time of day, in Nairobi, at which standing orders debit on each due date. */
  public LocalTime ratibaDebitTime() {
    return get(Settings.RATIBA_DEBIT_TIME);
  }

  /**
   * {@code TransactionType} of the C2B confirmation a standing-order debit sends (⚠ Safaricom does
   * not document how Ratiba debits are reported).
   */
  public String ratibaDebitTransactionType() {
    return get(Settings.RATIBA_DEBIT_TRANSACTION_TYPE);
  }

  /** ⚠ The header Bill Manager reads the app key from (undocumented). */
  public String billManagerAppKeyHeader() {
    return get(Settings.BILL_MANAGER_APP_KEY_HEADER);
  }

  /** How many times a Bill Manager payment is pushed until the biller answers rescode 200. */
  public int billManagerPushAttempts() {
    return get(Settings.BILL_MANAGER_PUSH_ATTEMPTS);
  }

  /** ⚠ Emulator time between a failed Bill Manager push and the next (undocumented). */
  public Duration billManagerPushRetryInterval() {
    return get(Settings.BILL_MANAGER_PUSH_RETRY_INTERVAL);
  }

  /** ⚠ The HTTP status of a Bill Manager refusal. */
  public BillManagerRefusalStatus billManagerRefusalStatus() {
    return get(Settings.BILL_MANAGER_REFUSAL_STATUS);
  }

  /** Ledger entries, STK sessions and deliveries older than this are pruned. */
  public Duration retention() {
    return get(Settings.RETENTION);
  }

  /** Most ledger entries kept, oldest pruned first. */
  public int maxTransactions() {
    return get(Settings.MAX_TRANSACTIONS);
  }

  /** Most delivery records kept, oldest pruned first. */
  public int maxDeliveries() {
    return get(Settings.MAX_DELIVERIES);
  }

  /** True to provision Safaricom's public sandbox shortcodes, initiator and test MSISDN. */
  public boolean sandboxData() {
    return get(Settings.SANDBOX_DATA);
  }

  /**
   * Shortcodes whose C2B External Validation is on at start and after a reset (REFERENCE §5.1,
   * §5.3): only their payments send a validation request to a registered ValidationURL. Daraja
   * turns it on only when a merchant asks Safaricom, so by default no shortcode has it. Switch it
   * at runtime with {@code PUT /__admin/organisations/{shortCode}/external-validation}.
   */
  public Set<String> externalValidation() {
    return get(Settings.EXTERNAL_VALIDATION);
  }

  /** Extra customers (they replace sandbox ones with the same MSISDN). */
  public List<Customer> customers() {
    return get(Settings.CUSTOMERS);
  }

  /** Extra organisations (they replace sandbox ones with the same shortcode). */
  public List<Organisation> organisations() {
    return get(Settings.ORGANISATIONS);
  }

  @Override
  public String toString() {
    return "EmulatorConfig" + toJson();
  }

  /** Builder for {@link EmulatorConfig}; every setting starts at its documented default. */
  public static final class Builder {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Builder() {
      Settings.ALL.forEach(setting -> values.put(setting.key(), setting.defaultValue()));
    }

    private Builder(EmulatorConfig config) {
      values.putAll(config.values);
    }

    /** Sets {@link EmulatorConfig#host()}. */
    public Builder host(String host) {
      return set(Settings.HOST, host);
    }

    /** Sets {@link EmulatorConfig#port()}. */
    public Builder port(int port) {
      return set(Settings.PORT, port);
    }

    /** Sets {@link EmulatorConfig#seed()}. */
    public Builder seed(long seed) {
      return set(Settings.SEED, seed);
    }

    /** Sets {@link EmulatorConfig#maxBodyBytes()}. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      return set(Settings.MAX_BODY_BYTES, maxBodyBytes);
    }

    /** Sets {@link EmulatorConfig#adminLoopbackOnly()}. */
    public Builder adminLoopbackOnly(boolean adminLoopbackOnly) {
      return set(Settings.ADMIN_LOOPBACK_ONLY, adminLoopbackOnly);
    }

    /** Sets {@link EmulatorConfig#redactCallbackUrls()}. */
    public Builder redactCallbackUrls(boolean redactCallbackUrls) {
      return set(Settings.REDACT_CALLBACK_URLS, redactCallbackUrls);
    }

    /** Sets {@link EmulatorConfig#tokenTtl()}. */
    public Builder tokenTtl(Duration tokenTtl) {
      return set(Settings.TOKEN_TTL, tokenTtl);
    }

    /** Sets {@link EmulatorConfig#expiresInType()}. */
    public Builder expiresInType(ExpiresInType expiresInType) {
      return set(Settings.EXPIRES_IN_TYPE, expiresInType);
    }

    /** Sets {@link EmulatorConfig#reissueInvalidatesPrevious()}. */
    public Builder reissueInvalidatesPrevious(boolean reissueInvalidatesPrevious) {
      return set(Settings.REISSUE_INVALIDATES_PREVIOUS, reissueInvalidatesPrevious);
    }

    /** Strict mode: only these apps may get tokens. An empty list accepts any key and secret. */
    public Builder apps(List<App> apps) {
      return set(Settings.APPS, apps);
    }

    /** Sets {@link EmulatorConfig#resultDelay()}. */
    public Builder resultDelay(Duration resultDelay) {
      return set(Settings.RESULT_DELAY, resultDelay);
    }

    /** Sets {@link EmulatorConfig#callbackTimeout()}. */
    public Builder callbackTimeout(Duration callbackTimeout) {
      return set(Settings.CALLBACK_TIMEOUT, callbackTimeout);
    }

    /** Sets {@link EmulatorConfig#stkQueryPendingStyle()}. */
    public Builder stkQueryPendingStyle(StkQueryPendingStyle style) {
      return set(Settings.STK_QUERY_PENDING_STYLE, style);
    }

    /** Sets {@link EmulatorConfig#stkPromptTimeout()}. */
    public Builder stkPromptTimeout(Duration stkPromptTimeout) {
      return set(Settings.STK_PROMPT_TIMEOUT, stkPromptTimeout);
    }

    /** Sets {@link EmulatorConfig#stkManualMode()}. */
    public Builder stkManualMode(boolean stkManualMode) {
      return set(Settings.STK_MANUAL_MODE, stkManualMode);
    }

    /** Sets {@link EmulatorConfig#stkBalanceItem()}. */
    public Builder stkBalanceItem(boolean stkBalanceItem) {
      return set(Settings.STK_BALANCE_ITEM, stkBalanceItem);
    }

    /** Sets {@link EmulatorConfig#stkMaxAmount()}. */
    public Builder stkMaxAmount(long stkMaxAmount) {
      return set(Settings.STK_MAX_AMOUNT, stkMaxAmount);
    }

    /** Sets {@link EmulatorConfig#accountReferenceMaxLength()}. */
    public Builder accountReferenceMaxLength(int length) {
      return set(Settings.ACCOUNT_REFERENCE_MAX_LENGTH, length);
    }

    /** Sets {@link EmulatorConfig#transactionDescMaxLength()}. */
    public Builder transactionDescMaxLength(int length) {
      return set(Settings.TRANSACTION_DESC_MAX_LENGTH, length);
    }

    /** Sets {@link EmulatorConfig#stkRuleLimitWindow()}. */
    public Builder stkRuleLimitWindow(Duration window) {
      return set(Settings.STK_RULE_LIMIT_WINDOW, window);
    }

    /** Sets {@link EmulatorConfig#sandboxRealism()}. */
    public Builder sandboxRealism(boolean sandboxRealism) {
      return set(Settings.SANDBOX_REALISM, sandboxRealism);
    }

    /** Sets {@link EmulatorConfig#timestampTolerance()}. */
    public Builder timestampTolerance(Duration tolerance) {
      return set(Settings.TIMESTAMP_TOLERANCE, tolerance);
    }

    /** Sets {@link EmulatorConfig#autoCreateCustomers()}. */
    public Builder autoCreateCustomers(boolean autoCreateCustomers) {
      return set(Settings.AUTO_CREATE_CUSTOMERS, autoCreateCustomers);
    }

    /** Sets {@link EmulatorConfig#newCustomerBalance()}. */
    public Builder newCustomerBalance(long wholeKes) {
      return set(Settings.NEW_CUSTOMER_BALANCE, wholeKes);
    }

    /** Sets {@link EmulatorConfig#customerMaxBalance()}. */
    public Builder customerMaxBalance(long wholeKes) {
      return set(Settings.CUSTOMER_MAX_BALANCE, wholeKes);
    }

    /** Sets {@link EmulatorConfig#customerDailyLimit()}. */
    public Builder customerDailyLimit(long wholeKes) {
      return set(Settings.CUSTOMER_DAILY_LIMIT, wholeKes);
    }

    /** Sets {@link EmulatorConfig#b2cMinAmount()}. */
    public Builder b2cMinAmount(long wholeKes) {
      return set(Settings.B2C_MIN_AMOUNT, wholeKes);
    }

    /** Sets {@link EmulatorConfig#b2cMaxAmount()}. */
    public Builder b2cMaxAmount(long wholeKes) {
      return set(Settings.B2C_MAX_AMOUNT, wholeKes);
    }

    /** Sets {@link EmulatorConfig#c2bRegistration()}. */
    public Builder c2bRegistration(C2bRegistrationMode mode) {
      return set(Settings.C2B_REGISTRATION, mode);
    }

    /** Sets {@link EmulatorConfig#c2bValidationTimeout()}. */
    public Builder c2bValidationTimeout(Duration timeout) {
      return set(Settings.C2B_VALIDATION_TIMEOUT, timeout);
    }

    /** Sets {@link EmulatorConfig#credentialMode()}. */
    public Builder credentialMode(CredentialMode mode) {
      return set(Settings.CREDENTIAL_MODE, mode);
    }

    /** Sets {@link EmulatorConfig#credentialLockAfter()}. */
    public Builder credentialLockAfter(int failures) {
      return set(Settings.CREDENTIAL_LOCK_AFTER, failures);
    }

    /** Replaces the initiators (name → password). */
    public Builder initiators(Map<String, String> initiators) {
      return set(Settings.INITIATORS, initiators);
    }

    /** Sets {@link EmulatorConfig#pullResponseKeys()}. */
    public Builder pullResponseKeys(PullResponseKeys keys) {
      return set(Settings.PULL_RESPONSE_KEYS, keys);
    }

    /** Sets {@link EmulatorConfig#ratibaCallbackKeys()}. */
    public Builder ratibaCallbackKeys(RatibaCallbackKeys keys) {
      return set(Settings.RATIBA_CALLBACK_KEYS, keys);
    }

    /** Sets {@link EmulatorConfig#ratibaDebitTime()}. */
    public Builder ratibaDebitTime(LocalTime debitTime) {
      return set(Settings.RATIBA_DEBIT_TIME, debitTime);
    }

    /** Sets {@link EmulatorConfig#ratibaDebitTransactionType()}. */
    public Builder ratibaDebitTransactionType(String transactionType) {
      return set(Settings.RATIBA_DEBIT_TRANSACTION_TYPE, transactionType);
    }

    /** Sets {@link EmulatorConfig#billManagerAppKeyHeader()}. */
    public Builder billManagerAppKeyHeader(String header) {
      return set(Settings.BILL_MANAGER_APP_KEY_HEADER, header);
    }

    /** Sets {@link EmulatorConfig#billManagerPushAttempts()}. */
    public Builder billManagerPushAttempts(int attempts) {
      return set(Settings.BILL_MANAGER_PUSH_ATTEMPTS, attempts);
    }

    /** Sets {@link EmulatorConfig#billManagerPushRetryInterval()}. */
    public Builder billManagerPushRetryInterval(Duration interval) {
      return set(Settings.BILL_MANAGER_PUSH_RETRY_INTERVAL, interval);
    }

    /** Sets {@link EmulatorConfig#billManagerRefusalStatus()}. */
    public Builder billManagerRefusalStatus(BillManagerRefusalStatus status) {
      return set(Settings.BILL_MANAGER_REFUSAL_STATUS, status);
    }

    /** Sets {@link EmulatorConfig#retention()}. */
    public Builder retention(Duration retention) {
      return set(Settings.RETENTION, retention);
    }

    /** Sets {@link EmulatorConfig#maxTransactions()}. */
    public Builder maxTransactions(int maxTransactions) {
      return set(Settings.MAX_TRANSACTIONS, maxTransactions);
    }

    /** Sets {@link EmulatorConfig#maxDeliveries()}. */
    public Builder maxDeliveries(int maxDeliveries) {
      return set(Settings.MAX_DELIVERIES, maxDeliveries);
    }

    /** Sets {@link EmulatorConfig#sandboxData()}. */
    public Builder sandboxData(boolean sandboxData) {
      return set(Settings.SANDBOX_DATA, sandboxData);
    }

    /** Sets {@link EmulatorConfig#externalValidation()}. */
    public Builder externalValidation(Set<String> shortCodes) {
      return set(Settings.EXTERNAL_VALIDATION, shortCodes);
    }

    /** Adds a customer to provision. */
    public Builder customer(Customer customer) {
      return add(Settings.CUSTOMERS, customer);
    }

    /** Adds an organisation to provision. */
    public Builder organisation(Organisation organisation) {
      return add(Settings.ORGANISATIONS, organisation);
    }

    /**
     * The configuration.
     *
     * @throws EmulatorConfigException if the settings contradict each other
     */
    public EmulatorConfig build() {
      long b2cMin = (Long) values.get(Settings.B2C_MIN_AMOUNT.key());
      long b2cMax = (Long) values.get(Settings.B2C_MAX_AMOUNT.key());
      if (b2cMin > b2cMax) {
        throw new EmulatorConfigException(
            "b2c.minAmount (" + b2cMin + ") is above b2c.maxAmount (" + b2cMax + ")");
      }
      return new EmulatorConfig(this);
    }

    private <T> Builder set(Setting<T> setting, T value) {
      values.put(setting.key(), setting.check(value));
      return this;
    }

    @SuppressWarnings("unchecked") // values holds only what the setting's own type checked
    private <T> Builder add(Setting<List<T>> setting, T element) {
      List<T> list = new ArrayList<>((List<T>) values.get(setting.key()));
      list.add(Objects.requireNonNull(element, setting.key()));
      return set(setting, list);
    }

    void apply(String prefix, JsonNode node) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        Setting<?> setting = Settings.BY_KEY.get(key);
        if (setting != null) {
          values.put(key, setting.read(field.getValue()));
        } else if (field.getValue().isObject()) {
          apply(key, field.getValue());
        } else {
          throw new EmulatorConfigException(
              "unknown configuration key '" + key + "': see docs/emulator.md for every key");
        }
      }
    }
  }
}
