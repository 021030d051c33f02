package io.github.darajakit.client.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every dynamic QR request rule, without I/O. */
class QrRequestTest {

  private static void refused(ThrowingCallable call, String field, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(field + ": ").contains(fragments);
            });
  }

  private static QrRequest.Builder request() {
    return QrRequest.builder()
        .merchantName("TEST SUPERMARKET")
        .refNo("Invoice Test")
        .amount(1)
        .trxCode(QrTransactionCode.BUY_GOODS)
        .cpi("373132");
  }

  @Test
  void sizeDefaultsTo300() {
    QrRequest request = request().build();
    assertThat(request.size()).isEqualTo(300);
    assertThat(request.cpi()).isEqualTo("373132");
  }

  @ParameterizedTest
  @CsvSource({
    "BUY_GOODS, BG",
    "WITHDRAW_AT_AGENT, WA",
    "PAY_BILL, PB",
    "SEND_MONEY, SM",
    "SEND_TO_BUSINESS, SB"
  })
  void transactionCodesHaveDarajasWireCodes(QrTransactionCode code, String wire) {
    assertThat(code.wireCode()).isEqualTo(wire);
  }

  @Test
  void merchantNameAndRefNoAreOneToHundredCharacters() {
    refused(() -> request().merchantName(null).build(), "merchantName", "is required");
    refused(
        () -> request().merchantName("M".repeat(101)).build(), "merchantName", "101 characters");
    refused(() -> request().refNo(" ").build(), "refNo", "is required");
    refused(() -> request().refNo("R".repeat(101)).build(), "refNo", "101 characters");
    assertThat(request().refNo("R".repeat(100)).build().refNo()).hasSize(100);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 250_001})
  void amountIsWholeKesFromOneTo250000(long amount) {
    refused(() -> request().amount(amount).build(), "amount", "KES " + amount);
  }

  @Test
  void trxCodeIsRequired() {
    refused(() -> request().trxCode(null).build(), "trxCode", "is required", "BUY_GOODS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PAY_BILL", "BUY_GOODS", "WITHDRAW_AT_AGENT", "SEND_TO_BUSINESS"})
  void businessCpiIsAShortcode(QrTransactionCode code) {
    refused(() -> request().trxCode(code).cpi("12").build(), "cpi", "'12' is not a shortcode");
    refused(() -> request().trxCode(code).cpi(null).build(), "cpi", "is not a shortcode");
  }

  @Test
  void sendMoneyCpiIsANormalisedPhone() {
    QrRequest request = request().trxCode(QrTransactionCode.SEND_MONEY).cpi("0708 374 149").build();
    assertThat(request.cpi()).isEqualTo("254708374149");
    refused(
        () -> request().trxCode(QrTransactionCode.SEND_MONEY).cpi("373132").build(),
        "cpi",
        "not a Kenyan mobile number");
  }

  @ParameterizedTest
  @ValueSource(ints = {99, 1001, 0})
  void sizeIs100To1000Pixels(int size) {
    refused(() -> request().size(size).build(), "size", size + " pixels", "100 to 1000");
  }

  @Test
  void sizeLimitsAreAccepted() {
    assertThat(request().size(100).build().size()).isEqualTo(100);
    assertThat(request().size(1000).build().size()).isEqualTo(1000);
  }
}
