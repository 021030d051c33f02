package io.github.darajakit.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.admin.AdminApi;
import io.github.darajakit.emulator.internal.api.AccountBalanceApi;
import io.github.darajakit.emulator.internal.api.B2bExpressApi;
import io.github.darajakit.emulator.internal.api.BillManagerApi;
import io.github.darajakit.emulator.internal.api.BongaApi;
import io.github.darajakit.emulator.internal.api.BusinessPaymentApi;
import io.github.darajakit.emulator.internal.api.C2bApi;
import io.github.darajakit.emulator.internal.api.HakikishaApi;
import io.github.darajakit.emulator.internal.api.InitiatorCredentials;
import io.github.darajakit.emulator.internal.api.OAuthApi;
import io.github.darajakit.emulator.internal.api.OrgInfoApi;
import io.github.darajakit.emulator.internal.api.PayoutApi;
import io.github.darajakit.emulator.internal.api.PullApi;
import io.github.darajakit.emulator.internal.api.QrApi;
import io.github.darajakit.emulator.internal.api.RatibaApi;
import io.github.darajakit.emulator.internal.api.ReversalApi;
import io.github.darajakit.emulator.internal.api.SimCheckApi;
import io.github.darajakit.emulator.internal.api.StkApi;
import io.github.darajakit.emulator.internal.api.TransactionStatusApi;
import io.github.darajakit.emulator.internal.callbacks.CallbackDispatcher;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Endpoint;
import io.github.darajakit.emulator.internal.http.HttpExchange;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.World;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running emulator: builds every part, serves HTTP, and runs the janitor that keeps memory
 * bounded. {@code DarajaEmulator} is its public face.
 *
 * <p>A Daraja request goes through the same gates as on Safaricom's gateway, in this order: path,
 * method, access token, rate limits, body, fields, business rules. Any failure is a Daraja error
 * envelope; nothing a client sends can make it answer a stack trace.
 */
public final class EmulatorServer {

  private static final Logger log = LoggerFactory.getLogger(EmulatorServer.class);
  private static final Duration JANITOR_PERIOD = Duration.ofSeconds(5);
  // Standing-order debits that fall due as real time passes are made within this long.
  private static final Duration DEBIT_CHECK_PERIOD = Duration.ofSeconds(1);

  private final EmulatorConfig startupConfig;
  private final AtomicReference<EmulatorConfig> config;
  private final EmulatorClock clock;
  private final Ids ids;
  private final Counters counters = new Counters();
  private final Faults faults;
  private final ScheduledThreadPoolExecutor scheduler;
  private final CallbackDispatcher callbacks;
  private final Mpesa mpesa;
  private final OAuthApi oauth;
  private final StkApi stk;
  private final C2bApi c2b;
  private final PayoutApi payouts;
  private final BusinessPaymentApi businessPayments;
  private final TransactionStatusApi transactionStatus;
  private final AccountBalanceApi accountBalance;
  private final ReversalApi reversals;
  private final QrApi qr;
  private final PullApi pull;
  private final RatibaApi ratiba;
  private final B2bExpressApi b2bExpress;
  private final HakikishaApi hakikisha;
  private final BongaApi bonga;
  private final BillManagerApi billManager;
  private final OrgInfoApi orgInfo;
  private final SimCheckApi simChecks;
  private final AdminApi admin;
  private final Server server;
  private final ServerConnector connector;
  private final Instant startedAt;
  private volatile int boundPort = -1;

