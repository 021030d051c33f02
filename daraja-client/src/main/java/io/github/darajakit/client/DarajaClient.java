package io.github.darajakit.client;

import io.github.darajakit.client.events.DarajaEventListener;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.TokenManager;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.client.security.StkPassword;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The Daraja client: one per app (consumer key) and environment, built once, immutable and
 * thread-safe. Each API family is a small service object.
 *
 * <pre>{@code
 * DarajaClient daraja = DarajaClient.builder()
 *     .environment(Environment.SANDBOX)
 *     .consumerKey(key).consumerSecret(secret)
 *     .shortCode("174379").passkey(passkey)
 *     .initiator("testapi", "Safaricom999!*!")
 *     .build();
 *
 * StkPushResponse push = daraja.stk().push(StkPushRequest.builder()
 *     .phone("0712345678").amount(100)
 *     .accountReference("INV-1").description("Invoice 1")
 *     .callbackUrl("https://shop.example.com/daraja/stk")
 *     .build());
 * }</pre>
 *
 * <p>Or from the environment ({@code MPESA_CONSUMER_KEY}, {@code MPESA_CONSUMER_SECRET}, {@code
 * MPESA_ENV}, …): {@code DarajaClient.fromEnv()}.
 *
 * <p>Tokens are fetched lazily, cached and renewed ahead of expiry, one OAuth request at a time.
 * Requests that can move money are never sent twice: see {@link DarajaOutcomeUnknownException}.
 * {@link #close()} stops the client's own thread pools.
 *
 * <h2>Asynchronous calls</h2>
 *
 * <p>Every {@code …Async} method sends with {@link HttpClient#sendAsync}: no thread waits while a
 * request is in flight, and the token is fetched once for every call that needs it meanwhile. The
 * futures complete on the {@link Builder#executor executor}, with the synchronous call's exception
 * wrapped in a {@link java.util.concurrent.CompletionException} ({@link DarajaException#unwrap}
 * finds it).
 *
 * <p>Cancelling such a future, or its {@code orTimeout} expiring, aborts the exchange and fails the
 * future with {@link DarajaOutcomeUnknownException} if the request moves money and may have been
 * sent, else with {@link DarajaUnavailableException} (nothing moved) — never with a bare {@link
 * java.util.concurrent.CancellationException} or {@link java.util.concurrent.TimeoutException}.
 * Only the future the SDK returned does this; stages derived from it are plain futures. So for a
 * time limit prefer {@link RequestOptions.Builder#timeout}, which bounds the call itself:
 *
 * <pre>{@code
 * daraja.b2c().payAsync(request, RequestOptions.builder()
 *     .timeout(Duration.ofSeconds(8))
 *     .originatorConversationId("payout-7731")
 *     .build());
 * }</pre>
 */
public final class DarajaClient implements AutoCloseable {

  private final ClientContext context;
  private final ExecutorService ownExecutor;
  private final ExecutorService httpExecutor;
  private final StkService stk;
  private final C2bService c2b;
  private final B2cService b2c;
  private final B2bService b2b;
  private final TaxService tax;
  private final TransactionService transactions;
  private final AccountService account;
  private final QrService qr;
  private final PullService pull;
  private final RatibaService ratiba;

  private DarajaClient(
      ClientContext context, ExecutorService ownExecutor, ExecutorService httpExecutor) {
    this.context = context;
    this.ownExecutor = ownExecutor;
    this.httpExecutor = httpExecutor;
    this.stk = new StkService(context);
    this.c2b = new C2bService(context);
    this.b2c = new B2cService(context);
    this.b2b = new B2bService(context);
    this.tax = new TaxService(context);
    this.transactions = new TransactionService(context);
    this.account = new AccountService(context);
    this.qr = new QrService(context);
    this.pull = new PullService(context);
    this.ratiba = new RatibaService(context);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A client configured from the process environment (see {@link #fromEnv(Map)}). */
  public static DarajaClient fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * A client configured from {@code MPESA_*} variables: {@code MPESA_CONSUMER_KEY}, {@code
   * MPESA_CONSUMER_SECRET} (required, except for the emulator), {@code MPESA_ENV} ({@code sandbox}
   * | {@code production} | {@code emulator}), {@code MPESA_BASE_URL} (in any environment, e.g. a
   * proxy), {@code MPESA_SHORTCODE}, {@code MPESA_PASSKEY}, {@code MPESA_INITIATOR_NAME} with
   * {@code MPESA_INITIATOR_PASSWORD} (encrypted with the environment's certificate, or {@code
   * MPESA_CERTIFICATE}, a PEM file) or {@code MPESA_SECURITY_CREDENTIAL}.
   *
   * <p>With {@code MPESA_ENV=emulator} nothing else is needed: the base URL defaults to {@link
   * Environment#EMULATOR_BASE_URL} (where {@code ./daraja emulator} listens), the key and secret to
   * {@link SandboxTestData#EMULATOR_CONSUMER_KEY}, and the shortcode and passkey to the sandbox's
   * STK test PayBill ({@link SandboxTestData#STK_SHORTCODE}, {@link SandboxTestData#STK_PASSKEY});
   * any variable that is set wins.
   *
   * @throws DarajaValidationException naming the variable that is missing or wrong
   */
  public static DarajaClient fromEnv(Map<String, String> env) {
    return fromEnv(env, UnaryOperator.identity());
  }

  /**
   * A client configured from {@code MPESA_*} variables as {@link #fromEnv(Map)} does, with further
   * settings the environment does not carry (a listener, an HTTP client, timeouts).
   *
   * @param customize applied to the builder after the variables, before it builds
   * @throws DarajaValidationException naming the variable (or builder field) that is wrong
   */
  public static DarajaClient fromEnv(Map<String, String> env, UnaryOperator<Builder> customize) {
    try {
      return configure(env, customize);
    } catch (DarajaValidationException e) {
      // The builder names its own fields, but whoever fixes this edits environment variables.
      String variable = VARIABLES.get(e.field());
      if (variable == null) {
        throw e;
      }
      throw new DarajaValidationException(
          variable, e.getMessage().substring(e.field().length() + 2));
    }
  }

  /** The variable behind each builder field that {@link #fromEnv(Map)} sets from one. */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "baseUrl", "MPESA_BASE_URL",
          "shortCode", "MPESA_SHORTCODE",
          "certificate", "MPESA_CERTIFICATE",
          "initiatorPassword", "MPESA_INITIATOR_PASSWORD");

  private static DarajaClient configure(Map<String, String> env, UnaryOperator<Builder> customize) {
    Builder builder = builder();
    builder.environment(Environment.named(env.get("MPESA_ENV"), env.get("MPESA_BASE_URL")));
    if (emulator(env)) {
      // The emulator takes any key, and provisions the sandbox's STK shortcode and passkey: a
      // first run needs MPESA_ENV=emulator and nothing else. Variables that are set still win.
      builder.consumerKey(SandboxTestData.EMULATOR_CONSUMER_KEY);
      builder.consumerSecret(SandboxTestData.EMULATOR_CONSUMER_SECRET);
      builder.shortCode(SandboxTestData.STK_SHORTCODE);
      builder.passkey(SandboxTestData.STK_PASSKEY);
      optional(env, "MPESA_CONSUMER_KEY", builder::consumerKey);
      optional(env, "MPESA_CONSUMER_SECRET", builder::consumerSecret);
    } else {
      builder.consumerKey(required(env, "MPESA_CONSUMER_KEY"));
      builder.consumerSecret(required(env, "MPESA_CONSUMER_SECRET"));
    }
    optional(env, "MPESA_SHORTCODE", builder::shortCode);
    optional(env, "MPESA_PASSKEY", builder::passkey);
    String initiator = blankToNull(env.get("MPESA_INITIATOR_NAME"));
    String password = blankToNull(env.get("MPESA_INITIATOR_PASSWORD"));
    String credential = blankToNull(env.get("MPESA_SECURITY_CREDENTIAL"));
    String certificate = blankToNull(env.get("MPESA_CERTIFICATE"));
    if (password != null && credential != null) {
      throw new DarajaValidationException(
          "MPESA_SECURITY_CREDENTIAL",
          "and MPESA_INITIATOR_PASSWORD are both set: keep one (the credential is the password"
              + " already encrypted)");
    }
    if (initiator == null && (password != null || credential != null)) {
      // Ignoring them would only surface at the first payout, as "initiatorName is required".
      throw new DarajaValidationException(
          "MPESA_INITIATOR_NAME",
          "is required with MPESA_INITIATOR_PASSWORD or MPESA_SECURITY_CREDENTIAL: the API"
              + " initiator's user name");
    }
    if (initiator != null) {
      if (credential != null) {
        builder.securityCredential(initiator, credential);
      } else if (password != null) {
        if (certificate != null) {
          builder.initiator(
              initiator, password, SecurityCredentials.certificate(Path.of(certificate)));
        } else {
          builder.initiator(initiator, password);
        }
      } else {
        throw new DarajaValidationException(
            "MPESA_INITIATOR_PASSWORD",
            "is required with MPESA_INITIATOR_NAME (or set MPESA_SECURITY_CREDENTIAL)");
      }
    }
    return customize.apply(builder).build();
  }

  /** M-Pesa Express: STK push and query. */
  public StkService stk() {
    return stk;
  }

  /** Customer to Business: URL registration and (sandbox) simulation. */
  public C2bService c2b() {
    return c2b;
  }

  /** Business to Customer (v3, v1) and Business to Pochi. */
  public B2cService b2c() {
    return b2c;
  }

  /** Business to Business: pay bill, buy goods, B2C account top-up. */
  public B2bService b2b() {
    return b2b;
  }

  /** B2B Express Checkout: a USSD prompt asking a till's operator to pay your PayBill. */
  public B2bExpressService b2bExpress() {
    return new B2bExpressService(context); // stateless: a fresh one per call costs nothing
  }

  /** Tax remittance to KRA. */
  public TaxService tax() {
    return tax;
  }

  /** Transaction Status and Reversal. */
  public TransactionService transactions() {
    return transactions;
  }

  /** Account Balance. */
  public AccountService account() {
    return account;
  }

  /** Dynamic QR codes. */
  public QrService qr() {
    return qr;
  }

  /** Pull Transactions (C2B reconciliation). */
  public PullService pull() {
    return pull;
  }

  /** M-Pesa Ratiba: standing orders. */
  public RatibaService ratiba() {
    return ratiba;
  }

  /** B2C Hakikisha: the masked registered name behind a number. */
  public HakikishaService hakikisha() {
    return new HakikishaService(context); // stateless: a fresh one per call costs nothing
  }

  /** Lipa na Bonga: what Bonga points are worth, and paying a PayBill with them. */
  public BongaService bonga() {
    return new BongaService(context); // stateless: a fresh one per call costs nothing
  }

  /**
   * M-Pesa Bill Manager: opt-in, e-invoices, cancellations and payment acknowledgements. Every
   * request after opt-in needs the app key: {@code billManager().withAppKey(appKey)}.
   */
  public BillManagerService billManager() {
    return new BillManagerService(context); // stateless: a fresh one per call costs nothing
  }

  /** Query Org Info: the organisation behind a PayBill or till. */
  public OrgInfoService orgInfo() {
    return new OrgInfoService(context); // stateless: a fresh one per call costs nothing
  }

  /** IMSI check: a number's IMSI, last SIM swap and registration date. */
  public ImsiService imsi() {
    return new ImsiService(context); // stateless: a fresh one per call costs nothing
  }

  /** SIM swap check: when a number's SIM was last swapped, if within three months. */
  public SimSwapService simSwap() {
    return new SimSwapService(context); // stateless: a fresh one per call costs nothing
  }

  /** The default shortcode (STK, and PartyA elsewhere), or {@code null} if none was configured. */
  public String shortCode() {
    return context.shortCode();
  }

  /**
   * Makes sure the client holds a valid access token, fetching one if it has none: a cheap check of
   * the keys and of Daraja's reachability (health checks, start-up).
   *
   * @throws DarajaAuthenticationException if the keys are refused
   * @throws DarajaUnavailableException if Daraja cannot be reached
   */
  public void authenticate() {
    context.transport().ensureToken();
  }

  /** Where requests go. */
  public Environment environment() {
    return context.environment();
  }

  /** The STK Password and Timestamp for a shortcode (the client's passkey) at this moment. */
  public StkPassword stkPassword(String shortCode) {
    return StkPassword.now(shortCode, context.passkey(), context.clock(), context.timestampZone());
  }

  /**
   * Stops the client's own thread pools (a caller-supplied executor or HTTP client is left alone).
   * Calls still in flight may not complete.
   */
  @Override
  public void close() {
    ownExecutor.shutdown();
    if (httpExecutor != null) {
      httpExecutor.shutdown();
    }
  }

  /** Never prints keys, secrets, passkeys or credentials. */
  @Override
  public String toString() {
    return "DarajaClient[" + context.environment() + ", shortCode=" + context.shortCode() + "]";
  }

  private static boolean emulator(Map<String, String> env) {
    String name = blankToNull(env.get("MPESA_ENV"));
    return name != null && name.equalsIgnoreCase("emulator");
  }

  private static String required(Map<String, String> env, String name) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      throw new DarajaValidationException(name, "is not set");
    }
    return value;
  }

  private static void optional(
      Map<String, String> env, String name, java.util.function.Consumer<String> setter) {
    String value = blankToNull(env.get(name));
    if (value != null) {
      setter.accept(value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Builds a {@link DarajaClient}. */
  public static final class Builder {
    private Environment environment = Environment.SANDBOX;
    private String consumerKey;
    private String consumerSecret;
    private String shortCode;
    private String passkey;
    private String initiatorName;
    private String initiatorPassword;
    private X509Certificate certificate;
    private String securityCredential;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private int maxRetries = 2;
    private Duration tokenRefreshMargin = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private ZoneId timestampZone = StkPassword.EAST_AFRICA;
    private ExecutorService executor;
    private DarajaEventListener listener = DarajaEventListener.NONE;
    private Transport.Sleeper sleeper; // null: retries wait on a timer, holding no thread
    private HttpClient httpClient;

    private Builder() {}

    /** {@link Environment#SANDBOX} (default), {@link Environment#PRODUCTION} or a custom one. */
    public Builder environment(Environment environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** Shorthand for {@code environment(Environment.custom(baseUrl))}, e.g. the emulator. */
    public Builder baseUrl(String baseUrl) {
      return environment(Environment.custom(baseUrl));
    }

    /** The app's consumer key (required). */
    public Builder consumerKey(String consumerKey) {
      this.consumerKey = consumerKey;
      return this;
    }

    /** The app's consumer secret (required; never logged). */
    public Builder consumerSecret(String consumerSecret) {
      this.consumerSecret = consumerSecret;
      return this;
    }

    /** The default shortcode (STK PayBill or store, C2B, B2C, B2B PartyA). */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** The Lipa na M-Pesa Online passkey of the STK shortcode. */
    public Builder passkey(String passkey) {
      this.passkey = passkey;
      return this;
    }

    /**
     * The API initiator; the password is encrypted into a SecurityCredential with the environment's
     * bundled certificate.
     */
    public Builder initiator(String name, String password) {
      this.initiatorName = name;
      this.initiatorPassword = password;
      this.certificate = null;
      this.securityCredential = null;
      return this;
    }

    /** The API initiator, encrypting with a given certificate (e.g. the emulator's). */
    public Builder initiator(String name, String password, X509Certificate certificate) {
      this.initiatorName = name;
      this.initiatorPassword = password;
      this.certificate = Objects.requireNonNull(certificate, "certificate");
      this.securityCredential = null;
      return this;
    }

    /** The API initiator with an already encrypted SecurityCredential. */
    public Builder securityCredential(String initiatorName, String securityCredential) {
      this.initiatorName = initiatorName;
      this.securityCredential = securityCredential;
      this.initiatorPassword = null;
      this.certificate = null;
      return this;
    }

    /** How long to wait for a connection (default 10 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      return this;
    }

    /** How long to wait for an answer once sent (default 30 s). */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive("readTimeout", readTimeout);
      return this;
    }

    /** Retries for requests that may be retried (default 2; 0 turns retries off). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new DarajaValidationException("maxRetries", "must be 0 to 10, got " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** Renew the token this long before it expires (default 60 s). */
    public Builder tokenRefreshMargin(Duration margin) {
      if (margin == null || margin.isNegative()) {
        throw new DarajaValidationException("tokenRefreshMargin", "must not be negative");
      }
      this.tokenRefreshMargin = margin;
      return this;
    }

    /** The clock for token expiry and STK timestamps (tests may pin it). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Zone of STK timestamps: Africa/Nairobi by default (Daraja does not document it). */
    public Builder timestampZone(ZoneId zone) {
      this.timestampZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * The executor that reads answers and completes the futures of the {@code …Async} methods, so
     * that your dependent stages run there (the caller owns it). Without one they run on the
     * client's own pool of daemon threads, which {@link DarajaClient#close()} stops. No thread of
     * either waits while a request is in flight: HTTP I/O runs on a few threads of the client's
     * own.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Observes requests, retries and token renewals. */
    public Builder listener(DarajaEventListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sends requests with this {@link HttpClient} instead of one the client builds: to go through a
     * proxy, pin TLS settings or substitute a stub in tests and benchmarks. Its own executor must
     * not be a bounded pool whose threads call the client synchronously: they complete the calls.
     * {@link #connectTimeout} then comes from the given client; {@link #readTimeout} still applies
     * to every request.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    Builder sleeper(Transport.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws DarajaValidationException naming whatever is missing or wrong
     */
    public DarajaClient build() {
      if (consumerKey == null || consumerKey.isBlank()) {
        throw new DarajaValidationException("consumerKey", "is required (from your Daraja app)");
      }
      if (consumerSecret == null || consumerSecret.isBlank()) {
        throw new DarajaValidationException("consumerSecret", "is required (from your Daraja app)");
      }
      if (shortCode != null && !shortCode.matches("\\d{5,9}")) {
        throw new DarajaValidationException(
            "shortCode", "'" + shortCode + "' is not a shortcode: expected 5 to 9 digits");
      }
      String credential = securityCredential;
      if (initiatorPassword != null) {
        credential =
            certificate == null
                ? SecurityCredentials.encrypt(initiatorPassword, environment)
                : SecurityCredentials.encrypt(initiatorPassword, certificate, environment);
      }
      // Futures complete on `pool`, where the caller's stages may block (a database write after a
      // payment): unbounded by default, so a blocked stage never stalls another call's answer.
      ExecutorService own = Executors.newCachedThreadPool(daemonThreads("daraja-client-"));
      ExecutorService pool = executor == null ? own : executor;
      // The HTTP client's pool only moves bytes and runs the retry policy, which never block: a
      // few threads serve any number of requests in flight.
      ExecutorService io = httpClient != null ? null : httpThreads();
      HttpClient http =
          httpClient != null
              ? httpClient
              : HttpClient.newBuilder()
                  .connectTimeout(connectTimeout)
                  .version(HttpClient.Version.HTTP_1_1)
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .executor(io)
                  .build();
      TokenManager tokens =
          new TokenManager(consumerKey, consumerSecret, clock, tokenRefreshMargin, listener);
      Transport transport =
          new Transport(
              http,
              environment.baseUrl(),
              readTimeout,
              maxRetries,
              tokens,
              listener,
              sleeper,
              () -> ThreadLocalRandom.current().nextLong());
      tokens.oauth(transport::oauth);
      ClientContext context =
          new ClientContext(
              transport,
              environment,
              shortCode,
              passkey,
              initiatorName,
              credential,
              clock,
              timestampZone,
              pool);
      return new DarajaClient(context, own, io);
    }

    private static Duration positive(String field, Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw new DarajaValidationException(field, "must be a positive duration");
      }
      return value;
    }

    /** Two threads (more on bigger machines), stopped after a minute idle. */
    private static ExecutorService httpThreads() {
      int size = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              size,
              size,
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              daemonThreads("daraja-http-"));
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }

    private static ThreadFactory daemonThreads(String prefix) {
      AtomicInteger n = new AtomicInteger();
      return runnable -> {
        Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
