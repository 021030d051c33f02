package io.github.darajakit.gateway.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.adversarial.CallbackLog.Post;
import io.github.darajakit.gateway.adversarial.CallbackLog.Source;
import io.github.darajakit.gateway.adversarial.Intents.Intent;
import io.github.darajakit.gateway.adversarial.Intents.Kind;
import io.github.darajakit.gateway.adversarial.Operation.ChangeFaults;
import io.github.darajakit.gateway.adversarial.Operation.PayC2b;
import io.github.darajakit.gateway.adversarial.Operation.Replay;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.MerchantClient;
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
  private final GatewayFleet fleet;
  private final MerchantClient admin;
  private final Intents intents;
  private final Tally tally;
  private final CallbackLog callbacks;
  private final LedgerTap ledger;

  DarajaSide(Stage stage) {
    this.stage = stage;
    this.fleet = stage.fleet;
    this.admin = stage.admin;
    this.intents = stage.intents;
    this.tally = stage.tally;
    this.callbacks = stage.callbacks;
    this.ledger = stage.ledger;
  }

  void payC2b(PayC2b c2b) {
    String phone = Intents.c2bPhone(c2b.number());
    Intent intent =
        intents.add(new Intent(Kind.C2B_PAYMENT, phone, c2b.amount(), null, null, null));
    Reply paid =
        admin.send(
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
    tally.add("c2b payments", paid.text("status").isEmpty() ? "refused" : paid.text("status"));
  }

  void forge(Operation.Forgery forgery, SplittableRandom random) {
    String body = forgedBody(forgery, random);
    if (body == null) {
      tally.add("forged callbacks", "no target for " + forgery);
      return;
    }
    String path =
        switch (forgery) {
          case STK_UNKNOWN_ID,
              STK_WRONG_AMOUNT,
              STK_WRONG_PHONE,
              STK_USED_RECEIPT,
              STK_MISSING_FIELDS ->
              "stk";
          case C2B_USED_RECEIPT -> "c2b/confirmation";
          default -> "b2c/result";
        };
    Post post = callbacks.post(Source.FORGED, forgery.name(), fleet.pick(random), path, body);
    tally.add("forged callbacks", forgery + (post.acknowledged() ? "" : " (not acknowledged)"));
  }

  /** The body of a forged callback, or null when there is nothing yet to aim it at. */
  private String forgedBody(Operation.Forgery forgery, SplittableRandom random) {
    Intent payment = intents.recent(random, 20, i -> i.kind == Kind.PAYMENT && i.wireId != null);
    Intent payout = intents.recent(random, 20, i -> i.kind == Kind.PAYOUT && i.wireId != null);
    String freshReceipt = Forgeries.receipt(random);
    return switch (forgery) {
      case STK_UNKNOWN_ID ->
          Forgeries.stkSuccess(
              Forgeries.checkoutRequestId(random),
              100,
              Intents.paymentPhone(9_999_999),
              freshReceipt);
      case STK_WRONG_AMOUNT ->
          payment == null
              ? null
              : Forgeries.stkSuccess(
                  payment.wireId,
                  payment.amount + 1 + random.nextInt(50),
                  payment.key,
                  freshReceipt);
      case STK_WRONG_PHONE ->
          payment == null
              ? null
              : Forgeries.stkSuccess(
                  payment.wireId, payment.amount, Intents.paymentPhone(9_999_998), freshReceipt);
      case STK_USED_RECEIPT -> {
        String used = usedReceipt(random, payment);
        yield payment == null || used == null
            ? null
            : Forgeries.stkSuccess(payment.wireId, payment.amount, payment.key, used);
      }
      case STK_MISSING_FIELDS ->
          payment == null ? null : Forgeries.stkSuccessWithoutMetadata(payment.wireId);
      case B2C_UNKNOWN_ID ->
          Forgeries.b2cSuccess(
              Forgeries.originatorConversationId(random),
              100,
              Intents.payoutPhone(9_999_999),
              freshReceipt);
      case B2C_WRONG_AMOUNT ->
          payout == null
              ? null
              : Forgeries.b2cSuccess(
                  payout.wireId, payout.amount + 1 + random.nextInt(50), payout.key, freshReceipt);
      case B2C_WRONG_PHONE ->
          payout == null
              ? null
              : Forgeries.b2cSuccess(
                  payout.wireId, payout.amount, Intents.payoutPhone(9_999_998), freshReceipt);
      case B2C_USED_RECEIPT -> {
        String used = usedReceipt(random, payout);
        yield payout == null || used == null
            ? null
            : Forgeries.b2cSuccess(payout.wireId, payout.amount, payout.key, used);
      }
      case B2C_MISSING_FIELDS ->
          payout == null
              ? null
              : Forgeries.b2cSuccessWithoutParameters(payout.wireId, freshReceipt);
      case C2B_USED_RECEIPT -> {
        String used = usedReceipt(random, null);
        yield used == null
            ? null
            : Callbacks.c2bConfirmation(used, C2B_SHORTCODE, 10 + random.nextInt(990), "FORGED");
      }
    };
  }

  /** A receipt the ledger gives to an STK payment or a payout other than {@code target}. */
  private String usedReceipt(SplittableRandom random, Intent target) {
    List<JsonNode> paid =
        ledger.known().stream()
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
        callbacks.posts().stream().filter(p -> p.source() == Source.EMULATOR).toList();
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
          callbacks.post(Source.REPLAYED, "", instance, post.path(), post.body());
          return null;
        });
    tally.add("replayed callbacks", "posted", chosen.size());
  }

  void changeFaults(ChangeFaults faults) {
    Reply reply = admin.send("PUT", "/faults", faults.faults(), null, null);
    if (reply.status() != 200) {
      throw new IllegalStateException(
          "the emulator refused faults " + faults.faults() + ": " + reply.json());
    }
    tally.add("fault changes", faults.faults().equals("{}") ? "calm" : "faulty");
    for (String fault : List.of("accept_then_drop", "callbacks", "spikeArrest")) {
      if (faults.faults().contains(fault)) {
        tally.add("fault changes", "with " + fault);
      }
    }
  }
}
