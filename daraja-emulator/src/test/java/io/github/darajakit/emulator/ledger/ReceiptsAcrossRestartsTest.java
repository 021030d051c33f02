package io.github.darajakit.emulator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.Requests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Receipts and C2B TransIDs share one namespace that no emulator ever issues twice from: not after
 * a restart with the same seed (the embedded emulator of {@code daraja gateway} restarts with the
 * default seed every time, against a database that remembers every receipt), and not between two
 * emulators running side by side.
 */
class ReceiptsAcrossRestartsTest {

  private static final Instant PINNED = Instant.parse("2030-06-01T09:00:00Z");
  private static final String C2B_SHORTCODE = "600000";
  private static final int C2B_PAYMENTS = 20;

  @Test
  void aRestartWithTheSameSeedIssuesNoReceiptOrTransIdAgain() {
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      Set<String> beforeRestart;
      try (DarajaEmulator emulator = startAt(Clock.fixed(PINNED, ZoneOffset.UTC))) {
        beforeRestart = oneOfEachMoneyMovement(emulator, receiver);
      }
      Set<String> afterRestart;
      try (DarajaEmulator emulator = startAt(Clock.fixed(PINNED.plusSeconds(1), ZoneOffset.UTC))) {
        afterRestart = oneOfEachMoneyMovement(emulator, receiver);
      }

      // STK, B2C, B2B, C2B and a reversal on each side, all distinct.
      assertThat(beforeRestart).hasSize(C2B_PAYMENTS + 4);
      assertThat(afterRestart).hasSize(C2B_PAYMENTS + 4).doesNotContainAnyElementsOf(beforeRestart);
      assertThat(afterRestart).allMatch(receipt -> receipt.matches("[A-Z][A-L][0-9A-Z]{8}"));
    }
  }

  @Test
  void twoEmulatorsStartedAMomentApartNeverIssueTheSameTransId() {
    try (DarajaEmulator first = startAt(Clock.systemUTC());
        DarajaEmulator second = startAt(Clock.systemUTC())) {
      List<String> fromFirst = new ArrayList<>();
      List<String> fromSecond = new ArrayList<>();
      for (int i = 0; i < C2B_PAYMENTS; i++) {
        fromFirst.add(c2bPayment(new DarajaHttp(first.baseUrl()), i + 1));
        fromSecond.add(c2bPayment(new DarajaHttp(second.baseUrl()), i + 1));
      }

      assertThat(fromSecond).doesNotContainAnyElementsOf(fromFirst);
    }
  }

  @Test
  void theSameSeedAndPinnedClockRepeatTheSameReceipts() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    try (DarajaEmulator emulator = startAt(Clock.fixed(PINNED, ZoneOffset.UTC))) {
      for (int i = 0; i < 5; i++) {
        first.add(c2bPayment(new DarajaHttp(emulator.baseUrl()), i + 1));
      }
    }
    try (DarajaEmulator emulator = startAt(Clock.fixed(PINNED, ZoneOffset.UTC))) {
      for (int i = 0; i < 5; i++) {
        second.add(c2bPayment(new DarajaHttp(emulator.baseUrl()), i + 1));
      }
    }

    assertThat(second).isEqualTo(first);
  }

  private static DarajaEmulator startAt(Clock clock) {
    return DarajaEmulator.builder()
        .config(EmulatorConfig.builder().resultDelay(Duration.ZERO).build())
        .clock(clock)
        .port(0)
        .start();
  }

  /**
   * An STK payment, a B2C payout, a B2B payment, C2B payments and the reversal of one of them;
   * answers every receipt and TransID they produced, from the callbacks and from the ledger.
   */
  private static Set<String> oneOfEachMoneyMovement(
      DarajaEmulator emulator, CallbackReceiver receiver) {
    receiver.clear();
    DarajaHttp daraja = new DarajaHttp(emulator.baseUrl());
    String credential = emulator.securityCredential("Safaricom999!*!");
    Set<String> issued = new LinkedHashSet<>();

    acknowledged(
        daraja.post(
            "/mpesa/stkpush/v1/processrequest",
            Requests.stkPush(Requests.TEST_MSISDN, 10, receiver.url("/stk"))));
    issued.add(
        receiver
            .awaitOne("/stk")
            .body()
            .at("/Body/stkCallback/CallbackMetadata/Item/1/Value")
            .asText());

    acknowledged(
        daraja.post(
            "/mpesa/b2c/v3/paymentrequest",
            Requests.b2c(
                "restart-b2c",
                credential,
                100,
                Requests.TEST_MSISDN,
                receiver.url("/b2c/result"),
                receiver.url("/b2c/timeout"))));
    issued.add(transactionId(receiver, "/b2c/result"));

    acknowledged(
        daraja.post(
            "/mpesa/b2b/v1/paymentrequest",
            Requests.b2b(
                "BusinessPayBill", credential, 190, C2B_SHORTCODE, receiver.url("/b2b/result"))));
    issued.add(transactionId(receiver, "/b2b/result"));

    List<String> transIds = new ArrayList<>();
    for (int i = 0; i < C2B_PAYMENTS; i++) {
      transIds.add(c2bPayment(daraja, i + 1));
    }
    issued.addAll(transIds);

    acknowledged(
        daraja.post(
            "/mpesa/reversal/v1/request",
            Requests.reversal(
                credential, transIds.get(0), 1, C2B_SHORTCODE, receiver.url("/reversal/result"))));
    issued.add(transactionId(receiver, "/reversal/result"));

    JsonNode ledger = daraja.adminGet("transactions?limit=1000").path("transactions");
    ledger.forEach(entry -> issued.add(entry.path("receipt").asText()));
    return issued;
  }

  private static String c2bPayment(DarajaHttp daraja, long amount) {
    Reply paid =
        daraja.admin(
            "POST",
            "c2b/payments",
            "{\"msisdn\":\""
                + Requests.TEST_MSISDN
                + "\",\"shortCode\":\""
                + C2B_SHORTCODE
                + "\",\"amount\":"
                + amount
                + "}");
    assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
    return paid.text("transId");
  }

  private static void acknowledged(Reply reply) {
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
  }

  private static String transactionId(CallbackReceiver receiver, String path) {
    JsonNode result = receiver.awaitOne(path).body().path("Result");
    assertThat(result.path("ResultCode").asText()).as(result.toString()).isEqualTo("0");
    return result.path("TransactionID").asText();
  }
}
