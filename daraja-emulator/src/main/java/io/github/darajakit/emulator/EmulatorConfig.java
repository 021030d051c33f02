package io.github.darajakit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.Durations;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.AccountType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
     * Safaricom's sandbox certificate, which nobody can decrypt here) is accepted.
     */
    AUTO,
    /** Only credentials encrypted with the emulator's certificate, holding the right password. */
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

  private final String host;
  private final int port;
  private final long seed;
  private final int maxBodyBytes;
  private final boolean adminLoopbackOnly;
  private final boolean redactCallbackUrls;
  private final Duration tokenTtl;
  private final ExpiresInType expiresInType;
  private final boolean reissueInvalidatesPrevious;
  private final List<App> apps;
  private final Duration resultDelay;
  private final Duration callbackTimeout;
  private final StkQueryPendingStyle stkQueryPendingStyle;
  private final Duration stkPromptTimeout;
  private final boolean stkManualMode;
  private final boolean stkBalanceItem;
  private final long stkMaxAmount;
  private final int accountReferenceMaxLength;
  private final int transactionDescMaxLength;
  private final Duration stkRuleLimitWindow;
  private final boolean sandboxRealism;
  private final Duration timestampTolerance;
  private final boolean autoCreateCustomers;
  private final long newCustomerBalance;
  private final long customerMaxBalance;
  private final long customerDailyLimit;
  private final long b2cMinAmount;
  private final long b2cMaxAmount;
  private final C2bRegistrationMode c2bRegistration;
  private final Duration c2bValidationTimeout;
  private final CredentialMode credentialMode;
  private final int credentialLockAfter;
  private final Map<String, String> initiators;
  private final PullResponseKeys pullResponseKeys;
  private final RatibaCallbackKeys ratibaCallbackKeys;
  private final LocalTime ratibaDebitTime;
  private final String ratibaDebitTransactionType;
  private final Duration retention;
  private final int maxTransactions;
  private final int maxDeliveries;
  private final boolean sandboxData;
  private final List<Customer> customers;
  private final List<Organisation> organisations;

  private EmulatorConfig(Builder b) {
    host = b.host;
    port = b.port;
    seed = b.seed;
    maxBodyBytes = b.maxBodyBytes;
    adminLoopbackOnly = b.adminLoopbackOnly;
    redactCallbackUrls = b.redactCallbackUrls;
    tokenTtl = b.tokenTtl;
    expiresInType = b.expiresInType;
    reissueInvalidatesPrevious = b.reissueInvalidatesPrevious;
    apps = List.copyOf(b.apps);
    resultDelay = b.resultDelay;
    callbackTimeout = b.callbackTimeout;
    stkQueryPendingStyle = b.stkQueryPendingStyle;
    stkPromptTimeout = b.stkPromptTimeout;
    stkManualMode = b.stkManualMode;
    stkBalanceItem = b.stkBalanceItem;
    stkMaxAmount = b.stkMaxAmount;
    accountReferenceMaxLength = b.accountReferenceMaxLength;
    transactionDescMaxLength = b.transactionDescMaxLength;
    stkRuleLimitWindow = b.stkRuleLimitWindow;
    sandboxRealism = b.sandboxRealism;
    timestampTolerance = b.timestampTolerance;
    autoCreateCustomers = b.autoCreateCustomers;
    newCustomerBalance = b.newCustomerBalance;
    customerMaxBalance = b.customerMaxBalance;
    customerDailyLimit = b.customerDailyLimit;
    b2cMinAmount = b.b2cMinAmount;
    b2cMaxAmount = b.b2cMaxAmount;
    c2bRegistration = b.c2bRegistration;
    c2bValidationTimeout = b.c2bValidationTimeout;
    credentialMode = b.credentialMode;
    credentialLockAfter = b.credentialLockAfter;
    initiators = Map.copyOf(b.initiators);
    pullResponseKeys = b.pullResponseKeys;
    ratibaCallbackKeys = b.ratibaCallbackKeys;
    ratibaDebitTime = b.ratibaDebitTime;
    ratibaDebitTransactionType = b.ratibaDebitTransactionType;
    retention = b.retention;
    maxTransactions = b.maxTransactions;
    maxDeliveries = b.maxDeliveries;
    sandboxData = b.sandboxData;
    customers = List.copyOf(b.customers);
    organisations = List.copyOf(b.organisations);
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
    ObjectNode server = root.putObject("server");
    server.put("host", host).put("port", port).put("maxBodyBytes", maxBodyBytes);
    root.putObject("admin")
        .put("loopbackOnly", adminLoopbackOnly)
        .put("redactCallbackUrls", redactCallbackUrls);
    root.put("seed", seed);
    ObjectNode auth = root.putObject("auth");
    auth.put("tokenTtl", format(tokenTtl))
        .put("expiresInType", lower(expiresInType))
        .put("reissueInvalidatesPrevious", reissueInvalidatesPrevious)
        .put("strict", !apps.isEmpty());
    ArrayNode appKeys = auth.putArray("apps");
    apps.forEach(app -> appKeys.addObject().put("consumerKey", app.consumerKey()));
    ObjectNode callbacks = root.putObject("callbacks");
    callbacks.put("delay", format(resultDelay)).put("timeout", format(callbackTimeout));
    ObjectNode stk = root.putObject("stk");
    stk.put("queryPendingStyle", lower(stkQueryPendingStyle))
        .put("promptTimeout", format(stkPromptTimeout))
        .put("manualMode", stkManualMode)
        .put("balanceItem", stkBalanceItem)
        .put("maxAmount", stkMaxAmount)
        .put("accountReferenceMaxLength", accountReferenceMaxLength)
        .put("transactionDescMaxLength", transactionDescMaxLength)
        .put("ruleLimitWindow", format(stkRuleLimitWindow))
        .put("sandboxRealism", sandboxRealism)
        .put("timestampTolerance", format(timestampTolerance));
    ObjectNode customersNode = root.putObject("customers");
    customersNode
        .put("autoCreate", autoCreateCustomers)
        .put("openingBalance", newCustomerBalance)
        .put("maxBalance", customerMaxBalance)
        .put("dailyLimit", customerDailyLimit);
    root.putObject("b2c").put("minAmount", b2cMinAmount).put("maxAmount", b2cMaxAmount);
    root.putObject("c2b")
        .put("registration", lower(c2bRegistration))
        .put("validationTimeout", format(c2bValidationTimeout));
    ObjectNode credentials = root.putObject("credentials");
    credentials.put("mode", lower(credentialMode)).put("lockAfterFailures", credentialLockAfter);
    ArrayNode initiatorNames = credentials.putArray("initiatorNames");
    initiators.keySet().stream().sorted().forEach(initiatorNames::add);
    root.putObject("pull").put("responseKeys", lower(pullResponseKeys));
    root.putObject("ratiba")
        .put("callbackKeys", lower(ratibaCallbackKeys).replace('_', '-'))
        .put("debitTime", ratibaDebitTime.toString())
        .put("debitTransactionType", ratibaDebitTransactionType);
    root.putObject("retention")
        .put("maxAge", format(retention))
        .put("maxTransactions", maxTransactions)
        .put("maxDeliveries", maxDeliveries);
    root.putObject("world").put("sandboxData", sandboxData);
    return root;
  }

  /** Interface to bind, {@code 127.0.0.1} by default. */
  public String host() {
    return host;
  }

  /** Port to listen on; {@code 0} picks a free one. */
  public int port() {
    return port;
  }

  /**
   * Seed for random fault decisions and, with the start time, for generated ids. Receipts, TransIDs
   * and conversation ids never repeat whatever the seed: an emulator started later never issues one
   * an earlier one did.
   */
  public long seed() {
    return seed;
  }

  /** Largest request body accepted; bigger ones get {@code 400.002.05}. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * True if the admin API ({@code /__admin/…}) answers only requests from this machine (a loopback
   * address: 127.0.0.0/8 or ::1); others get 403. Daraja's own endpoints stay open. Forwarded-for
   * headers are ignored, so a reverse proxy on the same machine would count as this machine.
   */
  public boolean adminLoopbackOnly() {
    return adminLoopbackOnly;
  }

  /**
   * True if admin answers mask the parts of callback URLs that may be secrets: every path segment
   * that is not a common callback word, the query, the fragment and any user info. Scheme, host and
   * port stay, so {@code https://pay.example.com/daraja/k3Yx…/stk} shows as {@code
   * https://pay.example.com/daraja/***}{@code /stk}.
   */
  public boolean redactCallbackUrls() {
    return redactCallbackUrls;
  }

  /** Lifetime of OAuth tokens ({@code 3599 s}). */
  public Duration tokenTtl() {
    return tokenTtl;
  }

  /** The JSON type of {@code expires_in} in OAuth answers. */
  public ExpiresInType expiresInType() {
    return expiresInType;
  }

  /** True if issuing a token invalidates the app's earlier ones (REFERENCE §3 ⚠). */
  public boolean reissueInvalidatesPrevious() {
    return reissueInvalidatesPrevious;
  }

  /** Apps accepted in strict mode; empty means any consumer key and secret are accepted. */
  public List<App> apps() {
    return apps;
  }

  /** Delay before a callback or result is delivered. */
  public Duration resultDelay() {
    return resultDelay;
  }

  /** How long a callback receiver may take to answer. */
  public Duration callbackTimeout() {
    return callbackTimeout;
  }

  /** How STK Query answers while a prompt is pending. */
  public StkQueryPendingStyle stkQueryPendingStyle() {
    return stkQueryPendingStyle;
  }

  /** How long a prompt waits in manual mode before it times out (1037). */
  public Duration stkPromptTimeout() {
    return stkPromptTimeout;
  }

  /** True if STK prompts wait for an admin decision instead of following the scenario table. */
  public boolean stkManualMode() {
    return stkManualMode;
  }

  /** True to include the value-less {@code Balance} item in STK success callbacks. */
  public boolean stkBalanceItem() {
    return stkBalanceItem;
  }

  /** Largest STK amount in whole KES; above it the result is 3 (REFERENCE §21). */
  public long stkMaxAmount() {
    return stkMaxAmount;
  }

  /** Longest STK AccountReference (12; the sandbox has been seen to accept 15 ⚠). */
  public int accountReferenceMaxLength() {
    return accountReferenceMaxLength;
  }

  /** Longest STK TransactionDesc (13). */
  public int transactionDescMaxLength() {
    return transactionDescMaxLength;
  }

  /**
   * Window in which a second push of the same amount to the same customer is "Rule limited" (17);
   * zero turns the rule off.
   */
  public Duration stkRuleLimitWindow() {
    return stkRuleLimitWindow;
  }

  /** True to answer pushes to numbers other than the sandbox test MSISDN with E3008. */
  public boolean sandboxRealism() {
    return sandboxRealism;
  }

  /**
   * How far an STK Timestamp may be from now, in both UTC and EAT readings; zero accepts any valid
   * timestamp (REFERENCE §20 ⚠).
   */
  public Duration timestampTolerance() {
    return timestampTolerance;
  }

  /** True to create a customer on first use of an unknown MSISDN. */
  public boolean autoCreateCustomers() {
    return autoCreateCustomers;
  }

  /** Opening balance in whole KES of auto-created customers. */
  public long newCustomerBalance() {
    return newCustomerBalance;
  }

  /** Largest balance a customer may hold, in whole KES (8 above it). */
  public long customerMaxBalance() {
    return customerMaxBalance;
  }

  /** Most a customer may pay out in a day, in whole KES (4 above it). */
  public long customerDailyLimit() {
    return customerDailyLimit;
  }

  /** Smallest B2C amount in whole KES (below it: ResultCode 2). */
  public long b2cMinAmount() {
    return b2cMinAmount;
  }

  /** Largest B2C amount in whole KES (above it: ResultCode 3). */
  public long b2cMaxAmount() {
    return b2cMaxAmount;
  }

  /** Whether C2B URLs may be registered again. */
  public C2bRegistrationMode c2bRegistration() {
    return c2bRegistration;
  }

  /** How long a merchant's validation URL may take before {@code ResponseType} decides (8 s). */
  public Duration c2bValidationTimeout() {
    return c2bValidationTimeout;
  }

  /** How initiator SecurityCredentials are checked. */
  public CredentialMode credentialMode() {
    return credentialMode;
  }

  /** Consecutive bad credentials after which an initiator is locked (8006). */
  public int credentialLockAfter() {
    return credentialLockAfter;
  }

  /** Initiator names and their passwords. */
  public Map<String, String> initiators() {
    return initiators;
  }

  /** Key spelling of the Pull register answer. */
  public PullResponseKeys pullResponseKeys() {
    return pullResponseKeys;
  }

  /** Key casing of Ratiba consent callbacks. */
  public RatibaCallbackKeys ratibaCallbackKeys() {
    return ratibaCallbackKeys;
  }

  /** Time of day, in Nairobi, at which standing orders debit on each due date. */
  public LocalTime ratibaDebitTime() {
    return ratibaDebitTime;
  }

  /**
   * {@code TransactionType} of the C2B confirmation a standing-order debit sends (⚠ Safaricom does
   * not document how Ratiba debits are reported).
   */
  public String ratibaDebitTransactionType() {
    return ratibaDebitTransactionType;
  }

  /** Ledger entries, STK sessions and deliveries older than this are pruned. */
  public Duration retention() {
    return retention;
  }

  /** Most ledger entries kept, oldest pruned first. */
  public int maxTransactions() {
    return maxTransactions;
  }

  /** Most delivery records kept, oldest pruned first. */
  public int maxDeliveries() {
    return maxDeliveries;
  }

  /** True to provision Safaricom's public sandbox shortcodes, initiator and test MSISDN. */
  public boolean sandboxData() {
    return sandboxData;
  }

  /** Extra customers (they replace sandbox ones with the same MSISDN). */
  public List<Customer> customers() {
    return customers;
  }

  /** Extra organisations (they replace sandbox ones with the same shortcode). */
  public List<Organisation> organisations() {
    return organisations;
  }

  @Override
  public String toString() {
    return "EmulatorConfig" + toJson();
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String format(Duration duration) {
    return Durations.format(duration);
  }

  /** Builder for {@link EmulatorConfig}; every field starts at its documented default. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8090;
    private long seed = 20_240_706L;
    private int maxBodyBytes = 64 * 1024;
    private boolean adminLoopbackOnly = false;
    private boolean redactCallbackUrls = false;
    private Duration tokenTtl = Duration.ofSeconds(3599);
    private ExpiresInType expiresInType = ExpiresInType.STRING;
    private boolean reissueInvalidatesPrevious = false;
    private List<App> apps = new ArrayList<>();
    private Duration resultDelay = Duration.ofSeconds(1);
    private Duration callbackTimeout = Duration.ofSeconds(10);
    private StkQueryPendingStyle stkQueryPendingStyle = StkQueryPendingStyle.CURRENT;
    private Duration stkPromptTimeout = Duration.ofSeconds(60);
    private boolean stkManualMode = false;
    private boolean stkBalanceItem = true;
    private long stkMaxAmount = 250_000;
    private int accountReferenceMaxLength = 12;
    private int transactionDescMaxLength = 13;
    private Duration stkRuleLimitWindow = Duration.ZERO;
    private boolean sandboxRealism = false;
    private Duration timestampTolerance = Duration.ZERO;
    private boolean autoCreateCustomers = true;
    private long newCustomerBalance = 100_000;
    private long customerMaxBalance = 500_000;
    private long customerDailyLimit = 500_000;
    private long b2cMinAmount = 10;
    private long b2cMaxAmount = 250_000;
    private C2bRegistrationMode c2bRegistration = C2bRegistrationMode.SANDBOX;
    private Duration c2bValidationTimeout = Duration.ofSeconds(8);
    private CredentialMode credentialMode = CredentialMode.AUTO;
    private int credentialLockAfter = 3;
    private Map<String, String> initiators =
        new LinkedHashMap<>(Map.of("testapi", "Safaricom999!*!"));
    private PullResponseKeys pullResponseKeys = PullResponseKeys.COMPACT;
    private RatibaCallbackKeys ratibaCallbackKeys = RatibaCallbackKeys.AS_DOCUMENTED;
    private LocalTime ratibaDebitTime = LocalTime.MIDNIGHT;
    private String ratibaDebitTransactionType = "Pay Bill";
    private Duration retention = Duration.ofHours(48);
    private int maxTransactions = 1_000_000;
    private int maxDeliveries = 10_000;
    private boolean sandboxData = true;
    private List<Customer> customers = new ArrayList<>();
    private List<Organisation> organisations = new ArrayList<>();

    private Builder() {}

    private Builder(EmulatorConfig c) {
      host = c.host;
      port = c.port;
      seed = c.seed;
      maxBodyBytes = c.maxBodyBytes;
      adminLoopbackOnly = c.adminLoopbackOnly;
      redactCallbackUrls = c.redactCallbackUrls;
      tokenTtl = c.tokenTtl;
      expiresInType = c.expiresInType;
      reissueInvalidatesPrevious = c.reissueInvalidatesPrevious;
      apps = new ArrayList<>(c.apps);
      resultDelay = c.resultDelay;
      callbackTimeout = c.callbackTimeout;
      stkQueryPendingStyle = c.stkQueryPendingStyle;
      stkPromptTimeout = c.stkPromptTimeout;
      stkManualMode = c.stkManualMode;
      stkBalanceItem = c.stkBalanceItem;
      stkMaxAmount = c.stkMaxAmount;
      accountReferenceMaxLength = c.accountReferenceMaxLength;
      transactionDescMaxLength = c.transactionDescMaxLength;
      stkRuleLimitWindow = c.stkRuleLimitWindow;
      sandboxRealism = c.sandboxRealism;
      timestampTolerance = c.timestampTolerance;
      autoCreateCustomers = c.autoCreateCustomers;
      newCustomerBalance = c.newCustomerBalance;
      customerMaxBalance = c.customerMaxBalance;
      customerDailyLimit = c.customerDailyLimit;
      b2cMinAmount = c.b2cMinAmount;
      b2cMaxAmount = c.b2cMaxAmount;
      c2bRegistration = c.c2bRegistration;
      c2bValidationTimeout = c.c2bValidationTimeout;
      credentialMode = c.credentialMode;
      credentialLockAfter = c.credentialLockAfter;
      initiators = new LinkedHashMap<>(c.initiators);
      pullResponseKeys = c.pullResponseKeys;
      ratibaCallbackKeys = c.ratibaCallbackKeys;
      ratibaDebitTime = c.ratibaDebitTime;
      ratibaDebitTransactionType = c.ratibaDebitTransactionType;
      retention = c.retention;
      maxTransactions = c.maxTransactions;
      maxDeliveries = c.maxDeliveries;
      sandboxData = c.sandboxData;
      customers = new ArrayList<>(c.customers);
      organisations = new ArrayList<>(c.organisations);
    }

    /** Sets {@link EmulatorConfig#host()}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Sets {@link EmulatorConfig#port()}. */
    public Builder port(int port) {
      this.port = range("server.port", port, 0, 65535);
      return this;
    }

    /** Sets {@link EmulatorConfig#seed()}. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets {@link EmulatorConfig#maxBodyBytes()}. */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = range("server.maxBodyBytes", maxBodyBytes, 1024, 64 * 1024 * 1024);
      return this;
    }

    /** Sets {@link EmulatorConfig#adminLoopbackOnly()}. */
    public Builder adminLoopbackOnly(boolean adminLoopbackOnly) {
      this.adminLoopbackOnly = adminLoopbackOnly;
      return this;
    }

    /** Sets {@link EmulatorConfig#redactCallbackUrls()}. */
    public Builder redactCallbackUrls(boolean redactCallbackUrls) {
      this.redactCallbackUrls = redactCallbackUrls;
      return this;
    }

    /** Sets {@link EmulatorConfig#tokenTtl()}. */
    public Builder tokenTtl(Duration tokenTtl) {
      this.tokenTtl = positive("auth.tokenTtl", tokenTtl);
      return this;
    }

    /** Sets {@link EmulatorConfig#expiresInType()}. */
    public Builder expiresInType(ExpiresInType expiresInType) {
      this.expiresInType = Objects.requireNonNull(expiresInType);
      return this;
    }

    /** Sets {@link EmulatorConfig#reissueInvalidatesPrevious()}. */
    public Builder reissueInvalidatesPrevious(boolean reissueInvalidatesPrevious) {
      this.reissueInvalidatesPrevious = reissueInvalidatesPrevious;
      return this;
    }

    /** Strict mode: only these apps may get tokens. An empty list accepts any key and secret. */
    public Builder apps(List<App> apps) {
      this.apps = new ArrayList<>(apps);
      return this;
    }

    /** Sets {@link EmulatorConfig#resultDelay()}. */
    public Builder resultDelay(Duration resultDelay) {
      this.resultDelay = notNegative("callbacks.delay", resultDelay);
      return this;
    }

    /** Sets {@link EmulatorConfig#callbackTimeout()}. */
    public Builder callbackTimeout(Duration callbackTimeout) {
      this.callbackTimeout = positive("callbacks.timeout", callbackTimeout);
      return this;
    }

    /** Sets {@link EmulatorConfig#stkQueryPendingStyle()}. */
    public Builder stkQueryPendingStyle(StkQueryPendingStyle style) {
      this.stkQueryPendingStyle = Objects.requireNonNull(style);
      return this;
    }

    /** Sets {@link EmulatorConfig#stkPromptTimeout()}. */
    public Builder stkPromptTimeout(Duration stkPromptTimeout) {
      this.stkPromptTimeout = positive("stk.promptTimeout", stkPromptTimeout);
      return this;
    }

    /** Sets {@link EmulatorConfig#stkManualMode()}. */
    public Builder stkManualMode(boolean stkManualMode) {
      this.stkManualMode = stkManualMode;
      return this;
    }

    /** Sets {@link EmulatorConfig#stkBalanceItem()}. */
    public Builder stkBalanceItem(boolean stkBalanceItem) {
      this.stkBalanceItem = stkBalanceItem;
      return this;
    }

    /** Sets {@link EmulatorConfig#stkMaxAmount()}. */
    public Builder stkMaxAmount(long stkMaxAmount) {
      this.stkMaxAmount = range("stk.maxAmount", stkMaxAmount, 1, 100_000_000);
      return this;
    }

    /** Sets {@link EmulatorConfig#accountReferenceMaxLength()}. */
    public Builder accountReferenceMaxLength(int length) {
      this.accountReferenceMaxLength = range("stk.accountReferenceMaxLength", length, 1, 100);
      return this;
    }

    /** Sets {@link EmulatorConfig#transactionDescMaxLength()}. */
    public Builder transactionDescMaxLength(int length) {
      this.transactionDescMaxLength = range("stk.transactionDescMaxLength", length, 1, 100);
      return this;
    }

    /** Sets {@link EmulatorConfig#stkRuleLimitWindow()}. */
    public Builder stkRuleLimitWindow(Duration window) {
      this.stkRuleLimitWindow = notNegative("stk.ruleLimitWindow", window);
      return this;
    }

    /** Sets {@link EmulatorConfig#sandboxRealism()}. */
    public Builder sandboxRealism(boolean sandboxRealism) {
      this.sandboxRealism = sandboxRealism;
      return this;
    }

    /** Sets {@link EmulatorConfig#timestampTolerance()}. */
    public Builder timestampTolerance(Duration tolerance) {
      this.timestampTolerance = notNegative("stk.timestampTolerance", tolerance);
      return this;
    }

    /** Sets {@link EmulatorConfig#autoCreateCustomers()}. */
    public Builder autoCreateCustomers(boolean autoCreateCustomers) {
      this.autoCreateCustomers = autoCreateCustomers;
      return this;
    }

    /** Sets {@link EmulatorConfig#newCustomerBalance()}. */
    public Builder newCustomerBalance(long wholeKes) {
      this.newCustomerBalance = range("customers.openingBalance", wholeKes, 0, 1_000_000_000);
      return this;
    }

    /** Sets {@link EmulatorConfig#customerMaxBalance()}. */
    public Builder customerMaxBalance(long wholeKes) {
      this.customerMaxBalance = range("customers.maxBalance", wholeKes, 1, 1_000_000_000_000L);
      return this;
    }

    /** Sets {@link EmulatorConfig#customerDailyLimit()}. */
    public Builder customerDailyLimit(long wholeKes) {
      this.customerDailyLimit = range("customers.dailyLimit", wholeKes, 1, 1_000_000_000_000L);
      return this;
    }

    /** Sets {@link EmulatorConfig#b2cMinAmount()}. */
    public Builder b2cMinAmount(long wholeKes) {
      this.b2cMinAmount = range("b2c.minAmount", wholeKes, 1, 100_000_000);
      return this;
    }

    /** Sets {@link EmulatorConfig#b2cMaxAmount()}. */
    public Builder b2cMaxAmount(long wholeKes) {
      this.b2cMaxAmount = range("b2c.maxAmount", wholeKes, 1, 100_000_000);
      return this;
    }

    /** Sets {@link EmulatorConfig#c2bRegistration()}. */
    public Builder c2bRegistration(C2bRegistrationMode mode) {
      this.c2bRegistration = Objects.requireNonNull(mode);
      return this;
    }

    /** Sets {@link EmulatorConfig#c2bValidationTimeout()}. */
    public Builder c2bValidationTimeout(Duration timeout) {
      this.c2bValidationTimeout = positive("c2b.validationTimeout", timeout);
      return this;
    }

    /** Sets {@link EmulatorConfig#credentialMode()}. */
    public Builder credentialMode(CredentialMode mode) {
      this.credentialMode = Objects.requireNonNull(mode);
      return this;
    }

    /** Sets {@link EmulatorConfig#credentialLockAfter()}. */
    public Builder credentialLockAfter(int failures) {
      this.credentialLockAfter = range("credentials.lockAfterFailures", failures, 1, 1000);
      return this;
    }

    /** Replaces the initiators (name → password). */
    public Builder initiators(Map<String, String> initiators) {
      this.initiators = new LinkedHashMap<>(initiators);
      return this;
    }

    /** Sets {@link EmulatorConfig#pullResponseKeys()}. */
    public Builder pullResponseKeys(PullResponseKeys keys) {
      this.pullResponseKeys = Objects.requireNonNull(keys);
      return this;
    }

    /** Sets {@link EmulatorConfig#ratibaCallbackKeys()}. */
    public Builder ratibaCallbackKeys(RatibaCallbackKeys keys) {
      this.ratibaCallbackKeys = Objects.requireNonNull(keys);
      return this;
    }

    /** Sets {@link EmulatorConfig#ratibaDebitTime()}. */
    public Builder ratibaDebitTime(LocalTime debitTime) {
      this.ratibaDebitTime = Objects.requireNonNull(debitTime, "ratiba.debitTime");
      return this;
    }

    /** Sets {@link EmulatorConfig#ratibaDebitTransactionType()}. */
    public Builder ratibaDebitTransactionType(String transactionType) {
      if (transactionType == null || transactionType.isBlank()) {
        throw new EmulatorConfigException("'ratiba.debitTransactionType' must not be blank");
      }
      this.ratibaDebitTransactionType = transactionType;
      return this;
    }

    /** Sets {@link EmulatorConfig#retention()}. */
    public Builder retention(Duration retention) {
      this.retention = positive("retention.maxAge", retention);
      return this;
    }

    /** Sets {@link EmulatorConfig#maxTransactions()}. */
    public Builder maxTransactions(int maxTransactions) {
      this.maxTransactions = range("retention.maxTransactions", maxTransactions, 100, 100_000_000);
      return this;
    }

    /** Sets {@link EmulatorConfig#maxDeliveries()}. */
    public Builder maxDeliveries(int maxDeliveries) {
      this.maxDeliveries = range("retention.maxDeliveries", maxDeliveries, 10, 10_000_000);
      return this;
    }

    /** Sets {@link EmulatorConfig#sandboxData()}. */
    public Builder sandboxData(boolean sandboxData) {
      this.sandboxData = sandboxData;
      return this;
    }

    /** Adds a customer to provision. */
    public Builder customer(Customer customer) {
      this.customers.add(Objects.requireNonNull(customer));
      return this;
    }

    /** Adds an organisation to provision. */
    public Builder organisation(Organisation organisation) {
      this.organisations.add(Objects.requireNonNull(organisation));
      return this;
    }

    /**
     * The configuration.
     *
     * @throws EmulatorConfigException if the settings contradict each other
     */
    public EmulatorConfig build() {
      if (b2cMinAmount > b2cMaxAmount) {
        throw new EmulatorConfigException(
            "b2c.minAmount (" + b2cMinAmount + ") is above b2c.maxAmount (" + b2cMaxAmount + ")");
      }
      return new EmulatorConfig(this);
    }

    void apply(String prefix, JsonNode node) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        JsonNode value = field.getValue();
        if (value.isObject() && !isObjectValuedKey(key)) {
          apply(key, value);
        } else {
          set(key, value);
        }
      }
    }

    private static boolean isObjectValuedKey(String key) {
      return key.equals("credentials.initiators");
    }

    private void set(String key, JsonNode v) {
      switch (key) {
        case "server.host" -> host(text(key, v));
        case "server.port" -> port((int) integer(key, v));
        case "server.maxBodyBytes" -> maxBodyBytes((int) integer(key, v));
        case "admin.loopbackOnly" -> adminLoopbackOnly(bool(key, v));
        case "admin.redactCallbackUrls" -> redactCallbackUrls(bool(key, v));
        case "seed" -> seed(integer(key, v));
        case "auth.tokenTtl" -> tokenTtl(duration(key, v));
        case "auth.expiresInType" -> expiresInType(choice(key, v, ExpiresInType.class));
        case "auth.reissueInvalidatesPrevious" -> reissueInvalidatesPrevious(bool(key, v));
        case "auth.apps" -> apps(apps(key, v));
        case "callbacks.delay" -> resultDelay(duration(key, v));
        case "callbacks.timeout" -> callbackTimeout(duration(key, v));
        case "stk.queryPendingStyle" ->
            stkQueryPendingStyle(choice(key, v, StkQueryPendingStyle.class));
        case "stk.promptTimeout" -> stkPromptTimeout(duration(key, v));
        case "stk.manualMode" -> stkManualMode(bool(key, v));
        case "stk.balanceItem" -> stkBalanceItem(bool(key, v));
        case "stk.maxAmount" -> stkMaxAmount(integer(key, v));
        case "stk.accountReferenceMaxLength" -> accountReferenceMaxLength((int) integer(key, v));
        case "stk.transactionDescMaxLength" -> transactionDescMaxLength((int) integer(key, v));
        case "stk.ruleLimitWindow" -> stkRuleLimitWindow(duration(key, v));
        case "stk.sandboxRealism" -> sandboxRealism(bool(key, v));
        case "stk.timestampTolerance" -> timestampTolerance(duration(key, v));
        case "customers.autoCreate" -> autoCreateCustomers(bool(key, v));
        case "customers.openingBalance" -> newCustomerBalance(integer(key, v));
        case "customers.maxBalance" -> customerMaxBalance(integer(key, v));
        case "customers.dailyLimit" -> customerDailyLimit(integer(key, v));
        case "b2c.minAmount" -> b2cMinAmount(integer(key, v));
        case "b2c.maxAmount" -> b2cMaxAmount(integer(key, v));
        case "c2b.registration" -> c2bRegistration(choice(key, v, C2bRegistrationMode.class));
        case "c2b.validationTimeout" -> c2bValidationTimeout(duration(key, v));
        case "credentials.mode" -> credentialMode(choice(key, v, CredentialMode.class));
        case "credentials.lockAfterFailures" -> credentialLockAfter((int) integer(key, v));
        case "credentials.initiators" -> initiators(initiators(key, v));
        case "pull.responseKeys" -> pullResponseKeys(choice(key, v, PullResponseKeys.class));
        case "ratiba.callbackKeys" -> ratibaCallbackKeys(choice(key, v, RatibaCallbackKeys.class));
        case "ratiba.debitTime" -> ratibaDebitTime(timeOfDay(key, v));
        case "ratiba.debitTransactionType" -> ratibaDebitTransactionType(text(key, v));
        case "retention.maxAge" -> retention(duration(key, v));
        case "retention.maxTransactions" -> maxTransactions((int) integer(key, v));
        case "retention.maxDeliveries" -> maxDeliveries((int) integer(key, v));
        case "world.sandboxData" -> sandboxData(bool(key, v));
        case "world.customers" -> customers = customers(key, v);
        case "world.organisations" -> organisations = organisations(key, v);
        default ->
            throw new EmulatorConfigException(
                "unknown configuration key '" + key + "': see docs/emulator.md for every key");
      }
    }

    private static String text(String key, JsonNode v) {
      if (!v.isTextual()) {
        throw new EmulatorConfigException("'" + key + "' must be a string, got " + v);
      }
      return v.textValue();
    }

    private static long integer(String key, JsonNode v) {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return v.longValue();
      }
      if (v.isTextual() && v.textValue().matches("-?\\d{1,18}")) {
        return Long.parseLong(v.textValue());
      }
      throw new EmulatorConfigException("'" + key + "' must be a whole number, got " + v);
    }

    private static boolean bool(String key, JsonNode v) {
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      throw new EmulatorConfigException("'" + key + "' must be true or false, got " + v);
    }

    private static <E extends Enum<E>> E choice(String key, JsonNode v, Class<E> type) {
      String text = text(key, v).trim().toUpperCase(Locale.ROOT).replace('-', '_');
      try {
        return Enum.valueOf(type, text);
      } catch (IllegalArgumentException e) {
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
          allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new EmulatorConfigException(
            "'" + key + "' must be one of " + allowed + ", got " + v, e);
      }
    }

    private static LocalTime timeOfDay(String key, JsonNode v) {
      String text = text(key, v).trim();
      try {
        return LocalTime.parse(text);
      } catch (DateTimeParseException e) {
        throw new EmulatorConfigException(
            "'" + key + "' must be a time of day such as \"00:00\" or \"09:30\", got " + v, e);
      }
    }

    private static Duration duration(String key, JsonNode v) {
      return Durations.parse(key, v);
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

    private static List<App> apps(String key, JsonNode v) {
      if (!v.isArray()) {
        throw new EmulatorConfigException("'" + key + "' must be an array of apps");
      }
      List<App> result = new ArrayList<>();
      for (JsonNode app : v) {
        String consumerKey = required(key, app, "consumerKey");
        String consumerSecret = required(key, app, "consumerSecret");
        List<String> products = new ArrayList<>();
        JsonNode productsNode = app.path("products");
        if (productsNode.isArray()) {
          productsNode.forEach(p -> products.add(p.asText()));
        }
        result.add(new App(consumerKey, consumerSecret, Set.copyOf(products)));
      }
      return result;
    }

    private static Map<String, String> initiators(String key, JsonNode v) {
      if (!v.isObject()) {
        throw new EmulatorConfigException(
            "'" + key + "' must be an object of initiator name to password");
      }
      Map<String, String> result = new LinkedHashMap<>();
      v.fields()
          .forEachRemaining(
              e -> result.put(e.getKey(), text(key + "." + e.getKey(), e.getValue())));
      return result;
    }

    private static List<Customer> customers(String key, JsonNode v) {
      if (!v.isArray()) {
        throw new EmulatorConfigException("'" + key + "' must be an array of customers");
      }
      List<Customer> result = new ArrayList<>();
      for (JsonNode c : v) {
        String msisdn = required(key, c, "msisdn");
        if (!msisdn.matches("254[71]\\d{8}")) {
          throw new EmulatorConfigException(
              "'" + key + "': msisdn '" + msisdn + "' must be 2547XXXXXXXX or 2541XXXXXXXX");
        }
        result.add(
            new Customer(
                msisdn,
                required(key, c, "firstName"),
                c.path("middleName").asText(""),
                c.path("lastName").asText(""),
                c.has("balance") ? cents(key + ".balance", c.get("balance")) : 0,
                c.path("pin").asText("1234"),
                c.path("registered").asBoolean(true)));
      }
      return result;
    }

    private static List<Organisation> organisations(String key, JsonNode v) {
      if (!v.isArray()) {
        throw new EmulatorConfigException("'" + key + "' must be an array of organisations");
      }
      List<Organisation> result = new ArrayList<>();
      for (JsonNode o : v) {
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
        result.add(
            new Organisation(
                shortCode,
                required(key, o, "name"),
                type.equals("buy_goods"),
                o.hasNonNull("passkey") ? o.get("passkey").asText() : null,
                o.hasNonNull("headOffice") ? o.get("headOffice").asText() : null,
                balances));
      }
      return result;
    }

    private static String required(String key, JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isValueNode() || value.asText().isBlank()) {
        throw new EmulatorConfigException("'" + key + "': every entry needs '" + field + "'");
      }
      return value.asText();
    }

    private static int range(String key, int value, int min, int max) {
      return (int) range(key, (long) value, min, max);
    }

    private static long range(String key, long value, long min, long max) {
      if (value < min || value > max) {
        throw new EmulatorConfigException(
            "'" + key + "' must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }

    private static Duration positive(String key, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new EmulatorConfigException("'" + key + "' must be a positive duration");
      }
      return value;
    }

    private static Duration notNegative(String key, Duration value) {
      if (value == null || value.isNegative()) {
        throw new EmulatorConfigException("'" + key + "' must not be negative");
      }
      return value;
    }
  }
}
