package io.github.darajakit.client.stk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import java.net.URI;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every field of an STK push is checked when it is built, with a message naming the field. */
class StkPushRequestTest {

  private static StkPushRequest.Builder valid() {
    return StkPushRequest.builder()
        .phone("0708 374 149")
        .amount(150)
        .accountReference("INV-1042")
        .description("Invoice 1042")
        .callbackUrl("https://shop.example.com/daraja/stk");
  }

  private static void rejects(
      UnaryOperator<StkPushRequest.Builder> change, String field, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(field + ": ").contains(message);
            });
  }

  @Test
  void validPayBillPushKeepsEveryFieldWithTheNormalisedPhone() {
    StkPushRequest request = valid().phone("+254 708-374-149").build();
    assertThat(request.phone().value()).isEqualTo("254708374149");
    assertThat(request.amount()).isEqualTo(150);
    assertThat(request.accountReference()).isEqualTo("INV-1042");
    assertThat(request.description()).isEqualTo("Invoice 1042");
    assertThat(request.callbackUrl()).isEqualTo(URI.create("https://shop.example.com/daraja/stk"));
    assertThat(request.type()).isEqualTo(StkTransactionType.PAY_BILL);
    assertThat(request.type().wireName()).isEqualTo("CustomerPayBillOnline");
    assertThat(request.till()).isNull();
    assertThat(request.shortCode()).isNull();
  }

  @Test
  void aCallbackTokenBecomesTheLastPathSegmentOfTheCallbackUrl() {
    StkPushRequest request = valid().callbackToken("order-1042_1").build();
    assertThat(request.callbackToken()).isEqualTo("order-1042_1");
    assertThat(request.callbackUrl()).isEqualTo(URI.create("https://shop.example.com/daraja/stk"));
    assertThat(request.darajaCallbackUrl())
        .isEqualTo(URI.create("https://shop.example.com/daraja/stk/order-1042_1"));
    assertThat(
            valid()
                .callbackUrl("https://shop.example.com:8443/daraja/stk/?shop=7")
                .callbackToken("t1")
                .build()
                .darajaCallbackUrl())
        .isEqualTo(URI.create("https://shop.example.com:8443/daraja/stk/t1?shop=7"));
    assertThat(
            valid()
                .callbackUrl("https://shop.example.com")
                .callbackToken("t2")
                .build()
                .darajaCallbackUrl())
        .isEqualTo(URI.create("https://shop.example.com/t2"));
    // Without a token the URL is sent as given.
    assertThat(valid().build().callbackToken()).isNull();
    assertThat(valid().build().darajaCallbackUrl())
        .isEqualTo(URI.create("https://shop.example.com/daraja/stk"));
  }

  @ParameterizedTest(name = "callbackToken \"{0}\" is refused")
  @ValueSource(strings = {"", "a/b", "a b", "order?1", "ünï", "../x"})
  void aCallbackTokenMustBeOnePlainPathSegment(String token) {
    rejects(b -> b.callbackToken(token), "callbackToken", "");
  }

  @Test
  void aCallbackTokenIsAtMost64Characters() {
    assertThat(valid().callbackToken("t".repeat(64)).build().callbackToken()).hasSize(64);
    rejects(b -> b.callbackToken("t".repeat(65)), "callbackToken", "65 characters");
  }

  @Test
  void phoneIsNormalisedFromAnyCommonForm() {
    for (String phone :
        new String[] {"0708374149", "708374149", "254708374149", "(0708) 374.149"}) {
      assertThat(valid().phone(phone).build().phone()).isEqualTo(Msisdn.parse("254708374149"));
    }
    assertThat(valid().phone(Msisdn.parse("0112345678")).build().phone().value())
        .isEqualTo("254112345678");
  }

  @Test
  void phoneIsRequiredAndMustBeAKenyanMobileNumber() {
    rejects(b -> b.phone((Msisdn) null), "phone", "is required");
    rejects(b -> b.phone("0812 345 678"), "phone", "'0812 345 678' is not a Kenyan mobile number");
    rejects(b -> b.phone(""), "phone", "is required");
    assertThatThrownBy(() -> StkPushRequest.builder().amount(1).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("phone"));
  }

  @Test
  void amountIsWholeKesFromOneTo250000() {
    rejects(
        b -> b.amount(0), "amount", "KES 0 is outside what Daraja accepts here: KES 1 to 250000");
    rejects(b -> b.amount(-5), "amount", "KES -5 is outside");
    rejects(b -> b.amount(250_001), "amount", "KES 250001 is outside");
    rejects(b -> b.amount(Long.MAX_VALUE), "amount", "is outside");
    assertThat(valid().amount(1).build().amount()).isEqualTo(1);
    assertThat(valid().amount(250_000).build().amount()).isEqualTo(StkPushRequest.MAX_AMOUNT);
  }

  @Test
  void accountReferenceHasOneToTwentyCharactersAsTheSandboxAccepts() {
    // The portal's 12 is not what real traffic shows (REFERENCE §21: the sandbox accepted 15).
    assertThat(valid().accountReference("ABCDEFGHIJKLMNO").build().accountReference()).hasSize(15);
    assertThat(valid().accountReference("A".repeat(20)).build().accountReference()).hasSize(20);
    assertThat(valid().accountReference("A").build().accountReference()).isEqualTo("A");
    rejects(
        b -> b.accountReference("ABCDEFGHIJKLMNOPQRSTU"),
        "accountReference",
        "'ABCDEFGHIJKLMNOPQRSTU' has 21 characters; Daraja accepts 1 to 20");
    rejects(b -> b.accountReference(null), "accountReference", "is required (1–20 characters)");
    rejects(b -> b.accountReference("  "), "accountReference", "is required");
  }

  @Test
  void descriptionTakesSafaricomsOwnLibraryDefault() {
    // Safaricom's Node library sends this 20-character description, and the sandbox passes it.
    assertThat(valid().description("Lipa na mpesa online").build().description()).hasSize(20);
    assertThat(valid().description("d".repeat(100)).build().description()).hasSize(100);
    rejects(
        b -> b.description("d".repeat(101)),
        "description",
        "has 101 characters; Daraja accepts 1 to 100");
    rejects(b -> b.description(null), "description", "is required (1–100 characters)");
    rejects(b -> b.description(""), "description", "is required");
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(
      strings = {
        "/daraja/stk",
        "shop.example.com/daraja/stk",
        "ftp://shop.example.com/daraja/stk",
        "mailto:payments@example.com",
        "https:///daraja/stk",
        "https://shop.example.com/da raja",
        " https://shop.example.com/daraja/stk",
        "https://shop.example.com/daraja/stk\n",
        "https://shop.example.com/%zz",
      })
  void callbackUrlMustBeAnAbsoluteHttpUrlWithoutWhitespace(String url) {
    rejects(b -> b.callbackUrl(url), "callbackUrl", "'" + url + "'");
  }

  @Test
  void callbackUrlMessagesSayWhatIsWrong() {
    rejects(
        b -> b.callbackUrl("/daraja/stk"),
        "callbackUrl",
        "must be an absolute http(s) URL such as https://example.com/mpesa");
    rejects(
        b -> b.callbackUrl("ftp://shop.example.com/x"),
        "callbackUrl",
        "must be an absolute http(s) URL");
    rejects(
        b -> b.callbackUrl("https://shop.example.com/a b"), "callbackUrl", "contains whitespace");
    rejects(b -> b.callbackUrl(null), "callbackUrl", "is required");
    rejects(b -> b.callbackUrl(" "), "callbackUrl", "is required");
    assertThatThrownBy(
            () ->
                StkPushRequest.builder()
                    .phone("0708374149")
                    .amount(1)
                    .accountReference("A")
                    .description("B")
                    .build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> assertThat(e.getMessage()).isEqualTo("callbackUrl: is required"));
  }

  @Test
  void plainHttpCallbacksPassTheBuilderForSandboxAndEmulator() {
    assertThat(valid().callbackUrl("http://127.0.0.1:9/callback").build().callbackUrl())
        .hasToString("http://127.0.0.1:9/callback");
    assertThat(valid().callbackUrl("HTTPS://Shop.Example.com/x").build().callbackUrl())
        .hasToString("HTTPS://Shop.Example.com/x");
  }

  @Test
  void buyGoodsPaysATillUnderTheStore() {
    StkPushRequest request = valid().buyGoods("600501").shortCode("600500").build();
    assertThat(request.type()).isEqualTo(StkTransactionType.BUY_GOODS);
    assertThat(request.type().wireName()).isEqualTo("CustomerBuyGoodsOnline");
    assertThat(request.till()).isEqualTo("600501");
    assertThat(request.shortCode()).isEqualTo("600500");
  }

  @Test
  void buyGoodsWithoutATillIsRefused() {
    rejects(
        b -> b.buyGoods(null),
        "till",
        "is required for Buy Goods: the till number that receives the money");
    rejects(
        b -> b.buyGoods("till-1"), "till", "'till-1' is not a shortcode: expected 5 to 9 digits");
    rejects(b -> b.buyGoods("1234"), "till", "'1234' is not a shortcode");
  }

  @Test
  void aTillOnAPayBillPushIsRefused() {
    assertThatThrownBy(
            () ->
                new StkPushRequest(
                    Msisdn.parse("0708374149"),
                    10,
                    "INV-1",
                    "Invoice 1",
                    URI.create("https://shop.example.com/stk"),
                    StkTransactionType.PAY_BILL,
                    "600501",
                    null,
                    null))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("till");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "till: is only for Buy Goods; a PayBill push pays the PayBill shortcode"
                          + " itself");
            });
  }

  @Test
  void aMissingTypeMeansPayBill() {
    StkPushRequest request =
        new StkPushRequest(
            Msisdn.parse("0708374149"),
            10,
            "INV-1",
            "Invoice 1",
            URI.create("https://shop.example.com/stk"),
            null,
            null,
            null,
            null);
    assertThat(request.type()).isEqualTo(StkTransactionType.PAY_BILL);
  }

  @Test
  void shortCodeOverrideMustBeFiveToNineDigits() {
    assertThat(valid().shortCode("17437").build().shortCode()).isEqualTo("17437");
    assertThat(valid().shortCode("123456789").build().shortCode()).isEqualTo("123456789");
    rejects(b -> b.shortCode("1743"), "shortCode", "'1743' is not a shortcode: expected 5 to 9");
    rejects(b -> b.shortCode("1234567890"), "shortCode", "is not a shortcode");
    rejects(b -> b.shortCode("17437A"), "shortCode", "is not a shortcode");
    rejects(b -> b.shortCode(" 174379"), "shortCode", "is not a shortcode");
  }
}
