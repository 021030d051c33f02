package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.c2b.C2bCommand;
import io.github.darajakit.client.c2b.C2bRegisterRequest;
import io.github.darajakit.client.c2b.C2bRegisterResponse;
import io.github.darajakit.client.c2b.C2bResponseType;
import io.github.darajakit.client.c2b.C2bSimulateRequest;
import io.github.darajakit.client.c2b.C2bSimulateResponse;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** C2B URL registration and simulation against the emulator, callbacks included. */
@ExtendWith(DarajaEmulatorExtension.class)
class C2bFunctionalTest {

  private static final String PAYBILL = Sandbox.SHORTCODE_1;

  private static DarajaClient client(DarajaEmulator emulator) {
    // No real backoff sleeps: retries are counted, not timed.
    return TestClients.builder(emulator).shortCode(PAYBILL).sleeper(delay -> {}).build();
  }

  private static C2bRegisterRequest.Builder register(C2bCallbackServer merchant) {
    return C2bRegisterRequest.builder().confirmationUrl(merchant.url("/payments/confirm"));
  }

  private static C2bSimulateRequest.Builder payment() {
    return C2bSimulateRequest.builder().phone("0708 374 149").amount(100).billRefNumber("ACC-1042");
  }

  @Test
  void registeringV2ReadsTheMisspelledIdAndStoresTheUrls(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      C2bRegisterResponse response =
          client.c2b().registerUrls(register(merchant).validationUrl(merchant.url("/v")).build());

      assertThat(response.responseCode()).isEqualTo("0");
      assertThat(response.isSuccess()).isTrue();
      assertThat(response.responseDescription()).isEqualTo("Success");
      assertThat(response.originatorConversationId()).isNotBlank();
      assertThat(response.rawJson())
          .contains("\"OriginatorCoversationID\":\"" + response.originatorConversationId() + "\"");
      JsonNode registration = admin.get("c2b/registrations").path(PAYBILL);
      assertThat(registration.path("version").asInt()).isEqualTo(2);
      assertThat(registration.path("responseType").asText()).isEqualTo("Completed");
      assertThat(registration.path("confirmationUrl").asText())
          .isEqualTo(merchant.url("/payments/confirm"));
      assertThat(registration.path("validationUrl").asText()).isEqualTo(merchant.url("/v"));
      assertThat(admin.count("c2b_register_v2")).isEqualTo(1);
      assertThat(admin.count("c2b_register_v1")).isZero();
    }
  }

  @Test
  void registeringV1UsesTheV1EndpointAndTheResponseType(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      C2bRegisterResponse response =
          client
              .c2b()
              .registerUrlsAsync(
                  register(merchant).version(1).responseType(C2bResponseType.CANCELLED).build())
              .join();

      assertThat(response.responseDescription()).isEqualTo("success");
      JsonNode registration = admin.get("c2b/registrations").path(PAYBILL);
      assertThat(registration.path("version").asInt()).isEqualTo(1);
      assertThat(registration.path("responseType").asText()).isEqualTo("Cancelled");
      assertThat(registration.path("validationUrl").asText()).isEmpty();
      assertThat(admin.count("c2b_register_v1")).isEqualTo(1);
    }
  }

  @Test
  void registeringOnTheStkOnlyShortcodeIsAnApiErrorExplainingTheSoapFault(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      assertThatThrownBy(
              () ->
                  client
                      .c2b()
                      .registerUrls(register(merchant).shortCode(Sandbox.STK_SHORTCODE).build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("steps.servicecallout.ExecutionFailed");
                assertThat(e.errorMessage())
                    .isEqualTo(
                        "Execution of ServiceCallout SCO-AddURLVault failed. Reason: ResponseCode"
                            + " 409 is treated as error");
                assertThat(e.rawBody()).contains("\"faultcode\":\"soap:Server\"");
                assertThat(e.getMessage())
                    .contains("HTTP 500")
                    .contains("SCO-AddURLVault")
                    .contains("174379 is STK-only")
                    .contains("600992");
              });
      // A refusal, not an outage: asked once.
      assertThat(admin.count("c2b_register_v2")).isEqualTo(1);
    }
  }

  @Test
  void productionReRegistrationIsRefusedOnceWithDarajasCode(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.send("PATCH", "settings", "{\"c2b\":{\"registration\":\"production\"}}");
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      client.c2b().registerUrls(register(merchant).build());
      assertThatThrownBy(() -> client.c2b().registerUrls(register(merchant).build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("500.003.1001");
                assertThat(e.errorMessage()).isEqualTo("Urls are already registered.");
                assertThat(e.requestId()).isNotEmpty();
                assertThat(e.getMessage()).contains("URL Management");
              });
      assertThat(admin.count("c2b_register_v2")).isEqualTo(2);
    }
  }

  @Test
  void unknownShortcodeIsAnApiErrorNamingTheField(DarajaEmulator emulator) {
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      assertThatThrownBy(
              () -> client.c2b().registerUrls(register(merchant).shortCode("999999").build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.errorCode()).isEqualTo("400.002.02");
                assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid ShortCode");
              });
    }
  }

  @Test
  void registrationIsRetriedAfterAServerError(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"c2b_register_v2\",\"mode\":\"reject\",\"count\":1}]}");
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      C2bRegisterResponse response = client.c2b().registerUrls(register(merchant).build());
      assertThat(response.responseCode()).isEqualTo("0");
      assertThat(admin.count("c2b_register_v2")).isEqualTo(2);
    }
  }

  @Test
  void simulatedPaymentReachesTheRegisteredConfirmationUrl(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      client.c2b().registerUrls(register(merchant).build());

      C2bSimulateResponse response = client.c2b().simulate(payment().build());

      assertThat(response.responseCode()).isEqualTo("0");
      assertThat(response.isAccepted()).isTrue();
      assertThat(response.responseDescription())
          .isEqualTo("Accept the service request successfully.");
      assertThat(response.originatorConversationId()).isNotBlank();
      JsonNode confirmation =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> merchant.bodies("/payments/confirm"), list -> !list.isEmpty())
              .get(0);
      assertThat(confirmation.path("TransactionType").asText()).isEqualTo("Pay Bill");
      assertThat(confirmation.path("TransAmount").asText()).isEqualTo("100.00");
      assertThat(confirmation.path("BusinessShortCode").asText()).isEqualTo(PAYBILL);
      assertThat(confirmation.path("BillRefNumber").asText()).isEqualTo("ACC-1042");
      assertThat(confirmation.path("MSISDN").asText()).isEqualTo("2547 ***** 149");
      assertThat(confirmation.path("TransID").asText()).matches("[A-Z0-9]{10}");
      assertThat(merchant.all()).hasSize(1);
      assertThat(admin.count("c2b_simulate_v2")).isEqualTo(1);
    }
  }

  @Test
  void simulatedPaymentIsValidatedFirstWhenAValidationUrlIsRegistered(DarajaEmulator emulator) {
    // Validation is sent only once Safaricom has enabled External Validation for the shortcode.
    new EmulatorAdmin(emulator).enableExternalValidation(PAYBILL);
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      client
          .c2b()
          .registerUrls(
              register(merchant).validationUrl(merchant.url("/payments/validate")).build());

      client.c2b().simulateAsync(payment().amount(75).build()).join();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> merchant.bodies("/payments/confirm"), list -> !list.isEmpty());
      assertThat(merchant.all())
          .extracting(C2bCallbackServer.Received::path)
          .containsExactly("/payments/validate", "/payments/confirm");
      JsonNode validation = merchant.bodies("/payments/validate").get(0);
      assertThat(validation.path("TransAmount").asText()).isEqualTo("75.00");
      assertThat(validation.path("OrgAccountBalance").asText()).isEmpty();
    }
  }

  @Test
  void v1SimulationAfterV1RegistrationHashesTheMsisdn(DarajaEmulator emulator) throws Exception {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      client.c2b().registerUrls(register(merchant).version(1).build());

      client.c2b().simulate(payment().version(1).build());

      JsonNode confirmation =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> merchant.bodies("/payments/confirm"), list -> !list.isEmpty())
              .get(0);
      String sha256 =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(Sandbox.TEST_MSISDN.getBytes(StandardCharsets.UTF_8)));
      assertThat(confirmation.path("MSISDN").asText()).isEqualTo(sha256);
      assertThat(admin.count("c2b_simulate_v1")).isEqualTo(1);
      assertThat(admin.count("c2b_simulate_v2")).isZero();
    }
  }

  @Test
  void buyGoodsSimulationPaysATillWithoutAnAccountNumber(DarajaEmulator emulator) {
    try (DarajaClient client = client(emulator);
        C2bCallbackServer merchant = new C2bCallbackServer()) {
      client.c2b().registerUrls(register(merchant).shortCode(Sandbox.BUY_GOODS_TILL).build());

      client
          .c2b()
          .simulate(
              C2bSimulateRequest.builder()
                  .shortCode(Sandbox.BUY_GOODS_TILL)
                  .command(C2bCommand.BUY_GOODS)
                  .phone(Sandbox.TEST_MSISDN)
                  .amount(40)
                  .build());

      JsonNode confirmation =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> merchant.bodies("/payments/confirm"), list -> !list.isEmpty())
              .get(0);
      assertThat(confirmation.path("TransactionType").asText()).isEqualTo("Buy Goods");
      assertThat(confirmation.path("BusinessShortCode").asText()).isEqualTo(Sandbox.BUY_GOODS_TILL);
      assertThat(confirmation.path("BillRefNumber").asText()).isEmpty();
    }
  }

  @Test
  void buyGoodsOnAPayBillIsAnApiErrorAndNothingIsPaid(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client = client(emulator)) {
      assertThatThrownBy(
              () ->
                  client
                      .c2b()
                      .simulate(
                          C2bSimulateRequest.builder()
                              .command(C2bCommand.BUY_GOODS)
                              .phone(Sandbox.TEST_MSISDN)
                              .amount(40)
                              .build()))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.errorCode()).isEqualTo("400.002.02");
                assertThat(e.errorMessage()).isEqualTo("Bad Request - Invalid CommandID");
              });
      assertThat(admin.count("c2b_simulate_v2")).isEqualTo(1);
      assertThat(admin.get("transactions").path("transactions")).isEmpty();
    }
  }

  @Test
  void simulationWhoseAnswerIsLostIsOutcomeUnknownAndSentOnce(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    admin.faults(
        "{\"errors\":[{\"endpoint\":\"c2b_simulate_v2\",\"mode\":\"accept_then_drop\","
            + "\"count\":1}]}");
    try (DarajaClient client = client(emulator)) {
      assertThatThrownBy(() -> client.c2b().simulate(payment().build()))
          .isInstanceOfSatisfying(
              DarajaOutcomeUnknownException.class,
              e -> {
                assertThat(e.operation()).isEqualTo("c2b.simulate");
                assertThat(e.identifiers().get("shortCode")).isEqualTo(PAYBILL);
                assertThat(e.identifiers().get("amount")).isEqualTo("100");
                assertThat(e.billRefNumber().orElseThrow()).isEqualTo("ACC-1042");
                assertThat(e.identifiers().get("phone")).isEqualTo("2547****4149");
              });
      assertThat(admin.count("c2b_simulate_v2")).isEqualTo(1);
      // The sandbox payment did happen, once: exactly why the SDK must not send it again.
      JsonNode ledger =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> admin.get("transactions").path("transactions"), list -> list.size() > 0);
      assertThat(ledger).hasSize(1);
    }
  }

  @Test
  void productionRefusesSimulationAndHttpUrlsBeforeAnyRequest(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient client =
        DarajaClient.builder()
            .environment(Environment.PRODUCTION)
            .consumerKey(TestClients.CONSUMER_KEY)
            .consumerSecret(TestClients.CONSUMER_SECRET)
            .shortCode(PAYBILL)
            .build()) {
      assertThatThrownBy(() -> client.c2b().simulate(payment().build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> {
                assertThat(e.field()).isEqualTo("environment");
                assertThat(e.getMessage()).contains("only in the sandbox");
              });
      assertThatThrownBy(
              () ->
                  client
                      .c2b()
                      .registerUrls(
                          C2bRegisterRequest.builder()
                              .confirmationUrl("http://shop.example.com/payments/confirm")
                              .build()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> {
                assertThat(e.field()).isEqualTo("confirmationUrl");
                assertThat(e.getMessage()).contains("must use https in production");
              });
      assertThatThrownBy(
              () ->
                  client
                      .c2b()
                      .registerUrlsAsync(
                          C2bRegisterRequest.builder()
                              .confirmationUrl("https://shop.example.com/payments/confirm")
                              .validationUrl("http://shop.example.com/payments/validate")
                              .build())
                      .join())
          .hasCauseInstanceOf(DarajaValidationException.class)
          .hasMessageContaining("validationUrl: ");
    }
    assertThat(admin.count("oauth")).isZero();
    assertThat(admin.count("c2b_simulate_v2")).isZero();
    assertThat(admin.count("c2b_register_v2")).isZero();
  }
}
