package io.github.darajakit.client.c2b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import java.net.URI;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every C2B request rule, without I/O. */
class C2bRequestTest {

  private static final String CONFIRM = "https://shop.example.com/payments/confirm";

  private static void refused(ThrowingCallable call, String field, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(field + ": ").contains(fragments);
            });
  }

  private static C2bSimulateRequest.Builder payment() {
    return C2bSimulateRequest.builder().phone("0708374149").amount(100).billRefNumber("ACC-1");
  }

  @Test
  void registrationDefaultsToV2CompletedAndTheClientsShortcode() {
    C2bRegisterRequest request = C2bRegisterRequest.builder().confirmationUrl(CONFIRM).build();
    assertThat(request.version()).isEqualTo(2);
    assertThat(request.responseType()).isEqualTo(C2bResponseType.COMPLETED);
    assertThat(request.responseType().wireName()).isEqualTo("Completed");
    assertThat(C2bResponseType.CANCELLED.wireName()).isEqualTo("Cancelled");
    assertThat(request.shortCode()).isNull();
    assertThat(request.validationUrl()).isNull();
    assertThat(request.confirmationUrl()).isEqualTo(URI.create(CONFIRM));
  }

  @Test
  void registrationNeedsAConfirmationUrl() {
    refused(() -> C2bRegisterRequest.builder().build(), "confirmationUrl", "is required");
    refused(
        () -> C2bRegisterRequest.builder().confirmationUrl(" "), "confirmationUrl", "is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/payments/confirm", "ftp://shop.example.com/x", "https://"})
  void registrationRefusesUrlsThatAreNotAbsoluteHttp(String url) {
    refused(
        () -> C2bRegisterRequest.builder().confirmationUrl(url),
        "confirmationUrl",
        "'" + url + "'");
  }

  @Test
  void registrationRefusesWhitespaceInUrls() {
    refused(
        () -> C2bRegisterRequest.builder().validationUrl("https://shop.example.com/a b"),
        "validationUrl",
        "contains whitespace");
  }

  @ParameterizedTest
  @CsvSource({
    "https://shop.example.com/M-PESA/confirm, m-pesa",
    "https://shop.example.com/mpesa/confirm, mpesa",
    "https://MPesa.example.com/confirm, mpesa",
    "https://shop.example.com/SafariCom/confirm, safaricom",
    "https://shop.example.com/run.exe, exe",
    "https://shop.example.com/Exec/confirm, exec",
    "https://shop.example.com/cmd/confirm, cmd",
    "https://shop.example.com/SQL/confirm, sql",
    "https://shop.example.com/confirm?Query=1, query"
  })
  void confirmationUrlWithAWordDarajaRefusesNamesTheWord(String url, String word) {
    refused(
        () -> C2bRegisterRequest.builder().confirmationUrl(url).build(),
        "confirmationUrl",
        "contains \"" + word + "\"",
        "/payments/confirm");
  }

  @Test
  void validationUrlWithAWordDarajaRefusesIsRefusedToo() {
    refused(
        () ->
            C2bRegisterRequest.builder()
                .confirmationUrl(CONFIRM)
                .validationUrl("https://shop.example.com/mpesa/validate")
                .build(),
        "validationUrl",
        "contains \"mpesa\"");
  }

  @Test
  void reservedWordsAreCheckedOnRequestsBuiltWithoutTheBuilder() {
    refused(
        () -> new C2bRegisterRequest(null, null, URI.create("https://x.example.com/sql"), null, 2),
        "confirmationUrl",
        "contains \"sql\"");
    refused(
        () -> new C2bRegisterRequest(null, null, URI.create("/relative"), null, 2),
        "confirmationUrl",
        "absolute http(s) URL");
    refused(
        () -> new C2bRegisterRequest(null, null, null, null, 2), "confirmationUrl", "is required");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, -1})
  void registrationVersionIsOneOrTwo(int version) {
    refused(
        () -> C2bRegisterRequest.builder().confirmationUrl(CONFIRM).version(version).build(),
        "version",
        version + " is not a C2B URL registration version");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1234", "6009920000", "60099a"})
  void shortCodesAreFiveToNineDigits(String shortCode) {
    refused(
        () -> C2bRegisterRequest.builder().confirmationUrl(CONFIRM).shortCode(shortCode).build(),
        "shortCode",
        "not a shortcode");
    refused(() -> payment().shortCode(shortCode).build(), "shortCode", "not a shortcode");
  }

  @Test
  void simulationDefaultsToPayBillV2AndNormalisesThePhone() {
    C2bSimulateRequest request = payment().phone("+254 708-374-149").build();
    assertThat(request.command()).isEqualTo(C2bCommand.PAY_BILL);
    assertThat(request.command().wireName()).isEqualTo("CustomerPayBillOnline");
    assertThat(C2bCommand.BUY_GOODS.wireName()).isEqualTo("CustomerBuyGoodsOnline");
    assertThat(request.version()).isEqualTo(2);
    assertThat(request.phone().value()).isEqualTo("254708374149");
    assertThat(request.billRefNumber()).isEqualTo("ACC-1");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -5, 250_001})
  void simulationAmountIsWholeKesFromOneTo250000(long amount) {
    refused(() -> payment().amount(amount).build(), "amount", "KES " + amount, "1 to 250000");
  }

  @Test
  void simulationAcceptsTheAmountLimits() {
    assertThat(payment().amount(1).build().amount()).isEqualTo(1);
    assertThat(payment().amount(250_000).build().amount()).isEqualTo(250_000);
  }

  @Test
  void simulationNeedsAKenyanPhone() {
    refused(() -> payment().phone((Msisdn) null).build(), "phone", "is required");
    refused(() -> payment().phone("0812345678"), "phone", "not a Kenyan mobile number");
  }

  @Test
  void billRefNumberIsAtMostTwentyCharacters() {
    assertThat(payment().billRefNumber("A".repeat(20)).build().billRefNumber()).hasSize(20);
    refused(
        () -> payment().billRefNumber("A".repeat(21)).build(),
        "billRefNumber",
        "has 21 characters",
        "at most 20");
  }

  @Test
  void buyGoodsHasNoBillRefNumber() {
    C2bSimulateRequest tillPayment =
        payment().billRefNumber(null).command(C2bCommand.BUY_GOODS).build();
    assertThat(tillPayment.billRefNumber()).isNull();
    assertThat(payment().billRefNumber("").command(C2bCommand.BUY_GOODS).build().billRefNumber())
        .isNull();
    refused(
        () -> payment().command(C2bCommand.BUY_GOODS).build(), "billRefNumber", "only for PayBill");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void simulationVersionIsOneOrTwo(int version) {
    refused(() -> payment().version(version).build(), "version", "not a C2B simulate version");
  }
}
