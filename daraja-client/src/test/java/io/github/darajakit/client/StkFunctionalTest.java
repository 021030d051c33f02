package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.client.stk.StkPushResponse;
import io.github.darajakit.client.stk.StkQueryResult;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DarajaEmulatorExtension.class)
class StkFunctionalTest {

  private static DarajaClient client(DarajaEmulator emulator) {
    return DarajaClient.builder()
        .baseUrl(emulator.baseUrl())
        .consumerKey("key")
        .consumerSecret("secret")
        .shortCode(Sandbox.STK_SHORTCODE)
        .passkey(Sandbox.STK_PASSKEY)
        .build();
  }

  private static StkPushRequest push(String phone) {
    return StkPushRequest.builder()
        .phone(phone)
        .amount(10)
        .accountReference("INV-1")
        .description("Invoice 1")
        .callbackUrl("http://127.0.0.1:9/callback")
        .build();
  }

  @Test
  void pushThenQueryEndsPaid(DarajaEmulator emulator) {
    try (DarajaClient client = client(emulator)) {
      StkPushResponse response = client.stk().push(push("0708 374 149"));
      assertThat(response.responseCode()).isEqualTo("0");
      assertThat(response.checkoutRequestId()).startsWith("ws_CO_");

      StkQueryResult pending = client.stk().query(response.checkoutRequestId());
      assertThat(pending.isPending()).isTrue();

      StkQueryResult result =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> client.stk().query(response.checkoutRequestId()), r -> !r.isPending());
      assertThat(result.isPaid()).isTrue();
      assertThat(result.resultCode().code()).isEqualTo("0");
      assertThat(result.merchantRequestId()).isEqualTo(response.merchantRequestId());
    }
  }

  @Test
  void fromEnvWithTheEmulatorsNameAndAddressAlonePushes(DarajaEmulator emulator) {
    // A new user's first run: MPESA_ENV=emulator, no key, secret, shortcode or passkey.
    try (DarajaClient client =
        DarajaClient.fromEnv(
            Map.of("MPESA_ENV", "emulator", "MPESA_BASE_URL", emulator.baseUrl()))) {
      StkPushResponse response = client.stk().push(push("0708 374 149"));
      assertThat(response.responseCode()).isEqualTo("0");
      StkQueryResult result =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> client.stk().query(response.checkoutRequestId()), r -> !r.isPending());
      assertThat(result.isPaid()).isTrue();
    }
  }

  @Test
  void theLongestReferenceAndDescriptionTheSdkTakesAreWhatTheEmulatorAccepts(
      DarajaEmulator emulator) {
    // One limit on both sides: the SDK refuses nothing the emulator (and the real sandbox) takes.
    try (DarajaClient client = client(emulator)) {
      StkPushResponse response =
          client
              .stk()
              .push(
                  StkPushRequest.builder()
                      .phone("0708 374 149")
                      .amount(10)
                      .accountReference("R".repeat(StkPushRequest.MAX_ACCOUNT_REFERENCE))
                      .description("D".repeat(StkPushRequest.MAX_DESCRIPTION))
                      .callbackUrl("http://127.0.0.1:9/callback")
                      .build());
      assertThat(response.responseCode()).isEqualTo("0");
    }
  }

  @Test
  void cancelledPromptIsACancelledOutcomeNotAnException(DarajaEmulator emulator) {
    try (DarajaClient client = client(emulator)) {
      StkPushResponse response = client.stk().push(push("254700001032"));
      StkQueryResult result =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> client.stk().query(response.checkoutRequestId()), r -> !r.isPending());
      assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
      assertThat(result.resultCode().retryable()).isTrue();
    }
  }

  @Test
  void busySubscriberIsAnApiErrorWithDarajaCodeAndAHint(DarajaEmulator emulator) {
    try (DarajaClient client = client(emulator)) {
      assertThatThrownBy(() -> client.stk().push(push("254700001001")))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("500.001.1001");
                assertThat(e.errorMessage()).startsWith("Unable to lock subscriber");
                assertThat(e.requestId()).isNotEmpty();
                assertThat(e.getMessage()).contains("wait at least a minute");
              });
    }
  }
}
