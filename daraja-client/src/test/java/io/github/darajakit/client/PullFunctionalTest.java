package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.pull.PullQueryRequest;
import io.github.darajakit.client.pull.PullQueryResponse;
import io.github.darajakit.client.pull.PullRegisterRequest;
import io.github.darajakit.client.pull.PullRegisterResponse;
import io.github.darajakit.client.pull.PulledTransaction;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pull Transactions against the emulator, after C2B payments made through its admin API. */
@ExtendWith(DarajaEmulatorExtension.class)
class PullFunctionalTest {

  private static final String PAYBILL = Sandbox.SHORTCODE_1;

  private static DarajaClient client(DarajaEmulator emulator) {
    return TestClients.builder(emulator).shortCode(PAYBILL).sleeper(delay -> {}).build();
  }

  private static PullRegisterRequest registration() {
    return PullRegisterRequest.builder()
        .nominatedNumber("0722000000")
        .callbackUrl("http://127.0.0.1:9/payments/pull")
        .build();
  }

  /** A customer pays the PayBill through the emulator; returns the M-Pesa receipt. */
  private static String pay(EmulatorAdmin admin, long amount, String account) {
    JsonNode paid =
        admin.send(
            "POST",
            "c2b/payments",
            "{\"msisdn\":\"%s\",\"shortCode\":\"%s\",\"amount\":%d,\"billRefNumber\":\"%s\"}"
                .formatted(Sandbox.TEST_MSISDN, PAYBILL, amount, account));
    assertThat(paid.path("status").asText()).isEqualTo("completed");
    return paid.path("transId").asText();
  }

