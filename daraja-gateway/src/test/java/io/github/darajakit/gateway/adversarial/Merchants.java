package io.github.darajakit.gateway.adversarial;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.adversarial.Intents.Batch;
import io.github.darajakit.gateway.adversarial.Intents.Intent;
import io.github.darajakit.gateway.adversarial.Intents.Kind;
import io.github.darajakit.gateway.adversarial.Operation.CreateB2bPayment;
import io.github.darajakit.gateway.adversarial.Operation.CreateBatch;
import io.github.darajakit.gateway.adversarial.Operation.CreatePayment;
import io.github.darajakit.gateway.adversarial.Operation.CreatePayout;
import io.github.darajakit.gateway.adversarial.Operation.PauseResumeStorm;
import io.github.darajakit.gateway.adversarial.Operation.ResubmitStorm;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The merchants' side of a run: payments, payouts and B2B payments created (and retried with the
 * same Idempotency-Key when no answer came), failed ones resubmitted — one at a time, and in storms
 * after the B2C shortcode ran dry and was topped up — reversals, and payout batches created,
 * confirmed, paused and resumed in storms, and cancelled. Each request goes to an instance picked
 * at random, as a load balancer would send it.
 */
final class Merchants {

  /** The B2C shortcode the gateways pay from (the sandbox's funded test shortcode). */
  static final String PAYOUT_SHORTCODE = Sandbox.SHORTCODE_2;

  /**
   * The PayBill B2B payments pay: a funded sandbox shortcode the gateway has nothing else to do
   * with.
   */
  private static final String B2B_RECEIVER = "600978";

  /** What the B2C shortcode's accounts are topped up to after a drought. */
  private static final String TOPPED_UP = "100000000.00";

  private final Stage stage;

  /** One drought at a time: two would top each other's account up too early. */
  private final ReentrantLock drought = new ReentrantLock();

  Merchants(Stage stage) {
    this.stage = stage;
  }

  void createPayment(CreatePayment payment, SplittableRandom random) {
    String phone = Intents.paymentPhone(payment.number());
    String body =
        "{\"phone\":\""
            + phone
            + "\",\"amount\":"
            + payment.amount()
            + ",\"reference\":\"ADV"
            + payment.number()
            + "\",\"description\":\"Adversarial\"}";
    send(
        stage.intents.add(
            new Intent(
                Kind.PAYMENT,
                phone,
                payment.amount(),
                "payment-" + payment.number(),
                "/v1/payments",
                body)),
        random);
  }

  void createPayout(CreatePayout payout, SplittableRandom random) {
    send(
        payoutIntent(Intents.payoutPhone(payout.number()), payout.amount(), payout.type()), random);
  }

  private Intent payoutIntent(String phone, long amount, String type) {
    String body =
        "{\"phone\":\""
            + phone
            + "\",\"amount\":"
            + amount
            + ",\"type\":\""
            + type
            + "\",\"remarks\":\"Adversarial payout\"}";
    return stage.intents.add(
        new Intent(Kind.PAYOUT, phone, amount, "payout-" + phone, "/v1/payouts", body));
  }

  void createB2b(CreateB2bPayment b2b, SplittableRandom random) {
    send(b2bIntent(Intents.accountReference(b2b.number()), b2b.amount()), random);
  }

  private Intent b2bIntent(String accountReference, long amount) {
    String body =
        "{\"receiver_type\":\"paybill\",\"receiver\":\""
            + B2B_RECEIVER
            + "\",\"account_reference\":\""
            + accountReference
            + "\",\"amount\":"
            + amount
            + ",\"remarks\":\"Adversarial B2B\"}";
    return stage.intents.add(
        new Intent(
            Kind.B2B_PAYMENT,
            accountReference,
            amount,
            "b2b-" + accountReference,
            "/v1/b2b-payments",
            body));
  }

  /** Sends an intent's create (again) to an instance, and notes what the answer said. */
  private Reply send(Intent intent, SplittableRandom random) {
    Reply reply =
        stage.post(
            intent.kind.name().toLowerCase(Locale.ROOT),
            random,
            intent.path,
            intent.body,
            intent.idempotencyKey);
    if (reply != null) {
      intent.answered = true;
      if (reply.status() == 201 || reply.status() == 200) {
        intent.id = reply.text("id");
        String wireId =
            reply.text(
                intent.kind == Kind.PAYMENT ? "checkout_request_id" : "originator_conversation_id");
        intent.wireId = wireId.isEmpty() || wireId.equals("null") ? null : wireId;
      }
    }
    return reply;
  }

