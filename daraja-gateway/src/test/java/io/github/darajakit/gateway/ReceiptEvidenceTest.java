package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.support.Callbacks;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, items 2 and 5: success evidence must carry every fact it is checked on, a receipt
 * credits one thing only across payments, C2B payments and payouts, and no callback field can be
 * long, malformed or large enough to do harm. The emulator runs in manual mode: the only callbacks
 * are the ones these tests send, as Daraja — or someone who learnt the callback path — would.
 */
class ReceiptEvidenceTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness();
  }

  @BeforeEach
  void manualPrompts() {
    assertThat(h.admin("PATCH", "/settings", "{\"stk\":{\"manualMode\":true}}").status())
        .isEqualTo(200);
  }

  private Reply pending(String phone, long amount) {
    Reply created = h.merchant().post("/v1/payments", payment(phone, amount));
    assertThat(created.text("status")).isEqualTo("pending");
    return created;
  }

  private Reply post(String kindPath, String body) {
    Reply ack = h.merchant().postRaw(h.callbackUrl(kindPath), body);
    assertThat(ack.status()).as("Daraja always gets a 200").isEqualTo(200);
    return ack;
  }

  private Reply stkSuccess(Reply payment, long amount, String phone, String receipt) {
    return post(
        "stk",
        Callbacks.stkSuccess(
            payment.text("merchant_request_id"),
            payment.text("checkout_request_id"),
            amount,
            phone,
            receipt));
  }

  private Reply fetch(String id) {
    return h.merchant().get("/v1/payments/" + id);
  }

  /** The verdict the gateway gave the newest callback. */
  private JsonNode lastCallback() {
    return h.merchant().get("/v1/callbacks?limit=1").json().path("data").get(0);
  }

  private JsonNode c2bPayments() {
    return h.merchant().get("/v1/c2b-payments").json().path("data");
  }

  @Test
  void aReceiptCreditsOnePaymentOnly() {
    Reply first = pending("254711200001", 50);
    Reply second = pending("254711200002", 50);
    stkSuccess(first, 50, "254711200001", "TKA1B2C3D4");
    assertThat(fetch(first.text("id")).text("status")).isEqualTo("succeeded");

    stkSuccess(second, 50, "254711200002", "TKA1B2C3D4");
    assertThat(lastCallback().path("outcome").asText()).isEqualTo("mismatch");
    Reply refused = fetch(second.text("id"));
    assertThat(refused.text("status")).isEqualTo("pending");
    assertThat(refused.json().path("mpesa_receipt").isNull()).isTrue();
    assertThat(refused.text("needs_attention")).contains("TKA1B2C3D4").contains(first.text("id"));
    // The first to name a receipt is not always its true owner (a forged callback can come first):
    // the payment holding it is put before a person too, and stays paid.
    Reply holder = fetch(first.text("id"));
    assertThat(holder.text("status")).isEqualTo("succeeded");
    assertThat(holder.text("needs_attention")).contains("TKA1B2C3D4").contains(second.text("id"));
  }

  @Test
  void aC2bConfirmationNamingAnStkReceiptIsNotCountedAgain() {
    Reply paid = pending("254711200003", 60);
    stkSuccess(paid, 60, "254711200003", "TKB2C3D4E5");
    post(
        "c2b/confirmation", Callbacks.c2bConfirmation("TKB2C3D4E5", Sandbox.SHORTCODE_1, 60, "A1"));
    assertThat(lastCallback().path("outcome").asText()).isEqualTo("mismatch");
    assertThat(lastCallback().path("detail").asText()).contains(paid.text("id"));
    assertThat(c2bPayments()).isEmpty();
  }

  @Test
  void aSuccessWhosePhoneIsNotAPhoneIsFlaggedNotCredited() {
    Reply payment = pending("254711200004", 70);
    stkSuccess(payment, 70, "\"not-a-phone\"", "TKC3D4E5F6");
    Reply flagged = fetch(payment.text("id"));
    assertThat(flagged.text("status")).isEqualTo("pending");
    assertThat(flagged.json().path("paid_phone").isNull()).isTrue();
    assertThat(flagged.text("needs_attention")).contains("not a Kenyan mobile number");
  }

  @Test
  void aSuccessWithoutAPhoneIsFlaggedNotCredited() {
    Reply payment = pending("254711200005", 70);
    post(
        "stk",
        Callbacks.stkSuccess(
                payment.text("merchant_request_id"),
                payment.text("checkout_request_id"),
                70,
                "0",
                "TKD4E5F6G7")
            .replace(",{\"Name\":\"PhoneNumber\",\"Value\":0}", ""));
    Reply flagged = fetch(payment.text("id"));
    assertThat(flagged.text("status")).isEqualTo("pending");
    assertThat(flagged.text("needs_attention")).contains("no PhoneNumber");
  }

  @Test
  void maskedAndHashedFormsOfThePromptedPhoneAreEvidence() throws Exception {
    Reply masked = pending("254711200006", 80);
    stkSuccess(masked, 80, "\"2547 ***** 006\"", "TKE5F6G7H8");
    assertThat(fetch(masked.text("id")).text("status")).isEqualTo("succeeded");

    Reply hashed = pending("254711200007", 80);
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest("254711200007".getBytes(StandardCharsets.UTF_8)));
    stkSuccess(hashed, 80, "\"" + hash + "\"", "TKF6G7H8J9");
    assertThat(fetch(hashed.text("id")).text("status")).isEqualTo("succeeded");

    Reply someoneElse = pending("254711200008", 80);
    stkSuccess(someoneElse, 80, "\"2547 ***** 999\"", "TKG7H8J9K1");
    assertThat(fetch(someoneElse.text("id")).text("status")).isEqualTo("pending");
    assertThat(fetch(someoneElse.text("id")).text("needs_attention")).contains("masked phone");
  }

  @Test
  void aMalformedReceiptIsNotEvidence() {
    Reply payment = pending("254711200009", 90);
    stkSuccess(payment, 90, "254711200009", "not a receipt");
    assertThat(fetch(payment.text("id")).text("status")).isEqualTo("pending");
    assertThat(fetch(payment.text("id")).text("needs_attention")).contains("malformed");
  }

  @Test
  void anAbsurdC2bAmountIsKeptAsEvidenceNotAnError() {
    post(
        "c2b/confirmation",
        Callbacks.c2bConfirmation("TKH8J9K1L2", Sandbox.SHORTCODE_1, 1, "A1")
            .replace("\"TransAmount\":\"1.00\"", "\"TransAmount\":\"99999999999999999999.00\""));
    assertThat(lastCallback().path("outcome").asText()).isEqualTo("mismatch");
    assertThat(lastCallback().path("detail").asText()).contains("TransAmount");
    assertThat(c2bPayments()).isEmpty();
  }

  @Test
  void overlongAndControlCharacterFieldsAreRefusedNamingTheField() {
    String longTransId = "A".repeat(5_000);
    post("c2b/confirmation", Callbacks.c2bConfirmation(longTransId, Sandbox.SHORTCODE_1, 10, "A1"));
    assertThat(lastCallback().path("outcome").asText()).isEqualTo("unparseable");
    assertThat(lastCallback().path("detail").asText()).contains("TransID").contains("5000");

    post(
        "c2b/confirmation",
        Callbacks.c2bConfirmation("TKJ9K1L2\\u0000M", Sandbox.SHORTCODE_1, 10, "A1"));
    assertThat(lastCallback().path("outcome").asText()).isEqualTo("unparseable");
    assertThat(lastCallback().path("detail").asText()).contains("TransID").contains("U+0000");

    // A raw NUL byte (not JSON at all) is stored, answered, and harms nothing stored with it.
    Reply ack = h.merchant().postRaw(h.callbackUrl("c2b/confirmation"), "{\"TransID\":\"\u0000\"}");
    assertThat(ack.status()).isEqualTo(200);
    assertThat(lastCallback().path("outcome").asText()).isEqualTo("unparseable");
    assertThat(c2bPayments()).isEmpty();

    post(
        "c2b/confirmation", Callbacks.c2bConfirmation("TKK1L2M3N4", Sandbox.SHORTCODE_1, 10, "A1"));
    assertThat(c2bPayments()).hasSize(1);
  }
}
