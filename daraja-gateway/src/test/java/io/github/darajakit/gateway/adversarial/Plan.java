package io.github.darajakit.gateway.adversarial;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.adversarial.Operation.ChangeFaults;
import io.github.darajakit.gateway.adversarial.Operation.Crash;
import io.github.darajakit.gateway.adversarial.Operation.CreateBatch;
import io.github.darajakit.gateway.adversarial.Operation.ResubmitStorm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Generates a run's operations from its seed: the same seed and settings give the same operations
 * in the same order, with the same faults, crashes, storms and batches at the same places. (The
 * threads that run them interleave as they will, so a replay repeats the workload, not the exact
 * timing.)
 */
final class Plan {

  /** How often each everyday operation is drawn, out of the total of the weights. */
  private static final int[] WEIGHTS = {
    22, // CreatePayment
    20, // CreatePayout
    8, // CreateB2bPayment
    8, // Resubmit
    5, // Reverse
    5, // PayC2b
    2, // ConfirmBatch
    3, // PauseResumeStorm
    1, // CancelBatch
    12, // Forge
    6, // Replay
    3, // ChangeFaults
    5 // RetryUnanswered
  };

  private Plan() {}

  /**
   * The operations of a run on {@code instances} gateways: {@code settings.operations()} in all, of
   * which exactly {@code settings.crashes()} crashes, {@code settings.storms()} resubmission storms
   * and {@code settings.batches()} batches, placed at random, the rest drawn by weight.
   */
  static List<Operation> generate(RunSettings settings, int instances) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    int total = settings.operations();
    List<Operation> operations = new ArrayList<>(total);
    // The special operations go at distinct random places after the first tenth, so there is
    // something for them to disturb.
    TreeSet<Integer> crashAt = places(random, total, settings.crashes(), new TreeSet<>());
    TreeSet<Integer> stormAt = places(random, total, settings.storms(), crashAt);
    TreeSet<Integer> taken = new TreeSet<>(crashAt);
    taken.addAll(stormAt);
    TreeSet<Integer> batchAt = places(random, total, settings.batches(), taken);
    int payments = 0;
    int payouts = 0;
    int b2b = 0;
    int c2b = 0;
    int batches = 0;
    for (int i = 0; i < total; i++) {
      long salt = random.nextLong();
      if (crashAt.contains(i)) {
        operations.add(new Crash(random.nextInt(instances), salt));
      } else if (stormAt.contains(i)) {
        boolean ofB2b = random.nextInt(4) == 0;
        operations.add(
            new ResubmitStorm(ofB2b ? b2b++ : payouts++, ofB2b, settings.stormSize(), salt));
      } else if (batchAt.contains(i)) {
        int rows =
            Math.max(1, settings.batchRows() / 4)
                + random.nextInt(Math.max(1, settings.batchRows() - settings.batchRows() / 4 + 1));
        operations.add(new CreateBatch(batches++, rows, random.nextInt(5) != 0, salt));
      } else {
        operations.add(
            switch (weighted(random)) {
              case 0 -> new Operation.CreatePayment(payments++, amount(random), salt);
              case 1 ->
                  new Operation.CreatePayout(
                      payouts++,
                      amount(random),
                      List.of("business", "salary", "promotion").get(random.nextInt(3)),
                      salt);
              case 2 -> new Operation.CreateB2bPayment(b2b++, amount(random), salt);
              case 3 -> new Operation.Resubmit(salt);
              case 4 -> new Operation.Reverse(salt);
              case 5 -> new Operation.PayC2b(c2b++, amount(random), salt);
              case 6 -> new Operation.ConfirmBatch(salt);
              case 7 -> new Operation.PauseResumeStorm(4 + random.nextInt(9), salt);
              case 8 -> new Operation.CancelBatch(salt);
              case 9 ->
                  new Operation.Forge(
                      Operation.Forgery.values()[random.nextInt(Operation.Forgery.values().length)],
                      salt);
              case 10 -> new Operation.Replay(2 + random.nextInt(9), salt);
              case 11 -> new ChangeFaults(faults(random), salt);
              default -> new Operation.RetryUnanswered(salt);
            });
      }
    }
    return operations;
  }

  /** {@code count} distinct places in [total/10, total) not already taken. */
  private static TreeSet<Integer> places(
      SplittableRandom random, int total, int count, TreeSet<Integer> taken) {
    int from = total / 10;
    if (count > total - from - taken.size()) {
      throw new IllegalArgumentException(
          count + " special operations do not fit in " + total + " operations");
    }
    TreeSet<Integer> chosen = new TreeSet<>();
    while (chosen.size() < count) {
      int at = from + random.nextInt(total - from);
      if (!taken.contains(at)) {
        chosen.add(at);
      }
    }
    return chosen;
  }

  private static int weighted(SplittableRandom random) {
    int sum = 0;
    for (int weight : WEIGHTS) {
      sum += weight;
    }
    int draw = random.nextInt(sum);
    for (int i = 0; i < WEIGHTS.length; i++) {
      draw -= WEIGHTS[i];
      if (draw < 0) {
        return i;
      }
    }
    throw new AssertionError("weights exhausted");
  }

  /** Whole KES within every product's limits (B2C needs at least 10). */
  private static long amount(SplittableRandom random) {
    return 10 + random.nextInt(990);
  }

  /**
   * A fault mix for the emulator, in its {@code /__admin/faults} shape: sometimes calm, usually a
   * few of: answers dropped after Daraja accepted a money-moving request, callbacks dropped,
   * duplicated, delayed or reordered, and SpikeArrest.
   */
  static String faults(SplittableRandom random) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode faults = json.objectNode();
    if (random.nextInt(5) == 0) {
      return faults.toString(); // calm
    }
    if (random.nextBoolean()) {
      ArrayNode errors = faults.putArray("errors");
      for (String endpoint : List.of("b2c_v3", "b2b", "stk_push", "reversal")) {
        if (random.nextInt(3) != 0) {
          errors
              .addObject()
              .put("endpoint", endpoint)
              .put("mode", "accept_then_drop")
              .put("rate", 0.05 + random.nextInt(26) / 100.0);
        }
      }
    }
    if (random.nextInt(3) != 0) {
      faults
          .putObject("callbacks")
          .put("dropRate", random.nextInt(31) / 100.0)
          .put("duplicateRate", random.nextInt(31) / 100.0)
          .put("extraDelay", random.nextInt(800) + "ms")
          .put("reorderWindow", random.nextInt(1500) + "ms");
    }
    if (random.nextInt(5) == 0) {
      // Low enough to refuse batch rows and creates, high enough that the run still moves.
      faults
          .putObject("spikeArrest")
          .put("ratePerSecond", 10 + random.nextInt(21))
          .put("burst", 10);
    }
    return faults.toString();
  }
}
