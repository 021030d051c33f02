package io.github.darajakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.DarajaEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The emulator's admin API, for tests to see what a command did (or did not) send. */
final class EmulatorAdmin {

  private final DarajaEmulator emulator;
  private final HttpClient http = HttpClient.newHttpClient();

  EmulatorAdmin(DarajaEmulator emulator) {
    this.emulator = emulator;
  }

  JsonNode call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(emulator.adminUrl() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return Output.JSON.readTree(reply.body());
  }

  JsonNode get(String path) throws Exception {
    return call("GET", path, null);
  }

  /** Requests the emulator answered at one endpoint (its id in docs/emulator.md). */
  int calls(String endpoint) throws Exception {
    return get("/counters").path("endpoints").path(endpoint).asInt();
  }

  /** Ledger entries with this party, newest first. */
  JsonNode ledger(String party) throws Exception {
    return get("/transactions?party=" + party + "&limit=1000").path("transactions");
  }
}