  public EmulatorServer(EmulatorConfig startupConfig, Clock baseClock) {
    this.startupConfig = startupConfig;
    this.config = new AtomicReference<>(startupConfig);
    this.clock = new EmulatorClock(baseClock);
    // Read once: the start time is what keeps this emulator's receipts apart from every earlier
    // one's (see Ids).
    this.startedAt = clock.instant();
    this.ids = new Ids(startupConfig.seed(), startedAt);
    this.faults = new Faults(clock, startupConfig.seed());
    // Everything that can refuse the configuration comes before anything that starts threads.
    World world = new World();
    world.reset(startupConfig);
    world.swapScenarioSims(clock.nowEat().withNano(0));
    InitiatorCredentials credentials = new InitiatorCredentials(config::get);
    this.scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("daraja-emulator-timer"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.callbacks =
        new CallbackDispatcher(scheduler, faults, clock, () -> config.get().maxDeliveries());
    this.mpesa = new Mpesa(config, clock, ids, world, callbacks, scheduler, credentials);
    this.oauth = new OAuthApi(mpesa, faults);
    this.stk = new StkApi(mpesa);
    this.billManager = new BillManagerApi(mpesa);
    // A C2B payment to an opted-in biller's PayBill may pay one of its invoices.
    this.c2b = new C2bApi(mpesa, billManager::paid);
    this.payouts = new PayoutApi(mpesa);
    this.businessPayments = new BusinessPaymentApi(mpesa);
    this.transactionStatus = new TransactionStatusApi(mpesa);
    this.accountBalance = new AccountBalanceApi(mpesa);
    this.reversals = new ReversalApi(mpesa);
    this.qr = new QrApi(mpesa);
    this.pull = new PullApi(mpesa);
    this.ratiba = new RatibaApi(mpesa, stk, c2b);
    this.b2bExpress = new B2bExpressApi(mpesa, stk);
    this.hakikisha = new HakikishaApi(mpesa);
    this.bonga = new BongaApi(mpesa, stk, c2b);
    this.orgInfo = new OrgInfoApi(mpesa);
    this.simChecks = new SimCheckApi(mpesa);
    this.admin = new AdminApi(this);

    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("daraja-emulator-http");
    threads.setDaemon(true);
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(startupConfig.host());
    connector.setPort(startupConfig.port());
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(new DarajaHandler());
    server.setErrorHandler(this::protocolError);
  }

  /** Starts listening. */
  public void start() {
    try {
      server.start();
      boundPort = connector.getLocalPort();
    } catch (Exception e) {
      close();
      throw new IllegalStateException(
          "cannot start the emulator on "
              + startupConfig.host()
              + ":"
              + startupConfig.port()
              + ": "
              + e.getMessage(),
          e);
    }
    scheduler.scheduleWithFixedDelay(
        this::prune, JANITOR_PERIOD.toMillis(), JANITOR_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        this::runDueDebits,
        DEBIT_CHECK_PERIOD.toMillis(),
        DEBIT_CHECK_PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Stops listening and releases every thread. */
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.debug("emulator server did not stop cleanly", e);
    }
    scheduler.shutdownNow();
    callbacks.close();
  }

  /** The port actually bound. */
  public int port() {
    return boundPort;
  }

  /** {@code http://host:port}. */
  public String baseUrl() {
    String host = startupConfig.host();
    if (host.equals("0.0.0.0") || host.isEmpty()) {
      host = "127.0.0.1";
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** Restores the world, tokens, counters, faults and settings to how they were at start. */
  public void reset() {
    config.set(startupConfig);
    clock.resetOffset();
    faults.clear();
    counters.reset();
    stk.reset();
    b2bExpress.reset();
    c2b.reset();
    bonga.reset();
    billManager.reset();
    pull.reset();
    payouts.reset();
    oauth.reset();
    mpesa.credentials().reset();
    callbacks.clear();
    mpesa.world().reset(startupConfig);
    mpesa.world().swapScenarioSims(clock.nowEat().withNano(0));
  }

  /**
   * Moves the emulator's clock forward and makes every standing-order debit that fell due, in date
   * order, before returning.
   *
   * @throws IllegalArgumentException if {@code by} is negative: the clock only moves forward here
   */
  public void advanceClock(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException(
          "the clock only moves forward; to go back to real time use DELETE /__admin/clock");
    }
    clock.advance(by);
    ratiba.runDue();
    billManager.runDue();
  }

  /**
   * Moves the emulator's clock forward to {@code to}, then as {@link #advanceClock(Duration)}.
   *
   * @throws IllegalArgumentException if {@code to} is before the emulator's now
   */
  public void moveClockTo(Instant to) {
    Instant now = clock.instant();
    if (to.isBefore(now)) {
      throw new IllegalArgumentException(
          "the clock only moves forward: "
              + to
              + " is before the emulator's now, "
              + now
              + "; to go back to real time use DELETE /__admin/clock");
    }
    // The clock counts whole milliseconds: round up, so that it lands on or just after {@code to}
    // and whatever falls due at {@code to} is due.
    advanceClock(Duration.between(now, to).plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS));
  }

  /** Applies runtime settings (the admin API's PATCH). */
  public EmulatorConfig updateSettings(String json) {
    return config.updateAndGet(current -> current.withJson(json));
  }

  public EmulatorConfig config() {
    return config.get();
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Mpesa mpesa() {
    return mpesa;
  }

  public Faults faults() {
    return faults;
  }

  public Counters counters() {
    return counters;
  }

  public OAuthApi oauth() {
    return oauth;
  }

  public StkApi stk() {
    return stk;
  }

  public C2bApi c2b() {
    return c2b;
  }

  public B2bExpressApi b2bExpress() {
    return b2bExpress;
  }

  public RatibaApi ratiba() {
    return ratiba;
  }

  /** Bill Manager: billers, invoices and payment pushes. */
  public BillManagerApi billManager() {
    return billManager;
  }

  /** Lipa na Bonga, and the customers' Bonga points. */
  public BongaApi bonga() {
    return bonga;
  }

  private void runDueDebits() {
    try {
      ratiba.runDue();
    } catch (RuntimeException e) {
      log.warn("standing-order debit check failed; will try again", e);
    }
    try {
      billManager.runDue();
    } catch (RuntimeException e) {
      log.warn("Bill Manager push retry failed; will try again", e);
    }
  }

  private void prune() {
    try {
      EmulatorConfig cfg = config.get();
      Instant cutoff = clock.instant().minus(cfg.retention());
      mpesa.world().prune(cutoff, cfg.maxTransactions());
      stk.prune(cutoff, cfg.maxTransactions());
      b2bExpress.prune(cutoff);
      payouts.prune(cutoff);
      oauth.prune();
    } catch (RuntimeException e) {
      log.warn("emulator janitor failed; will try again", e);
    }
  }

  /**
   * Routes every request: the admin API, or a Daraja endpoint through Daraja's gates.
   *
   * <p>Non-blocking, so Jetty may run it on the thread that read the request: an ordinary Daraja
   * request (declared length within limits, no injected latency) is read, processed and answered
   * without handing it to another thread, which on a small machine is most of the cost of a
   * request. Everything else — the admin API, bodies of unknown or excessive length, injected
   * latency — is handed to the server's thread pool, where blocking is allowed.
   */
  private final class DarajaHandler extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      HttpExchange exchange = new HttpExchange(request, response, callback);
      String path = exchange.path();
      if (path.equals("/__admin") || path.startsWith("/__admin/")) {
        blocking(exchange, () -> admin.handle(exchange));
        return true;
      }
      guarded(
          exchange,
          () -> {
            Endpoint endpoint = route(exchange);
            int maxBody = endpoint.maxBodyBytes(config.get().maxBodyBytes());
            long declared = request.getLength();
            Duration latency = faults.latency(endpoint);
            if (declared < 0 || declared > maxBody || !latency.isZero()) {
              blocking(
                  exchange,
                  () -> serve(exchange, endpoint, readBlocking(exchange, maxBody), latency));
            } else {
              exchange.bodyAsync(
                  maxBody,
                  body -> guarded(exchange, () -> serve(exchange, endpoint, body, Duration.ZERO)),
                  failure -> guarded(exchange, () -> refuseBody(exchange)));
            }
          });
      return true;
    }
  }

