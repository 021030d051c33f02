package io.github.darajakit.gateway.adversarial;

import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.GatewayConfig;
import io.github.darajakit.gateway.adversarial.CallbackLog.Post;
import io.github.darajakit.gateway.adversarial.GatewayFleet.Instance;
import io.github.darajakit.gateway.adversarial.Intents.Batch;
import io.github.darajakit.gateway.adversarial.Intents.Intent;
import io.github.darajakit.gateway.adversarial.Operation.CancelBatch;
import io.github.darajakit.gateway.adversarial.Operation.ChangeFaults;
import io.github.darajakit.gateway.adversarial.Operation.ConfirmBatch;
import io.github.darajakit.gateway.adversarial.Operation.Crash;
import io.github.darajakit.gateway.adversarial.Operation.CreateB2bPayment;
import io.github.darajakit.gateway.adversarial.Operation.CreateBatch;
import io.github.darajakit.gateway.adversarial.Operation.CreatePayment;
import io.github.darajakit.gateway.adversarial.Operation.CreatePayout;
import io.github.darajakit.gateway.adversarial.Operation.Forge;
import io.github.darajakit.gateway.adversarial.Operation.PauseResumeStorm;
import io.github.darajakit.gateway.adversarial.Operation.PayC2b;
import io.github.darajakit.gateway.adversarial.Operation.Replay;
import io.github.darajakit.gateway.adversarial.Operation.ResubmitStorm;
import io.github.darajakit.gateway.adversarial.Operation.RetryUnanswered;
import io.github.darajakit.gateway.adversarial.Operation.Reverse;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.GatewayProcess;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import io.github.darajakit.gateway.support.Postgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

/**
 * One adversarial run: an emulator (with its wire in front and the callback front behind), a fleet
 * of gateway processes on one database with every background worker on, many merchants running a
 * seeded plan of operations against them while faults change and instances are killed, then a pause
 * for things to settle, and the {@link Oracle}'s verdict.
 */
final class AdversarialRun implements AutoCloseable {

  /** Where the gateways keep their records. */
  enum Store {
    SQLITE,
    POSTGRESQL
  }

  private final RunSettings settings;
  private final Store store;
  private final int instanceCount;
  private final Path dir;
  private final Tally tally = new Tally();
  private final Intents intents = new Intents();
  private final ReentrantLock crashes = new ReentrantLock();
  private final ExecutorService bursts =
      Executors.newCachedThreadPool(DarajaWire.daemon("adversarial-burst"));
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<String> harnessErrors = Collections.synchronizedList(new ArrayList<>());
  private DarajaEmulator emulator;
  private MerchantClient admin;
  private DarajaWire wire;
  private CallbackLog callbacks;
  private GatewayFleet fleet;
  private LedgerTap ledger;
  private Stage stage;
  private Merchants merchants;
  private DarajaSide darajaSide;
  private String schemaUrl;
  private String databaseUrl;
  private ObjectNode gatewaySettings;
  private DarajaClient daraja;

  private final Logger droppedAnswerLog =
      (Logger) LoggerFactory.getLogger("org.eclipse.jetty.server.Response");
  private final Level droppedAnswerLevel = droppedAnswerLog.getLevel();

  /** What kept the run from settling, when it did not. */
  private volatile String stillOpen = "";

  AdversarialRun(RunSettings settings, Store store, int instances, Path dir) {
    this.settings = settings;
    this.store = store;
    this.instanceCount = instances;
    this.dir = dir;
  }

  /** Runs the plan, lets things settle, judges, and writes the summary; returns it. */
  Summary run() {
    List<Operation> plan = Plan.generate(settings, instanceCount);
    System.out.printf(
        "adversarial run on %s with %d instance(s): seed %d (replay with %s)%n",
        store, instanceCount, settings.seed(), settings.replay());
    long started = System.nanoTime();
    startWorld();
    long ready = System.nanoTime();
    runPlan(plan);
    long operated = System.nanoTime();
    boolean settled = settle();
    long judged = System.nanoTime();
    Oracle.Verdict verdict = judge();
    long done = System.nanoTime();
    Summary summary =
        new Summary(
            settings,
            store,
            instanceCount,
            plan.size(),
            tally,
            fleet.crashes(),
            fleet.startTimes(),
            verdict,
            settled ? "" : stillOpen,
            harnessErrors,
            Duration.ofNanos(ready - started),
            Duration.ofNanos(operated - ready),
            Duration.ofNanos(judged - operated),
            Duration.ofNanos(done - judged));
    summary.print(dir.resolve("summary.txt"));
    return summary;
  }

