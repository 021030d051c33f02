package io.github.darajakit.gateway.adversarial;

import io.github.darajakit.gateway.adversarial.GatewayFleet.Instance;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * What a run's operations act on and write down: the gateway instances, the emulator's admin API,
 * the harness's own record of its intents, the callback log, the ledger as read so far, and the
 * counts for the summary; and the ways of calling a gateway that every operation shares.
 */
final class Stage {

  final GatewayFleet fleet;
  final MerchantClient admin;
  final Intents intents;
  final CallbackLog callbacks;
  final LedgerTap ledger;
  final Tally tally;
  private final ExecutorService bursts;

  Stage(
      GatewayFleet fleet,
      MerchantClient admin,
      Intents intents,
      CallbackLog callbacks,
      LedgerTap ledger,
      Tally tally,
      ExecutorService bursts) {
    this.fleet = fleet;
    this.admin = admin;
    this.intents = intents;
    this.callbacks = callbacks;
    this.ledger = ledger;
    this.tally = tally;
    this.bursts = bursts;
  }

  /** A merchant API call to one instance; null when no answer came (the instance was killed). */
  Reply call(Instance instance, String method, String path, String body, String key) {
    try {
      return instance.merchant().send(method, path, body, key, GatewayHarness.API_KEY);
    } catch (UncheckedIOException e) {
      String reason = String.valueOf(e.getCause());
      tally.add("no answer", reason.substring(0, Math.min(80, reason.length())));
      return null;
    }
  }

  /** A POST to an instance picked at random, its answer counted as {@code what}. */
  Reply post(String what, SplittableRandom random, String path, String body, String key) {
    return counted(what, call(fleet.pick(random), "POST", path, body, key));
  }

  /** Counts an answer by what it was, for the summary. */
  Reply counted(String what, Reply reply) {
    tally.add(
        "answers",
        reply == null
            ? "no answer"
            : reply.status() >= 500
                ? "5xx"
                : reply.status() >= 400 ? reply.status() + " " + what : "2xx");
    if (reply != null && reply.status() >= 500) {
      tally.add("server errors", what + " " + reply.json().path("error").path("code").asText());
    }
    return reply;
  }

  /** Whether a money-moving request may have run: answered 2xx or 5xx, or not answered at all. */
  static boolean mayHaveRun(Reply reply) {
    return reply == null || reply.status() < 300 || reply.status() >= 500;
  }

  /**
   * Sends {@code count} requests at once — all released together — each to an instance picked at
   * random, and returns the answers (null for none).
   */
  List<Reply> burst(
      int count, SplittableRandom random, BiFunction<Instance, Integer, Reply> request) {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Reply>> answers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instance instance = fleet.pick(random);
      int n = i;
      answers.add(
          bursts.submit(
              () -> {
                gate.await();
                return request.apply(instance, n);
              }));
    }
    gate.countDown();
    List<Reply> replies = new ArrayList<>();
    for (Future<Reply> answer : answers) {
      try {
        replies.add(answer.get(60, TimeUnit.SECONDS));
      } catch (Exception e) {
        throw new IllegalStateException("a burst request failed", e);
      }
    }
    return replies;
  }
}
