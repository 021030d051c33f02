package io.github.darajakit.client.b2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every field of a B2C payment is checked when it is built, with a message naming the fix. */
class B2cPaymentRequestTest {

  private static B2cPaymentRequest.Builder valid() {
    return B2cPaymentRequest.builder()
        .phone("0708 374 149")
        .amount(100)
        .remarks("Refund")
        .resultUrl("https://shop.example.com/b2c/result")
        .queueTimeOutUrl("https://shop.example.com/b2c/timeout");
  }

  private static void rejects(
      UnaryOperator<B2cPaymentRequest.Builder> change, String field, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  @Test
  void validRequestKeepsNormalisedPhoneAndLeavesOptionalFieldsUnset() {
    B2cPaymentRequest request = valid().phone("+254 708-374-149").build();
    assertThat(request.phone().value()).isEqualTo("254708374149");
    assertThat(request.amount()).isEqualTo(100);
    assertThat(request.commandId()).isNull();
    assertThat(request.occasion()).isNull();
    assertThat(request.partyA()).isNull();
    assertThat(request.originatorConversationId()).isNull();
    assertThat(request.resultUrl()).hasToString("https://shop.example.com/b2c/result");
  }

  @Test
  void phoneIsRequiredAndMustBeAKenyanMobileNumber() {
    rejects(b -> b.phone((io.github.darajakit.client.Msisdn) null), "phone", "is required");
    rejects(b -> b.phone("0712 34"), "phone", "is not a Kenyan mobile number");
    rejects(b -> b.phone("0202 345 678"), "phone", "is not a Kenyan mobile number");
  }

  @Test
  void amountMustBeWithinB2cLimits() {
    rejects(b -> b.amount(9), "amount", "KES 9 is outside what Daraja accepts here: KES 10 to");
    rejects(b -> b.amount(250_001), "amount", "KES 250001 is outside");
    rejects(b -> b.amount(0), "amount", "KES 0 is outside");
    assertThat(valid().amount(10).build().amount()).isEqualTo(10);
    assertThat(valid().amount(250_000).build().amount()).isEqualTo(250_000);
  }

  @Test
  void remarksMustHaveTwoToOneHundredCharacters() {
    rejects(b -> b.remarks(null), "remarks", "is required (2–100 characters)");
    rejects(b -> b.remarks("   "), "remarks", "is required");
    rejects(b -> b.remarks("x"), "remarks", "has 1 characters; Daraja accepts 2 to 100");
    rejects(b -> b.remarks("r".repeat(101)), "remarks", "has 101 characters");
    assertThat(valid().remarks("ok").build().remarks()).isEqualTo("ok");
    assertThat(valid().remarks("r".repeat(100)).build().remarks()).hasSize(100);
  }

  @Test
  void occasionIsOptionalAndAtMostOneHundredCharacters() {
    rejects(b -> b.occasion("o".repeat(101)), "occasion", "Daraja accepts at most 100");
    assertThat(valid().occasion("").build().occasion()).isNull();
    assertThat(valid().occasion("Christmas").build().occasion()).isEqualTo("Christmas");
  }

  @Test
  void partyAMustBeAShortcode() {
    rejects(b -> b.partyA("60A992"), "partyA", "is not a shortcode");
    rejects(b -> b.partyA("1234"), "partyA", "expected 5 to 9 digits");
    assertThat(valid().partyA("600992").build().partyA()).isEqualTo("600992");
  }

  @Test
  void resultAndQueueTimeoutUrlsAreRequiredAbsoluteHttpUrls() {
    rejects(b -> b.resultUrl(null), "resultUrl", "is required");
    rejects(b -> b.resultUrl("/b2c/result"), "resultUrl", "must be an absolute http(s) URL");
    rejects(b -> b.resultUrl("ftp://shop.example.com/r"), "resultUrl", "absolute http(s)");
    rejects(b -> b.resultUrl("https://shop.example.com/b2c result"), "resultUrl", "whitespace");
    rejects(b -> b.queueTimeOutUrl(null), "queueTimeOutUrl", "is required");
    rejects(b -> b.queueTimeOutUrl("timeout"), "queueTimeOutUrl", "absolute http(s)");
    assertThatThrownBy(
            () ->
                new B2cPaymentRequest(
                    valid().build().phone(), 100, null, "Refund", null, null, null, null, null))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("resultUrl"));
  }

  @Test
  void originatorConversationIdIsAtMost128CharactersWithoutWhitespace() {
    rejects(b -> b.originatorConversationId(""), "originatorConversationId", "has 0 characters");
    rejects(
        b -> b.originatorConversationId("x".repeat(129)),
        "originatorConversationId",
        "has 129 characters; Daraja accepts 1 to 128");
    rejects(b -> b.originatorConversationId("pay out 7"), "originatorConversationId", "whitespace");
    assertThat(valid().originatorConversationId("x".repeat(128)).build().originatorConversationId())
        .hasSize(128);
  }

  @Test
  void commandIdsCarryDarajaWireNames() {
    assertThat(B2cCommand.BUSINESS_PAYMENT.wireName()).isEqualTo("BusinessPayment");
    assertThat(B2cCommand.SALARY_PAYMENT.wireName()).isEqualTo("SalaryPayment");
    assertThat(B2cCommand.PROMOTION_PAYMENT.wireName()).isEqualTo("PromotionPayment");
  }
}