  void retryUnanswered(SplittableRandom random) {
    Intent intent =
        stage.intents.any(
            random,
            i ->
                !i.answered
                    && (i.kind == Kind.PAYMENT
                        || i.kind == Kind.PAYOUT
                        || i.kind == Kind.B2B_PAYMENT));
    if (intent == null) {
      stage.tally.add("retries", "nothing unanswered");
      return;
    }
    stage.tally.add("retries", "same Idempotency-Key");
    send(intent, random);
  }

  void resubmit(SplittableRandom random) {
    boolean b2b = random.nextInt(4) == 0;
    String list = b2b ? "/v1/b2b-payments" : "/v1/payouts";
    Reply failed =
        stage.call(stage.fleet.pick(random), "GET", list + "?status=failed&limit=50", null, null);
    if (failed == null || failed.status() != 200 || failed.json().path("data").isEmpty()) {
      stage.tally.add("resubmits", "nothing failed to resubmit");
      return;
    }
    JsonNode data = failed.json().path("data");
    JsonNode target = data.get(random.nextInt(data.size()));
    Reply reply =
        stage.post(
            "resubmit", random, list + "/" + target.path("id").asText() + "/resubmit", "{}", null);
    stage.tally.add(
        "resubmits",
        reply != null && reply.status() < 300 ? "single accepted" : "single not accepted");
    Intent intent = stage.intents.byKey(target.path(b2b ? "account_reference" : "phone").asText());
    if (intent != null && Stage.mayHaveRun(reply)) {
      intent.resubmissions.incrementAndGet();
    }
  }

  /**
   * Empties the B2C shortcode's account, creates three payouts (or B2B payments) that then fail for
   * lack of funds, tops the account up, and resubmits the first that failed {@code requests} times
   * at once, through every instance. However many are accepted, the ledger must show it paid at
   * most once, and the wire each OriginatorConversationID sent at most once.
   */
  void resubmitStorm(ResubmitStorm storm, SplittableRandom random) {
    String account = storm.b2b() ? "working" : "utility";
    List<Intent> victims = new ArrayList<>();
    Intent failed;
    drought.lock();
    try {
      stage.admin.send(
          "PUT",
          "/organisations/" + PAYOUT_SHORTCODE + "/accounts/" + account,
          "{\"balance\":\"0.00\"}",
          null,
          null);
      for (int i = 0; i < 3; i++) {
        String key = String.format(Locale.ROOT, "%06d%d", storm.number(), i);
        Intent victim =
            storm.b2b()
                ? b2bIntent("STM" + key, 10 + random.nextInt(990))
                : payoutIntent("25475" + key, 10 + random.nextInt(990), "business");
        send(victim, random);
        victims.add(victim);
      }
      failed = firstToFail(victims, storm.b2b());
    } finally {
      stage.admin.send(
          "PUT",
          "/organisations/" + PAYOUT_SHORTCODE + "/accounts/" + account,
          "{\"balance\":\"" + TOPPED_UP + "\"}",
          null,
          null);
      drought.unlock();
    }
    if (failed == null) {
      stage.tally.add("resubmits", "storms without a failed payout");
      return;
    }
    String path = (storm.b2b() ? "/v1/b2b-payments/" : "/v1/payouts/") + failed.id + "/resubmit";
    List<Reply> replies =
        stage.burst(
            storm.requests(),
            random,
            (instance, i) -> stage.call(instance, "POST", path, "{}", null));
    stage.tally.add("resubmits", "storms", 1);
    stage.tally.add("resubmits", "storm requests", storm.requests());
    for (Reply reply : replies) {
      stage.counted("resubmit storm", reply);
      if (reply != null && reply.status() < 300) {
        stage.tally.add("resubmits", "storm requests accepted");
      }
      if (Stage.mayHaveRun(reply)) {
        failed.resubmissions.incrementAndGet();
      }
    }
  }

