package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GatewayConfig.Builder#environment(Map)}: the variables an application embedding the
 * gateway gets, as {@code daraja gateway} does. The environment is always a map made here, never
 * the process's.
 */
class GatewayConfigEnvironmentTest {

  private static final String SECRET = "envCallbackSecret0123456789";
  private static final String PASSWORD = "correct horse battery";

  /** Every variable the gateway reads, each with a good value. */
  private static final Map<String, String> ALL =
      Map.of(
          "DARAJA_API_KEY", "dk_first,dk_second",
          "DARAJA_CALLBACK_SECRET", SECRET,
          "DARAJA_PUBLIC_URL", "https://pay.example.co.ke",
          "DARAJA_DASHBOARD_PASSWORD", PASSWORD,
          "MPESA_C2B_SHORTCODE", "600992",
          "MPESA_B2C_SHORTCODE", "600000");

  private static GatewayConfig.Builder defaults() {
    return GatewayConfig.builder("jdbc:sqlite:unused.db");
  }

  private static GatewayConfig fromEnvironment(Map<String, String> env) {
    return defaults().environment(env).build();
  }

  @Test
  void eachVariableSetsItsSetting() {
    GatewayConfig config = fromEnvironment(ALL);
    assertThat(config.apiKey()).isEqualTo("dk_first,dk_second");
    assertThat(config.callbackSecret()).isEqualTo(SECRET);
    assertThat(config.publicUrl()).isEqualTo("https://pay.example.co.ke");
    assertThat(config.dashboardPassword()).isEqualTo(PASSWORD);
    assertThat(config.c2bShortCode()).isEqualTo("600992");
    assertThat(config.payoutShortCode()).isEqualTo("600000");
  }

  @ParameterizedTest(name = "{0} alone sets only its own setting")
  @CsvSource({
    "DARAJA_API_KEY",
    "DARAJA_CALLBACK_SECRET",
    "DARAJA_PUBLIC_URL",
    "DARAJA_DASHBOARD_PASSWORD",
    "MPESA_C2B_SHORTCODE",
    "MPESA_B2C_SHORTCODE"
  })
  void eachVariableAloneSetsOnlyItsOwnSetting(String variable) {
    GatewayConfig config = fromEnvironment(Map.of(variable, ALL.get(variable)));
    Map<String, Function<GatewayConfig, String>> settings =
        Map.of(
            "DARAJA_API_KEY", GatewayConfig::apiKey,
            "DARAJA_CALLBACK_SECRET", GatewayConfig::callbackSecret,
            "DARAJA_PUBLIC_URL", GatewayConfig::publicUrl,
            "DARAJA_DASHBOARD_PASSWORD", GatewayConfig::dashboardPassword,
            "MPESA_C2B_SHORTCODE", GatewayConfig::c2bShortCode,
            "MPESA_B2C_SHORTCODE", GatewayConfig::payoutShortCode);
    settings.forEach(
        (name, setting) ->
            assertThat(setting.apply(config))
                .as(name)
                .isEqualTo(name.equals(variable) ? ALL.get(variable) : null));
  }

  @Test
  void anEmptyEnvironmentLeavesTheDefaults() {
    GatewayConfig config = defaults().instanceId("gw-test").environment(Map.of()).build();
    assertThat(config)
        .usingRecursiveComparison()
        .isEqualTo(defaults().instanceId("gw-test").build());
  }

  @Test
  void blankVariablesCountAsUnsetAndLeaveTheFilesValues() {
    Map<String, String> blank = new HashMap<>();
    ALL.keySet().forEach(name -> blank.put(name, "  "));
    GatewayConfig config =
        defaults()
            .json(
                """
                {"security":{"apiKey":"dk_from_file","callbackSecret":"fileCallbackSecret0123"},
                 "server":{"publicUrl":"https://file.example.co.ke"},
                 "dashboard":{"password":"file password 123"},
                 "c2b":{"shortCode":"600111"},"payouts":{"shortCode":"600222"}}""")
            .environment(blank)
            .build();
    assertThat(config.apiKey()).isEqualTo("dk_from_file");
    assertThat(config.callbackSecret()).isEqualTo("fileCallbackSecret0123");
    assertThat(config.publicUrl()).isEqualTo("https://file.example.co.ke");
    assertThat(config.dashboardPassword()).isEqualTo("file password 123");
    assertThat(config.c2bShortCode()).isEqualTo("600111");
    assertThat(config.payoutShortCode()).isEqualTo("600222");
  }

  @Test
  void otherVariablesAreIgnored() {
    GatewayConfig config =
        defaults()
            .instanceId("gw-test")
            .environment(
                Map.of(
                    "MPESA_CONSUMER_KEY", "key",
                    "MPESA_CONSUMER_SECRET", "secret",
                    "MPESA_SHORTCODE", "174379",
                    "DARAJA_LOG_FORMAT", "json",
                    "DARAJA_PORT", "9999",
                    "DARAJA_DATABASE_URL", "jdbc:postgresql://elsewhere/db",
                    "PATH", "/usr/bin"))
            .build();
    assertThat(config)
        .usingRecursiveComparison()
        .isEqualTo(defaults().instanceId("gw-test").build());
  }