  private void startWorld() {
    // The emulator's server logs a warning with a stack trace for every answer it drops on
    // purpose: thousands in a long run, hiding the summary. They are counted on the wire instead.
    droppedAnswerLog.setLevel(Level.ERROR);
    emulator =
        DarajaEmulator.builder()
            .config(
                EmulatorConfig.builder()
                    .seed(settings.seed())
                    .resultDelay(Duration.ofMillis(300))
                    .maxDeliveries(1_000_000)
                    // C2B payments go through the gateway's validation, as before Daraja's switch
                    // was modelled.
                    .externalValidation(Set.of(DarajaSide.C2B_SHORTCODE))
                    .build())
            .port(0)
            .start();
    resources.add(emulator);
    admin = new MerchantClient(emulator.baseUrl() + "/__admin", null);
    wire = new DarajaWire(emulator.baseUrl());
    resources.add(wire);
    callbacks = new CallbackLog(GatewayHarness.CALLBACK_SECRET);
    CallbackFront front =
        new CallbackFront(callbacks, GatewayHarness.CALLBACK_SECRET, settings.seed());
    resources.add(front);
    if (store == Store.POSTGRESQL) {
      schemaUrl = Postgres.freshSchema();
      databaseUrl = schemaUrl;
    } else {
      databaseUrl = "jdbc:sqlite:" + dir.resolve("gateway.db");
    }
    gatewaySettings = gatewaySettings(front.baseUrl());
    daraja = GatewayProcess.daraja(wire.baseUrl(), emulator.certificatePem());
    resources.add(daraja);
    fleet =
        new GatewayFleet(
            instanceCount,
            dir,
            wire.baseUrl(),
            emulator.certificatePem(),
            databaseUrl,
            gatewaySettings);
    resources.add(fleet);
    fleet.startAll();
    front.start(fleet);
    ledger = new LedgerTap(emulator.baseUrl() + "/__admin", Duration.ofSeconds(1));
    resources.add(ledger);
    stage = new Stage(fleet, admin, intents, callbacks, ledger, tally, bursts);
    merchants = new Merchants(stage);
    darajaSide = new DarajaSide(stage);
  }