  @Test
  void registeringTwiceReportsAlreadyRegisteredNotAnError(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator)) {
      PullRegisterResponse first = client.pull().register(registration());
      assertThat(first.responseStatus()).isEqualTo("1000");
      assertThat(first.isRegistered()).isTrue();
      assertThat(first.alreadyRegistered()).isFalse();
      assertThat(first.shortCode()).isEqualTo(PAYBILL);
      assertThat(first.responseDescription()).isEqualTo("Shortcode Registered Successfully");
      assertThat(first.responseRefId()).isNotBlank();
      assertThat(first.rawJson()).contains("\"ResponseStatus\":\"1000\"");

      PullRegisterResponse second = client.pull().registerAsync(registration()).join();
      assertThat(second.responseStatus()).isEqualTo("1001");
      assertThat(second.isRegistered()).isTrue();
      assertThat(second.alreadyRegistered()).isTrue();
      assertThat(second.responseDescription()).isEqualTo("ShortCode already Registered");
      assertThat(admin.count("pull_register")).isEqualTo(2);
    }
  }

  @Test
  void registrationAnswerWithSpacedKeysReadsTheSame(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.send("PATCH", "settings", "{\"pull\":{\"responseKeys\":\"spaced\"}}");
    try (DarajaClient client = client(emulator)) {
      PullRegisterResponse response = client.pull().register(registration());
      assertThat(response.rawJson()).contains("\"Response Status\":\"1000\"");
      assertThat(response.responseStatus()).isEqualTo("1000");
      assertThat(response.responseDescription()).isEqualTo("Shortcode Registered Successfully");
      assertThat(client.pull().register(registration()).alreadyRegistered()).isTrue();
    }
  }

  @Test
  void registeringAnUnknownShortcodeIsAnApiError(DarajaEmulator emulator) {
    try (DarajaClient client = client(emulator)) {
      assertThatThrownBy(
              () ->
                  client
                      .pull()
                      .register(
                          PullRegisterRequest.builder()
                              .shortCode("999999")
                              .nominatedNumber("0722000000")
                              .callbackUrl("http://127.0.0.1:9/payments/pull")
                              .build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.errorCode()).isEqualTo("400.001");
                assertThat(e.errorMessage()).isEqualTo("Invalid ShortCode");
                assertThat(e.getMessage()).contains("not registered for it");
              });
    }
  }

  @Test
  void queryReturnsTheC2bPaymentsTheShortcodeReceived(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator)) {
      client.pull().register(registration());
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String first = pay(admin, 150, "ACC-1");
      String second = pay(admin, 2, "ACC-2");
      Instant after = Instant.now().plusSeconds(1);

      PullQueryResponse page =
          client
              .pull()
              .query(
                  PullQueryRequest.builder()
                      .start(before.minus(Duration.ofHours(1)))
                      .end(after.plus(Duration.ofHours(1)))
                      .build());

      assertThat(page.responseCode()).isEqualTo("1000");
      assertThat(page.responseMessage()).isEqualTo("Success");
      assertThat(page.transactions())
          .extracting(PulledTransaction::transactionId)
          .containsExactly(first, second);
      PulledTransaction paid = page.transactions().get(0);
      assertThat(paid.amount()).isEqualTo(new BigDecimal("150.00"));
      assertThat(paid.amountCents()).isEqualTo(15_000);
      assertThat(paid.msisdn()).isEqualTo(Sandbox.TEST_MSISDN);
      assertThat(paid.sender()).isEqualTo("JOHN DOE");
      assertThat(paid.transactionType()).isEqualTo("c2b-pay-bill-debit");
      assertThat(paid.billReference()).isEqualTo("ACC-1");
      assertThat(paid.organizationName()).isEqualTo("Safaricom Daraja 992");
      assertThat(paid.trxDate()).isBetween(before, after);
      assertThat(page.transactions().get(1).amountCents()).isEqualTo(200);
    }
  }

  @Test
  void aWindowWithoutPaymentsIsAnEmptyPage(DarajaEmulator emulator) {
    try (DarajaClient client = client(emulator)) {
      client.pull().register(registration());
      pay(new EmulatorAdmin(emulator), 10, "ACC-1");
      LocalDateTime lastWeek = LocalDateTime.now(PullQueryRequest.EAST_AFRICA).minusDays(7);

      PullQueryResponse page =
          client
              .pull()
              .queryAsync(
                  PullQueryRequest.builder().start(lastWeek).end(lastWeek.plusHours(48)).build())
              .join();

      assertThat(page.responseCode()).isEqualTo("1001");
      assertThat(page.isEmpty()).isTrue();
      assertThat(page.responseMessage()).isEqualTo("No transactions found");
    }
  }

  @Test
  void queryingAnUnregisteredShortcodeIsAnApiError(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator)) {
      Instant now = Instant.now();
      assertThatThrownBy(
              () ->
                  client
                      .pull()
                      .query(
                          PullQueryRequest.builder().start(now.minusSeconds(60)).end(now).build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.errorCode()).isEqualTo("400.001");
                assertThat(e.errorMessage()).isEqualTo("Invalid ShortCode");
              });
      assertThat(admin.count("pull_query")).isEqualTo(1);
    }
  }

  @Test
  void queryAllPagesByHundredUntilAShortPage(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator)) {
      client.pull().register(registration());
      Instant start = Instant.now().minusSeconds(60);
      List<String> receipts = new ArrayList<>();
      for (int i = 1; i <= 230; i++) {
        receipts.add(pay(admin, i, "ACC-" + i));
      }
      Instant end = Instant.now().plusSeconds(60);

      List<PulledTransaction> all = client.pull().queryAll(null, start, end);

      assertThat(all)
          .extracting(PulledTransaction::transactionId)
          .containsExactlyElementsOf(receipts);
      assertThat(all.get(229).amountCents()).isEqualTo(23_000);
      // Pages at offsets 0, 100 and 200; the third holds 30 and ends the walk.
      assertThat(admin.count("pull_query")).isEqualTo(3);
      assertThat(client.pull().queryAllAsync(PAYBILL, start, end).join()).hasSize(230);
    }
  }

  @Test
  void queryAllOfAnEmptyWindowAsksOnce(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator)) {
      client.pull().register(registration());
      LocalDateTime now = LocalDateTime.now(PullQueryRequest.EAST_AFRICA);
      assertThat(client.pull().queryAll(PAYBILL, now.minusHours(2), now)).isEmpty();
      assertThat(admin.count("pull_query")).isEqualTo(1);
    }
  }

  @Test
  void queryIsRetriedAfterAServerError(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator)) {
      client.pull().register(registration());
      admin.faults("{\"errors\":[{\"endpoint\":\"pull_query\",\"mode\":\"reject\",\"count\":1}]}");
      Instant now = Instant.now();
      PullQueryResponse page =
          client
              .pull()
              .query(PullQueryRequest.builder().start(now.minusSeconds(60)).end(now).build());
      assertThat(page.responseCode()).isEqualTo("1001");
      assertThat(admin.count("pull_query")).isEqualTo(2);
    }
  }

  @Test
  void badWindowsAndProductionHttpUrlsFailBeforeAnyRequest(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    Instant now = Instant.now();
    try (DarajaClient client = client(emulator)) {
      assertThatThrownBy(
              () -> client.pull().queryAll(PAYBILL, now.minus(Duration.ofHours(49)), now))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("end"));
      assertThatThrownBy(() -> client.pull().queryAll(PAYBILL, now, now.minusSeconds(1)))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.getMessage()).contains("is before start"));
    }
    try (DarajaClient production =
        DarajaClient.builder()
            .environment(Environment.PRODUCTION)
            .consumerKey(TestClients.CONSUMER_KEY)
            .consumerSecret(TestClients.CONSUMER_SECRET)
            .shortCode(PAYBILL)
            .build()) {
      assertThatThrownBy(() -> production.pull().register(registration()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> {
                assertThat(e.field()).isEqualTo("callbackUrl");
                assertThat(e.getMessage()).contains("must use https in production");
              });
    }
    assertThat(admin.count("oauth")).isZero();
    assertThat(admin.count("pull_query")).isZero();
    assertThat(admin.count("pull_register")).isZero();
  }
}