  /** Work that may throw; any failure becomes a Daraja error envelope, never a stack trace. */
  private interface Work {
    void run() throws IOException;
  }

  private void guarded(HttpExchange exchange, Work work) {
    try {
      work.run();
    } catch (DarajaError e) {
      if (!exchange.answered()) {
        exchange.error(e, ids.requestId());
      }
    } catch (RuntimeException | IOException e) {
      log.error("emulator bug answering {} {}", exchange.method(), exchange.path(), e);
      if (!exchange.answered()) {
        exchange.error(DarajaError.internal(), ids.requestId());
      }
    }
  }

  private void blocking(HttpExchange exchange, Work work) {
    server.getThreadPool().execute(() -> guarded(exchange, work));
  }

  private Endpoint route(HttpExchange exchange) {
    String path = exchange.path();
    Endpoint endpoint = Endpoint.forPath(path).orElseThrow(() -> Endpoint.notFound(path));
    if (!endpoint.method().equals(exchange.method())) {
      throw endpoint.wrongMethod(exchange.method());
    }
    counters.endpoint(endpoint.id());
    return endpoint;
  }

  private static byte[] readBlocking(HttpExchange exchange, int maxBody) {
    try {
      return exchange.body(maxBody);
    } catch (IOException e) {
      // Too large, cut short by the client, or garbled framing (a bad chunk): the client's fault.
      exchange.closeAfterResponse();
      throw DarajaError.invalidPayload();
    }
  }

  private static void refuseBody(HttpExchange exchange) {
    exchange.closeAfterResponse();
    throw DarajaError.invalidPayload();
  }

  private void serve(HttpExchange exchange, Endpoint endpoint, byte[] body, Duration latency) {
    if (!latency.isZero()) {
      sleep(latency);
    }
    String authorization = exchange.header(HttpHeader.AUTHORIZATION);
    if (endpoint == Endpoint.OAUTH) {
      Optional<String> consumerKey = OAuthApi.basicConsumerKey(authorization);
      consumerKey.ifPresent(
          key -> {
            counters.consumer(key, endpoint.id());
            faults.admit(key);
          });
      strike(endpoint, Faults.ErrorMode.REJECT);
      exchange.json(200, oauth.generate(authorization, exchange.query()).body());
      return;
    }
    String consumerKey = oauth.authenticate(authorization, endpoint);
    counters.consumer(consumerKey, endpoint.id());
    faults.admit(consumerKey);
    strike(endpoint, Faults.ErrorMode.REJECT);
    ApiResponse response =
        dispatch(
            new ApiCall(endpoint, consumerKey, parse(endpoint, exchange, body), exchange::header));
    // Faults that strike after the work is done: the money has moved, the client never knows.
    Optional<Faults.ErrorRule> late = faults.strike(endpoint, Faults.ErrorMode.ACCEPT_THEN_DROP);
    if (late.isPresent()) {
      exchange.drop();
      return;
    }
    late = faults.strike(endpoint, Faults.ErrorMode.ACCEPT_THEN_ERROR);
    if (late.isPresent()) {
      throw DarajaError.of(late.get().errorCode(), late.get().errorMessage());
    }
    exchange.json(response.status(), response.body());
  }

