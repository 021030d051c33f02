package io.github.darajakit.emulator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.AdminWorld;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.PaymentSteps;
import io.github.darajakit.emulator.support.Requests;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests racing for the same money: balances are checked and changed in one step, a receipt is
 * reversed at most once, an OriginatorConversationID pays at most once.
 */
class ConcurrentMoneyTest {

  static final String B2C = "/mpesa/b2c/v3/paymentrequest";
  static final int RACERS = 12;

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  final AdminWorld world = new AdminWorld(h.daraja());
  final PaymentSteps steps = new PaymentSteps(h);
  final ExecutorService pool = Executors.newFixedThreadPool(RACERS);

  @AfterEach
  void stopThePool() {
    pool.shutdownNow();
  }

  /** Sends {@code RACERS} requests as close to simultaneously as possible. */
  List<Reply> race(String path, IntFunction<ObjectNode> body) throws Exception {
    h.daraja().token();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Reply>> futures = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      ObjectNode request = body.apply(i);
      Callable<Reply> call =
          () -> {
            start.await();
            return h.daraja().post(path, request);
          };
      futures.add(pool.submit(call));
    }
    start.countDown();
    List<Reply> replies = new ArrayList<>();
    for (Future<Reply> future : futures) {
      replies.add(future.get());
    }
    return replies;
  }

  ObjectNode b2c(String id, long amount) {
    return Requests.b2c(
            id,
            h.credential(),
            amount,
            Requests.TEST_MSISDN,
            h.url("/race/result"),
            h.url("/race/timeout"))
        .put("PartyA", "600100");
  }

  @Test
  void racingPayoutsNeverOverdrawTheUtilityAccount() throws Exception {
    Map<String, BigDecimal> before = world.snapshot();

    List<Reply> acks = race(B2C, i -> b2c("race-" + i, 30));

    List<String> codes = new ArrayList<>();
    for (Reply ack : acks) {
      assertThat(ack.status()).isEqualTo(200);
      codes.add(steps.awaitResult(h.url("/race/result"), ack).path("ResultCode").asText());
    }
    assertThat(codes).filteredOn("0"::equals).hasSize(3);
    assertThat(codes).filteredOn("1"::equals).hasSize(RACERS - 3);
    assertThat(world.account("600100", "Utility Account")).isEqualByComparingTo("10.00");
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("250090.00");
    assertThat(AdminWorld.total(world.snapshot())).isEqualByComparingTo(AdminWorld.total(before));
  }

  @Test
  void racingReversalsOfOneReceiptReverseItOnce() throws Exception {
    PaymentSteps.StkPaid paid = steps.stk(Requests.TEST_MSISDN, 10);

    List<Reply> acks =
        race(
            "/mpesa/reversal/v1/request",
            i ->
                Requests.reversal(
                    h.credential(), paid.receipt(), 10, "174379", h.url("/race/result")));

    List<String> codes = new ArrayList<>();
    for (Reply ack : acks) {
      codes.add(steps.awaitResult(h.url("/race/result"), ack).path("ResultCode").asText());
    }
    assertThat(codes).filteredOn("0"::equals).hasSize(1);
    assertThat(codes).filteredOn("R000001"::equals).hasSize(RACERS - 1);
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("250000.00");
    assertThat(world.account("174379", "Utility Account")).isEqualByComparingTo("0.00");
  }

  @Test
  void racingDuplicatesOfOneOriginatorConversationIdPayOnce() throws Exception {
    List<Reply> replies = race(B2C, i -> b2c("race-same-id", 10).put("PartyA", "600992"));

    assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
    assertThat(replies)
        .filteredOn(r -> r.status() == 500)
        .hasSize(RACERS - 1)
        .allSatisfy(r -> assertThat(r.text("errorCode")).isEqualTo("500.002.1001"));
    Reply accepted = replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
    JsonNode result = steps.awaitResult(h.url("/race/result"), accepted);
    assertThat(result.path("ResultCode").asInt()).isZero();
    assertThat(world.customer(Requests.TEST_MSISDN)).isEqualByComparingTo("250010.00");
    assertThat(world.transactions()).hasSize(1);
  }
}
