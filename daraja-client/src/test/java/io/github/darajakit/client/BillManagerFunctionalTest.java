package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.billmanager.BillManagerAnswer;
import io.github.darajakit.client.billmanager.InvoiceSent;
import io.github.darajakit.client.billmanager.OptInRequest;
import io.github.darajakit.client.billmanager.OptInResponse;
import io.github.darajakit.client.billmanager.PaymentAcknowledgement;
import io.github.darajakit.client.c2b.C2bSimulateRequest;
import io.github.darajakit.client.callbacks.BillPaymentNotification;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.support.EmulatorAdmin;
import io.github.darajakit.client.support.Invoices;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bill Manager end to end against the emulator over real HTTP: opt-in, invoices, a customer paying
 * through the ledger, the push read by {@link DarajaCallbacks#parse}, and its acknowledgement.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class BillManagerFunctionalTest {

  private static final String PAYBILL = Sandbox.SHORTCODE_1;
  private static final String CUSTOMER = "254708374149";

  private static DarajaClient client(DarajaEmulator emulator) {
    return TestClients.builder(emulator).shortCode(PAYBILL).sleeper(delay -> {}).build();
  }

  private static OptInResponse optIn(DarajaClient daraja, C2bCallbackServer biller) {
    biller.answer("/bills", DarajaCallbacks.acknowledgeBillPayment());
    return daraja
        .billManager()
        .optIn(
            OptInRequest.builder()
                .email("billing@shop.example.com")
                .officialContact("0710123456")
                .sendReminders(true)
                .callbackUrl(biller.url("/bills"))
                .build());
  }

  private static JsonNode awaitPush(C2bCallbackServer biller) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> biller.bodies("/bills"), list -> !list.isEmpty())
        .get(0);
  }

  @Test
  void anInvoicePaidInPartsIsPushedParsedAndAcknowledgedOnce(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient daraja = client(emulator);
        C2bCallbackServer biller = new C2bCallbackServer()) {
      OptInResponse registered = optIn(daraja, biller);
      assertThat(registered.appKey()).startsWith("AG_");
      BillManagerService bills = daraja.billManager().withAppKey(registered.appKey());
      InvoiceSent sent =
          bills.sendInvoice(
              Invoices.sample("INV-42")
                  .billedPhoneNumber("0708374149")
                  .accountReference("ADM-42")
                  .build());
      assertThat(sent.alreadySent()).isFalse();

      JsonNode paid =
          admin.send("POST", "billmanager/" + PAYBILL + "/invoices/INV-42/pay", "{\"amount\":500}");
      String receipt = paid.path("transId").asText();
      assertThat(paid.path("invoice").path("status").asText()).isEqualTo("part_paid");

      BillPaymentNotification push =
          (BillPaymentNotification) DarajaCallbacks.parse(awaitPush(biller).toString());
      assertThat(push.transactionId()).isEqualTo(receipt);
      assertThat(push.paidAmount()).isEqualByComparingTo("500");
      assertThat(push.accountReference()).isEqualTo("ADM-42");
      assertThat(push.shortCode()).isEqualTo(PAYBILL);
      assertThat(push.msisdn()).isEqualTo(CUSTOMER);
      assertThat(admin.get("transactions/" + receipt).path("amount").asText()).isEqualTo("500.00");

      BillManagerAnswer acknowledged =
          bills.acknowledgePayment(
              PaymentAcknowledgement.builder()
                  .payment(push)
                  .fullName("John Doe")
                  .invoiceName("Jentrys")
                  .externalReference("INV-42")
                  .build());
      assertThat(acknowledged.rescode()).isEqualTo("200");
      JsonNode payment = admin.get("billmanager/payments/" + receipt);
      assertThat(payment.path("attempts").asInt()).isEqualTo(1);
      assertThat(payment.path("delivered").asBoolean()).isTrue();
      assertThat(payment.path("acknowledgements").asInt()).isEqualTo(1);
      assertThat(payment.path("eReceiptsSent").asInt()).isEqualTo(1);

      assertThatThrownBy(() -> bills.cancelInvoice("INV-42"))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(409);
                assertThat(e.errorCode()).isEqualTo("409");
                assertThat(e.errorMessage())
                    .isEqualTo("Conflict: partially or fully paid invoices cannot be cancelled.");
              });
    }
  }

  @Test
  void aC2bPaymentToTheAccountReferencePaysTheInvoice(DarajaEmulator emulator) {
    try (DarajaClient daraja = client(emulator);
        C2bCallbackServer biller = new C2bCallbackServer()) {
      BillManagerService bills = daraja.billManager().withAppKey(optIn(daraja, biller).appKey());
      bills.sendInvoices(
          List.of(
              Invoices.sample("A").accountReference("ACC-A").amount(300).build(),
              Invoices.sample("B").accountReference("ACC-B").amount(100).build()));

      daraja
          .c2b()
          .simulate(
              C2bSimulateRequest.builder()
                  .phone(CUSTOMER)
                  .amount(100)
                  .billRefNumber("ACC-B")
                  .build());

      BillPaymentNotification push = DarajaCallbacks.parseBillPayment(awaitPush(biller).toString());
      assertThat(push.accountReference()).isEqualTo("ACC-B");
      assertThat(push.paidAmount()).isEqualTo(new BigDecimal("100.00"));
      assertThat(bills.cancelInvoices(List.of("A")).statusMessage())
          .isEqualTo("Invoice cancelled successfuly.");
    }
  }

  @Test
  void aLostAnswerIsRetriedAndTheSecondAttemptReadsAsAlreadySent(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient daraja = client(emulator);
        C2bCallbackServer biller = new C2bCallbackServer()) {
      BillManagerService bills = daraja.billManager().withAppKey(optIn(daraja, biller).appKey());
      // Bill Manager takes the invoice, then the connection drops before the answer.
      admin.faults(
          "{\"errors\":[{\"endpoint\":\"billmanager_invoice\",\"mode\":\"accept_then_drop\","
              + "\"count\":1}]}");

      InvoiceSent sent = bills.sendInvoice(Invoices.sample("INV-7").build());

      assertThat(sent.alreadySent()).isTrue();
      assertThat(admin.count("billmanager_invoice")).isEqualTo(2);
      assertThat(admin.get("billmanager/" + PAYBILL).path("invoices")).hasSize(1);
    }
  }

  @Test
  void theAppKeyHeaderCanBeNamedToMatchBillManagers(DarajaEmulator emulator) {
    EmulatorAdmin admin = new EmulatorAdmin(emulator);
    try (DarajaClient daraja = client(emulator);
        C2bCallbackServer biller = new C2bCallbackServer()) {
      String appKey = optIn(daraja, biller).appKey();
      admin.send("PATCH", "settings", "{\"billManager.appKeyHeader\":\"X-App-Key\"}");

      assertThatThrownBy(() -> daraja.billManager().withAppKey(appKey).cancelInvoice("none"))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo("401");
                assertThat(e.errorMessage()).contains("'X-App-Key'");
              });
      InvoiceSent sent =
          daraja
              .billManager()
              .withAppKeyHeader("X-App-Key")
              .withAppKey(appKey)
              .sendInvoice(Invoices.sample("INV-9").build());
      assertThat(sent.answer().statusMessage()).isEqualTo("Invoice sent successfully");
    }
  }

  @Test
  void aSecondOptInIsRefusedAsAlreadyRegistered(DarajaEmulator emulator) {
    try (DarajaClient daraja = client(emulator);
        C2bCallbackServer biller = new C2bCallbackServer()) {
      optIn(daraja, biller);
      assertThatThrownBy(() -> optIn(daraja, biller))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e ->
                  assertThat(e.errorMessage())
                      .isEqualTo("Conflict: Action Forbidden: Biller already Registered"));
    }
  }
}
