package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.support.CapturedLogs;
import io.github.darajakit.client.support.TestClients;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (see junit-platform.properties) and reads
 * everything the SDK logged, at every level, during the whole suite.
 */
@Order(Integer.MAX_VALUE)
class NoSecretsInLogsTest {

  /** A full Kenyan MSISDN: logs must mask them. */
  private static final Pattern FULL_MSISDN = Pattern.compile("(?<!\\d)254[71]\\d{8}(?!\\d)");

  @Test
  void theSuiteLoggedSomethingToCheck() {
    assertThat(CapturedLogs.lines()).isNotEmpty();
  }

  @Test
  void noConfiguredSecretWasEverLogged() {
    List<String> lines = CapturedLogs.lines();
    for (String secret : TestClients.secrets()) {
      assertThat(lines).noneSatisfy(line -> assertThat(line).contains(secret));
    }
  }

  @Test
  void noSecurityCredentialOrBearerTokenWasEverLogged() {
    List<String> lines = CapturedLogs.lines();
    // A SecurityCredential is Base64 of 256 bytes: 344 characters ending in "=".
    assertThat(lines)
        .noneSatisfy(line -> assertThat(line).containsPattern("[A-Za-z0-9+/]{300,}={0,2}"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).containsPattern("Bearer [A-Za-z0-9]"));
  }

  @Test
  void noFullPhoneNumberWasEverLogged() {
    assertThat(CapturedLogs.lines())
        .noneSatisfy(line -> assertThat(line).containsPattern(FULL_MSISDN));
  }
}
