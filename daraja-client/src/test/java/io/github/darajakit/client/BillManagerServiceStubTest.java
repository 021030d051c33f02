package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.billmanager.BillManagerAnswer;
import io.github.darajakit.client.billmanager.Invoice;
import io.github.darajakit.client.billmanager.InvoiceSent;
import io.github.darajakit.client.billmanager.OptInRequest;
import io.github.darajakit.client.billmanager.OptInResponse;
import io.github.darajakit.client.billmanager.PaymentAcknowledgement;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.support.Invoices;
import io.github.darajakit.client.support.StubDaraja;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bill Manager over real HTTP against a stub Daraja: what is sent (bodies as in REFERENCE §14, the
 * app key in its header), how the {@code rescode}/{@code resmsg} envelope is read, and what a retry
 * after a lost answer means for an invoice.
 */
class BillManagerServiceStubTest {

  private static final String SUCCESS = "{\"resmsg\":\"Success\",\"rescode\":\"200\"}";
  private static final String SENT =
      "{\"Status_Message\":\"Invoice sent successfully\",\"resmsg\":\"Success\","
          + "\"rescode\":\"200\"}";
  private static final String DUPLICATE =
      "{\"Status_Message\":\"Action forbidden: Another entry exist with the same"
          + " externalReference number\",\"resmsg\":\"Conflict\",\"rescode\":\"409\"}";
  private static final String PAID_CANNOT_CANCEL =
      "{\"Status_Message\":\"partially or fully paid invoices cannot be cancelled.\","
          + "\"resmsg\":\"Conflict\",\"rescode\":\"409\",\"errors\":[]}";
  private static final String APP_KEY = "AG_2376487236_126732989KJ";

  private StubDaraja stub;

  @BeforeEach
  void start() {
    stub = new StubDaraja("/v1/billmanager-invoice/");
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private DarajaClient client(Duration readTimeout) {
    return stub.clientBuilder("718003", readTimeout).sleeper(duration -> {}).build();
  }

  private static Invoice invoice(String reference) {
    return Invoices.sample(reference).build();
  }

  @Test
  void optInSendsTheBillerWithoutAnAppKeyAndKeepsTheKeyOutOfToString() {
    stub.replies()
        .add(
            StubDaraja.Reply.now(
                200,
                "{\"app_key\":\"" + APP_KEY + "\",\"resmsg\":\"Success\",\"rescode\":\"200\"}"));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      OptInResponse biller =
          daraja
              .billManager()
              .optIn(
                  OptInRequest.builder()
                      .email("youremail@gmail.com")
                      .officialContact("+254 710 123 456")
                      .sendReminders(true)
                      .logo("image")
                      .callbackUrl("http://my.server.com/bar/callback")
                      .build());
      assertThat(biller.appKey()).isEqualTo(APP_KEY);
      assertThat(biller.rescode()).isEqualTo("200");
      assertThat(biller.toString()).doesNotContain(APP_KEY);
    }
    assertThat(stub.paths()).containsExactly("/v1/billmanager-invoice/optin");
    assertThat(Json.text(stub.received().get(0)))
        .isEqualTo(
            "{\"shortcode\":\"718003\",\"email\":\"youremail@gmail.com\","
                + "\"officialContact\":\"0710123456\",\"sendReminders\":\"1\",\"logo\":\"image\","
                + "\"callbackurl\":\"http://my.server.com/bar/callback\"}");
    assertThat(stub.header(0, "appKey")).isNull();
  }

