package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the client sends requests, no I/O. */
class EnvironmentTest {

  @Test
  void aMissingBaseUrlIsAValidationErrorNotANullPointer() {
    assertThatThrownBy(() -> Environment.custom(null))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("baseUrl"));
  }

  @Test
  void sandboxAndProductionAreSafaricomsHosts() {
    assertThat(Environment.SANDBOX.baseUrl())
        .isEqualTo(URI.create("https://sandbox.safaricom.co.ke"));
    assertThat(Environment.SANDBOX.isProduction()).isFalse();
    assertThat(Environment.SANDBOX.name()).isEqualTo("sandbox");
    assertThat(Environment.PRODUCTION.baseUrl())
        .isEqualTo(URI.create("https://api.safaricom.co.ke"));
    assertThat(Environment.PRODUCTION.isProduction()).isTrue();
    assertThat(Environment.PRODUCTION.name()).isEqualTo("production");
    assertThat(Environment.PRODUCTION).hasToString("production (https://api.safaricom.co.ke)");
  }

  @Test
  void aCustomBaseUrlIsATestEnvironment() {
    Environment emulator = Environment.custom("http://127.0.0.1:8090");
    assertThat(emulator.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8090"));
    assertThat(emulator.isProduction()).isFalse();
    assertThat(emulator.name()).isEqualTo("custom");
    assertThat(emulator).hasToString("custom (http://127.0.0.1:8090)");
    assertThat(Environment.custom("https://proxy.example.com").baseUrl())
        .isEqualTo(URI.create("https://proxy.example.com"));
  }

  @Test
  void aTrailingSlashAndSurroundingSpacesAreDropped() {
    assertThat(Environment.custom("http://127.0.0.1:8090/").baseUrl())
        .isEqualTo(URI.create("http://127.0.0.1:8090"));
    assertThat(Environment.custom("  http://127.0.0.1:8090/ ").baseUrl())
        .isEqualTo(URI.create("http://127.0.0.1:8090"));
    assertThat(Environment.custom("https://proxy.example.com/daraja/").baseUrl())
        .isEqualTo(URI.create("https://proxy.example.com/daraja"));
  }

  @Test
  void aPathPrefixIsKept() {
    assertThat(Environment.custom("https://proxy.example.com/daraja").baseUrl())
        .isEqualTo(URI.create("https://proxy.example.com/daraja"));
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(
      strings = {
        "",
        "  ",
        "127.0.0.1:8090",
        "localhost",
        "/mpesa",
        "ftp://127.0.0.1:8090",
        "file:///tmp/daraja",
        "mailto:ops@example.com",
        "http://",
        "http:///path",
        "not a url",
        "http://exa mple.com",
      })
  void anythingButAnAbsoluteHttpUrlIsRefusedNamingTheBaseUrl(String text) {
    assertThatThrownBy(() -> Environment.custom(text))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("baseUrl");
              assertThat(e.getMessage()).startsWith("baseUrl: '" + text + "'");
            });
  }

  @Test
  void refusalsSayWhatAValidBaseUrlLooksLike() {
    assertThatThrownBy(() -> Environment.custom("ftp://127.0.0.1:8090"))
        .hasMessage(
            "baseUrl: 'ftp://127.0.0.1:8090' must be an absolute http(s) URL such as"
                + " http://127.0.0.1:8090");
  }

  @ParameterizedTest(name = "MPESA_ENV \"{0}\" is the sandbox")
  @ValueSource(strings = {"sandbox", "SANDBOX", " Sandbox ", ""})
  void sandboxNamesGiveTheSandbox(String name) {
    assertThat(Environment.named(name, null)).isSameAs(Environment.SANDBOX);
    assertThat(Environment.named(name, " ")).isSameAs(Environment.SANDBOX);
  }

  @Test
  void noNameIsTheSandbox() {
    assertThat(Environment.named(null, null)).isSameAs(Environment.SANDBOX);
  }

  @Test
  void aSandboxWithABaseUrlGoesToThatUrl() {
    Environment environment = Environment.named("sandbox", "http://127.0.0.1:7000/");
    assertThat(environment.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:7000"));
    assertThat(environment.isProduction()).isFalse();
  }

  @ParameterizedTest(name = "MPESA_ENV \"{0}\" is production")
  @ValueSource(strings = {"production", "PRODUCTION", "prod", "live", " Live "})
  void productionNamesGiveProduction(String name) {
    assertThat(Environment.named(name, null)).isSameAs(Environment.PRODUCTION);
  }

  @Test
  void theEmulatorNeedsItsBaseUrlAndDefaultsToTheLocalPort() {
    Environment given = Environment.named("emulator", "http://127.0.0.1:9123");
    assertThat(given.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9123"));
    assertThat(given.isProduction()).isFalse();
    assertThat(Environment.named("EMULATOR", null).baseUrl())
        .isEqualTo(URI.create("http://127.0.0.1:8090"));
    assertThat(Environment.named("custom", "https://proxy.example.com/").baseUrl())
        .isEqualTo(URI.create("https://proxy.example.com"));
  }

  @Test
  void anEmulatorWithABadBaseUrlIsRefused() {
    assertThatThrownBy(() -> Environment.named("emulator", "127.0.0.1:8090"))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("baseUrl"));
  }

  @ParameterizedTest(name = "MPESA_ENV \"{0}\" is refused")
  @ValueSource(strings = {"staging", "test", "dev", "sand box", "production2"})
  void unknownNamesAreRefusedNamingTheVariable(String name) {
    assertThatThrownBy(() -> Environment.named(name, "http://127.0.0.1:8090"))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("MPESA_ENV");
              assertThat(e.getMessage())
                  .isEqualTo("MPESA_ENV: '" + name + "' is not sandbox, production or emulator");
            });
  }
}
