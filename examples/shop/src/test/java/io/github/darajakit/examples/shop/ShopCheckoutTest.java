package io.github.darajakit.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.spring.test.DarajaEmulatorTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A checkout end to end: the order is posted over HTTP, the client pushes to the emulator, the
 * emulator's customer answers and its callback comes back to the shop's endpoint, which stores it
 * and publishes the event that marks the order paid.
 */
@DarajaEmulatorTest(properties = "spring.datasource.url=jdbc:sqlite:target/shop-test.db")
class ShopCheckoutTest {

  /** The emulator's customer who pays (docs/emulator.md, scenarios). */
  static final String PAYS = "0708374149";

  /** The emulator's customer who cancels the prompt (ResultCode 1032). */
  static final String CANCELS = "0700001032";

  @Value("${local.server.port}")
  int port;

  @Autowired Orders orders;

  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired MeterRegistry meters;

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String post(String json) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  /** The order once its callback has settled it (the emulator calls back after about 1 s). */
  private Order settled(String id) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> orders.find(id).orElseThrow().status() != OrderStatus.AWAITING_PAYMENT);
    return orders.find(id).orElseThrow();
  }

  @Test
  void aPaidCheckoutTurnsTheOrderPaidWithItsReceipt() throws Exception {
    String id = post("{\"phone\":\"" + PAYS + "\",\"amountKes\":150}");
    assertThat(orders.find(id).orElseThrow().status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);

    Order order = settled(id);
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(order.mpesaReceipt()).matches("[A-Z0-9]{10}");
    assertThat(order.checkoutRequestId()).isNotBlank();
    assertThat(get("/orders/" + id).body()).contains("\"status\":\"PAID\"");
    assertThat(meters.find("daraja.client.requests").tag("operation", "stk.push").timer())
        .isNotNull();
  }

  @Test
  void actuatorHealthShowsTheDarajaComponentUp() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body().replace(" ", "")).contains("\"daraja\":{\"status\":\"UP\"");
  }

  @Test
  void aCancelledPromptFailsTheOrderWithTheReason() throws Exception {
    String id = post("{\"phone\":\"" + CANCELS + "\",\"amountKes\":90}");

    Order order = settled(id);
    assertThat(order.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(order.failureReason()).containsIgnoringCase("cancelled");
    assertThat(order.mpesaReceipt()).isNull();
  }
}