  @Test
  void everyLaterCallCarriesTheAppKeyInTheHeaderChosen() {
    stub.alwaysAnswer(StubDaraja.Reply.now(200, SENT));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      daraja.billManager().withAppKey(APP_KEY).sendInvoice(invoice("#9932340"));
      daraja
          .billManager()
          .withAppKeyHeader("X-App-Key")
          .withAppKey(APP_KEY)
          .cancelInvoice("#9932340");
    }
    assertThat(stub.header(0, "appKey")).isEqualTo(APP_KEY);
    assertThat(stub.header(1, "X-App-Key")).isEqualTo(APP_KEY);
    assertThat(stub.header(1, "appKey")).isNull();
  }

  @Test
  void anInvoiceIsSentAsTheReferenceSampleShapesIt() {
    stub.alwaysAnswer(StubDaraja.Reply.now(200, SENT));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      InvoiceSent sent = daraja.billManager().withAppKey(APP_KEY).sendInvoice(invoice("#9932340"));
      assertThat(sent.alreadySent()).isFalse();
      assertThat(sent.answer().statusMessage()).isEqualTo("Invoice sent successfully");
      assertThat(sent.answer().rawJson()).isEqualTo(SENT);
    }
    assertThat(stub.paths()).containsExactly("/v1/billmanager-invoice/single-invoicing");
    assertThat(Json.text(stub.received().get(0)))
        .isEqualTo(
            "{\"externalReference\":\"#9932340\",\"billedFullName\":\"John Doe\","
                + "\"billedPhoneNumber\":\"254722000000\",\"billedPeriod\":\"August 2021\","
                + "\"invoiceName\":\"Jentrys\",\"dueDate\":\"2021-10-12\","
                + "\"accountReference\":\"1ASD678H\",\"amount\":\"800\",\"invoiceItems\":["
                + "{\"itemName\":\"food\",\"amount\":\"700\"},"
                + "{\"itemName\":\"water\",\"amount\":\"100\"}]}");
  }

  @Test
  void aLostAnswerIsRetriedAndTheDuplicateRefusalThatFollowsMeansAlreadySent() {
    stub.replies().add(new StubDaraja.Reply(200, SENT, Duration.ofSeconds(3)));
    stub.replies().add(StubDaraja.Reply.now(409, DUPLICATE));
    try (DarajaClient daraja = client(Duration.ofMillis(300))) {
      InvoiceSent sent = daraja.billManager().withAppKey(APP_KEY).sendInvoice(invoice("INV-7"));
      assertThat(sent.alreadySent()).isTrue();
      assertThat(sent.externalReference()).isEqualTo("INV-7");
      assertThat(sent.answer().rescode()).isEqualTo("409");
    }
    assertThat(stub.received()).hasSize(2);
    assertThat(stub.received().get(1)).isEqualTo(stub.received().get(0));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {200, 409})
  void aRescodeOtherThan200IsAnApiExceptionWithBillManagersMessage(int httpStatus) {
    stub.alwaysAnswer(StubDaraja.Reply.now(httpStatus, PAID_CANNOT_CANCEL));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.billManager().withAppKey(APP_KEY).cancelInvoice("113"))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(httpStatus);
                assertThat(e.errorCode()).isEqualTo("409");
                assertThat(e.errorMessage())
                    .isEqualTo("Conflict: partially or fully paid invoices cannot be cancelled.");
                assertThat(BillManagerService.isDuplicateExternalReference(e)).isFalse();
              });
    }
    // A refusal is an answer: nothing to retry.
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void aDuplicateInABulkRequestIsAnExceptionThatSaysSo() {
    stub.alwaysAnswer(StubDaraja.Reply.now(409, DUPLICATE));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(
              () ->
                  daraja
                      .billManager()
                      .withAppKey(APP_KEY)
                      .sendInvoices(List.of(invoice("A"), invoice("B"))))
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> assertThat(BillManagerService.isDuplicateExternalReference(e)).isTrue());
    }
  }

  @Test
  void bulkInvoicesAndCancellationsAreJsonArrays() {
    stub.alwaysAnswer(StubDaraja.Reply.now(200, SENT));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      BillManagerService bills = daraja.billManager().withAppKey(APP_KEY);
      BillManagerAnswer sent = bills.sendInvoices(List.of(invoice("A"), invoice("B")));
      assertThat(sent.rescode()).isEqualTo("200");
      bills.cancelInvoices(List.of("A", "B"));
    }
    assertThat(stub.paths())
        .containsExactly(
            "/v1/billmanager-invoice/bulk-invoicing",
            "/v1/billmanager-invoice/cancel-bulk-invoices");
    assertThat(stub.received().get(0).isArray()).isTrue();
    assertThat(stub.received().get(0).get(1).path("externalReference").asText()).isEqualTo("B");
    assertThat(Json.text(stub.received().get(1)))
        .isEqualTo("[{\"externalReference\":\"A\"},{\"externalReference\":\"B\"}]");
  }

  @Test
  void bulkRequestsOutsideOneToAThousandOrWithARepeatedReferenceAreRefusedBeforeSending() {
    stub.alwaysAnswer(StubDaraja.Reply.now(200, SENT));
    List<Invoice> thousandAndOne = new ArrayList<>();
    for (int i = 0; i <= BillManagerService.MAX_BULK; i++) {
      thousandAndOne.add(invoice("INV-" + i));
    }
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      BillManagerService bills = daraja.billManager().withAppKey(APP_KEY);
      assertThatThrownBy(() -> bills.sendInvoices(List.of()))
          .isInstanceOfSatisfying(
              DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("invoices"));
      assertThatThrownBy(() -> bills.sendInvoices(thousandAndOne))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.getMessage()).contains("has 1001").contains("at most 1000"));
      assertThatThrownBy(
              () -> bills.sendInvoices(List.of(invoice("A"), invoice("B"), invoice("A"))))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("invoices[2].externalReference"));
      assertThatThrownBy(() -> bills.cancelInvoices(Collections.nCopies(1001, "A")))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("externalReferences"));
      assertThat(stub.received()).isEmpty();

      bills.sendInvoices(thousandAndOne.subList(0, BillManagerService.MAX_BULK));
    }
    assertThat(stub.received()).hasSize(1);
    assertThat(stub.received().get(0)).hasSize(1000);
  }

  @Test
  void withoutAnAppKeyNothingButOptInIsSent() {
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.billManager().sendInvoice(invoice("A")))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> {
                assertThat(e.field()).isEqualTo("appKey");
                assertThat(e.getMessage()).contains("withAppKey");
              });
      assertThatThrownBy(() -> daraja.billManager().withAppKey(" "))
          .isInstanceOf(DarajaValidationException.class);
    }
    assertThat(stub.received()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "content-type", "app key", ""})
  void anAppKeyHeaderTheClientCannotSendIsRefused(String name) {
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.billManager().withAppKeyHeader(name))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("appKeyHeader"));
    }
  }

  @Test
  void anAcknowledgementSendsThePaymentAndWhatIsKnownOfTheInvoice() {
    stub.alwaysAnswer(StubDaraja.Reply.now(200, SUCCESS));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      BillManagerAnswer answer =
          daraja
              .billManager()
              .withAppKey(APP_KEY)
              .acknowledgePayment(
                  PaymentAcknowledgement.builder()
                      .payment(
                          DarajaCallbacks.parseBillPayment(
                              "{\"transactionId\":\"PJB53MYR1N\",\"paidAmount\":\"800\","
                                  + "\"msisdn\":\"254710000000\",\"dateCreated\":\"2021-10-01\","
                                  + "\"accountReference\":\"Balboa95\",\"shortCode\":\"718003\"}"))
                      .fullName("John Doe")
                      .invoiceName("School Fees")
                      .externalReference("955")
                      .build());
      assertThat(answer.resmsg()).isEqualTo("Success");
      assertThat(answer.statusMessage()).isEmpty();
    }
    assertThat(stub.paths()).containsExactly("/v1/billmanager-invoice/reconciliation");
    assertThat(Json.text(stub.received().get(0)))
        .isEqualTo(
            "{\"paymentDate\":\"2021-10-01\",\"paidAmount\":\"800\","
                + "\"accountReference\":\"Balboa95\",\"transactionId\":\"PJB53MYR1N\","
                + "\"phoneNumber\":\"0710000000\",\"fullName\":\"John Doe\","
                + "\"invoiceName\":\"School Fees\",\"externalReference\":\"955\"}");
  }

  @Test
  void aSuccessfulHttpAnswerWithoutTheEnvelopeIsNotASuccess() {
    stub.alwaysAnswer(StubDaraja.Reply.now(200, "{\"ResponseCode\":\"0\"}"));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> daraja.billManager().withAppKey(APP_KEY).cancelInvoice("113"))
          .isInstanceOf(DarajaApiException.class)
          .hasMessageContaining("rescode");
    }
  }

  @Test
  void anOptInAnsweredWithoutAnAppKeyIsAnErrorNotAnEmptyKey() {
    stub.alwaysAnswer(StubDaraja.Reply.now(200, SUCCESS));
    try (DarajaClient daraja = client(Duration.ofSeconds(5))) {
      assertThatThrownBy(
              () ->
                  daraja
                      .billManager()
                      .optIn(
                          OptInRequest.builder()
                              .email("a@b.co")
                              .officialContact("0710123456")
                              .callbackUrl("https://shop.example.com/bills")
                              .build()))
          .isInstanceOf(DarajaApiException.class)
          .hasMessageContaining("app_key");
    }
  }

  @Test
  void aDueTimeIsSentWithHundredthsOfASecond() {
    Invoice timed =
        Invoice.builder()
            .externalReference("T")
            .billedFullName("John Doe")
            .billedPhoneNumber("254722000000")
            .billedPeriod(YearMonth.of(2021, 9))
            .invoiceName("Rent")
            .dueDate(LocalDateTime.of(2021, 9, 15, 0, 0))
            .accountReference("A1")
            .amount(1)
            .build();
    assertThat(timed.dueDate()).isEqualTo("2021-09-15 00:00:00.00");
    assertThat(timed.billedPeriodText()).isEqualTo("September 2021");
    assertThat(timed.invoiceItems()).isEmpty();
  }
}
