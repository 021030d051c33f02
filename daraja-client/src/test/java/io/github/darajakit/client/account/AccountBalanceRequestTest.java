package io.github.darajakit.client.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.IdentifierType;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** An Account Balance request is checked when it is built. */
class AccountBalanceRequestTest {

  private static AccountBalanceRequest.Builder valid() {
    return AccountBalanceRequest.builder()
        .remarks("Balance")
        .resultUrl("https://shop.example.com/balance/result")
        .queueTimeOutUrl("https://shop.example.com/balance/timeout");
  }

  private static void rejects(
      UnaryOperator<AccountBalanceRequest.Builder> change, String field, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  @Test
  void defaultsToTheClientShortcodeAsAShortcode() {
    AccountBalanceRequest request = valid().build();
    assertThat(request.partyA()).isNull();
    assertThat(request.identifierType()).isEqualTo(IdentifierType.SHORTCODE);
    assertThat(valid().identifierType(IdentifierType.TILL).build().identifierType())
        .isEqualTo(IdentifierType.TILL);
  }

  @Test
  void remarksDefaultToAccountBalanceUnlessGiven() {
    AccountBalanceRequest request =
        AccountBalanceRequest.builder()
            .resultUrl("https://shop.example.com/balance/result")
            .queueTimeOutUrl("https://shop.example.com/balance/timeout")
            .build();
    assertThat(request.remarks()).isEqualTo("Account balance");
    assertThat(valid().build().remarks()).isEqualTo("Balance");
  }

  @Test
  void checksEveryField() {
    rejects(b -> b.partyA("6009"), "partyA", "is not a shortcode");
    rejects(b -> b.identifierType(IdentifierType.MSISDN), "identifierType", "SHORTCODE or TILL");
    rejects(b -> b.remarks(null), "remarks", "is required");
    rejects(b -> b.remarks("r".repeat(101)), "remarks", "has 101 characters");
    rejects(b -> b.resultUrl(null), "resultUrl", "is required");
    rejects(b -> b.queueTimeOutUrl(null), "queueTimeOutUrl", "is required");
    rejects(b -> b.resultUrl("https://a.example.com/x y"), "resultUrl", "whitespace");
  }
}
