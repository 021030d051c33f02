package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.stk.StkPushRequest;
import java.time.Clock;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * What STK push and query refuse before sending. The contexts have no transport: a call that got as
 * far as sending would fail with a NullPointerException, not a validation error.
 */
class StkServiceOfflineTest {

  private static final String PASSKEY =
      "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

  private static StkService service(Environment environment, String shortCode, String passkey) {
    return new StkService(
        new ClientContext(
            null,
            environment,
            shortCode,
            passkey,
            null,
            null,
            Clock.systemUTC(),
            ZoneId.of("Africa/Nairobi"),
            Runnable::run));
  }

  private static StkPushRequest push(String callbackUrl) {
    return StkPushRequest.builder()
        .phone("0708374149")
        .amount(10)
        .accountReference("INV-1")
        .description("Invoice 1")
        .callbackUrl(callbackUrl)
        .build();
  }

  @Test
  void productionRefusesAPlainHttpCallbackBeforeSending() {
    StkService stk = service(Environment.PRODUCTION, "174379", PASSKEY);
    assertThatThrownBy(() -> stk.push(push("http://shop.example.com/stk")))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("callbackUrl");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "callbackUrl: 'http://shop.example.com/stk' must use https in production"
                          + " (Daraja refuses plain http)");
            });
  }

  @Test
  void aPushWithoutAShortcodeAnywhereNamesTheShortcode() {
    StkService stk = service(Environment.SANDBOX, null, PASSKEY);
    assertThatThrownBy(() -> stk.push(push("https://shop.example.com/stk")))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("shortCode");
              assertThat(e.getMessage()).contains("MPESA_SHORTCODE");
            });
    assertThatThrownBy(() -> stk.query("ws_CO_1"))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("shortCode"));
  }

  @Test
  void aPushOrQueryWithoutAPasskeyNamesThePasskey() {
    StkService stk = service(Environment.SANDBOX, "174379", null);
    assertThatThrownBy(() -> stk.push(push("https://shop.example.com/stk")))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("passkey");
              assertThat(e.getMessage()).contains("MPESA_PASSKEY");
            });
    assertThatThrownBy(() -> stk.query("ws_CO_1"))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("passkey"));
  }

  @Test
  void aQueryNeedsACheckoutRequestId() {
    StkService stk = service(Environment.SANDBOX, "174379", PASSKEY);
    for (String id : new String[] {null, "", "  ", "x".repeat(65)}) {
      assertThatThrownBy(() -> stk.query(id))
          .isInstanceOfSatisfying(
              DarajaValidationException.class,
              e -> assertThat(e.field()).isEqualTo("checkoutRequestId"));
    }
  }
}
