package io.github.darajakit.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.events.DarajaEventListener;
import io.github.darajakit.gateway.api.Dashboard;
import io.github.darajakit.gateway.api.EmulatorApi;
import io.github.darajakit.gateway.api.EventStream;
import io.github.darajakit.gateway.api.EventStreamApi;
import io.github.darajakit.gateway.api.EventsApi;
import io.github.darajakit.gateway.api.OperationsApi;
import io.github.darajakit.gateway.auth.ApiKeys;
import io.github.darajakit.gateway.auth.DashboardSessions;
import io.github.darajakit.gateway.b2bcollections.B2bCollectionsFlow;
import io.github.darajakit.gateway.billmanager.BillManagerFlow;
import io.github.darajakit.gateway.c2b.C2bFlow;
import io.github.darajakit.gateway.callbacks.CallbackEndpoint;
import io.github.darajakit.gateway.callbacks.CallbackIntake;
import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.callbacks.CallbackRoutes;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;
import io.github.darajakit.gateway.callbacks.CallbackStore;
import io.github.darajakit.gateway.callbacks.CallbackUrls;
import io.github.darajakit.gateway.checkout.CheckoutFlow;
import io.github.darajakit.gateway.checkout.CheckoutSettings;
import io.github.darajakit.gateway.core.Business;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.events.EventCatalog;
import io.github.darajakit.gateway.events.EventStore;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.flow.Worker;
import io.github.darajakit.gateway.http.ApiServer;
import io.github.darajakit.gateway.http.Idempotency;
import io.github.darajakit.gateway.http.OpenApiDocument;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.ops.GatewayMetrics;
import io.github.darajakit.gateway.ops.Overview;
import io.github.darajakit.gateway.payments.PaymentsFlow;
import io.github.darajakit.gateway.payouts.PayoutsFlow;
import io.github.darajakit.gateway.reconciler.Reconcilers;
import io.github.darajakit.gateway.reversals.ReversalsFlow;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Dialect;
import io.github.darajakit.gateway.store.Ids;
import io.github.darajakit.gateway.store.Instances;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.store.Settings;
import io.github.darajakit.gateway.subscriptions.SubscriptionsFlow;
import io.github.darajakit.gateway.transactions.TransactionsFlow;
import io.github.darajakit.gateway.webhooks.WebhookDispatcher;
import io.github.darajakit.gateway.webhooks.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

  private final GatewayConfig config;
  private final Deque<AutoCloseable> resources;
  private final ApiServer server;
  private final Reconcilers reconcilers;
  private final PayoutsFlow payouts;
  private final C2bFlow c2b;
  private final SubscriptionsFlow subscriptions;
  private final List<CallbackKind> callbackKinds;
  private final EventCatalog eventTypes;
  private final WebhookDispatcher dispatcher;
  private final Housekeeping housekeeping;
  private final String newApiKey;
  private final String publicUrl;
  private final Database database;

  private DarajaGateway(
      GatewayConfig config,
      Deque<AutoCloseable> resources,
      ApiServer server,
      Reconcilers reconcilers,
      PayoutsFlow payouts,
      C2bFlow c2b,
      SubscriptionsFlow subscriptions,
      List<CallbackKind> callbackKinds,
      EventCatalog eventTypes,
      WebhookDispatcher dispatcher,
      Housekeeping housekeeping,
      String newApiKey,
      String publicUrl,
      Database database) {
    this.config = config;
    this.resources = resources;
    this.server = server;
    this.reconcilers = reconcilers;
    this.payouts = payouts;
    this.c2b = c2b;
    this.subscriptions = subscriptions;
    this.callbackKinds = List.copyOf(callbackKinds);
    this.eventTypes = eventTypes;
    this.dispatcher = dispatcher;
    this.housekeeping = housekeeping;
    this.newApiKey = newApiKey;
    this.publicUrl = publicUrl;
    this.database = database;
  }

  /** Recurring billing: plans, subscriptions, invoices and the billing run. */
  public SubscriptionsFlow subscriptions() {
    return subscriptions;
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
  public List<Router.Listing> routes() {
    return server.routes();
  }

  /** Every kind of callback served at {@code /daraja/{secret}/…}, as the money flows declared. */
  public List<CallbackKind> callbackKinds() {
    return callbackKinds;
  }

  /** Every event type the gateway may emit, sorted, as the money flows declared them. */
  public Set<String> eventTypes() {
    return eventTypes.all();
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
   * B2B payments, reversals, B2B collections and receipts examined.
   */
  public int reconcileNow() {
    return reconcilers.reconcileAll();
  }

  /**
   * Sends the rows of confirmed payout batches now, at the configured pace, and completes the
   * batches that are done (this also happens on its own). Returns rows sent.
   */
  public int sendPayoutBatchesNow() {
    return payouts.batchSender().sendDue();
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
    return c2b.recovery()
        .orElseThrow(() -> new IllegalStateException("C2B recovery is off: configure c2b.pull"))
        .recover();
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
      Database database = opened(resources, Database.open(config.databaseUrl(), clock));
      Settings settings = new Settings(database);
      String secret =
          config.callbackSecret() != null ? config.callbackSecret() : storedSecret(settings);
      Access access = access(database, settings, resources);
      // The public URL is known only once the port is bound (port 0 in tests): bind first.
      Router router = new Router();
      ApiServer server =
          opened(
              resources,
              new ApiServer(
                  config.host(),
                  config.port(),
                  router,
                  access.apiKeys(),
                  access.idempotency(),
                  metrics));
      server.start();
      String publicUrl = publicUrl(server.port());
      FlowContext context =
          new FlowContext(
              new Business("default", daraja, config.c2bShortCode(), config.payoutShortCode()),
              database,
              settings,
              new EventStore(database),
              new CallbackStore(database),
              new CallbackUrls(publicUrl, secret),
              new Receipts(),
              metrics,
              clock,
              config.reconcileSchedule(),
              config.instanceId());

      // The money flows. To add one, build it here and add it to the list registered.
      TransactionsFlow transactions = new TransactionsFlow(context, config.checkReceipts());
      PaymentsFlow payments =
          new PaymentsFlow(context, config.unansweredAfter(), transactions.receiptChecks());
      C2bFlow c2b = new C2bFlow(context, c2bSettings(config));
      PayoutsFlow payouts =
          new PayoutsFlow(context, payoutSettings(config), transactions.receiptChecks());
      ReversalsFlow reversals =
          new ReversalsFlow(
              context,
              config.payoutResultWait(),
              payments.store(),
              payments.service(),
              c2b.store());
      SubscriptionsFlow subscriptions =
          new SubscriptionsFlow(
              context,
              config.subscriptions(),
              payments.pushes(),
              payments.service(),
              payments.store(),
              c2b.store());
      B2bCollectionsFlow b2bCollections =
          new B2bCollectionsFlow(
              context,
              new B2bCollectionsFlow.Settings(
                  config.b2bCollectionPartnerName(), config.b2bCollectionCallbackWait()),
              transactions.receiptChecks());
      BillManagerFlow billManager =
          new BillManagerFlow(
              context, config.billManager(), c2b.payments(), transactions.receiptChecks());
      CheckoutFlow checkout =
          new CheckoutFlow(
              context,
              checkoutSettings(config),
              publicUrl,
              config.trustedProxies(),
              payments.pushes(),
              payments.service(),
              payments.store());
      Registration registration =
          new Registration(
              router, new CallbackRoutes(), new EventCatalog(), context.receipts(), metrics);
      for (MoneyFlow flow :
          List.of(
              transactions,
              payments,
              c2b,
              payouts,
              reversals,
              subscriptions,
              b2bCollections,
              billManager,
              checkout)) {
        flow.register(registration);
      }

      Reconcilers reconcilers = opened(resources, new Reconcilers(registration.reconcilers()));
      registration.workers().forEach(resources::push);
      server.attach(callbackEndpoint(context, registration.callbacks(), secret, server, resources));
      gatewayRoutes(router, context, access, registration, reconcilers, resources);
      WebhookDispatcher dispatcher =
          opened(
              resources,
              new WebhookDispatcher(
                  new WebhookStore(database),
                  context.events(),
                  clock,
                  config.webhookRetries(),
                  config.instanceId(),
                  metrics::webhook));
      Housekeeping housekeeping =
          opened(resources, new Housekeeping(access.idempotency(), access.sessions()));
      if (background) {
        housekeeping.start();
        reconcilers.start(config.reconcileEvery());
        registration.workers().forEach(Worker::start);
        dispatcher.start(config.dispatchEvery());
      }
      // Last, once nothing else can fail: a key generated by a start that then failed (its port
      // taken) would be stored hashed yet never shown, and every later start would keep it.
      ApiKeys.Setup keys = access.apiKeys().ensure(config.apiKey());
      log.info(
          "gateway listening on {} (database {}, callbacks at {})",
          "http://" + config.host() + ":" + server.port(),
          database.description(),
          context.callbackUrls());
      // Masked like every callback URL: the opt-in needs the whole one, which holds the secret.
      log.info(
          "Bill Manager payments are received at {}/daraja/****/{} (give that URL, with the"
              + " callback secret, as the opt-in's callbackurl); {}",
          publicUrl,
          BillManagerFlow.PAYMENT.path(),
          config.billManager().appKey() == null
              ? "no billManager.appKey: they are recorded but not acknowledged"
              : "acknowledged with the configured app key");
      return new DarajaGateway(
          config,
          resources,
          server,
          reconcilers,
          payouts,
          c2b,
          subscriptions,
          registration.callbacks().kinds(),
          registration.eventCatalog(),
          dispatcher,
          housekeeping,
          keys.newKey(),
          publicUrl,
          database);
    }

    /** The checkout settings, named after the business's partner name when they name no one. */
    private static CheckoutSettings checkoutSettings(GatewayConfig config) {
      CheckoutSettings settings = config.checkout();
      return settings.merchantName() == null && config.b2bCollectionPartnerName() != null
          ? settings.withMerchantName(config.b2bCollectionPartnerName())
          : settings;
    }

    /** Who may call the gateway, and how repeated requests are answered. */
    private record Access(DashboardSessions sessions, ApiKeys apiKeys, Idempotency idempotency) {}

    private Access access(Database database, Settings settings, Deque<AutoCloseable> resources) {
      DashboardSessions sessions =
          new DashboardSessions(config.dashboardPassword(), settings, database, clock);
      ApiKeys apiKeys = new ApiKeys(database, clock, sessions);
      // A new id at every start: a process restarted after a crash must not pass for the one that
      // died holding Idempotency-Keys.
      Instances instances =
          opened(
              resources, Instances.register(database, config.instanceId() + "-" + Ids.random(6)));
      Idempotency idempotency =
          new Idempotency(
              database, instances, clock, Duration.ofMinutes(2), config.idempotencyRetention());
      return new Access(sessions, apiKeys, idempotency);
    }

    /** Daraja's way in: stores every callback, applies it through the flows' routes. */
    private CallbackEndpoint callbackEndpoint(
        FlowContext context,
        CallbackRoutes routes,
        String secret,
        ApiServer server,
        Deque<AutoCloseable> resources) {
      CallbackIntake intake =
          opened(
              resources,
              new CallbackIntake(
                  context.database(),
                  routes,
                  context.callbacks(),
                  context.events(),
                  config.callbackBatch(),
                  context.database().dialect() == Dialect.SQLITE ? 1 : POSTGRESQL_CALLBACK_WRITERS,
                  (received, verdict) -> {
                    metrics.callback(received.kind().path(), verdict.outcome().wire());
                    metrics.callbackCommitted(
                        Duration.ofMillis(Math.max(0, clock.millis() - received.receivedAt())));
                  }));
      return new CallbackEndpoint(
          secret,
          config.allowedCallbackAddresses(),
          config.trustedProxies(),
          intake,
          routes,
          server.blockingPool(),
          clock,
          (kind, reason) -> metrics.callback(kind, "refused_" + reason));
    }

    /** The routes of no flow: events and webhooks, operations, the dashboard, health, OpenAPI. */
    private void gatewayRoutes(
        Router router,
        FlowContext context,
        Access access,
        Registration registration,
        Reconcilers reconcilers,
        Deque<AutoCloseable> resources) {
      Database database = context.database();
      new EventsApi(
              context.events(),
              registration.eventCatalog(),
              new WebhookStore(database),
              context.callbacks(),
              clock)
          .routes(router);
      EventStream eventStream = opened(resources, new EventStream(context.events()));
      new EventStreamApi(eventStream, access.apiKeys()).routes(router);
      new EmulatorApi(emulatorAdminUrl).routes(router);
      new OperationsApi(new Overview(database, clock), reconcilers::reconcileAll).routes(router);
      Dashboard.routes(router, access.sessions());
      Reply openApi =
          OpenApiDocument.assemble(
              new OpenApiDocument.Fragment(EventsApi.class, "openapi.json"),
              registration.openApi());
      router
          .addPublic("GET", "/health", call -> health(database, daraja))
          .addPublic("GET", "/metrics", call -> Reply.text(200, metrics.scrape()))
          .addPublic("GET", "/openapi.json", call -> openApi);
    }

    /** Keeps a resource to close when the gateway stops (or fails to start). */
    private static <T extends AutoCloseable> T opened(Deque<AutoCloseable> resources, T resource) {
      resources.push(resource);
      return resource;
    }

    /** Where Daraja reaches this gateway: the configured public URL, else the address bound. */
    private String publicUrl(int port) {
      String publicUrl =
          config.publicUrl() != null
              ? stripSlash(config.publicUrl())
              : "http://"
                  + (config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host())
                  + ":"
                  + port;
      if (daraja.environment().isProduction() && !publicUrl.startsWith("https://")) {
        throw new IllegalArgumentException(
            "production Daraja calls back over HTTPS only: set DARAJA_PUBLIC_URL (server.publicUrl)"
                + " to the https:// address in front of this gateway; it is "
                + publicUrl);
      }
      return publicUrl;
    }

    private static C2bFlow.Settings c2bSettings(GatewayConfig config) {
      return new C2bFlow.Settings(
          config.c2bResponseType(),
          config.registerC2bOnStart(),
          config.validation(),
          config.c2bPull(),
          config.c2bPullNominatedNumber(),
          config.c2bPullEvery());
    }

    private static PayoutsFlow.Settings payoutSettings(GatewayConfig config) {
      return new PayoutsFlow.Settings(
          config.payoutRatePerSecond(),
          config.payoutRails(),
          config.payoutResultWait(),
          config.tillIdentifierType(),
          config.fraudChecks());
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
