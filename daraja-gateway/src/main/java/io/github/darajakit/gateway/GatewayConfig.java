package io.github.darajakit.gateway;

import io.github.darajakit.client.b2bexpress.B2bExpressCheckoutRequest;
import io.github.darajakit.client.c2b.C2bResponseType;
import io.github.darajakit.gateway.billmanager.BillManagerSettings;
import io.github.darajakit.gateway.c2b.ValidationPolicy;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.checkout.CheckoutSettings;
import io.github.darajakit.gateway.payouts.FraudChecks;
import io.github.darajakit.gateway.payouts.PayoutRails;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.subscriptions.SubscriptionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of the gateway, typed and defaulted in one place (reference: {@code
 * docs/gateway.md}). Immutable; build with {@link #builder(String)}, from a file ({@link
 * Builder#load(Path)}), the environment ({@link Builder#environment(Map)}) and code, as {@code
 * daraja gateway} does.
 *
 * @param host interface to bind
 * @param port port to bind; 0 picks a free one
 * @param databaseUrl {@code jdbc:sqlite:…} or {@code jdbc:postgresql://…}
 * @param publicUrl the base Daraja calls back on, e.g. {@code https://pay.example.com}; {@code
 *     null} for this host and port
 * @param apiKey a merchant API key to accept ({@code DARAJA_API_KEY}); {@code null} generates one
 *     the first time
 * @param callbackSecret the secret in callback paths ({@code DARAJA_CALLBACK_SECRET}); {@code null}
 *     generates and keeps one
 * @param allowedCallbackAddresses sender IPs callbacks are accepted from; empty accepts any
 * @param trustedProxies addresses of the reverse proxies in front of the gateway: for requests from
 *     them the sender is taken from {@code X-Forwarded-For}; empty trusts no header
 * @param c2bShortCode the PayBill/till whose C2B payments are received, or {@code null}
 * @param payoutShortCode the B2C shortcode payouts are paid from, or {@code null} (payouts off)
 * @param payoutRatePerSecond the most batch rows sent a second for the payouts shortcode, by all
 *     instances on one database together
 * @param payoutRails limits, recipient allow-list and maker-checker threshold for payouts
 * @param fraudChecks the SIM swap and name checks made before a payout is sent, which hold it for a
 *     second person's approval instead of sending it
 * @param dashboardPassword a password people may sign in to the dashboard with instead of an API
 *     key (at least 12 characters), or {@code null}
 * @param payoutResultWait how long after Daraja accepts a payout, B2B payment or reversal its
 *     Result is awaited before the reconciler asks Transaction Status
 * @param tillIdentifierType the RecieverIdentifierType B2B payments to a till are sent with: {@code
 *     "4"} as documented, or {@code "2"}, which production tills are reported to need (⚠)
 * @param c2bResponseType what M-Pesa does when the validation URL does not answer
 * @param registerC2bOnStart register the C2B URLs when starting
 * @param validation how C2B validations are decided
 * @param c2bPull recover C2B payments whose confirmation never came with Pull Transactions (the
 *     shortcode must be registered for it)
 * @param c2bPullNominatedNumber if set, register the shortcode for Pull Transactions on start with
 *     this MSISDN from its KYC (Daraja answers "already registered" on later starts)
 * @param c2bPullEvery how often Pull Transactions is asked
 * @param reconcileSchedule delays between STK queries of a payment with no final answer; when
 *     exhausted, a person is asked
 * @param reconcileEvery how often the reconciler looks for due payments
 * @param unansweredAfter how long a payment may stay CREATED (push sent, answer not recorded)
 *     before it is treated as unknown
 * @param checkReceipts ask Transaction Status about every receipt credited on a callback's word,
 *     and flag the record when M-Pesa disagrees (defence against forged callbacks; one more
 *     Transaction Status query per payment and payout)
 * @param webhookRetries delays before each retry of a webhook; about three days in all
 * @param dispatchEvery how often the webhook outbox is polled
 * @param callbackBatch most callbacks committed in one transaction
 * @param idempotencyRetention how long Idempotency-Keys are kept (at least 24 h)
 * @param instanceId this instance's name in leases
 * @param subscriptions how subscriptions are billed: dunning, quiet hours, prompt pace, Ratiba
 * @param b2bCollectionPartnerName this business's name in the prompt of a B2B collection that names
 *     none, or {@code null}: then every collection must
 * @param b2bCollectionCallbackWait how long after its push a B2B collection's callback may take
 *     before the collection is put before a person
 * @param billManager the Bill Manager shortcode and app key (a secret), and the app key's header
 * @param checkout hosted checkout: the merchant's name on the page, the caps on prompts, how long
 *     sessions stay open
 */
public record GatewayConfig(
    String host,
    int port,
    String databaseUrl,
    String publicUrl,
    String apiKey,
    String callbackSecret,
    Set<String> allowedCallbackAddresses,
    Set<String> trustedProxies,
    String c2bShortCode,
    String payoutShortCode,
    int payoutRatePerSecond,
    PayoutRails payoutRails,
    FraudChecks fraudChecks,
    String dashboardPassword,
    Duration payoutResultWait,
    String tillIdentifierType,
    C2bResponseType c2bResponseType,
    boolean registerC2bOnStart,
    ValidationPolicy validation,
    boolean c2bPull,
    String c2bPullNominatedNumber,
    Duration c2bPullEvery,
    List<Duration> reconcileSchedule,
    Duration reconcileEvery,
    Duration unansweredAfter,
    boolean checkReceipts,
    List<Duration> webhookRetries,
    Duration dispatchEvery,
    int callbackBatch,
    Duration idempotencyRetention,
    String instanceId,
    SubscriptionSettings subscriptions,
    String b2bCollectionPartnerName,
    Duration b2bCollectionCallbackWait,
    BillManagerSettings billManager,
    CheckoutSettings checkout) {

  /** Safaricom's published production callback addresses (REFERENCE §1.6, with mpesakit's two). */
  public static final Set<String> SAFARICOM_ADDRESSES =
      Set.of(
          "196.201.214.200",
          "196.201.214.206",
          "196.201.213.114",
          "196.201.214.207",
          "196.201.214.208",
          "196.201.213.44",
          "196.201.212.127",
          "196.201.212.138",
          "196.201.212.129",
          "196.201.212.136",
          "196.201.212.74",
          "196.201.212.69",
          "196.201.212.128",
          "196.201.212.132");

  public GatewayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    allowedCallbackAddresses = Set.copyOf(allowedCallbackAddresses);
    trustedProxies = Set.copyOf(trustedProxies);
    reconcileSchedule = List.copyOf(reconcileSchedule);
    webhookRetries = List.copyOf(webhookRetries);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    Objects.requireNonNull(payoutRails, "payoutRails");
    Objects.requireNonNull(fraudChecks, "fraudChecks");
    Objects.requireNonNull(subscriptions, "subscriptions");
    Objects.requireNonNull(b2bCollectionCallbackWait, "b2bCollectionCallbackWait");
    Objects.requireNonNull(billManager, "billManager");
    Objects.requireNonNull(checkout, "checkout");
    if (dashboardPassword != null) {
      checkDashboardPassword("dashboard.password (DARAJA_DASHBOARD_PASSWORD)", dashboardPassword);
    }
    if (payoutResultWait.isNegative() || payoutResultWait.isZero()) {
      throw new IllegalArgumentException(
          "payouts.resultWait must be positive, got " + payoutResultWait);
    }
    if (!tillIdentifierType.equals("4") && !tillIdentifierType.equals("2")) {
      throw new IllegalArgumentException(
          "payouts.tillIdentifierType must be \"4\" or \"2\", got " + tillIdentifierType);
    }
    if (payoutRatePerSecond < 1 || payoutRatePerSecond > 10_000) {
      throw new IllegalArgumentException(
          "payoutRatePerSecond must be 1 to 10000, got " + payoutRatePerSecond);
    }
    if (c2bPull && c2bShortCode == null) {
      throw new IllegalArgumentException("c2bPull needs the C2B shortcode (c2bShortCode)");
    }
    if (reconcileSchedule.isEmpty()) {
      throw new IllegalArgumentException("reconcileSchedule needs at least one delay");
    }
    if (idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
      throw new IllegalArgumentException("idempotencyRetention must be at least 24h");
    }
    if (callbackSecret != null) {
      checkCallbackSecret("the callback secret", callbackSecret);
    }
    if (b2bCollectionPartnerName != null
        && (b2bCollectionPartnerName.isBlank()
            || b2bCollectionPartnerName.length() > B2bExpressCheckoutRequest.MAX_PARTNER_NAME
            || b2bCollectionPartnerName.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException(
          "b2bCollections.partnerName must be 1 to "
              + B2bExpressCheckoutRequest.MAX_PARTNER_NAME
              + " printable characters (it is shown in the till operator's prompt)");
    }
    if (b2bCollectionCallbackWait.isNegative() || b2bCollectionCallbackWait.isZero()) {
      throw new IllegalArgumentException(
          "b2bCollections.callbackWait must be positive, got " + b2bCollectionCallbackWait);
    }
    if (publicUrl != null) {
      checkPublicUrl("the public URL", publicUrl);
    }
  }

  // The checks of the settings an environment variable may carry, shared with
  // EnvironmentVariables so that a bad variable is refused by its name before anything starts.
  // Each message starts with the subject it is given and never quotes a secret.

  static void checkDashboardPassword(String subject, String password) {
    if (password.length() < 12) {
      throw new IllegalArgumentException(subject + " must be at least 12 characters");
    }
  }

  static void checkCallbackSecret(String subject, String secret) {
    if (!secret.matches("[A-Za-z0-9_-]{16,128}")) {
      throw new IllegalArgumentException(
          subject
              + " must be 16 to 128 letters, digits, '-' or '_' (it goes in a URL path), e.g. the"
              + " output of openssl rand -hex 20");
    }
    CallbackSecrets.reservedWordIn(secret)
        .ifPresent(
            word -> {
              throw new IllegalArgumentException(
                  subject
                      + " contains \""
                      + word
                      + "\", which Daraja refuses in C2B URLs; choose another");
            });
  }

  static void checkPublicUrl(String subject, String publicUrl) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(publicUrl);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          subject
              + " must be an absolute http(s) URL without query or fragment, e.g."
              + " https://pay.example.co.ke; got '"
              + publicUrl
              + "'");
    }
  }

  /** A builder with the defaults, for a database URL. */
  public static Builder builder(String databaseUrl) {
    return new Builder(databaseUrl);
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link GatewayConfig}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private String databaseUrl;
    private String publicUrl;
    private String apiKey;
    private String callbackSecret;
    private Set<String> allowedCallbackAddresses = Set.of();
    private Set<String> trustedProxies = Set.of();
    private String c2bShortCode;
    private String payoutShortCode;
    private int payoutRatePerSecond = 10;
    private PayoutRails payoutRails = PayoutRails.NONE;
    private FraudChecks fraudChecks = FraudChecks.NONE;
    private String dashboardPassword;
    private Duration payoutResultWait = Duration.ofMinutes(2);
    private String tillIdentifierType = "4";
    private C2bResponseType c2bResponseType = C2bResponseType.COMPLETED;
    private boolean registerC2bOnStart = true;
    private ValidationPolicy validation = ValidationPolicy.acceptAll();
    private boolean c2bPull;
    private String c2bPullNominatedNumber;
    private boolean checkReceipts;
    private Duration c2bPullEvery = Duration.ofMinutes(10);
    private List<Duration> reconcileSchedule =
        List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofHours(1));
    private Duration reconcileEvery = Duration.ofSeconds(1);
    private Duration unansweredAfter = Duration.ofMinutes(2);
    private List<Duration> webhookRetries =
        List.of(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(8),
            Duration.ofHours(12),
            Duration.ofHours(24),
            Duration.ofHours(24));
    private Duration dispatchEvery = Duration.ofMillis(500);
    private int callbackBatch = 512;
    private Duration idempotencyRetention = Duration.ofHours(48);
    private String instanceId = "gw-" + Ids.random(8);
    private SubscriptionSettings subscriptions = SubscriptionSettings.defaults();
    private String b2bCollectionPartnerName;
    // ⚠ How long a USSD push's prompt waits for the operator is undocumented: STK's minute or so
    // is assumed, with room for the callback's delivery.
    private Duration b2bCollectionCallbackWait = Duration.ofMinutes(5);
    private BillManagerSettings billManager = BillManagerSettings.defaults();
    private CheckoutSettings checkout = CheckoutSettings.defaults();

    private Builder(String databaseUrl) {
      this.databaseUrl = databaseUrl;
    }

    private Builder(GatewayConfig c) {
      host = c.host;
      port = c.port;
      databaseUrl = c.databaseUrl;
      publicUrl = c.publicUrl;
      apiKey = c.apiKey;
      callbackSecret = c.callbackSecret;
      allowedCallbackAddresses = c.allowedCallbackAddresses;
      trustedProxies = c.trustedProxies;
      c2bShortCode = c.c2bShortCode;
      payoutShortCode = c.payoutShortCode;
      payoutRatePerSecond = c.payoutRatePerSecond;
      payoutRails = c.payoutRails;
      fraudChecks = c.fraudChecks;
      dashboardPassword = c.dashboardPassword;
      payoutResultWait = c.payoutResultWait;
      tillIdentifierType = c.tillIdentifierType;
      c2bResponseType = c.c2bResponseType;
      registerC2bOnStart = c.registerC2bOnStart;
      validation = c.validation;
      c2bPull = c.c2bPull;
      c2bPullNominatedNumber = c.c2bPullNominatedNumber;
      c2bPullEvery = c.c2bPullEvery;
      checkReceipts = c.checkReceipts;
      reconcileSchedule = c.reconcileSchedule;
      reconcileEvery = c.reconcileEvery;
      unansweredAfter = c.unansweredAfter;
      webhookRetries = c.webhookRetries;
      subscriptions = c.subscriptions;
      billManager = c.billManager;
      checkout = c.checkout;
      dispatchEvery = c.dispatchEvery;
      callbackBatch = c.callbackBatch;
      idempotencyRetention = c.idempotencyRetention;
      instanceId = c.instanceId;
      b2bCollectionPartnerName = c.b2bCollectionPartnerName;
      b2bCollectionCallbackWait = c.b2bCollectionCallbackWait;
    }

    /** See {@link GatewayConfig#host()}. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** See {@link GatewayConfig#port()}. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** See {@link GatewayConfig#databaseUrl()}. */
    public Builder databaseUrl(String databaseUrl) {
      this.databaseUrl = databaseUrl;
      return this;
    }

    /** See {@link GatewayConfig#publicUrl()}. */
    public Builder publicUrl(String publicUrl) {
      this.publicUrl = publicUrl;
      return this;
    }

    /** See {@link GatewayConfig#apiKey()}. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** See {@link GatewayConfig#callbackSecret()}. */
    public Builder callbackSecret(String callbackSecret) {
      this.callbackSecret = callbackSecret;
      return this;
    }

    /** See {@link GatewayConfig#allowedCallbackAddresses()}. */
    public Builder allowedCallbackAddresses(Set<String> addresses) {
      this.allowedCallbackAddresses = addresses;
      return this;
    }

    /** See {@link GatewayConfig#trustedProxies()}. */
    public Builder trustedProxies(Set<String> proxies) {
      this.trustedProxies = proxies;
      return this;
    }

    /** See {@link GatewayConfig#payoutShortCode()}. */
    public Builder payoutShortCode(String shortCode) {
      this.payoutShortCode = shortCode;
      return this;
    }

    /** See {@link GatewayConfig#dashboardPassword()}. */
    public Builder dashboardPassword(String password) {
      this.dashboardPassword = password;
      return this;
    }

    /** See {@link GatewayConfig#payoutResultWait()}. */
    public Builder payoutResultWait(Duration wait) {
      this.payoutResultWait = wait;
      return this;
    }

    /** See {@link GatewayConfig#tillIdentifierType()}. */
    public Builder tillIdentifierType(String type) {
      this.tillIdentifierType = type;
      return this;
    }

    /** See {@link GatewayConfig#payoutRails()}. */
    public Builder payoutRails(PayoutRails rails) {
      this.payoutRails = rails;
      return this;
    }

    /** See {@link GatewayConfig#fraudChecks()}. */
    public Builder fraudChecks(FraudChecks checks) {
      this.fraudChecks = checks;
      return this;
    }

    /** See {@link GatewayConfig#payoutRatePerSecond()}. */
    public Builder payoutRatePerSecond(int rate) {
      this.payoutRatePerSecond = rate;
      return this;
    }

    /** See {@link GatewayConfig#c2bShortCode()}. */
    public Builder c2bShortCode(String shortCode) {
      this.c2bShortCode = shortCode;
      return this;
    }

    /** See {@link GatewayConfig#c2bResponseType()}. */
    public Builder c2bResponseType(C2bResponseType responseType) {
      this.c2bResponseType = responseType;
      return this;
    }

    /** See {@link GatewayConfig#registerC2bOnStart()}. */
    public Builder registerC2bOnStart(boolean register) {
      this.registerC2bOnStart = register;
      return this;
    }

    /** See {@link GatewayConfig#validation()}. */
    public Builder validation(ValidationPolicy validation) {
      this.validation = validation;
      return this;
    }

    /** See {@link GatewayConfig#checkReceipts()}. */
    public Builder checkReceipts(boolean check) {
      this.checkReceipts = check;
      return this;
    }

    /** See {@link GatewayConfig#c2bPull()}. */
    public Builder c2bPull(boolean pull) {
      this.c2bPull = pull;
      return this;
    }

    /** See {@link GatewayConfig#c2bPullNominatedNumber()}; setting one turns {@code c2bPull} on. */
    public Builder c2bPullNominatedNumber(String msisdn) {
      this.c2bPullNominatedNumber = msisdn;
      if (msisdn != null) {
        this.c2bPull = true;
      }
      return this;
    }

    /** See {@link GatewayConfig#c2bPullEvery()}. */
    public Builder c2bPullEvery(Duration every) {
      this.c2bPullEvery = every;
      return this;
    }

    /** See {@link GatewayConfig#reconcileSchedule()}. */
    public Builder reconcileSchedule(List<Duration> schedule) {
      this.reconcileSchedule = schedule;
      return this;
    }

    /** See {@link GatewayConfig#reconcileEvery()}. */
    public Builder reconcileEvery(Duration every) {
      this.reconcileEvery = every;
      return this;
    }

    /** See {@link GatewayConfig#unansweredAfter()}. */
    public Builder unansweredAfter(Duration after) {
      this.unansweredAfter = after;
      return this;
    }

    /** See {@link GatewayConfig#webhookRetries()}. */
    public Builder webhookRetries(List<Duration> retries) {
      this.webhookRetries = retries;
      return this;
    }

    /** See {@link GatewayConfig#dispatchEvery()}. */
    public Builder dispatchEvery(Duration every) {
      this.dispatchEvery = every;
      return this;
    }

    /** See {@link GatewayConfig#callbackBatch()}. */
    public Builder callbackBatch(int batch) {
      this.callbackBatch = batch;
      return this;
    }

    /** See {@link GatewayConfig#idempotencyRetention()}. */
    public Builder idempotencyRetention(Duration retention) {
      this.idempotencyRetention = retention;
      return this;
    }

    /** See {@link GatewayConfig#instanceId()}. */
    public Builder instanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    /**
     * Applies a JSON configuration file on top of these values (keys in {@code
     * docs/gateway.md#configuration}).
     *
     * @throws IllegalArgumentException naming the file and the first unknown key or bad value
     */
    public Builder load(Path file) {
      ConfigFile.apply(this, file);
      return this;
    }

    /**
     * Applies JSON configuration text on top of these values, as {@link #load(Path)} does.
     *
     * @throws IllegalArgumentException naming the first unknown key or bad value
     */
    public Builder json(String json) {
      ConfigFile.applyJson(this, json);
      return this;
    }

    /** See {@link GatewayConfig#subscriptions()}. */
    public Builder subscriptions(SubscriptionSettings settings) {
      this.subscriptions = settings;
      return this;
    }

    /** See {@link GatewayConfig#b2bCollectionPartnerName()}. */
    public Builder b2bCollectionPartnerName(String partnerName) {
      this.b2bCollectionPartnerName = partnerName;
      return this;
    }

    /** See {@link GatewayConfig#b2bCollectionCallbackWait()}. */
    public Builder b2bCollectionCallbackWait(Duration wait) {
      this.b2bCollectionCallbackWait = wait;
      return this;
    }

    /** See {@link GatewayConfig#billManager()}. */
    public Builder billManager(BillManagerSettings settings) {
      this.billManager = Objects.requireNonNull(settings, "billManager");
      return this;
    }

    /** See {@link GatewayConfig#checkout()}. */
    public Builder checkout(CheckoutSettings settings) {
      this.checkout = Objects.requireNonNull(settings, "checkout");
      return this;
    }

    /** The checkout settings so far (the file adds to them one key at a time). */
    CheckoutSettings checkout() {
      return checkout;
    }

    /** The Bill Manager settings so far (the file and the environment add to them). */
    BillManagerSettings billManager() {
      return billManager;
    }

    /**
     * Applies the gateway's environment variables on top of these values, as {@code daraja gateway}
     * does, so an application that embeds the gateway is configured by the same variables:
     *
     * <ul>
     *   <li>{@code DARAJA_API_KEY}: {@code security.apiKey}, comma-separated to rotate;
     *   <li>{@code DARAJA_CALLBACK_SECRET}: {@code security.callbackSecret};
     *   <li>{@code DARAJA_PUBLIC_URL}: {@code server.publicUrl};
     *   <li>{@code DARAJA_DASHBOARD_PASSWORD}: {@code dashboard.password};
     *   <li>{@code MPESA_C2B_SHORTCODE}: {@code c2b.shortCode};
     *   <li>{@code MPESA_B2C_SHORTCODE}: {@code payouts.shortCode};
     *   <li>{@code DARAJA_BILL_MANAGER_APP_KEY}: {@code billManager.appKey}.
     * </ul>
     *
     * <p>A variable that is unset or blank leaves its setting as it was; every other variable is
     * ignored. The Daraja app's own variables ({@code MPESA_CONSUMER_KEY}, {@code MPESA_SHORTCODE},
     * …) configure the client: see {@link io.github.darajakit.client.DarajaClient#fromEnv(Map)}.
     *
     * <p>Each call on a builder overrides what earlier calls set, so the order of the calls is the
     * precedence. The gateway's is, from the least to the most specific: the defaults, the
     * configuration file ({@link #load(Path)}), the environment (this), then values set in code:
     *
     * <pre>{@code
     * GatewayConfig config =
     *     GatewayConfig.builder("jdbc:sqlite:./daraja-data/gateway.db")
     *         .load(Path.of("gateway.json"))
     *         .environment(System.getenv())
     *         .port(9090)
     *         .build();
     * }</pre>
     *
     * @param env the variables, e.g. {@code System.getenv()}
     * @throws IllegalArgumentException naming the first variable whose value cannot work and saying
     *     what it must be; the message never quotes a secret
     */
    public Builder environment(Map<String, String> env) {
      EnvironmentVariables.apply(this, env);
      return this;
    }

    /** The configuration. */
    public GatewayConfig build() {
      return new GatewayConfig(
          host,
          port,
          databaseUrl,
          publicUrl,
          apiKey,
          callbackSecret,
          allowedCallbackAddresses,
          trustedProxies,
          c2bShortCode,
          payoutShortCode,
          payoutRatePerSecond,
          payoutRails,
          fraudChecks,
          dashboardPassword,
          payoutResultWait,
          tillIdentifierType,
          c2bResponseType,
          registerC2bOnStart,
          validation,
          c2bPull,
          c2bPullNominatedNumber,
          c2bPullEvery,
          reconcileSchedule,
          reconcileEvery,
          unansweredAfter,
          checkReceipts,
          webhookRetries,
          dispatchEvery,
          callbackBatch,
          idempotencyRetention,
          instanceId,
          subscriptions,
          b2bCollectionPartnerName,
          b2bCollectionCallbackWait,
          billManager,
          checkout);
    }
  }

  /**
   * Never prints the API key, the callback secret, the dashboard password or the Bill Manager app
   * key.
   */
  @Override
  public String toString() {
    return "GatewayConfig["
        + host
        + ":"
        + port
        + ", db="
        + databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1***")
        + ", publicUrl="
        + publicUrl
        + ", c2bShortCode="
        + c2bShortCode
        + "]";
  }
}
