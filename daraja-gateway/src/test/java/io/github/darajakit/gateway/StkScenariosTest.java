package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every STK scenario of the emulator, end to end through the merchant API. */
class StkScenariosTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness();
  }

  static String payment(String phone, long amount) {
    return "{\"phone\":\""
        + phone
        + "\",\"amount\":"
        + amount
        + ",\"reference\":\"INV-7\",\"description\":\"Invoice 7\"}";
  }

  private Reply settled(String id) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> h.merchant().get("/v1/payments/" + id), r -> !r.text("status").equals("pending"));
  }

  @ParameterizedTest(name = "{0} → {1} ({2})")
  @CsvSource({
    "254700000001, failed, 1",
    "254700001032, cancelled, 1032",
    "254700001037, expired, 1037",
    "254700002001, failed, 2001",
    "254700001019, expired, 1019",
    "254700000017, failed, 17",
    "254700000026, failed, 26",
    "254700001025, failed, 1025",
  })
  void unsuccessfulPromptsEndWithTheirCodeAndAHumanReason(
      String phone, String status, String code) {
    Reply created = h.merchant().post("/v1/payments", payment(phone, 25));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("pending");

    Reply done = settled(created.text("id"));
    assertThat(done.text("status")).isEqualTo(status);
    assertThat(done.json().path("failure").path("code").asText()).isEqualTo(code);
    assertThat(done.json().path("failure").path("reason").asText()).isNotBlank();
    assertThat(done.json().path("mpesa_receipt").isNull()).isTrue();
    assertThat(done.json().path("paid_amount").isNull()).isTrue();
    Reply events = h.merchant().get("/v1/events?object_id=" + created.text("id"));
    assertThat(events.json().path("data"))
        .extracting(e -> e.path("type").asText())
        .containsExactly("payment." + status, "payment.submitted", "payment.created");
  }

  @Test
  void successCarriesReceiptAmountPhoneAndTime() {
    Reply created = h.merchant().post("/v1/payments", payment("254708374149", 1));
    Reply done = settled(created.text("id"));
    assertThat(done.text("status")).isEqualTo("succeeded");
    assertThat(done.text("mpesa_receipt")).matches("[A-Z0-9]{10}");
    assertThat(done.json().path("paid_amount").asLong()).isEqualTo(1);
    assertThat(done.text("paid_phone")).isEqualTo("254708374149");
    assertThat(done.text("paid_at")).endsWith("Z");
    assertThat(done.json().path("failure").isNull()).isTrue();
    assertThat(done.text("result_code")).isEqualTo("0");
  }

  @Test
  void subscriberBusyIsRefusedAtOnceAndNothingIsPending() {
    Reply created = h.merchant().post("/v1/payments", payment("254700001001", 10));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("status")).isEqualTo("failed");
    assertThat(created.json().path("failure").path("code").asText()).isEqualTo("500.001.1001");
    assertThat(created.json().path("failure").path("reason").asText())
        .contains("did not accept the push");
    assertThat(created.json().path("checkout_request_id").isNull()).isTrue();
  }

  @Test
  void aSecondPushWhileTheFirstIsPendingFailsWithoutTouchingTheFirst() {
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    Reply first = h.merchant().post("/v1/payments", payment("254711000222", 10));
    Reply second = h.merchant().post("/v1/payments", payment("254711000222", 10));
    assertThat(first.text("status")).isEqualTo("pending");
    assertThat(second.text("status")).isEqualTo("failed");
    assertThat(second.json().path("failure").path("code").asText()).isEqualTo("500.001.1001");

    String checkout = first.text("checkout_request_id");
    assertThat(h.admin("POST", "/stk/" + checkout + "/approve", "{}").status()).isEqualTo(200);
    assertThat(settled(first.text("id")).text("status")).isEqualTo("succeeded");
    assertThat(h.merchant().get("/v1/payments/" + second.text("id")).text("status"))
        .isEqualTo("failed");
  }

  @Test
  void aWrongPinEntryEndsFailedWith2001() {
    h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}");
    Reply created = h.merchant().post("/v1/payments", payment("254711000333", 10));
    h.admin("POST", "/stk/" + created.text("checkout_request_id") + "/wrong-pin", "{}");
    Reply done = settled(created.text("id"));
    assertThat(done.text("status")).isEqualTo("failed");
    assertThat(done.json().path("failure").path("code").asText()).isEqualTo("2001");
  }
}
