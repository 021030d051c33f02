package io.github.darajakit.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.b2b.B2bReceiverType;
import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.client.events.DarajaEventListener;
import io.github.darajakit.client.pull.PullRegisterRequest;
import io.github.darajakit.client.pull.PullRegisterResponse;
import io.github.darajakit.gateway.api.Dashboard;
import io.github.darajakit.gateway.api.EmulatorApi;
import io.github.darajakit.gateway.api.EventStream;
import io.github.darajakit.gateway.api.EventStreamApi;
import io.github.darajakit.gateway.api.MerchantApi;
import io.github.darajakit.gateway.api.OpenApiDocument;
import io.github.darajakit.gateway.api.OperationsApi;
import io.github.darajakit.gateway.api.PayoutApi;
import io.github.darajakit.gateway.api.ReversalApi;
import io.github.darajakit.gateway.auth.ApiKeys;
import io.github.darajakit.gateway.auth.DashboardSessions;
import io.github.darajakit.gateway.c2b.C2bRecovery;
import io.github.darajakit.gateway.c2b.C2bStore;
import io.github.darajakit.gateway.callbacks.CallbackApplier;
import io.github.darajakit.gateway.callbacks.CallbackEndpoint;
import io.github.darajakit.gateway.callbacks.CallbackIntake;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.callbacks.CallbackStore;
import io.github.darajakit.gateway.callbacks.Received;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.http.ApiServer;
import io.github.darajakit.gateway.http.Idempotency;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.ops.GatewayMetrics;
import io.github.darajakit.gateway.ops.Overview;
import io.github.darajakit.gateway.payments.PaymentService;
import io.github.darajakit.gateway.payments.PaymentStore;
import io.github.darajakit.gateway.payouts.Balances;
import io.github.darajakit.gateway.payouts.Payout;
import io.github.darajakit.gateway.payouts.PayoutBatchSender;
import io.github.darajakit.gateway.payouts.PayoutBatchService;
import io.github.darajakit.gateway.payouts.PayoutBatchStore;
import io.github.darajakit.gateway.payouts.PayoutResults;
import io.github.darajakit.gateway.payouts.PayoutService;
import io.github.darajakit.gateway.payouts.PayoutStore;
import io.github.darajakit.gateway.payouts.ReceiptChecks;
import io.github.darajakit.gateway.payouts.TransactionLookups;
import io.github.darajakit.gateway.reconciler.PaymentReconciler;
import io.github.darajakit.gateway.reconciler.PayoutReconciler;
import io.github.darajakit.gateway.reconciler.ReceiptChecker;
import io.github.darajakit.gateway.reconciler.ReversalReconciler;
import io.github.darajakit.gateway.reversals.ReversalResults;
import io.github.darajakit.gateway.reversals.ReversalService;
import io.github.darajakit.gateway.reversals.ReversalStore;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Dialect;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Instances;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.store.Settings;
import io.github.darajakit.gateway.store.SharedPace;
import io.github.darajakit.gateway.webhooks.WebhookDispatcher;
import io.github.darajakit.gateway.webhooks.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DarajaKit gateway: the payments service a merchant runs beside their application. It takes
 * payments through a merchant API, receives Daraja's callbacks without ever losing or
 * double-counting one, reconciles what Daraja did not say, and tells the merchant's systems with
 * signed webhooks.
 *
 * <pre>{@code
 * DarajaGateway gateway = DarajaGateway.builder()
 *     .config(GatewayConfig.builder("jdbc:sqlite:./daraja-data/gateway.db").build())
 *     .daraja(DarajaClient.fromEnv())
 *     .start();
 * }</pre>
 */
