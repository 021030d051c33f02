package io.github.darajakit.client.b2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every field of a B2B payment is checked when it is built, with a message naming the fix. */
class B2bPaymentRequestTest {

  private static B2bPaymentRequest.Builder valid() {
    return B2bPaymentRequest.builder()
        .partyB("600000")
        .amount(239)
        .accountReference("353353")
        .remarks("OK")
        .resultUrl("https://shop.example.com/b2b/result")
        .queueTimeOutUrl("https://shop.example.com/b2b/timeout");
  }

  private static void rejects(
      UnaryOperator<B2bPaymentRequest.Builder> change, String field, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  @Test
  void validRequestDefaultsToAShortcodeReceiver() {
    B2bPaymentRequest request = valid().build();
    assertThat(request.receiverType()).isEqualTo(B2bReceiverType.SHORTCODE);
    assertThat(request.requester()).isNull();
    assertThat(request.occasion()).isNull();
    assertThat(request.partyA()).isNull();
  }

  @Test
  void partyBIsARequiredShortcode() {
    rejects(b -> b.partyB(null), "partyB", "is required");
    rejects(b -> b.partyB("12-34"), "partyB", "is not a shortcode");
  }

  @Test
  void amountIsWholeKesOfAtLeastOne() {
    rejects(b -> b.amount(0), "amount", "KES 0 is not a payable amount");
    rejects(b -> b.amount(-5), "amount", "at least KES 1");
    assertThat(valid().amount(1).build().amount()).isEqualTo(1);
  }

  @Test
  void accountReferenceIsAtMostThirteenCharacters() {
    rejects(
        b -> b.accountReference("A".repeat(14)),
        "accountReference",
        "has 14 characters; Daraja accepts at most 13");
    assertThat(valid().accountReference("A".repeat(13)).build().accountReference()).hasSize(13);
    assertThat(valid().accountReference(null).build().accountReference()).isNull();
  }

  @Test
  void requesterIsNormalisedOrRefused() {
    assertThat(valid().requester("0708 374 149").build().requester().value())
        .isEqualTo("254708374149");
    rejects(b -> b.requester("12345"), "requester", "is not a Kenyan mobile number");
  }

  @Test
  void remarksAndOccasionAreAtMostOneHundredCharacters() {
    rejects(b -> b.remarks(null), "remarks", "is required");
    rejects(b -> b.remarks("r".repeat(101)), "remarks", "has 101 characters");
    rejects(b -> b.occasion("o".repeat(101)), "occasion", "at most 100");
    assertThat(valid().remarks("r").build().remarks()).isEqualTo("r");
  }

  @Test
  void partyAAndUrlsAreChecked() {
    rejects(b -> b.partyA("abc"), "partyA", "is not a shortcode");
    rejects(b -> b.resultUrl(null), "resultUrl", "is required");
    rejects(b -> b.resultUrl("b2b/result"), "resultUrl", "absolute http(s)");
    rejects(b -> b.queueTimeOutUrl(null), "queueTimeOutUrl", "is required");
    rejects(b -> b.queueTimeOutUrl("https://x.example.com/a b"), "queueTimeOutUrl", "whitespace");
  }

  @Test
  void receiverTypesCarryDarajaCodes() {
    assertThat(B2bReceiverType.SHORTCODE.code()).isEqualTo("4");
    assertThat(B2bReceiverType.TILL.code()).isEqualTo("2");
  }
}
