package io.github.darajakit.emulator.embedding;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.emulator.support.CallbackReceiver;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.Requests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Starting, running side by side and stopping embedded emulators. */
class DarajaEmulatorLifecycleTest {

  private static String health(DarajaEmulator emulator) {
    return new DarajaHttp(emulator.baseUrl()).adminGet("health").path("status").asText();
  }

  @Test
  void startBindsAFreePortOnLoopbackAndServesDarajaAndAdmin() {
    try (DarajaEmulator emulator = DarajaEmulator.start()) {
      assertThat(emulator.port()).isPositive().isNotEqualTo(8090);
      assertThat(emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + emulator.port());
      assertThat(emulator.adminUrl()).isEqualTo(emulator.baseUrl() + "/__admin");
      assertThat(emulator.toString()).contains(emulator.baseUrl());
      assertThat(health(emulator)).isEqualTo("UP");
      assertThat(new DarajaHttp(emulator.baseUrl()).newToken("k", "s")).hasSize(28);
    }
  }

  @Test
  void closeFreesThePortForTheNextEmulator() throws IOException {
    DarajaEmulator first = DarajaEmulator.start();
    int port = first.port();
    DarajaHttp oldClient = new DarajaHttp(first.baseUrl());
    String baseUrl = first.baseUrl();
    first.close();

    assertThat(first.port()).as("still names the port it served").isEqualTo(port);
    assertThat(first.baseUrl()).isEqualTo(baseUrl);

    assertThatThrownBy(() -> oldClient.adminGet("health")).isInstanceOf(UncheckedIOException.class);
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(probe.getLocalPort()).isEqualTo(port);
    }
    try (DarajaEmulator second = DarajaEmulator.builder().port(port).start()) {
      assertThat(second.port()).isEqualTo(port);
      assertThat(health(second)).isEqualTo("UP");
    }
  }

  @Test
  void closeAndStopAreIdempotent() {
    DarajaEmulator emulator = DarajaEmulator.start();
    int port = emulator.port();

    emulator.close();
    emulator.close();
    emulator.stop();

    try (DarajaEmulator again = DarajaEmulator.builder().port(port).start()) {
      assertThat(health(again)).isEqualTo("UP");
    }
  }

  @Test
  void startingOnABusyPortFailsNamingTheAddress() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = busy.getLocalPort();

      assertThatThrownBy(() -> DarajaEmulator.builder().port(port).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void twoEmulatorsRunSideBySideWithoutSharingAnyState() {
    try (DarajaEmulator a = DarajaEmulator.start();
        DarajaEmulator b = DarajaEmulator.start()) {
      DarajaHttp onA = new DarajaHttp(a.baseUrl());
      DarajaHttp onB = new DarajaHttp(b.baseUrl());
      assertThat(a.port()).isNotEqualTo(b.port());

      String tokenFromA = onA.newToken("k", "s");
      onA.admin("PUT", "customers/" + Requests.TEST_MSISDN + "/balance", "{\"balance\":\"7.00\"}");
      onA.admin("PUT", "faults", "{\"quota\":{\"maxRequests\":1}}");
      onA.admin("POST", "clock/advance", "{\"by\":\"3h\"}");

      assertThat(onB.adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText())
          .isEqualTo("250000.00");
      assertThat(onB.adminGet("faults").has("quota")).isFalse();
      assertThat(onB.adminGet("clock").path("offset").asText()).isEqualTo("PT0S");
      assertThat(onB.adminGet("state").path("liveTokens").asInt()).isZero();
      assertDarajaError(
          onB.post(
              "/mpesa/stkpush/v1/processrequest", "{}", "Bearer " + tokenFromA, "application/json"),
          "404.001.03",
          "Invalid Access Token");
      assertThat(onA.adminGet("customers/" + Requests.TEST_MSISDN).path("balance").asText())
          .isEqualTo("7.00");

      b.close();
      assertThat(health(a)).isEqualTo("UP");
    }
  }

  @Test
  void configReflectsRuntimeSettingsAndResetRestoresThem() {
    EmulatorConfig config = EmulatorConfig.builder().stkMaxAmount(1_000).build();
    try (DarajaEmulator emulator = DarajaEmulator.builder().config(config).port(0).start()) {
      DarajaHttp http = new DarajaHttp(emulator.baseUrl());
      assertThat(emulator.config().stkMaxAmount()).isEqualTo(1_000);
      assertThat(emulator.config().port()).isZero();

      http.admin("PATCH", "settings", "{\"stk.maxAmount\":5}");
      assertThat(emulator.config().stkMaxAmount()).isEqualTo(5);

      emulator.reset();
      assertThat(emulator.config().stkMaxAmount()).isEqualTo(1_000);
    }
  }

  @Test
  void injectedClockIsTheEmulatorsNow() {
    Instant pinned = Instant.parse("2030-06-01T09:00:00Z");
    try (DarajaEmulator emulator =
        DarajaEmulator.builder().port(0).clock(Clock.fixed(pinned, ZoneOffset.UTC)).start()) {
      DarajaHttp http = new DarajaHttp(emulator.baseUrl());

      assertThat(http.adminGet("clock").path("now").asText()).isEqualTo("2030-06-01T09:00:00Z");
      http.admin("POST", "clock/advance", "{\"by\":\"90m\"}");
      assertThat(http.adminGet("clock").path("now").asText()).isEqualTo("2030-06-01T10:30:00Z");
    }
  }

  @Test
  void securityCredentialOfTheInitiatorPasswordPassesAStrictCredentialCheck() {
    EmulatorConfig strict =
        EmulatorConfig.builder()
            .credentialMode(EmulatorConfig.CredentialMode.STRICT)
            .resultDelay(Duration.ZERO)
            .build();
    try (DarajaEmulator emulator = DarajaEmulator.builder().config(strict).port(0).start();
        CallbackReceiver receiver = new CallbackReceiver()) {
      DarajaHttp http = new DarajaHttp(emulator.baseUrl());
      String good = emulator.securityCredential(Sandbox.INITIATOR_PASSWORD);
      String bad = emulator.securityCredential("not-the-password");

      http.post(
          "/mpesa/b2c/v3/paymentrequest",
          Requests.b2c(
              "good", good, 10, Sandbox.TEST_MSISDN, receiver.url("/good"), receiver.url("/t")));
      http.post(
          "/mpesa/b2c/v3/paymentrequest",
          Requests.b2c(
              "bad", bad, 10, Sandbox.TEST_MSISDN, receiver.url("/bad"), receiver.url("/t")));

      assertThat(emulator.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
      assertThat(receiver.awaitOne("/good").body().at("/Result/ResultCode").asInt()).isZero();
      assertThat(receiver.awaitOne("/bad").body().at("/Result/ResultCode").asInt()).isEqualTo(2001);
    }
  }
}