public final class DarajaGateway implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DarajaGateway.class);

  /**
   * Callback writers on PostgreSQL: a batch's transaction mostly waits on round trips to the
   * server, so a few run side by side (measured in BENCHMARKS.md; SQLite has exactly one writer).
   */
  private static final int POSTGRESQL_CALLBACK_WRITERS = 4;

  /** How many rows one reconciler round looks at, at most. */
  private static final int RECONCILER_ROUND = 50;

  private final GatewayConfig config;
  private final Deque<AutoCloseable> resources;
  private final ApiServer server;

  /** Each reconciler's round over what is due now (payments, payouts, reversals, receipts). */
  private final List<IntSupplier> reconcilers;

  private final PayoutBatchSender batchSender;
  private final WebhookDispatcher dispatcher;
  private final C2bRecovery recovery;
  private final Housekeeping housekeeping;
  private final String newApiKey;
  private final String publicUrl;
  private final Database database;

  private DarajaGateway(
      GatewayConfig config,
      Deque<AutoCloseable> resources,
      ApiServer server,
      List<IntSupplier> reconcilers,
      PayoutBatchSender batchSender,
      WebhookDispatcher dispatcher,
      C2bRecovery recovery,
      Housekeeping housekeeping,
      String newApiKey,
      String publicUrl,
      Database database) {
    this.config = config;
    this.resources = resources;
    this.server = server;
    this.reconcilers = reconcilers;
    this.batchSender = batchSender;
    this.dispatcher = dispatcher;
    this.recovery = recovery;
    this.housekeeping = housekeeping;
    this.newApiKey = newApiKey;
    this.publicUrl = publicUrl;
    this.database = database;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://host:port}, where the merchant API listens. */
  public String baseUrl() {
    String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    return "http://" + host + ":" + server.port();
  }

  /**
   * Every route served besides Daraja's callback paths, for checks that must cover them all (the
   * OpenAPI document, the malformed-request fuzz test).
   */
  public java.util.List<Router.Listing> routes() {
    return server.routes();
  }

  /** The base Daraja calls back on. */
  public String publicUrl() {
    return publicUrl;
  }

  public int port() {
    return server.port();
  }

  /**
   * The API key generated at this start, to show once; {@code null} if a key was configured or one
   * was generated at an earlier start (only its hash is kept).
   */
  public String generatedApiKey() {
    return newApiKey;
  }

  /** The database in use (without credentials). */
  public String databaseDescription() {
    return database.description();
  }

  /**
   * Runs the reconcilers now (they also run on their own schedules). Returns the payments, payouts,
   * B2B payments, reversals and receipts examined.
   */
  public int reconcileNow() {
    return reconcileAll(reconcilers);
  }

  /** Runs every reconciler over everything due now, until none finds a full round; the count. */
  private static int reconcileAll(List<IntSupplier> reconcilers) {
    int total = 0;
    boolean full;
    do {
      full = false;
      for (IntSupplier reconciler : reconcilers) {
        int round = reconciler.getAsInt();
        total += round;
        full |= round == RECONCILER_ROUND; // a full round: maybe more
      }
    } while (full);
    return total;
  }

  /**
   * Sends the rows of confirmed payout batches now, at the configured pace, and completes the
   * batches that are done (this also happens on its own). Returns rows sent.
   */
  public int sendPayoutBatchesNow() {
    return batchSender.sendDue();
  }

  /** Sends due webhooks now (they are also sent on their own schedule). */
  public int deliverWebhooksNow() {
    return dispatcher.deliverDue();
  }

  /**
   * Asks Pull Transactions now for C2B payments whose confirmation never came (it also runs on its
   * own schedule). Returns how many were recovered, or -1 if Daraja could not be asked.
   *
   * @throws IllegalStateException if C2B recovery is not configured ({@code c2bPull})
   */
  public int recoverC2bNow() {
    if (recovery == null) {
      throw new IllegalStateException("C2B recovery is off: configure c2b.pull");
    }
    return recovery.recover();
  }

  /**
   * Runs the hourly clean-up now: forgets expired Idempotency-Keys, and signed-out dashboard
   * sessions that have expired since. Returns how many rows went.
   */
  public int housekeepNow() {
    return housekeeping.run();
  }

  /** The configuration it runs with. */
  public GatewayConfig config() {
    return config;
  }

  /**
   * Stops everything: new callbacks are refused, queued ones are written, then the database closes.
   */
  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        log.debug("error while stopping", e);
      }
    }
  }

  /** Builds and starts a {@link DarajaGateway}. */
  public static final class Builder {
    private GatewayConfig config;
    private DarajaClient daraja;
    private Clock clock = Clock.systemUTC();
    private boolean background = true;
    private String emulatorAdminUrl;
    private final GatewayMetrics metrics = new GatewayMetrics();

    private Builder() {}

    /**
     * A listener for the Daraja client this gateway will use, so its requests, retries and token
     * renewals appear in {@code /metrics}: pass it to {@link DarajaClient.Builder#listener} (or
     * {@link DarajaClient#fromEnv(java.util.Map, java.util.function.UnaryOperator)}).
     */
    public DarajaEventListener darajaListener() {
      return metrics.darajaListener();
    }

    public Builder config(GatewayConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The Daraja client (its shortcode and passkey are used for STK). */
    public Builder daraja(DarajaClient daraja) {
      this.daraja = Objects.requireNonNull(daraja, "daraja");
      return this;
    }

    /** The clock of every timestamp, lease and schedule. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether the reconciler and the webhook dispatcher run on their own schedules (default); tests
     * turn them off and call {@link #reconcileNow()}/{@link #deliverWebhooksNow()} with a moved
     * clock instead.
     */
    public Builder backgroundWorkers(boolean background) {
      this.background = background;
      return this;
    }

    /**
     * The admin API of the emulator the client talks to, when the gateway runs on an embedded one:
     * the dashboard's phone panel answers its STK prompts. Left unset against Safaricom.
     */
    public Builder emulatorAdminUrl(String adminUrl) {
      this.emulatorAdminUrl = adminUrl;
      return this;
    }

    /**
     * Opens the database, starts listening, and starts the workers.
     *
     * @throws IllegalStateException if the port cannot be bound or the database opened
     */
    public DarajaGateway start() {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(daraja, "daraja");
      if (daraja.shortCode() == null) {
        throw new IllegalArgumentException(
            "the Daraja client needs a shortcode and passkey for STK (MPESA_SHORTCODE, MPESA_PASSKEY)");
      }
      Deque<AutoCloseable> resources = new ArrayDeque<>();
      try {
        return start(resources);
      } catch (RuntimeException e) {
        while (!resources.isEmpty()) {
          try {
            resources.pop().close();
          } catch (Exception ignored) {
            // already failing
          }
        }
        throw e;
      }
    }

    private DarajaGateway start(Deque<AutoCloseable> resources) {
      Database database = Database.open(config.databaseUrl(), clock);
      resources.push(database);
      Settings settings = new Settings(database);
      String secret =
          config.callbackSecret() != null ? config.callbackSecret() : storedSecret(settings);
      DashboardSessions dashboardSessions =
          new DashboardSessions(config.dashboardPassword(), settings, database, clock);
      ApiKeys apiKeys = new ApiKeys(database, clock, dashboardSessions);
      ApiKeys.Setup keys = apiKeys.ensure(config.apiKey());

      PaymentStore paymentStore = new PaymentStore(database);
      EventStore events = new EventStore(database);
      C2bStore c2bStore = new C2bStore(database);
      WebhookStore webhookStore = new WebhookStore(database);
      CallbackStore callbackStore = new CallbackStore(database);

      // A new id at every start: a process restarted after a crash must not pass for the one that
      // died holding Idempotency-Keys.
      Instances instances = Instances.register(database, config.instanceId() + "-" + Ids.random(6));
      resources.push(instances);
      Idempotency idempotency =
          new Idempotency(
              database, instances, clock, Duration.ofMinutes(2), config.idempotencyRetention());
      // The public URL is known only once the port is bound (port 0 in tests): bind first.
      Router router = new Router();
      CallbackIntake[] intakeRef = new CallbackIntake[1];
      ApiServer server =
          new ApiServer(config.host(), config.port(), router, apiKeys, idempotency, metrics);
      server.start();
      resources.push(server);
      String publicUrl =
          config.publicUrl() != null
              ? stripSlash(config.publicUrl())
              : "http://"
                  + (config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host())
                  + ":"
                  + server.port();

      if (daraja.environment().isProduction() && !publicUrl.startsWith("https://")) {
        throw new IllegalArgumentException(
            "production Daraja calls back over HTTPS only: set DARAJA_PUBLIC_URL (server.publicUrl)"
                + " to the https:// address in front of this gateway; it is "
                + publicUrl);
      }
      PaymentService payments =
          new PaymentService(
              database,
              paymentStore,
              events,
              daraja,
              clock,
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.STK),
              config.reconcileSchedule().get(0),
              config.unansweredAfter(),
              (c, checkoutRequestId) -> intakeRef[0].replayUnmatched(c, checkoutRequestId));
      PayoutStore payoutStore = new PayoutStore(database);
      PayoutService payouts =
          new PayoutService(
              database,
              payoutStore,
              events,
              daraja,
              clock,
              config.payoutShortCode(),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.B2C_RESULT),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.B2C_TIMEOUT),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.B2B_RESULT),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.B2B_TIMEOUT),
              config.payoutResultWait(),
              config.payoutRails(),
              config.tillIdentifierType().equals("2")
                  ? B2bReceiverType.TILL
                  : B2bReceiverType.SHORTCODE);
      ReversalStore reversalStore = new ReversalStore(database);
      ReversalService reversals =
          new ReversalService(
              database,
              reversalStore,
              paymentStore,
              payments,
              c2bStore,
              events,
              daraja,
              clock,
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.REVERSAL_RESULT),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.REVERSAL_TIMEOUT),
              config.payoutResultWait());
      Balances balances =
          new Balances(
              daraja,
              settings,
              clock,
              config.payoutShortCode(),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.BALANCE_RESULT),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.QUEUE_TIMEOUT));
      // One receipt credits one record; a dispute puts the record already holding it before a
      // person too, through the feature that owns it.
      Receipts receipts = new Receipts();
      receipts.onDispute("payment", payments::flag);
      receipts.onDispute(Payout.Kind.B2C.object(), payouts::flag);
      receipts.onDispute(Payout.Kind.B2B.object(), payouts::flag);
      receipts.onDispute("reversal", reversals::flag);
      ReceiptChecks receiptChecks =
          new ReceiptChecks(
              database, receipts, clock, config.checkReceipts(), config.reconcileSchedule().get(0));
      metrics.gauge(
          "daraja_gateway_receipt_checks_pending",
          "Receipts credited on a callback's word that Transaction Status has not yet confirmed",
          receiptChecks::pending);
      TransactionLookups lookups =
          new TransactionLookups(
              database,
              daraja,
              clock,
              config.payoutShortCode() != null ? config.payoutShortCode() : daraja.shortCode(),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.LOOKUP_RESULT),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.QUEUE_TIMEOUT),
              receiptChecks::answered);
      CallbackApplier applier =
          new CallbackApplier(
              database,
              paymentStore,
              payments,
              c2bStore,
              events,
              clock,
              config.c2bShortCode(),
              new PayoutResults(payoutStore, payouts, clock, receipts, receiptChecks),
              balances,
              lookups,
              new ReversalResults(reversalStore, reversals, clock, receipts),
              receipts,
              receiptChecks);
      CallbackIntake intake =
          new CallbackIntake(
              database,
              applier,
              callbackStore,
              paymentStore,
              events,
              config.callbackBatch(),
              database.dialect() == Dialect.SQLITE ? 1 : POSTGRESQL_CALLBACK_WRITERS,
              new CallbackIntake.Observer() {
                @Override
                public void stored(Received received, Verdict verdict) {
                  metrics.callback(received.kind().path(), verdict.outcome().wire());
                  metrics.callbackCommitted(
                      Duration.ofMillis(Math.max(0, clock.millis() - received.receivedAt())));
                }

                @Override
                public void replayed(Verdict verdict) {
                  metrics.callback(CallbackKind.STK.path(), "replayed_" + verdict.outcome().wire());
                }
              });
      intakeRef[0] = intake;
      resources.push(intake);
      server.attach(
          new CallbackEndpoint(
              secret,
              config.allowedCallbackAddresses(),
              config.trustedProxies(),
              intake,
              config.validation(),
              server.blockingPool(),
              clock,
              (kind, reason) -> metrics.callback(kind, "refused_" + reason)));

      MerchantApi.C2bRegistration c2bRegistration =
          new MerchantApi.C2bRegistration(
              config.c2bShortCode(),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.C2B_CONFIRMATION),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.C2B_VALIDATION),
              config.c2bResponseType());
      new MerchantApi(
              payments,
              paymentStore,
              c2bStore,
              events,
              webhookStore,
              callbackStore,
              daraja,
              () -> c2bRegistration,
              clock)
          .routes(router);
      PayoutBatchStore batchStore = new PayoutBatchStore(database);
      PayoutBatchService batches =
          new PayoutBatchService(database, batchStore, payoutStore, payouts, events, clock);
      PayoutBatchSender batchSender =
          new PayoutBatchSender(
              batchStore,
              batches,
              payouts,
              new SharedPace(
                  database,
                  "payouts:" + config.payoutShortCode(),
                  1_000_000L / config.payoutRatePerSecond()),
              clock,
              config.instanceId());
      resources.push(batchSender);
      new PayoutApi(payouts, payoutStore, batches, batchStore, balances, lookups).routes(router);
      new ReversalApi(reversals, reversalStore).routes(router);
      EventStream eventStream = new EventStream(events);
      resources.push(eventStream);
      new EventStreamApi(eventStream, apiKeys).routes(router);
      new EmulatorApi(emulatorAdminUrl).routes(router);
      Dashboard.routes(router, dashboardSessions);
      Reply openApi = OpenApiDocument.load();
      router
          .addPublic("GET", "/health", call -> health(database, daraja))
          .addPublic("GET", "/metrics", call -> Reply.text(200, metrics.scrape()))
          .addPublic("GET", "/openapi.json", call -> openApi);
      metrics.gauge(
          "daraja_gateway_payments_needing_attention",
          "Payments a person must settle",
          paymentStore::countNeedingAttention);

      PaymentReconciler reconciler =
          new PaymentReconciler(
              paymentStore,
              payments,
              daraja,
              clock,
              config.reconcileSchedule(),
              config.instanceId(),
              metrics::reconciler);
      resources.push(reconciler);
      PayoutReconciler payoutReconciler =
          new PayoutReconciler(
              payoutStore,
              payouts,
              daraja,
              clock,
              config.reconcileSchedule(),
              config.instanceId(),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.B2C_STATUS),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.QUEUE_TIMEOUT),
              metrics::reconciler);
      resources.push(payoutReconciler);
      ReversalReconciler reversalReconciler =
          new ReversalReconciler(
              reversalStore,
              reversals,
              daraja,
              clock,
              config.reconcileSchedule(),
              config.instanceId(),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.REVERSAL_STATUS),
              publicUrl + CallbackEndpoint.path(secret, CallbackKind.QUEUE_TIMEOUT),
              metrics::reconciler);
      resources.push(reversalReconciler);
      ReceiptChecker receiptChecker =
          new ReceiptChecker(
              receiptChecks,
              lookups,
              clock,
              config.reconcileSchedule(),
              config.instanceId(),
              metrics::reconciler);
      resources.push(receiptChecker);
      List<IntSupplier> reconcilers =
          List.of(
              reconciler::reconcileDue,
              payoutReconciler::reconcileDue,
              reversalReconciler::reconcileDue,
              receiptChecker::checkDue);
      new OperationsApi(new Overview(database, clock), () -> reconcileAll(reconcilers))
          .routes(router);
      metrics.gauge(
          "daraja_gateway_reversals_needing_attention",
          "Reversals a person must settle",
          reversalStore::countNeedingAttention);
      metrics.gauge(
          "daraja_gateway_payouts_needing_attention",
          "Payouts a person must settle",
          payoutStore::countNeedingAttention);
      WebhookDispatcher dispatcher =
          new WebhookDispatcher(
              webhookStore,
              events,
              clock,
              config.webhookRetries(),
              config.instanceId(),
              metrics::webhook);
      resources.push(dispatcher);
      C2bRecovery recovery = null;
      if (config.c2bPull()) {
        recovery =
            new C2bRecovery(
                database,
                c2bStore,
                events,
                settings,
                daraja,
                clock,
                config.c2bShortCode(),
                Duration.ofMinutes(15),
                metrics::c2bRecovery,
                receipts);
        resources.push(recovery);
      }
      if (config.c2bShortCode() != null && config.registerC2bOnStart()) {
        registerC2b(daraja, c2bRegistration);
      }
      if (config.c2bPullNominatedNumber() != null) {
        registerPull(
            daraja,
            config.c2bShortCode(),
            config.c2bPullNominatedNumber(),
            publicUrl + CallbackEndpoint.path(secret, CallbackKind.PULL));
      }
      Housekeeping housekeeping = new Housekeeping(idempotency, dashboardSessions);
      resources.push(housekeeping);
      if (background) {
        housekeeping.start();
        reconciler.start(config.reconcileEvery());
        payoutReconciler.start(config.reconcileEvery());
        reversalReconciler.start(config.reconcileEvery());
        receiptChecker.start(config.reconcileEvery());
        batchSender.start();
        dispatcher.start(config.dispatchEvery());
        if (recovery != null) {
          recovery.start(config.c2bPullEvery());
        }
      }
      log.info(
          "gateway listening on {} (database {}, callbacks at {}/daraja/****/…)",
          "http://" + config.host() + ":" + server.port(),
          database.description(),
          publicUrl);
      return new DarajaGateway(
          config,
          resources,
          server,
          reconcilers,
          batchSender,
          dispatcher,
          recovery,
          housekeeping,
          keys.newKey(),
          publicUrl,
          database);
    }

    private static void registerC2b(DarajaClient daraja, MerchantApi.C2bRegistration registration) {
      try {
        daraja
            .c2b()
            .registerUrls(
                C2bRegisterRequest.builder()
                    .shortCode(registration.shortCode())
                    .responseType(registration.responseType())
                    .confirmationUrl(registration.confirmationUrl())
                    .validationUrl(registration.validationUrl())
                    .build());
        log.info("registered C2B URLs for shortcode {}", registration.shortCode());
      } catch (DarajaException e) {
        // Production refuses a second registration; the URLs from the first are still in force.
        log.warn(
            "C2B URLs for {} were not registered: {}",
            registration.shortCode(),
            CallbackSecrets.redact(e.getMessage()));
      }
    }

    /** The generated secret kept from an earlier start, or a new one. */
    private static String storedSecret(Settings settings) {
      String secret = settings.getOrCreate("callback_secret", CallbackSecrets::generate);
      if (CallbackSecrets.reservedWordIn(secret).isPresent()) {
        // Kept by an older version that did not avoid Daraja's reserved words: C2B registration
        // would always be refused with it. STK callback URLs are per request, so a new one is safe.
        secret = CallbackSecrets.generate();
        settings.put("callback_secret", secret);
        log.warn("replaced the stored callback secret: it held a word Daraja refuses in C2B URLs");
      }
      return secret;
    }

    private static void registerPull(
        DarajaClient daraja, String shortCode, String nominatedNumber, String callbackUrl) {
      try {
        PullRegisterResponse answer =
            daraja
                .pull()
                .register(
                    PullRegisterRequest.builder()
                        .shortCode(shortCode)
                        .nominatedNumber(nominatedNumber)
                        .callbackUrl(callbackUrl)
                        .build());
        log.info(
            "Pull Transactions for {}: {}",
            shortCode,
            answer.alreadyRegistered() ? "already registered" : "registered");
      } catch (DarajaException e) {
        log.warn(
            "Pull Transactions registration for {} failed: {} (recovery will still try to pull)",
            shortCode,
            CallbackSecrets.redact(e.getMessage()));
      }
    }

    private static Reply health(Database database, DarajaClient daraja) {
      boolean db = database.healthy();
      String darajaStatus;
      try {
        daraja.authenticate();
        darajaStatus = "UP";
      } catch (DarajaException e) {
        darajaStatus = "DOWN";
      }
      ObjectNode node = Json.object();
      boolean up = db && darajaStatus.equals("UP");
      node.put("status", up ? "UP" : "DOWN")
          .put("database", db ? "UP" : "DOWN")
          .put("daraja_token", darajaStatus);
      return Reply.json(up ? 200 : 503, node);
    }

    private static String stripSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }
}
