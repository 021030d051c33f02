package io.github.darajakit.client.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every field of a tax remittance is checked when it is built. */
class TaxRemittanceRequestTest {

  private static TaxRemittanceRequest.Builder valid() {
    return TaxRemittanceRequest.builder()
        .prn("PRN1234XN")
        .amount(239)
        .remarks("VAT March")
        .resultUrl("https://shop.example.com/tax/result")
        .queueTimeOutUrl("https://shop.example.com/tax/timeout");
  }

  private static void rejects(
      UnaryOperator<TaxRemittanceRequest.Builder> change, String field, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  @Test
  void validRequestKeepsEveryField() {
    TaxRemittanceRequest request = valid().partyA("600992").build();
    assertThat(request.prn()).isEqualTo("PRN1234XN");
    assertThat(request.amount()).isEqualTo(239);
    assertThat(request.partyA()).isEqualTo("600992");
  }

  @Test
  void prnIsRequiredAndAtMostThirteenCharacters() {
    rejects(b -> b.prn(null), "prn", "is required: the KRA Payment Registration Number");
    rejects(b -> b.prn(" "), "prn", "is required");
    rejects(b -> b.prn("P".repeat(14)), "prn", "has 14 characters; Daraja accepts 1 to 13");
  }

  @Test
  void amountRemarksPartyAAndUrlsAreChecked() {
    rejects(b -> b.amount(0), "amount", "at least KES 1");
    rejects(b -> b.remarks(""), "remarks", "is required");
    rejects(b -> b.remarks("r".repeat(101)), "remarks", "has 101 characters");
    rejects(b -> b.partyA("60099X"), "partyA", "is not a shortcode");
    rejects(b -> b.resultUrl(null), "resultUrl", "is required");
    rejects(b -> b.queueTimeOutUrl(null), "queueTimeOutUrl", "is required");
    rejects(b -> b.queueTimeOutUrl("mailto:tax@example.com"), "queueTimeOutUrl", "http(s)");
  }
}
