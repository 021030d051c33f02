package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.ResultCodes.Family;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The flat camelCase B2B Express Checkout callbacks of REFERENCE §8. */
class B2bExpressCheckoutCallbackTest {

  static final String CANCELLED =
      """
      { "resultCode": "4001", "resultDesc": "User cancelled transaction",
        "requestId": "c2a9ba32-9e11-4b90-892c-7bc54944609a",
        "amount": "71.0", "paymentReference": "MAndbubry3hi" }
      """;

  static final String PAID =
      """
      { "resultCode": "0", "resultDesc": "The service request is processed successfully.",
        "amount": "71.0", "requestId": "404e1aec-19e0-4ce3-973d-bd92e94c8021",
        "resultType": "0", "conversationID": "AG_20230426_2010434680d9f5a73766",
        "transactionId": "RDQ01NFT1Q", "status": "SUCCESS" }
      """;

  @Test
  void cancelledCallbackIsRecognisedByShapeAndMeansCancelled() {
    B2bExpressCheckoutCallback checkout =
        (B2bExpressCheckoutCallback) DarajaCallbacks.parse(CANCELLED);
    assertThat(checkout).isEqualTo(DarajaCallbacks.parseB2bExpressCheckoutCallback(CANCELLED));
    assertThat(checkout.requestId()).isEqualTo("c2a9ba32-9e11-4b90-892c-7bc54944609a");
    assertThat(checkout.resultCode()).isEqualTo(ResultCodes.lookup(Family.B2B_EXPRESS, "4001"));
    assertThat(checkout.resultCode().known()).isTrue();
    assertThat(checkout.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(checkout.isPaid()).isFalse();
    assertThat(checkout.resultDesc()).isEqualTo("User cancelled transaction");
    assertThat(checkout.amount()).contains(new BigDecimal("71.00"));
    assertThat(checkout.paymentReference()).contains("MAndbubry3hi");
    assertThat(checkout.transactionId()).isEmpty();
    assertThat(checkout.conversationId()).isEmpty();
    assertThat(checkout.rawJson()).isEqualTo(CANCELLED);
  }

  @Test
  void paidCallbackCarriesTheReceiptAndConversation() {
    B2bExpressCheckoutCallback checkout =
        DarajaCallbacks.parseB2bExpressCheckoutCallback(PAID.getBytes(StandardCharsets.UTF_8));
    assertThat(DarajaCallbacks.parse(PAID)).isEqualTo(checkout);
    assertThat(checkout.isPaid()).isTrue();
    assertThat(checkout.requestId()).isEqualTo("404e1aec-19e0-4ce3-973d-bd92e94c8021");
    assertThat(checkout.transactionId()).contains("RDQ01NFT1Q");
    assertThat(checkout.conversationId()).contains("AG_20230426_2010434680d9f5a73766");
    assertThat(checkout.resultType()).contains("0");
    assertThat(checkout.status()).contains("SUCCESS");
    assertThat(checkout.amount()).contains(new BigDecimal("71.00"));
    assertThat(checkout.paymentReference()).isEmpty();
    assertThat(checkout.toString()).doesNotContain("71.0").contains("RDQ01NFT1Q");
  }

  @Test
  void everyCatalogueCodeIsReadInTheExpressFamily() {
    for (var code : ResultCodes.all(Family.B2B_EXPRESS)) {
      B2bExpressCheckoutCallback checkout =
          DarajaCallbacks.parseB2bExpressCheckoutCallback(
              "{\"resultCode\":" + code.code() + ",\"requestId\":\"r-1\"}");
      assertThat(checkout.resultCode()).as(code.code()).isEqualTo(code);
    }
  }

  @Test
  void aCallbackWithoutRequestIdCannotBeMatchedAndIsRefused() {
    assertThatThrownBy(
            () ->
                DarajaCallbacks.parseB2bExpressCheckoutCallback(
                    "{\"resultCode\":\"4001\",\"paymentReference\":\"MAndbubry3hi\"}"))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("requestId");
    assertThatThrownBy(
            () ->
                DarajaCallbacks.parseB2bExpressCheckoutCallback(
                    "{\"code\":\"0\",\"status\":\"x\"}"))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("not a B2B Express Checkout callback");
  }

  @Test
  void otherFlatResultCodesAreNotTakenForIt() {
    // The SDK's own acknowledgement and STK Query answers carry ResultCode at the top level too.
    assertThatThrownBy(() -> DarajaCallbacks.parse(DarajaCallbacks.acknowledge()))
        .isInstanceOf(DarajaCallbackParseException.class);
    assertThatThrownBy(
            () ->
                DarajaCallbacks.parse(
                    "{\"ResponseCode\":\"0\",\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":\"0\","
                        + "\"requestId\":\"x\"}"))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("acknowledgement");
  }

  @Test
  void parseResultPointsToTheTypedReader() {
    assertThatThrownBy(() -> DarajaCallbacks.parseResult(PAID, Family.B2B_EXPRESS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parseB2bExpressCheckoutCallback");
  }
}