  /** The first of these that the gateway shows failed, waiting a while; null if none fails. */
  private Intent firstToFail(List<Intent> victims, boolean b2b) {
    String list = b2b ? "/v1/b2b-payments/" : "/v1/payouts/";
    try {
      return await("a payout failing for lack of funds")
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                for (Intent victim : victims) {
                  if (victim.id == null) {
                    continue;
                  }
                  Reply reply =
                      stage.call(stage.fleet.anyUp(), "GET", list + victim.id, null, null);
                  if (reply != null && reply.text("status").equals("failed")) {
                    return victim;
                  }
                }
                return null;
              },
              found -> found != null);
    } catch (ConditionTimeoutException e) {
      return null;
    }
  }

  void reverse(SplittableRandom random) {
    String receipt = null;
    if (random.nextBoolean()) {
      Intent paid = stage.intents.any(random, i -> i.kind == Kind.PAYMENT && i.id != null);
      if (paid != null) {
        Reply payment =
            stage.call(stage.fleet.pick(random), "GET", "/v1/payments/" + paid.id, null, null);
        if (payment != null && payment.text("status").equals("succeeded")) {
          receipt = payment.json().path("mpesa_receipt").asText(null);
        }
      }
    } else {
      Intent paid = stage.intents.any(random, i -> i.kind == Kind.C2B_PAYMENT && i.receipt != null);
      receipt = paid == null ? null : paid.receipt;
    }
    if (receipt == null) {
      stage.tally.add("reversals", "nothing paid to reverse");
      return;
    }
    Reply reply =
        stage.post(
            "reversal",
            random,
            "/v1/reversals",
            "{\"receipt\":\"" + receipt + "\",\"remarks\":\"Adversarial reversal\"}",
            null);
    stage.tally.add("reversals", "requested");
    if (Stage.mayHaveRun(reply)) {
      stage.intents.reversalMayHaveRun(receipt);
    }
  }

  void createBatch(CreateBatch create, SplittableRandom random) {
    List<Intent> rows = new ArrayList<>();
    StringBuilder items = new StringBuilder();
    for (int row = 1; row <= create.rows(); row++) {
      String phone = Intents.rowPhone(create.number(), row);
      long amount = 10 + random.nextInt(990);
      rows.add(new Intent(Kind.BATCH_ROW, phone, amount, null, null, null));
      items
          .append(row == 1 ? "" : ",")
          .append("{\"phone\":\"")
          .append(phone)
          .append("\",\"amount\":")
          .append(amount)
          .append('}');
    }
    Batch batch = stage.intents.add(new Batch(create.number(), rows));
    stage.tally.add("batches", "created");
    stage.tally.add("batches", "rows", create.rows());
    Reply created =
        stage.post(
            "batch",
            random,
            "/v1/payout-batches",
            "{\"description\":\"Adversarial batch "
                + create.number()
                + "\",\"type\":\"business\",\"remarks\":\"Adversarial batch\",\"items\":["
                + items
                + "]}",
            "batch-" + create.number());
    if (created == null || created.status() != 201) {
      return;
    }
    batch.id = created.text("id");
    if (create.confirm()) {
      confirm(batch, random);
    }
  }

  private void confirm(Batch batch, SplittableRandom random) {
    Reply confirmed =
        stage.post("confirm", random, "/v1/payout-batches/" + batch.id + "/confirm", "{}", null);
    if (confirmed != null && confirmed.status() == 200) {
      batch.confirmed = true;
      stage.tally.add("batches", "confirmed");
    }
  }

  private Batch anyBatch(SplittableRandom random, Predicate<Batch> wanted) {
    List<Batch> matching =
        stage.intents.batches().stream().filter(b -> b.id != null).filter(wanted).toList();
    return matching.isEmpty() ? null : matching.get(random.nextInt(matching.size()));
  }

  void confirmBatch(SplittableRandom random) {
    Batch batch = anyBatch(random, b -> !b.confirmed);
    if (batch != null) {
      confirm(batch, random);
    }
  }

  /**
   * Pauses and resumes one batch many times at once through every instance, then resumes it: the
   * moment both instances' senders may pick the same rows up again.
   */
  void pauseResumeStorm(PauseResumeStorm storm, SplittableRandom random) {
    Batch batch = anyBatch(random, b -> b.confirmed);
    if (batch == null) {
      return;
    }
    List<Reply> replies =
        stage.burst(
            storm.requests(),
            random,
            (instance, i) ->
                stage.call(
                    instance,
                    "POST",
                    "/v1/payout-batches/" + batch.id + (i % 2 == 0 ? "/pause" : "/resume"),
                    "{}",
                    null));
    replies.forEach(reply -> stage.counted("pause/resume", reply));
    stage.post("pause/resume", random, "/v1/payout-batches/" + batch.id + "/resume", "{}", null);
    stage.tally.add("batches", "pause/resume requests", storm.requests() + 1);
  }

  void cancelBatch(SplittableRandom random) {
    Batch batch = anyBatch(random, b -> true);
    if (batch != null) {
      stage.post("cancel", random, "/v1/payout-batches/" + batch.id + "/cancel", "{}", null);
      stage.tally.add("batches", "cancel requests");
    }
  }
}