  @Test
  void theEnvironmentOverridesTheConfigFile(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gateway.json"),
            """
            {"server":{"port":9000,"publicUrl":"https://file.example.co.ke"},
             "security":{"apiKey":"dk_from_file"},"c2b":{"shortCode":"600111"}}""");
    GatewayConfig config =
        defaults()
            .load(file)
            .environment(
                Map.of(
                    "DARAJA_PUBLIC_URL", "https://env.example.co.ke",
                    "MPESA_C2B_SHORTCODE", "600992"))
            .build();
    assertThat(config.publicUrl()).isEqualTo("https://env.example.co.ke");
    assertThat(config.c2bShortCode()).isEqualTo("600992");
    assertThat(config.apiKey())
        .as("a setting no variable gives keeps the file's")
        .isEqualTo("dk_from_file");
    assertThat(config.port()).isEqualTo(9000);
  }

  @Test
  void valuesSetInCodeAfterTheEnvironmentOverrideIt() {
    GatewayConfig config =
        defaults().environment(ALL).apiKey("dk_in_code").c2bShortCode("600333").build();
    assertThat(config.apiKey()).isEqualTo("dk_in_code");
    assertThat(config.c2bShortCode()).isEqualTo("600333");
    assertThat(config.publicUrl()).isEqualTo("https://pay.example.co.ke");
  }

  @Test
  void theEnvironmentOverridesValuesSetInCodeBeforeIt() {
    GatewayConfig config = defaults().apiKey("dk_in_code").environment(ALL).build();
    assertThat(config.apiKey()).isEqualTo("dk_first,dk_second");
  }

  @ParameterizedTest(name = "{0}=''{1}'' is refused by its name")
  @CsvSource(
      delimiter = '|',
      value = {
        "DARAJA_PUBLIC_URL         | pay.example.co.ke          | absolute http(s) URL",
        "DARAJA_PUBLIC_URL         | ftp://pay.example.co.ke    | absolute http(s) URL",
        "DARAJA_PUBLIC_URL         | https://pay.example/?a=b   | without query or fragment",
        "DARAJA_API_KEY            | ' , '                      | holds no key",
        "MPESA_C2B_SHORTCODE       | PAYBILL                    | 5 to 9 digits, e.g. 600992",
        "MPESA_C2B_SHORTCODE       | 1234                       | 5 to 9 digits",
        "MPESA_B2C_SHORTCODE       | 600 000                    | 5 to 9 digits, e.g. 600000",
      })
  void aBadValueIsRefusedNamingTheVariableAndWhatItMustBe(
      String variable, String value, String fix) {
    assertThatThrownBy(() -> fromEnvironment(Map.of(variable, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(variable)
        .hasMessageContaining(fix);
  }

  @Test
  void aBadCallbackSecretIsRefusedByNameWithoutQuotingIt() {
    String tooShort = "tooShortSecret";
    assertThatThrownBy(() -> fromEnvironment(Map.of("DARAJA_CALLBACK_SECRET", tooShort)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DARAJA_CALLBACK_SECRET")
        .hasMessageContaining("16 to 128 letters, digits, '-' or '_'")
        .hasMessageNotContaining(tooShort);
    String withSlash = "has/a/slash/in/it/0123456789";
    assertThatThrownBy(() -> fromEnvironment(Map.of("DARAJA_CALLBACK_SECRET", withSlash)))
        .hasMessageStartingWith("DARAJA_CALLBACK_SECRET")
        .hasMessageNotContaining(withSlash);
    String reserved = "paymentsViaMpesa0123456789";
    assertThatThrownBy(() -> fromEnvironment(Map.of("DARAJA_CALLBACK_SECRET", reserved)))
        .hasMessageStartingWith("DARAJA_CALLBACK_SECRET")
        .hasMessageContaining("\"mpesa\", which Daraja refuses in C2B URLs; choose another")
        .hasMessageNotContaining(reserved);
  }

  @Test
  void aShortDashboardPasswordIsRefusedByNameWithoutQuotingIt() {
    String tooShort = "hunter2hunt";
    assertThatThrownBy(() -> fromEnvironment(Map.of("DARAJA_DASHBOARD_PASSWORD", tooShort)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("DARAJA_DASHBOARD_PASSWORD")
        .hasMessageContaining("at least 12 characters")
        .hasMessageNotContaining(tooShort);
  }

  @Test
  void aRefusedEnvironmentLeavesTheBuilderAsItWas() {
    Map<String, String> env = new HashMap<>(ALL);
    env.put("DARAJA_DASHBOARD_PASSWORD", "short");
    GatewayConfig.Builder builder = defaults().instanceId("gw-test");
    assertThatThrownBy(() -> builder.environment(env))
        .hasMessageStartingWith("DARAJA_DASHBOARD_PASSWORD");
    assertThat(builder.build())
        .usingRecursiveComparison()
        .isEqualTo(defaults().instanceId("gw-test").build());
  }

  @Test
  void secretsFromTheEnvironmentNeverAppearInToString() {
    String shown =
        defaults()
            .databaseUrl("jdbc:postgresql://db/payments?user=gw&password=dbSecret99")
            .environment(ALL)
            .build()
            .toString();
    assertThat(shown)
        .doesNotContain("dk_first")
        .doesNotContain("dk_second")
        .doesNotContain(SECRET)
        .doesNotContain(PASSWORD)
        .doesNotContain("dbSecret99")
        .contains("https://pay.example.co.ke");
  }

  @Test
  void aNullEnvironmentIsAProgrammingError() {
    assertThatThrownBy(() -> defaults().environment(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("env");
  }
}
