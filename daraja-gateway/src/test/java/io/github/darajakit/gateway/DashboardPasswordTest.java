package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.gateway.support.Browser;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.MerchantClient;
import io.github.darajakit.gateway.support.MerchantClient.Reply;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Signing in to the dashboard with DARAJA_DASHBOARD_PASSWORD instead of an API key. */
class DashboardPasswordTest {

  private static final String PASSWORD = "correct horse battery staple";

  @RegisterExtension
  GatewayHarness h =
      new GatewayHarness(UnaryOperator.identity(), b -> b.dashboardPassword(PASSWORD), false);

  private Reply signIn(String password) {
    return h.merchant().dashboardSignIn(password);
  }

  private MerchantClient with(String token) {
    return new MerchantClient(h.gateway().baseUrl(), token);
  }

  @Test
  void theRightPasswordGetsASessionTheApiAcceptsForTwelveHours() {
    assertThat(
            h.merchant()
                .send("GET", "/dashboard/session", null, null, null)
                .json()
                .path("password")
                .asBoolean())
        .isTrue();
    Reply session = signIn(PASSWORD);
    assertThat(session.status()).isEqualTo(201);
    String token = session.text("token");
    assertThat(token).startsWith("ds_");
    assertThat(with(token).get("/v1/payments").status()).isEqualTo(200);

    // Tampered with, or expired: refused.
    assertThat(with(token.substring(0, token.length() - 2) + "xx").get("/v1/payments").status())
        .isEqualTo(401);
    h.clock().advance(Duration.ofHours(12).plusSeconds(1));
    assertThat(with(token).get("/v1/payments").status()).isEqualTo(401);
  }

  @Test
  void aWrongPasswordIsRefusedAndTenLockTheAddressOut() {
    Reply wrong = signIn("not the password");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().path("error").path("code").asText()).isEqualTo("password_invalid");
    for (int i = 0; i < 9; i++) {
      signIn("still not it");
    }
    Reply locked = signIn(PASSWORD);
    assertThat(locked.status()).as("even the right one, while locked out").isEqualTo(429);
    h.clock().advance(Duration.ofMinutes(11));
    assertThat(signIn(PASSWORD).status()).isEqualTo(201);
  }

  @Test
  void changingThePasswordEndsEverySession() {
    String token = signIn(PASSWORD).text("token");
    h.stopGateway();
    try (DarajaGateway changed =
        h.newGateway(b -> b.dashboardPassword("a different long password"))) {
      MerchantClient client = new MerchantClient(changed.baseUrl(), token);
      assertThat(client.get("/v1/payments").status()).isEqualTo(401);
    }
  }

  @Test
  void theDashboardSignsInWithThePassword() {
    ChromeDriver browser = Browser.open(false);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
      browser.get(h.gateway().baseUrl() + "/");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard-password")))
          .sendKeys("wrong password here");
      browser.findElement(By.id("password-button")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("signin-error"), "not accepted"));
      browser.findElement(By.id("dashboard-password")).clear();
      browser.findElement(By.id("dashboard-password")).sendKeys(PASSWORD);
      browser.findElement(By.id("password-button")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview")));
      wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));

      // Signing out ends the session on the gateway: the token, had it been copied, is refused.
      String token =
          (String) browser.executeScript("return sessionStorage.getItem('darajakit.apiKey')");
      assertThat(with(token).get("/v1/payments").status()).isEqualTo(200);
      browser.findElement(By.id("signout")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> with(token).get("/v1/payments").status() == 401);
    } finally {
      browser.quit();
    }
  }
}
