package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.support.GatewayHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v1/events/stream: events as server-sent events, live, resumable by Last-Event-ID. */
class EventStreamTest {

  @RegisterExtension GatewayHarness h = new GatewayHarness();

  private final HttpClient http = HttpClient.newHttpClient();

  /** Opens the stream and collects its lines in the background; closes with the test's JVM. */
  private List<String> open(String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(h.gateway().baseUrl() + "/v1/events/stream"))
            .header("Authorization", "Bearer " + GatewayHarness.API_KEY);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains(": connected"));
    return lines;
  }

  private String createPayment() {
    String id = h.merchant().createPayment("0708374149", 150);
    h.merchant().awaitSettled(id);
    return id;
  }

  @Test
  void eventsArriveAsTheyHappenAndOnlyOnce() throws Exception {
    String before = createPayment();
    List<String> lines = open(null);
    String payment = createPayment();

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.contains("event: payment.succeeded"));
    assertThat(lines)
        .filteredOn(l -> l.startsWith("event: "))
        .containsExactly(
            "event: payment.created", "event: payment.submitted", "event: payment.succeeded");
    assertThat(lines)
        .filteredOn(l -> l.startsWith("data: "))
        .allSatisfy(l -> assertThat(l).contains(payment).doesNotContain(before));
    assertThat(lines).filteredOn(l -> l.startsWith("id: evt_")).hasSize(3);
  }

  @Test
  void aReaderThatReconnectsWithLastEventIdGetsWhatItMissed() throws Exception {
    String payment = createPayment();
    com.fasterxml.jackson.databind.JsonNode events =
        h.merchant().get("/v1/events?object_id=" + payment).json().path("data");
    String created = events.get(events.size() - 1).path("id").asText(); // newest first
    assertThat(events.get(events.size() - 1).path("type").asText()).isEqualTo("payment.created");
    List<String> lines = open(created);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.contains("event: payment.succeeded"));
    assertThat(lines)
        .filteredOn(l -> l.startsWith("event: "))
        .containsExactly("event: payment.submitted", "event: payment.succeeded");
  }

  @Test
  void theStreamNeedsTheApiKey() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(h.gateway().baseUrl() + "/v1/events/stream")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }
}
