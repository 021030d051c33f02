package io.github.darajakit.client.bonga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import java.math.BigDecimal;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BongaRedeemRequestTest {

  private static BongaRedeemRequest.Builder valid() {
    return BongaRedeemRequest.builder()
        .msisdn("+254 720 776 155")
        .amount(50)
        .bongaPoints(250)
        .conversionRate(new BigDecimal("0.200"))
        .shortCode("888880")
        .accountNumber("INV-1042");
  }

  @Test
  void aValidRequestIsNormalisedAndMaskedInToString() {
    BongaRedeemRequest request = valid().build();
    assertThat(request.msisdn().value()).isEqualTo("254720776155");
    assertThat(request.conversionRate()).isEqualTo(new BigDecimal("0.2"));
    assertThat(request.toString()).doesNotContain("254720776155").contains("conversionRate=0.2");
  }

  @Test
  void theShortCodeIsOptional() {
    assertThat(valid().shortCode(null).build().shortCode()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "msisdn, missing",
    "msisdn, not Kenyan",
    "amount, zero",
    "amount, too large",
    "bongaPoints, zero",
    "conversionRate, missing",
    "conversionRate, zero",
    "shortCode, letters",
    "accountNumber, missing",
    "accountNumber, too long"
  })
  void eachWrongFieldIsNamed(String field, String how) {
    UnaryOperator<BongaRedeemRequest.Builder> wrong =
        switch (field + "/" + how) {
          case "msisdn/missing" -> b -> b.msisdn(null);
          case "msisdn/not Kenyan" -> b -> b.msisdn("0712 34");
          case "amount/zero" -> b -> b.amount(0);
          case "amount/too large" -> b -> b.amount(BongaRedeemRequest.MAX_AMOUNT + 1);
          case "bongaPoints/zero" -> b -> b.bongaPoints(0);
          case "conversionRate/missing" -> b -> b.conversionRate(null);
          case "conversionRate/zero" -> b -> b.conversionRate(BigDecimal.ZERO);
          case "shortCode/letters" -> b -> b.shortCode("PAYBILL");
          case "accountNumber/missing" -> b -> b.accountNumber(" ");
          case "accountNumber/too long" -> b -> b.accountNumber("A".repeat(21));
          default -> throw new IllegalArgumentException(field + how);
        };
    assertThatThrownBy(() -> wrong.apply(valid()).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
