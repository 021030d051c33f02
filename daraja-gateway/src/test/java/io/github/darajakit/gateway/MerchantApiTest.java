package io.github.darajakit.gateway;

import static io.github.darajakit.gateway.StkScenariosTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The merchant API's contract: authentication, errors that name the field and change nothing
 * (DESIGN §6.6), and cursor pagination.
 */
class MerchantApiTest {

  @RegisterExtension GatewayHarness h = harness();

  /** SQLite; {@link OnPostgresqlTest} runs this suite again on PostgreSQL. */
  GatewayHarness harness() {
    return new GatewayHarness(UnaryOperator.identity(), UnaryOperator.identity(), false);
  }

  private long pushes() {
    return h.admin("GET", "/counters", null).json().path("endpoints").path("stk_push").asLong();
  }

  private void nothingWritten() {
    assertThat(pushes()).isZero();
    assertThat(h.merchant().get("/v1/payments").json().path("data")).isEmpty();
    assertThat(h.merchant().get("/v1/events").json().path("data")).isEmpty();
  }

  @Test
  void withoutTheApiKeyNothingIsServedOrDone() {
    for (String key : new String[] {null, "", "dk_wrong", GatewayHarness.API_KEY + "x"}) {
      Reply reply =
          h.merchant().send("POST", "/v1/payments", payment("254708374149", 10), null, key);
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.json().path("error").path("type").asText())
          .isEqualTo("authentication_error");
      assertThat(h.merchant().send("GET", "/v1/payments", null, null, key).status()).isEqualTo(401);
    }
    nothingWritten();
  }

  @Test
  void aKeyThatIsNotOursIsSaidToBeUnrecognisedWhileAMissingOneIsShownHowToSend() {
    for (String missing : new String[] {null, ""}) {
      assertThat(authenticationError(missing))
          .isEqualTo("Send your API key as 'Authorization: Bearer <key>'.");
    }
    for (String wrong : new String[] {"dk_wrong", GatewayHarness.API_KEY + "x"}) {
      assertThat(authenticationError(wrong))
          .contains("not recognised")
          .contains("revoked")
          .contains("another gateway")
          .doesNotContain(wrong);
    }
    nothingWritten();
  }

  private String authenticationError(String key) {
    Reply reply = h.merchant().send("POST", "/v1/payments", payment("254708374149", 10), null, key);
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().at("/error/code").asText()).isEqualTo("api_key_invalid");
    return reply.json().at("/error/message").asText();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.5 | amount must be a whole number of Kenyan shillings (e.g. 150), got 1.5",
        "99999999999999999999999 | amount 99999999999999999999999 is too large",
        "-99999999999999999999999 | amount -99999999999999999999999 is outside the range",
        "250001 | KES 250001 is outside what Daraja accepts here: KES 1 to 250000",
      })
  void anAmountIsRefusedForWhatIsReallyWrongWithIt(String amount, String message) {
    Reply reply =
        h.merchant()
            .post(
                "/v1/payments",
                "{\"phone\":\"0712345678\",\"amount\":"
                    + amount
                    + ",\"reference\":\"A\",\"description\":\"B\"}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/param").asText()).isEqualTo("amount");
    assertThat(reply.json().at("/error/message").asText()).contains(message);
    nothingWritten();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"amount\":10,\"reference\":\"A\",\"description\":\"B\"} | phone",
        "{\"phone\":\"12345\",\"amount\":10,\"reference\":\"A\",\"description\":\"B\"} | phone",
        "{\"phone\":\"+1 555 0100\",\"amount\":10,\"reference\":\"A\",\"description\":\"B\"} | phone",
        "{\"phone\":712345678,\"amount\":10,\"reference\":\"A\",\"description\":\"B\"} | phone",
        "{\"phone\":\"0712345678\",\"reference\":\"A\",\"description\":\"B\"} | amount",
        "{\"phone\":\"0712345678\",\"amount\":0,\"reference\":\"A\",\"description\":\"B\"} | amount",
        "{\"phone\":\"0712345678\",\"amount\":-5,\"reference\":\"A\",\"description\":\"B\"} | amount",
        "{\"phone\":\"0712345678\",\"amount\":10.5,\"reference\":\"A\",\"description\":\"B\"} | amount",
        "{\"phone\":\"0712345678\",\"amount\":\"10\",\"reference\":\"A\",\"description\":\"B\"} | amount",
        "{\"phone\":\"0712345678\",\"amount\":250001,\"reference\":\"A\",\"description\":\"B\"} | amount",
        "{\"phone\":\"0712345678\",\"amount\":99999999999999999999,\"reference\":\"A\",\"description\":\"B\"} | amount",
        "{\"phone\":\"0712345678\",\"amount\":10,\"description\":\"B\"} | reference",
        "{\"phone\":\"0712345678\",\"amount\":10,\"reference\":\"ABCDEFGHIJKLMNOPQRSTU\",\"description\":\"B\"} | reference",
        "{\"phone\":\"0712345678\",\"amount\":10,\"reference\":\"A\"} | description",
        "{\"phone\":\"0712345678\",\"amount\":10,\"reference\":\"A\",\"description\":\"DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD\"} | description",
        "{\"phone\":\"0712345678\",\"amount\":10,\"reference\":\"A\",\"description\":\"B\",\"metadata\":[1]} | metadata",
        "{\"phone\":\"0712345678\",\"amount\":10,\"reference\":\"A\",\"description\":\"B\",\"metadata\":{\"n\":1}} | metadata",
        "{\"phone\":\"0712345678\",\"amount\":10,\"reference\":\"A\",\"description\":\"B\",\"currency\":\"KES\"} | currency",
      })
  void badInputIsRefusedNamingTheFieldAndNothingHappens(String body, String field) {
    Reply reply = h.merchant().post("/v1/payments", body);
    assertThat(reply.status()).isEqualTo(400);
    JsonNode error = reply.json().path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("param").asText()).isEqualTo(field);
    assertThat(error.path("message").asText()).contains(field);
    nothingWritten();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"not json", "[1,2]", "''", "{\"phone\":"})
  void aBodyThatIsNotAJsonObjectIsRefused(String body) {
    Reply reply = h.merchant().post("/v1/payments", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().path("error").path("message").asText()).containsIgnoringCase("body");
    nothingWritten();
  }

  @Test
  void unknownThingsAreNotFoundAndWrongMethodsAreSaidSo() {
    Reply missing = h.merchant().get("/v1/payments/pay_doesNotExist");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("error").path("code").asText()).isEqualTo("resource_missing");
    assertThat(h.merchant().get("/v1/nothing-here").status()).isEqualTo(404);
    assertThat(h.merchant().delete("/v1/payments").status()).isEqualTo(405);
  }

  @Test
  void paymentsArePagedNewestFirstWithACursorAndFiltered() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String phone = i % 2 == 0 ? "254700001032" : "2547113000" + String.format("%02d", i);
      created.add(0, h.merchant().post("/v1/payments", payment(phone, 20 + i)).text("id"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    while (true) {
      Reply page =
          h.merchant()
              .get("/v1/payments?limit=3" + (cursor == null ? "" : "&starting_after=" + cursor));
      pages++;
      page.json().path("data").forEach(p -> seen.add(p.path("id").asText()));
      if (!page.json().path("has_more").asBoolean()) {
        break;
      }
      cursor = seen.get(seen.size() - 1);
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(new HashSet<>(seen)).hasSize(7);

    String ordered =
        h.merchant()
            .post(
                "/v1/payments",
                "{\"phone\":\"0708374149\",\"amount\":15,\"reference\":\"ORDER-77\","
                    + "\"description\":\"Order 77\"}")
            .text("id");
    assertThat(h.merchant().get("/v1/payments?reference=ORDER-77").json().path("data"))
        .extracting(p -> p.path("id").asText())
        .containsExactly(ordered);

    Reply byPhone = h.merchant().get("/v1/payments?phone=0700001032");
    assertThat(byPhone.json().path("data"))
        .hasSize(4)
        .allSatisfy(p -> assertThat(p.path("phone").asText()).isEqualTo("254700001032"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> h.merchant().get("/v1/payments?status=pending").json().path("data").isEmpty());
    int total = 0;
    for (String status :
        List.of("pending", "succeeded", "failed", "cancelled", "expired", "unknown")) {
      JsonNode page = h.merchant().get("/v1/payments?status=" + status).json().path("data");
      page.forEach(p -> assertThat(p.path("status").asText()).isEqualTo(status));
      total += page.size();
    }
    assertThat(total).isEqualTo(8);
    assertThat(
            h.merchant().get("/v1/payments?created_after=2999-01-01T00:00:00Z").json().path("data"))
        .isEmpty();

    for (String bad :
        new String[] {
          "limit=0", "limit=101", "limit=x", "status=paid", "created_after=yesterday", "phone=123"
        }) {
      Reply reply = h.merchant().get("/v1/payments?" + bad);
      assertThat(reply.status()).as(bad).isEqualTo(400);
      assertThat(reply.json().path("error").path("param").asText())
          .isEqualTo(bad.substring(0, bad.indexOf('=')));
    }
  }

  @Test
  void everyStateChangeIsAnEventListedNewestFirst() {
    String id = h.merchant().post("/v1/payments", payment("254700001032", 10)).text("id");
    JsonNode events = h.merchant().get("/v1/events").json().path("data");
    Set<String> types = new HashSet<>();
    events.forEach(e -> types.add(e.path("type").asText()));
    assertThat(types).contains("payment.created", "payment.submitted");
    JsonNode one = h.merchant().get("/v1/events/" + events.get(0).path("id").asText()).json();
    assertThat(one.path("data").path("object").path("id").asText()).isEqualTo(id);
    assertThat(h.merchant().get("/v1/events/evt_nope").status()).isEqualTo(404);
  }

  @Test
  void healthAndMetricsArePublicAndTell() {
    Reply health = h.merchant().send("GET", "/health", null, null, null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("database")).isEqualTo("UP");
    assertThat(health.text("daraja_token")).isEqualTo("UP");
    h.merchant().post("/v1/payments", payment("254708374149", 10));
    String metrics = h.merchant().send("GET", "/metrics", null, null, null).json().asText();
    assertThat(metrics).contains("daraja_gateway_http_requests");
  }
}
