package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.billmanager.PaymentAcknowledgement;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bill Manager's payment push (REFERENCE §14) among the other flat callbacks. */
class BillPaymentNotificationTest {

  /** REFERENCE §14's sample, exactly. */
  static final String PUSH =
      """
      { "transactionId": "RJB53MYR1N", "paidAmount": "5000", "msisdn": "254722000000",
        "dateCreated": "2021-10-01", "accountReference": "BC001", "shortCode": "456545" }
      """;

  @Test
  void theReferenceSampleIsRecognisedByShapeAsABillPayment() {
    BillPaymentNotification paid = (BillPaymentNotification) DarajaCallbacks.parse(PUSH);
    assertThat(paid).isEqualTo(DarajaCallbacks.parseBillPayment(PUSH));
    assertThat(paid)
        .isEqualTo(DarajaCallbacks.parseBillPayment(PUSH.getBytes(StandardCharsets.UTF_8)));
    assertThat(paid.transactionId()).isEqualTo("RJB53MYR1N");
    assertThat(paid.paidAmount()).isEqualTo(new BigDecimal("5000.00"));
    assertThat(paid.msisdn()).isEqualTo("254722000000");
    assertThat(paid.dateCreated()).isEqualTo("2021-10-01");
    assertThat(paid.accountReference()).isEqualTo("BC001");
    assertThat(paid.shortCode()).isEqualTo("456545");
    assertThat(paid.rawJson()).isEqualTo(PUSH);
    assertThat(paid.toString()).doesNotContain("254722000000");
  }

  @Test
  void b2bExpressCheckoutCallbacksWithATransactionIdStayB2bExpress() {
    // Both are flat camelCase with transactionId; only B2B Express carries resultCode.
    assertThat(DarajaCallbacks.parse(B2bExpressCheckoutCallbackTest.PAID))
        .isInstanceOf(B2bExpressCheckoutCallback.class);
    String withPaidAmount =
        """
        {"resultCode":"0","requestId":"r-1","transactionId":"RDQ01NFT1Q","paidAmount":"71"}
        """;
    assertThat(DarajaCallbacks.parse(withPaidAmount))
        .isInstanceOf(B2bExpressCheckoutCallback.class);
  }

  @Test
  void aC2bConfirmationCarryingOddExtrasStaysC2b() {
    String confirmation =
        """
        {"TransactionType":"Pay Bill","TransID":"RKL51ZDR4F","TransTime":"20231121121325",
         "TransAmount":"5.00","BusinessShortCode":"600638","BillRefNumber":"BC001",
         "OrgAccountBalance":"10.00","MSISDN":"2547 ***** 126",
         "transactionId":"RKL51ZDR4F","paidAmount":"5"}
        """;
    assertThat(DarajaCallbacks.parse(confirmation)).isInstanceOf(C2bConfirmation.class);
  }

  @Test
  void numbersForStringsAreTolerated() {
    BillPaymentNotification paid =
        DarajaCallbacks.parseBillPayment(
            "{\"transactionId\":\"RJB53MYR1N\",\"paidAmount\":750.5,\"msisdn\":254722000000,"
                + "\"accountReference\":\"BC001\",\"shortCode\":456545}");
    assertThat(paid.paidAmount()).isEqualTo(new BigDecimal("750.50"));
    assertThat(paid.msisdn()).isEqualTo("254722000000");
    assertThat(paid.shortCode()).isEqualTo("456545");
    assertThat(paid.dateCreated()).isEmpty();
  }

  @Test
  void aPushWithoutWhatMatchesItToAnInvoiceIsRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                DarajaCallbacks.parse(
                    "{\"transactionId\":\"RJB53MYR1N\",\"paidAmount\":\"5000\","
                        + "\"shortCode\":\"456545\"}"))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("accountReference");
    assertThatThrownBy(
            () ->
                DarajaCallbacks.parseBillPayment(
                    "{\"transactionId\":\"RJB53MYR1N\",\"paidAmount\":\"lots\","
                        + "\"accountReference\":\"BC001\",\"shortCode\":\"456545\"}"))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("paidAmount");
    assertThatThrownBy(() -> DarajaCallbacks.parseBillPayment(B2bExpressCheckoutCallbackTest.PAID))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("not a Bill Manager payment");
  }

  @Test
  void theAnswerBillManagerWaitsForIsItsOwnEnvelope() {
    assertThat(DarajaCallbacks.acknowledgeBillPayment())
        .isEqualTo("{\"resmsg\":\"Success\",\"rescode\":\"200\"}");
  }

  @Test
  void theAcknowledgementTakesThePushsFieldsAndRefusesAPartShilling() {
    PaymentAcknowledgement ack =
        PaymentAcknowledgement.builder()
            .payment(DarajaCallbacks.parseBillPayment(PUSH))
            .externalReference("955")
            .build();
    assertThat(ack.transactionId()).isEqualTo("RJB53MYR1N");
    assertThat(ack.paidAmount()).isEqualTo(5000);
    assertThat(ack.paymentDate()).isEqualTo("2021-10-01");
    assertThat(ack.accountReference()).isEqualTo("BC001");
    assertThat(ack.phoneNumber().local()).isEqualTo("0722000000");
    assertThat(ack.fullName()).isNull();
    assertThat(ack.externalReference()).isEqualTo("955");
    BillPaymentNotification cents =
        DarajaCallbacks.parseBillPayment(PUSH.replace("\"5000\"", "\"5000.50\""));
    assertThatThrownBy(() -> PaymentAcknowledgement.builder().payment(cents))
        .hasMessageContaining("paidAmount")
        .hasMessageContaining("5000.5");
  }
}