  /**
   * Settings every instance runs with: callbacks through the front, payouts from the sandbox's B2C
   * shortcode, and a reconciler that looks again within seconds, so that a run's unsettled payouts
   * are asked about (and lost answers found) while it lasts.
   */
  private ObjectNode gatewaySettings(String publicUrl) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("server.publicUrl", publicUrl)
        .put("payouts.shortCode", Merchants.PAYOUT_SHORTCODE)
        .put("payouts.ratePerSecond", settings.ratePerSecond())
        .put("payouts.resultWait", "2s")
        .put("c2b.shortCode", DarajaSide.C2B_SHORTCODE)
        .put("reconciler.every", "500ms")
        .put("reconciler.unansweredAfter", "5s")
        // The one defence against a forged success carrying a real receipt of another transaction
        // that arrives first: M-Pesa's own word on every receipt credited on a callback's.
        .put("reconciler.checkReceipts", true);
    var schedule = json.putArray("reconciler.schedule");
    for (String delay : List.of("1s", "1s", "2s", "2s", "3s", "3s")) {
      schedule.add(delay);
    }
    return json;
  }

  private void runPlan(List<Operation> plan) {
    AtomicInteger next = new AtomicInteger();
    ExecutorService merchants =
        Executors.newFixedThreadPool(settings.workers(), DarajaWire.daemon("merchant"));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < settings.workers(); w++) {
        running.add(
            merchants.submit(
                () -> {
                  int index;
                  while ((index = next.getAndIncrement()) < plan.size()) {
                    execute(plan.get(index));
                  }
                }));
      }
      for (Future<?> merchant : running) {
        merchant.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("a merchant thread failed", e);
    } finally {
      merchants.shutdownNow();
    }
  }

  private void execute(Operation operation) {
    tally.add("operations", operation.kind());
    SplittableRandom random = new SplittableRandom(operation.salt());
    long started = System.nanoTime();
    try {
      if (operation instanceof CreatePayment payment) {
        merchants.createPayment(payment, random);
      } else if (operation instanceof CreatePayout payout) {
        merchants.createPayout(payout, random);
      } else if (operation instanceof CreateB2bPayment b2b) {
        merchants.createB2b(b2b, random);
      } else if (operation instanceof Operation.Resubmit) {
        merchants.resubmit(random);
      } else if (operation instanceof ResubmitStorm storm) {
        merchants.resubmitStorm(storm, random);
      } else if (operation instanceof Reverse) {
        merchants.reverse(random);
      } else if (operation instanceof PayC2b c2b) {
        darajaSide.payC2b(c2b);
      } else if (operation instanceof CreateBatch batch) {
        merchants.createBatch(batch, random);
      } else if (operation instanceof ConfirmBatch) {
        merchants.confirmBatch(random);
      } else if (operation instanceof PauseResumeStorm storm) {
        merchants.pauseResumeStorm(storm, random);
      } else if (operation instanceof CancelBatch) {
        merchants.cancelBatch(random);
      } else if (operation instanceof Forge forge) {
        darajaSide.forge(forge.forgery(), random);
      } else if (operation instanceof Replay replay) {
        darajaSide.replay(replay, random);
      } else if (operation instanceof ChangeFaults faults) {
        darajaSide.changeFaults(faults);
      } else if (operation instanceof Crash crash) {
        crash(crash);
      } else if (operation instanceof RetryUnanswered) {
        merchants.retryUnanswered(random);
      } else {
        throw new IllegalStateException("no step for " + operation);
      }
    } catch (RuntimeException e) {
      // A harness problem, not a gateway's: reported in the summary, and the run fails on it.
      harnessErrors.add(operation + ": " + e);
    } finally {
      tally.add(
          "operation milliseconds",
          operation.kind(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  private void crash(Crash crash) {
    crashes.lock();
    try {
      fleet.crashAndRestart(fleet.all().get(crash.instance()));
    } finally {
      crashes.unlock();
    }
  }

  /**
   * Stops the faults, starts any instance that is down, resumes every batch, and waits until
   * nothing moves any more (or the settle time is over): no payment or payout pending or unknown
   * and not yet with a person, no callback on its way, and neither the wire nor the callback log
   * growing. Batch rows still queued are not waited for: a sender that met SpikeArrest may be
   * backing off for up to a minute, and a row not yet sent breaks nothing.
   *
   * @return whether everything settled in time
   */
  private boolean settle() {
    admin.send("DELETE", "/faults", null, null, null);
    fleet.startStopped();
    for (Batch batch : intents.batches()) {
      if (batch.id != null) {
        stage.call(fleet.anyUp(), "POST", "/v1/payout-batches/" + batch.id + "/resume", "{}", null);
      }
    }
    long[] last = {-1, -1};
    try {
      await("everything settled")
          .atMost(settings.settle())
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                long[] now = {wire.sent().size(), callbacks.posts().size()};
                boolean still = now[0] == last[0] && now[1] == last[1];
                if (!still && last[0] >= 0) {
                  stillOpen =
                      now[0] != last[0]
                          ? "money-moving requests still being sent"
                          : "callbacks still being posted";
                }
                last[0] = now[0];
                last[1] = now[1];
                return still && nothingOpen();
              });
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * Whether nothing is left for the workers to do: no payment, payout or reversal open and not yet
   * with a person, and no callback scheduled or on its way.
   */
  private boolean nothingOpen() {
    Instance instance = fleet.anyUp();
    for (String open :
        List.of(
            "/v1/payments?status=pending",
            "/v1/payments?status=unknown",
            "/v1/payouts?status=pending",
            "/v1/payouts?status=unknown",
            "/v1/b2b-payments?status=pending",
            "/v1/b2b-payments?status=unknown",
            "/v1/reversals?status=pending",
            "/v1/reversals?status=unknown")) {
      Reply reply = stage.call(instance, "GET", open + "&limit=100", null, null);
      if (reply == null || reply.status() != 200) {
        return false;
      }
      for (JsonNode item : reply.json().path("data")) {
        if (item.path("needs_attention").isNull()) {
          stillOpen = item.path("id").asText() + " " + item.path("status").asText();
          return false;
        }
      }
    }
    if (receiptChecksPending(instance) > 0) {
      stillOpen = "receipts waiting for Transaction Status to confirm them";
      return false;
    }
    return noCallbackOnItsWay();
  }

  /**
   * The receipts credited on a callback's word that Transaction Status has not yet answered for.
   */
  private long receiptChecksPending(Instance instance) {
    Reply metrics = stage.call(instance, "GET", "/metrics", null, null);
    if (metrics == null || metrics.status() != 200) {
      return Long.MAX_VALUE;
    }
    return metrics
        .json()
        .asText()
        .lines()
        .filter(line -> line.startsWith("daraja_gateway_receipt_checks_pending "))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private boolean noCallbackOnItsWay() {
    JsonNode deliveries = admin.get("/deliveries?limit=500").json().path("deliveries");
    for (JsonNode delivery : deliveries) {
      String state = delivery.path("state").asText();
      if (state.equals("scheduled") || state.equals("in_flight")) {
        stillOpen = "a callback " + state;
        return false;
      }
    }
    return true;
  }

  /**
   * Stops every instance, waits for the emulator's last callbacks, and reads what the gateways left
   * through a gateway in this JVM that runs no background workers, so nothing changes while it is
   * read (a reconciler still asking questions would add callbacks behind the reading's back).
   */
  private Oracle.Verdict judge() {
    fleet.stopAll();
    try {
      await("the emulator's last callbacks")
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(250))
          .until(this::noCallbackOnItsWay);
    } catch (ConditionTimeoutException e) {
      harnessErrors.add("the emulator was still sending callbacks 15 s after the gateways stopped");
    }
    try (DarajaGateway reader =
        DarajaGateway.builder()
            .config(
                GatewayConfig.builder(databaseUrl)
                    .port(0)
                    .apiKey(GatewayHarness.API_KEY)
                    .callbackSecret(GatewayHarness.CALLBACK_SECRET)
                    .json(gatewaySettings.toString())
                    .registerC2bOnStart(false)
                    .build())
            .daraja(daraja)
            .backgroundWorkers(false)
            .start()) {
      return judge(new MerchantClient(reader.baseUrl(), GatewayHarness.API_KEY));
    }
  }

  private Oracle.Verdict judge(MerchantClient merchant) {
    List<JsonNode> succeededEvents = new ArrayList<>();
    for (String type : List.of("payment.succeeded", "payout.succeeded", "b2b_payment.succeeded")) {
      succeededEvents.addAll(merchant.all("/v1/events?type=" + type));
    }
    Oracle.GatewayView gateway =
        new Oracle.GatewayView(
            merchant.all("/v1/payments"),
            merchant.all("/v1/payouts"),
            merchant.all("/v1/b2b-payments"),
            merchant.all("/v1/c2b-payments"),
            merchant.all("/v1/reversals"),
            merchant.all("/v1/callbacks"),
            succeededEvents);
    List<JsonNode> entries = ledger.complete();
    List<DarajaWire.Sent> sent = wire.sent();
    List<Post> posts = callbacks.posts();
    tallyWhatHappened(entries, sent, posts, gateway);
    return Oracle.judge(entries, intents, sent, posts, gateway);
  }

  /** The faults that struck and the callbacks that came, for the summary. */
  private void tallyWhatHappened(
      List<JsonNode> entries,
      List<DarajaWire.Sent> sent,
      List<Post> posts,
      Oracle.GatewayView gateway) {
    for (DarajaWire.Sent request : sent) {
      if (request.status() == -1) {
        tally.add("injected faults", "answers dropped after acceptance");
      } else if (DarajaWire.SPIKE_ARREST.equals(request.errorCode())) {
        tally.add("injected faults", "SpikeArrest refusals");
      }
      tally.add("money-moving requests", request.request().name());
    }
    JsonNode deliveries = admin.get("/deliveries?limit=10000").json().path("deliveries");
    for (JsonNode delivery : deliveries) {
      if (delivery.path("state").asText().equals("dropped")) {
        tally.add("injected faults", "callbacks dropped by the emulator");
      }
      if (delivery.path("duplicate").asBoolean()) {
        tally.add("injected faults", "callbacks duplicated by the emulator");
      }
    }
    for (Post post : posts) {
      tally.add(
          "callbacks",
          post.source() + (post.acknowledged() ? " acknowledged" : " not acknowledged"));
    }
    for (JsonNode entry : entries) {
      tally.add("ledger", entry.path("kind").asText() + " " + entry.path("status").asText());
    }
    tally.add("gateway records", "payments", gateway.payments().size());
    tally.add("gateway records", "payouts", gateway.payouts().size());
    tally.add("gateway records", "b2b payments", gateway.b2bPayments().size());
    tally.add("gateway records", "c2b payments", gateway.c2bPayments().size());
    tally.add("gateway records", "reversals", gateway.reversals().size());
    tally.add("gateway records", "callbacks", gateway.callbacks().size());
    for (JsonNode callback : gateway.callbacks()) {
      tally.add("callback outcomes", callback.path("outcome").asText());
    }
    for (Intent intent : intents.all()) {
      if (intent.path != null && !intent.answered) {
        tally.add("creates never answered", intent.kind.name().toLowerCase(Locale.ROOT));
      }
    }
  }

  @Override
  public void close() {
    droppedAnswerLog.setLevel(droppedAnswerLevel);
    bursts.shutdownNow();
    Collections.reverse(resources);
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("closing " + resource + ": " + e);
      }
    }
    if (schemaUrl != null) {
      Postgres.drop(schemaUrl);
    }
  }
}
