package io.github.darajakit.emulator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.CallbackReceiver.Received;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Callback mischief: dropped, duplicated, late and reordered callbacks, per kind. */
class CallbackFaultsTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final String STK = "/mpesa/stkpush/v1/processrequest";

  private static void faults(String json) {
    Reply reply = h.daraja().admin("PUT", "faults", json);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  private static String push(String msisdn, long amount, String path) {
    Reply ack = h.daraja().post(STK, Requests.stkPush(msisdn, amount, h.url(path)));
    assertThat(ack.status()).as("%s", ack).isEqualTo(200);
    return ack.text("CheckoutRequestID");
  }

  private static List<JsonNode> deliveries(String query) {
    List<JsonNode> list = new ArrayList<>();
    h.daraja().adminGet("deliveries?" + query).path("deliveries").forEach(list::add);
    return list;
  }

  @Test
  void droppedCallbackIsNeverSentButRecordedAsDroppedAndThePaymentStillHappened() {
    faults("{\"callbacks\":{\"dropRate\":1.0}}");

    push(Requests.TEST_MSISDN, 25, "/dropped");

    JsonNode delivery =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> deliveries("kind=stk&url=/dropped"), list -> !list.isEmpty())
            .get(0);
    assertThat(delivery.path("state").asText()).isEqualTo("dropped");
    assertThat(delivery.path("attempts").asInt()).isZero();
    assertThat(delivery.path("body").at("/Body/stkCallback/ResultCode").asInt()).isZero();
    assertThat(h.receiver().on("/dropped")).isEmpty();
    assertThat(h.daraja().adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText())
        .isEqualTo("249975.00");
  }

  @Test
  void duplicatedCallbackArrivesTwiceWithTheSameBodyForOnePayment() {
    faults("{\"callbacks\":{\"duplicateRate\":1.0}}");

    String checkoutRequestId = push(Requests.TEST_MSISDN, 30, "/duplicated");

    List<Received> received = h.receiver().awaitCount("/duplicated", 2);
    assertThat(received).hasSize(2);
    assertThat(received.get(0).body()).isEqualTo(received.get(1).body());
    assertThat(received.get(0).body().at("/Body/stkCallback/CheckoutRequestID").asText())
        .isEqualTo(checkoutRequestId);
    List<JsonNode> records = deliveries("kind=stk&url=/duplicated");
    assertThat(records).hasSize(2);
    assertThat(records)
        .extracting(d -> d.path("duplicate").asBoolean())
        .containsExactlyInAnyOrder(true, false);
    assertThat(
            h.daraja()
                .adminGet("transactions?party=" + Requests.TEST_MSISDN)
                .path("transactions")
                .size())
        .isEqualTo(1);
  }

  @Test
  void extraDelayHoldsTheCallbackBackAtLeastThatLong() {
    faults("{\"callbacks\":{\"extraDelay\":\"600ms\"}}");

    long sentAt = System.nanoTime();
    push(Requests.TEST_MSISDN, 35, "/late");

    Received callback = h.receiver().awaitOne("/late");
    assertThat(Duration.ofNanos(callback.receivedAtNanos() - sentAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(600));
  }

  @Test
  void reorderWindowMakesCallbacksOvertakeEachOther() {
    faults("{\"callbacks\":{\"reorderWindow\":\"1s\"}}");
    List<String> pushOrder = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pushOrder.add(push(String.format("2547990000%02d", i), 10, "/reordered"));
    }

    List<Received> received = h.receiver().awaitCount("/reordered", 20);

    List<Integer> arrival =
        received.stream()
            .map(
                r -> pushOrder.indexOf(r.body().at("/Body/stkCallback/CheckoutRequestID").asText()))
            .toList();
    assertThat(arrival).doesNotContain(-1).doesNotHaveDuplicates().hasSize(20);
    int inversions = 0;
    for (int i = 0; i < arrival.size(); i++) {
      for (int j = i + 1; j < arrival.size(); j++) {
        if (arrival.get(i) > arrival.get(j)) {
          inversions++;
        }
      }
    }
    assertThat(inversions).as("inversions in arrival order %s", arrival).isPositive();
  }

  @Test
  void kindsLimitTheMischiefToTheListedKinds() {
    faults("{\"callbacks\":{\"dropRate\":1.0,\"kinds\":[\"result\"]}}");

    push(Requests.TEST_MSISDN, 15, "/kinds-stk");
    Reply b2c =
        h.daraja()
            .post(
                "/mpesa/b2c/v3/paymentrequest",
                Requests.b2c(
                    "kinds-1",
                    h.credential(),
                    100,
                    Requests.TEST_MSISDN,
                    h.url("/kinds-result"),
                    h.url("/kinds-timeout")));
    assertThat(b2c.status()).as("%s", b2c).isEqualTo(200);

    h.receiver().awaitOne("/kinds-stk");
    JsonNode result =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> deliveries("kind=result"), list -> !list.isEmpty())
            .get(0);
    assertThat(result.path("state").asText()).isEqualTo("dropped");
    assertThat(h.receiver().on("/kinds-result")).isEmpty();
    assertThat(deliveries("kind=stk").get(0).path("state").asText()).isIn("in_flight", "delivered");
  }
}