  private void strike(Endpoint endpoint, Faults.ErrorMode mode) {
    Optional<Faults.ErrorRule> rule = faults.strike(endpoint, mode);
    if (rule.isPresent()) {
      throw DarajaError.of(rule.get().errorCode(), rule.get().errorMessage());
    }
  }

  /**
   * The body as Daraja's gateway sees it: a JSON object (or an array where the endpoint takes one),
   * or {@code 400.002.05}. With a non-JSON Content-Type the gateway cannot see the fields at all,
   * so a field is reported missing: the one the reference records for that API, else the first one
   * checked (REFERENCE §1.2).
   */
  private static JsonNode parse(Endpoint endpoint, HttpExchange exchange, byte[] body) {
    String contentType = exchange.header(HttpHeader.CONTENT_TYPE);
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      if (endpoint.hiddenBodyField() != null) {
        throw DarajaError.invalidField(endpoint.hiddenBodyField());
      }
      return Json.object();
    }
    try {
      JsonNode node = Json.parse(body);
      if (!node.isObject() && !(node.isArray() && endpoint.takesArray())) {
        throw DarajaError.invalidPayload();
      }
      return node;
    } catch (IOException e) {
      throw DarajaError.invalidPayload();
    }
  }

  private ApiResponse dispatch(ApiCall call) {
    return switch (call.endpoint()) {
      case STK_PUSH -> stk.push(call);
      case STK_QUERY -> stk.query(call);
      case C2B_REGISTER_V1 -> c2b.register(call, 1);
      case C2B_REGISTER_V2 -> c2b.register(call, 2);
      case C2B_SIMULATE_V1, C2B_SIMULATE_V2 -> c2b.simulate(call);
      case B2C_V1 -> payouts.b2cV1(call);
      case B2C_V3 -> payouts.b2cV3(call);
      case B2POCHI -> payouts.pochi(call);
      case B2B -> businessPayments.b2b(call);
      case TAX_REMITTANCE -> businessPayments.remitTax(call);
      case TRANSACTION_STATUS -> transactionStatus.query(call);
      case ACCOUNT_BALANCE -> accountBalance.query(call);
      case REVERSAL -> reversals.reverse(call);
      case QR_GENERATE -> qr.generate(call);
      case PULL_REGISTER -> pull.register(call);
      case PULL_QUERY -> pull.query(call);
      case RATIBA -> ratiba.create(call);
      case B2B_EXPRESS -> b2bExpress.push(call);
      case HAKIKISHA -> hakikisha.lookup(call);
      case ORG_INFO -> orgInfo.query(call);
      case IMSI_V1 -> simChecks.imsi(call);
      case IMSI_V2 -> simChecks.swap(call);
      case BONGA_CALCULATE -> bonga.calculate(call);
      case BONGA_REDEEM -> bonga.redeem(call);
      case BILL_MANAGER_OPT_IN -> billManager.optIn(call);
      case BILL_MANAGER_UPDATE_OPT_IN -> billManager.updateOptIn(call);
      case BILL_MANAGER_INVOICE -> billManager.invoice(call);
      case BILL_MANAGER_BULK_INVOICE -> billManager.bulkInvoice(call);
      case BILL_MANAGER_CANCEL -> billManager.cancel(call);
      case BILL_MANAGER_CANCEL_BULK -> billManager.cancelBulk(call);
      case BILL_MANAGER_RECONCILIATION -> billManager.reconcile(call);
      case OAUTH -> throw new IllegalStateException("OAuth is handled before dispatch");
    };
  }

  /**
   * Jetty's own errors (a malformed request line, oversized headers) still get a Daraja envelope,
   * never an HTML page.
   */
  private boolean protocolError(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    DarajaError error =
        switch (status) {
          case 404 -> DarajaError.of("404.001.01", "Resource not found");
          case 405 -> DarajaError.of("405.001", request.getMethod() + " Method Not Allowed");
          case 500, 502, 503 -> DarajaError.internal();
          default -> DarajaError.invalidPayload();
        };
    new HttpExchange(request, response, callback).error(error, ids.requestId());
    return true;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
