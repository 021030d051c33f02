package io.github.darajakit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.gateway.DarajaGateway;
import io.github.darajakit.gateway.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How fast payout batch rows leave when several gateway instances share one database, against the
 * configured pace ({@code payouts.ratePerSecond}, shared by all of them), and whether any row was
 * sent twice. One emulator and {@code instances} gateways run in this JVM on {@code jdbcUrl}; each
 * instance gets its own batch, confirmed at the same moment, so every instance has rows to send and
 * the pace is the only thing holding them back. The send rate is the rows of all batches over the
 * time from the confirmations until none is left queued or being sent.
 *
 * <p>Usage: {@code PayoutPaceBench <jdbcUrl> <rate> <seconds> <instances>}; {@code
 * daraja-bench/run-payout-batch-bench.sh} runs it when {@code PG_URL} is set.
 */
public final class PayoutPaceBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_KEY = "bench-api-key-0123456789abcdef";

  private PayoutPaceBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: PayoutPaceBench <jdbcUrl> <rate> <seconds> <instances>");
      System.exit(2);
    }
    String jdbcUrl = args[0];
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int instances = Integer.parseInt(args[3]);
    int rowsPerBatch = rate * seconds / instances;

    try (DarajaEmulator emulator =
        DarajaEmulator.builder()
            .config(EmulatorConfig.builder().resultDelay(Duration.ofMillis(50)).build())
            .port(0)
            .start()) {
      DarajaClient daraja =
          DarajaClient.builder()
              .baseUrl(emulator.baseUrl())
              .consumerKey("bench")
              .consumerSecret("bench-secret")
              .shortCode(Sandbox.STK_SHORTCODE)
              .passkey(Sandbox.STK_PASSKEY)
              .initiator(
                  Sandbox.INITIATOR_NAME,
                  Sandbox.INITIATOR_PASSWORD,
                  SecurityCredentials.certificate(emulator.certificatePem()))
              .build();
      List<DarajaGateway> gateways = new ArrayList<>();
      try {
        for (int i = 0; i < instances; i++) {
          gateways.add(
              DarajaGateway.builder()
                  .config(
                      GatewayConfig.builder(jdbcUrl)
                          .port(0)
                          .apiKey(API_KEY)
                          .callbackSecret("bench-callback-secret-0123456789")
                          .payoutShortCode(Sandbox.SHORTCODE_2)
                          .payoutRatePerSecond(rate)
                          .instanceId("bench-" + i)
                          .build())
                  .daraja(daraja)
                  .start());
        }
        HttpClient http = HttpClient.newHttpClient();
        List<String> batches = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
          ObjectNode body =
              JSON.createObjectNode().put("type", "business").put("remarks", "Pace bench");
          ArrayNode items = body.putArray("items");
          for (int row = 0; row < rowsPerBatch; row++) {
            items.addObject().put("phone", String.format("25472%d%06d", i, row)).put("amount", 10);
          }
          batches.add(
              call(http, gateways.get(i), "POST", "/v1/payout-batches", body).path("id").asText());
        }
        long started = System.nanoTime();
        for (int i = 0; i < instances; i++) {
          call(
              http,
              gateways.get(i),
              "POST",
              "/v1/payout-batches/" + batches.get(i) + "/confirm",
              JSON.createObjectNode());
        }
        Set<String> unsent = new HashSet<>(batches);
        while (!unsent.isEmpty()) {
          for (String id : List.copyOf(unsent)) {
            JsonNode progress =
                call(http, gateways.get(0), "GET", "/v1/payout-batches/" + id, null)
                    .path("progress");
            if (progress.at("/queued/count").asInt() == 0
                && progress.at("/sending/count").asInt() == 0) {
              unsent.remove(id);
            }
          }
          Thread.sleep(20);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        int rows = rowsPerBatch * instances;
        HttpResponse<String> ledgerAnswer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(emulator.adminUrl() + "/transactions?party=600000&limit=10000"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ledgerAnswer.statusCode() != 200) {
          throw new IllegalStateException("the emulator's ledger: " + ledgerAnswer.body());
        }
        JsonNode ledger = JSON.readTree(ledgerAnswer.body());
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (JsonNode t : ledger.path("transactions")) {
          if (!seen.add(t.path("originatorConversationId").asText())) {
            duplicates++;
          }
        }
        System.out.printf(
            "instances=%d pace=%d/s rows=%d sent_in=%.2fs send_rate=%.1f/s (%.2f of the pace)"
                + " ledger_payments=%d duplicates=%d%n",
            instances,
            rate,
            rows,
            elapsed,
            rows / elapsed,
            rows / elapsed / rate,
            seen.size() + duplicates,
            duplicates);
      } finally {
        for (DarajaGateway gateway : gateways) {
          gateway.close();
        }
        daraja.close();
      }
    }
  }

  private static JsonNode call(
      HttpClient http, DarajaGateway gateway, String method, String path, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + ": " + answer.body());
    }
    return JSON.readTree(answer.body());
  }
}
