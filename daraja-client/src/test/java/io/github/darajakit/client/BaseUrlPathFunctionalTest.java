package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A base URL with a path, as when Daraja sits behind a company proxy at {@code
 * https://proxy.example.com/daraja}: every request, OAuth included, must keep the path.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class BaseUrlPathFunctionalTest {

  private static final String PREFIX = "/daraja";

  private DarajaEmulator emulator;
  private HttpServer proxy;
  private final HttpClient upstream = HttpClient.newHttpClient();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startProxy(DarajaEmulator emulator) throws IOException {
    this.emulator = emulator;
    proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/", this::forward);
    proxy.start();
  }

  @AfterEach
  void stopProxy() {
    proxy.stop(0);
  }

  /** Forwards {@code /daraja/…} to the emulator without the prefix; anything else is a 404. */
  private void forward(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    seen.add(exchange.getRequestMethod() + " " + uri);
    byte[] answer;
    int status;
    if (uri.getRawPath().startsWith(PREFIX + "/")) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String target =
          emulator.baseUrl()
              + uri.getRawPath().substring(PREFIX.length())
              + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (String header : List.of("Authorization", "Content-Type", "Accept")) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          request.header(header, value);
        }
      }
      try {
        HttpResponse<byte[]> response =
            upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        status = response.statusCode();
        answer = response.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    } else {
      status = 404;
      answer = "{\"error\":\"not under /daraja\"}".getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Test
  void everyRequestKeepsTheBaseUrlsPath() {
    String base = "http://127.0.0.1:" + proxy.getAddress().getPort() + PREFIX + "/";
    try (DarajaClient client = TestClients.builder(emulator).baseUrl(base).maxRetries(0).build()) {
      StkPushResponse push =
          client
              .stk()
              .push(
                  StkPushRequest.builder()
                      .phone(Sandbox.TEST_MSISDN)
                      .amount(1)
                      .accountReference("INV-1")
                      .description("Invoice 1")
                      .callbackUrl("http://127.0.0.1:9/callback")
                      .build());
      assertThat(push.responseCode()).isEqualTo("0");
      assertThat(client.stk().query(push.checkoutRequestId()).checkoutRequestId())
          .isEqualTo(push.checkoutRequestId());
    }
    assertThat(seen)
        .containsExactly(
            "GET /daraja/oauth/v1/generate?grant_type=client_credentials",
            "POST /daraja/mpesa/stkpush/v1/processrequest",
            "POST /daraja/mpesa/stkpushquery/v1/query");
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    assertThat(admin.count("stk_push")).isEqualTo(1);
    assertThat(admin.count("stk_query")).isEqualTo(1);
  }
}
