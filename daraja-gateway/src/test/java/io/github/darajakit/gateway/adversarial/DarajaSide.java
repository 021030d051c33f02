package io.github.darajakit.gateway.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.adversarial.CallbackLog.Post;
import io.github.darajakit.gateway.adversarial.CallbackLog.Source;
import io.github.darajakit.gateway.adversarial.Intents.Intent;
import io.github.darajakit.gateway.adversarial.Intents.Kind;
import io.github.darajakit.gateway.adversarial.Operation.ChangeFaults;
import io.github.darajakit.gateway.adversarial.Operation.Claim;
import io.github.darajakit.gateway.adversarial.Operation.Forgery;
import io.github.darajakit.gateway.adversarial.Operation.PayC2b;
import io.github.darajakit.gateway.adversarial.Operation.Replay;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Daraja's side of a run, beyond what the emulator does by itself: customers paying the gateway's
 * PayBill, callbacks forged by someone who knows the callback secret, real callbacks sent again out
 * of order, and the emulator's faults changed.
 */
final class DarajaSide {

  /** The PayBill whose C2B payments the gateways receive. */
  static final String C2B_SHORTCODE = Sandbox.SHORTCODE_1;

  private final Stage stage;

  DarajaSide(Stage stage) {
    this.stage = stage;
  }

  void payC2b(PayC2b c2b) {
    String phone = Intents.c2bPhone(c2b.number());
    Intent intent =
        stage.intents.add(new Intent(Kind.C2B_PAYMENT, phone, c2b.amount(), null, null, null));
    Reply paid =
        stage.admin.send(
            "POST",
            "/c2b/payments",
            "{\"msisdn\":\""
                + phone
                + "\",\"shortCode\":\""
                + C2B_SHORTCODE
                + "\",\"amount\":"
                + c2b.amount()
                + ",\"billRefNumber\":\"ADV"
                + c2b.number()
                + "\"}",
            null,
            null);
    String receipt = paid.text("transId");
    intent.receipt = receipt.isEmpty() ? null : receipt;
    stage.tally.add(
        "c2b payments", paid.text("status").isEmpty() ? "refused" : paid.text("status"));
  }

  void forge(Forgery forgery, SplittableRandom random) {
    String body =
        forgery == Forgery.C2B_USED_RECEIPT
            ? forgedConfirmation(random)
            : forgedSuccess(forgery, random);
    if (body == null) {
      stage.tally.add("forged callbacks", "no target for " + forgery);
      return;
    }
    Post post =
        stage.callbacks.post(
            Source.FORGED, forgery.name(), stage.fleet.pick(random), forgery.path, body);
    stage.tally.add(
        "forged callbacks", forgery + (post.acknowledged() ? "" : " (not acknowledged)"));
  }

  /**
   * A forged STK callback or B2C Result, aimed (but for an unknown id) at a recent payment or
   * payout still waiting for its own; null when there is none yet.
   */
  private String forgedSuccess(Forgery forgery, SplittableRandom random) {
    boolean stk = forgery.path.equals("stk");
    Forgeries.Success success = stk ? Forgeries::stkSuccess : Forgeries::b2cSuccess;
    String strangersPhone = stk ? Intents.paymentPhone(9_999_999) : Intents.payoutPhone(9_999_999);
    String freshReceipt = Forgeries.receipt(random);
    if (forgery.claim == Claim.UNKNOWN_ID) {
      String unknownId =
          stk ? Forgeries.checkoutRequestId(random) : Forgeries.originatorConversationId(random);
      return success.body(unknownId, 100, strangersPhone, freshReceipt);
    }
    Kind kind = stk ? Kind.PAYMENT : Kind.PAYOUT;
    Intent target = stage.intents.recent(random, 20, i -> i.kind == kind && i.wireId != null);
    if (target == null) {
      return null;
    }
    return switch (forgery.claim) {
      case WRONG_AMOUNT ->
          success.body(
              target.wireId, target.amount + 1 + random.nextInt(50), target.key, freshReceipt);
      case WRONG_PHONE -> success.body(target.wireId, target.amount, strangersPhone, freshReceipt);
      case USED_RECEIPT -> {
        String used = usedReceipt(random, target);
        yield used == null ? null : success.body(target.wireId, target.amount, target.key, used);
      }
      case MISSING_FIELDS ->
          stk
              ? Forgeries.stkSuccessWithoutMetadata(target.wireId)
              : Forgeries.b2cSuccessWithoutParameters(target.wireId, freshReceipt);
      case UNKNOWN_ID -> throw new AssertionError("handled above");
    };
  }

  /** A C2B confirmation for the gateway's PayBill carrying a receipt the ledger gave elsewhere. */
  private String forgedConfirmation(SplittableRandom random) {
    String used = usedReceipt(random, null);
    return used == null
        ? null
        : Callbacks.c2bConfirmation(used, C2B_SHORTCODE, 10 + random.nextInt(990), "FORGED");
  }

  /** A receipt the ledger gives to an STK payment or a payout other than {@code target}. */
  private String usedReceipt(SplittableRandom random, Intent target) {
    List<JsonNode> paid =
        stage.ledger.known().stream()
            .filter(
                e ->
                    e.path("kind").asText().startsWith("stk_")
                        || e.path("kind").asText().startsWith("b2c_"))
            .filter(e -> target == null || !Oracle.key(e).equals(target.key))
            .toList();
    return paid.isEmpty() ? null : paid.get(random.nextInt(paid.size())).path("receipt").asText();
  }

  /** Real callbacks the emulator sent, again, in a shuffled order, to instances at random. */
  void replay(Replay replay, SplittableRandom random) {
    List<Post> real =
        stage.callbacks.posts().stream().filter(p -> p.source() == Source.EMULATOR).toList();
    if (real.isEmpty()) {
      return;
    }
    List<Post> chosen = new ArrayList<>();
    for (int i = 0; i < replay.callbacks(); i++) {
      chosen.add(real.get(random.nextInt(real.size())));
    }
    stage.burst(
        chosen.size(),
        random,
        (instance, i) -> {
          Post post = chosen.get(i);
          stage.callbacks.post(Source.REPLAYED, "", instance, post.path(), post.body());
          return null;
        });
    stage.tally.add("replayed callbacks", "posted", chosen.size());
  }

  void changeFaults(ChangeFaults faults) {
    Reply reply = stage.admin.send("PUT", "/faults", faults.faults(), null, null);
    if (reply.status() != 200) {
      throw new IllegalStateException(
          "the emulator refused faults " + faults.faults() + ": " + reply.json());
    }
    stage.tally.add("fault changes", faults.faults().equals("{}") ? "calm" : "faulty");
    for (String fault : List.of("accept_then_drop", "callbacks", "spikeArrest")) {
      if (faults.faults().contains(fault)) {
        stage.tally.add("fault changes", "with " + fault);
      }
    }
  }
}
