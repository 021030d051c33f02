package io.github.darajakit.client.billmanager;

import static io.github.darajakit.client.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.support.Invoices;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bill Manager's field rules (REFERENCE §14), each refusal naming its field and the fix. */
class BillManagerRequestsTest {

  private static Invoice.Builder invoice() {
    return Invoices.sample("#9932340");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2021-10-12", "2021-09-15 00:00:00.00", "2024-02-29 23:59:59.99"})
  void bothDueDateFormsAreAccepted(String due) {
    assertThat(invoice().dueDate(due).build().dueDate()).isEqualTo(due);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "12/10/2021",
        "2021-10-12T00:00",
        "2021-09-15 00:00:00",
        "2023-02-29",
        "2021-13-01"
      })
  void anyOtherDueDateIsRefusedWithBothForms(String due) {
    refused(() -> invoice().dueDate(due).build(), "dueDate", "yyyy-MM-dd HH:mm:ss.SS");
  }

  @ParameterizedTest
  @CsvSource({"0110123456, 07XXXXXXXX", "12345, 07XXXXXXXX"})
  void theBilledNumberMustBeASafaricom07Number(String phone, String hint) {
    refused(() -> invoice().billedPhoneNumber(phone).build(), "billedPhoneNumber", hint);
  }

  @Test
  void requiredFieldsAreNamed() {
    refused(() -> invoice().externalReference(" ").build(), "externalReference", "required");
    refused(() -> invoice().billedPeriod(null).build(), "billedPeriod", "YearMonth");
    refused(() -> invoice().amount(0).build(), "amount", "KES 0");
    refused(() -> invoice().accountReference("A".repeat(21)).build(), "accountReference", "21");
    refused(() -> invoice().item("", 5).build(), "itemName", "required");
    refused(() -> invoice().item("water", -1).build(), "amount", "KES -1");
    refused(() -> invoice().dueDate((String) null).build(), "dueDate", "required");
  }

  @Test
  void aBillerNeedsAFiveOrSixDigitShortCodeAnEmailAContactAndACallbackUrl() {
    OptInRequest.Builder biller =
        OptInRequest.builder()
            .email("billing@shop.example.com")
            .officialContact("0710123456")
            .callbackUrl("https://shop.example.com/bills");
    assertThat(biller.shortCode("718003").build().shortCode()).isEqualTo("718003");
    assertThat(biller.shortCode(null).build().sendReminders()).isFalse();
    refused(() -> biller.shortCode("7180031").build(), "shortCode", "5 or 6 digits");
    refused(() -> biller.shortCode("1234").build(), "shortCode", "5 or 6 digits");
    biller.shortCode(null);
    refused(() -> biller.email("billing").build(), "email", "not an email");
    refused(() -> biller.email(null).build(), "email", "required");
    biller.email("billing@shop.example.com");
    refused(() -> biller.officialContact("07").build(), "officialContact", "07XXXXXXXX");
    biller.officialContact("0710123456");
    refused(() -> biller.callbackUrl("shop.example.com/bills").build(), "callbackUrl", "absolute");
  }

  @Test
  void anAcknowledgementNeedsThePaymentsIdentifiers() {
    PaymentAcknowledgement.Builder ack =
        PaymentAcknowledgement.builder()
            .transactionId("PJB53MYR1N")
            .paidAmount(800)
            .paymentDate(LocalDate.of(2021, 10, 1))
            .accountReference("Balboa95")
            .phoneNumber("0710000000");
    assertThat(ack.build().paymentDate()).isEqualTo("2021-10-01");
    refused(() -> ack.paidAmount(0).build(), "paidAmount", "KES 0");
    ack.paidAmount(800);
    refused(() -> ack.transactionId(null).build(), "transactionId", "required");
    ack.transactionId("PJB53MYR1N");
    refused(() -> ack.phoneNumber(null).build(), "phoneNumber", "required");
  }
}
