package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An STK payment's amount compares with the whole-KES amount that was pushed. */
class StkPaymentTest {

  private static StkPayment paid(String amount) {
    String body =
        """
        {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1",
          "CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0,
          "ResultDesc":"The service request is processed successfully.",
          "CallbackMetadata":{"Item":[{"Name":"Amount","Value":%s},
            {"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},
            {"Name":"TransactionDate","Value":20191219102115},
            {"Name":"PhoneNumber","Value":254708374149}]}}}}
        """
            .formatted(amount);
    return DarajaCallbacks.parseStkCallback(body).payment().orElseThrow();
  }

  @ParameterizedTest(name = "Amount {0} is {1} KES")
  @CsvSource({"150.00, 150", "150, 150", "\"150.0\", 150", "1.00, 1", "250000.00, 250000"})
  void amountKesIsTheWholeShillingsPushed(String amount, long kes) {
    StkPayment payment = paid(amount);
    assertThat(payment.amountKes()).isEqualTo(kes);
  }

  @Test
  void theExactAmountKeepsDarajasScaleSoEqualsIsNotTheWayToCompareIt() {
    StkPayment payment = paid("150.00");
    assertThat(payment.amount().toPlainString()).isEqualTo("150.00");
    assertThat(payment.amountKes()).isEqualTo(150L);
  }

  @Test
  void anAmountWithCentsIsNotWholeKesAndSaysWhatToReadInstead() {
    assertThatThrownBy(() -> paid("150.50").amountKes())
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("150.50")
        .hasMessageContaining("amount()");
  }
}
