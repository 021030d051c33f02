package io.github.darajakit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.gateway.payouts.FraudChecks;
import io.github.darajakit.gateway.payouts.PayoutRails;
import io.github.darajakit.gateway.subscriptions.DunningPolicy;
import io.github.darajakit.gateway.subscriptions.SubscriptionSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The payout, subscription and B2B collection keys of the config file: read when right, refused
 * naming the key when wrong.
 */
class ConfigFileTest {

  private static GatewayConfig load(String json) {
    GatewayConfig.Builder builder = GatewayConfig.builder("jdbc:sqlite:unused.db");
    ConfigFile.applyJson(builder, json);
    return builder.build();
  }

  @Test
  void payoutSettingsAreRead() {
    GatewayConfig config =
        load(
            """
            {"payouts":{"shortCode":"600000","ratePerSecond":25,"maxPerPayout":150000,
             "maxPerBatch":5000000,"maxPerDay":8000000,"approvalThreshold":1000000,
             "tillIdentifierType":"2","resultWait":"30s",
             "allowList":["0708374149","+254 712 345 678","600978"]}}""");
    assertThat(config.payoutShortCode()).isEqualTo("600000");
    assertThat(config.payoutRatePerSecond()).isEqualTo(25);
    assertThat(config.tillIdentifierType()).isEqualTo("2");
    assertThat(config.payoutResultWait()).isEqualTo(java.time.Duration.ofSeconds(30));
    PayoutRails rails = config.payoutRails();
    assertThat(rails.maxPerPayout()).isEqualTo(150_000L);
    assertThat(rails.maxPerBatch()).isEqualTo(5_000_000L);
    assertThat(rails.maxPerDay()).isEqualTo(8_000_000L);
    assertThat(rails.approvalThreshold()).isEqualTo(1_000_000L);
    assertThat(rails.allowList())
        .as("phones normalised; PayBills and tills (for B2B) kept")
        .containsExactlyInAnyOrder("254708374149", "254712345678", "600978");
  }

  @Test
  void withoutRailsNoneApply() {
    assertThat(load("{\"payouts\":{\"shortCode\":\"600000\"}}").payoutRails())
        .isEqualTo(PayoutRails.NONE);
  }

  @Test
  void fraudChecksAreReadAndOffUnlessSet() {
    GatewayConfig config = load("{\"payouts\":{\"simSwapGuard\":\"7d\",\"nameCheck\":true}}");
    assertThat(config.fraudChecks()).isEqualTo(new FraudChecks(Duration.ofDays(7), true));
    assertThat(load("{\"payouts.nameCheck\":true}").fraudChecks())
        .isEqualTo(new FraudChecks(null, true));
    assertThat(load("{\"payouts\":{\"shortCode\":\"600000\"}}").fraudChecks())
        .isEqualTo(FraudChecks.NONE);
    assertThat(FraudChecks.NONE.any()).isFalse();
  }

  @Test
  void fraudCheckValuesDarajaCannotSupportAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> load("{\"payouts\":{\"simSwapGuard\":\"91d\"}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payouts.simSwapGuard")
        .hasMessageContaining("at most 90d");
    assertThatThrownBy(() -> load("{\"payouts\":{\"simSwapGuard\":7}}"))
        .hasMessageContaining("payouts.simSwapGuard");
    assertThatThrownBy(() -> load("{\"payouts\":{\"nameCheck\":\"on\"}}"))
        .hasMessageContaining("payouts.nameCheck")
        .hasMessageContaining("true or false");
  }

  @Test
  void badPayoutValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> load("{\"payouts\":{\"ratePerSecond\":0}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payouts.ratePerSecond");
    assertThatThrownBy(() -> load("{\"payouts\":{\"maxPerDay\":\"a lot\"}}"))
        .hasMessageContaining("payouts.maxPerDay");
    assertThatThrownBy(() -> load("{\"payouts\":{\"maxPerPayout\":0}}"))
        .hasMessageContaining("payouts.maxPerPayout");
    assertThatThrownBy(() -> load("{\"payouts\":{\"allowList\":[\"1234\"]}}"))
        .hasMessageContaining("payouts.allowList");
    assertThatThrownBy(() -> load("{\"payouts\":{\"allowList\":\"0708374149\"}}"))
        .hasMessageContaining("payouts.allowList");
    assertThatThrownBy(() -> load("{\"payouts\":{\"tillIdentifierType\":\"11\"}}"))
        .hasMessageContaining("payouts.tillIdentifierType");
    assertThatThrownBy(() -> load("{\"payouts\":{\"resultWait\":\"soon\"}}"))
        .hasMessageContaining("payouts.resultWait");
    assertThatThrownBy(() -> load("{\"dashboard\":{\"password\":\"short\"}}"))
        .hasMessageContaining("dashboard.password");
    assertThatThrownBy(() -> load("{\"payouts\":{\"maxPerMonth\":1}}"))
        .hasMessageContaining("payouts.maxPerMonth");
  }

  @Test
  void subscriptionSettingsAreRead() {
    SubscriptionSettings s =
        load("""
                {"subscriptions":{"ratePerSecond":0,"quietHours":"22:00-06:30",
                 "afterLastTry":"cancel","ratibaGrace":"3d","ratibaYears":5,"tickEvery":"250ms",
                 "dunning":{"1037":["30m","2h"],"1032":"none","1":"wait","default":[]}}}""")
            .subscriptions();
    assertThat(s.ratePerSecond()).isZero();
    assertThat(s.quietHours()).hasToString("22:00-06:30");
    assertThat(s.cancelAfterLastTry()).isTrue();
    assertThat(s.ratibaGrace()).isEqualTo(Duration.ofDays(3));
    assertThat(s.ratibaYears()).isEqualTo(5);
    assertThat(s.tickEvery()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.dunning().ruleFor("1037").retries())
        .containsExactly(Duration.ofMinutes(30), Duration.ofHours(2));
    assertThat(s.dunning().ruleFor("1032"))
        .isEqualTo(new DunningPolicy.Rule(java.util.List.of(), false));
    assertThat(s.dunning().ruleFor("1").waitForMerchant()).isTrue();
    assertThat(s.dunning().ruleFor("2001").retries()).containsExactly(Duration.ofHours(1));
    assertThat(s.dunning().ruleFor("17").retries()).isEmpty();
    assertThat(load("{}").subscriptions()).isEqualTo(SubscriptionSettings.defaults());
  }

  @Test
  void badSubscriptionValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> load("{\"subscriptions\":{\"ratePerSecond\":-1}}"))
        .hasMessageContaining("subscriptions.ratePerSecond");
    assertThatThrownBy(() -> load("{\"subscriptions\":{\"quietHours\":\"late\"}}"))
        .hasMessageContaining("subscriptions.quietHours");
    assertThatThrownBy(() -> load("{\"subscriptions\":{\"afterLastTry\":\"delete\"}}"))
        .hasMessageContaining("subscriptions.afterLastTry");
    assertThatThrownBy(() -> load("{\"subscriptions\":{\"dunning\":{\"1037\":\"often\"}}}"))
        .hasMessageContaining("subscriptions.dunning.1037");
    assertThatThrownBy(() -> load("{\"subscriptions\":{\"dunning\":{\"1\":[\"-1h\"]}}}"))
        .hasMessageContaining("subscriptions.dunning.1");
    assertThatThrownBy(() -> load("{\"subscriptions\":{\"ratibaYears\":0}}"))
        .hasMessageContaining("subscriptions.ratibaYears");
  }

  @Test
  void b2bCollectionSettingsAreRead() {
    GatewayConfig config =
        load("{\"b2bCollections\":{\"partnerName\":\"Acme Supplies\",\"callbackWait\":\"10m\"}}");
    assertThat(config.b2bCollectionPartnerName()).isEqualTo("Acme Supplies");
    assertThat(config.b2bCollectionCallbackWait()).isEqualTo(Duration.ofMinutes(10));
    GatewayConfig defaults = load("{}");
    assertThat(defaults.b2bCollectionPartnerName()).isNull();
    assertThat(defaults.b2bCollectionCallbackWait()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void badB2bCollectionValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> load("{\"b2bCollections\":{\"partnerName\":\"\"}}"))
        .hasMessageContaining("b2bCollections.partnerName");
    assertThatThrownBy(
            () -> load("{\"b2bCollections\":{\"partnerName\":\"" + "A".repeat(51) + "\"}}"))
        .hasMessageContaining("b2bCollections.partnerName");
    assertThatThrownBy(() -> load("{\"b2bCollections\":{\"partnerName\":\"Acme\\nLtd\"}}"))
        .hasMessageContaining("b2bCollections.partnerName");
    assertThatThrownBy(() -> load("{\"b2bCollections\":{\"callbackWait\":\"0s\"}}"))
        .hasMessageContaining("b2bCollections.callbackWait");
    assertThatThrownBy(() -> load("{\"b2bCollections\":{\"receiver\":\"600000\"}}"))
        .hasMessageContaining("b2bCollections.receiver");
  }

  @Test
  void checkoutSettingsAreReadAndDefaulted() {
    GatewayConfig config =
        load(
            "{\"checkout\":{\"merchantName\":\"Mama Mboga\",\"promptsPerPhonePerHour\":3,"
                + "\"promptsPerClientPerMinute\":20,\"promptsPerLinkPerMinute\":40,"
                + "\"sessionLifetime\":\"15m\"}}");
    assertThat(config.checkout().merchantName()).isEqualTo("Mama Mboga");
    assertThat(config.checkout().promptsPerPhonePerHour()).isEqualTo(3);
    assertThat(config.checkout().promptsPerClientPerMinute()).isEqualTo(20);
    assertThat(config.checkout().promptsPerLinkPerMinute()).isEqualTo(40);
    assertThat(config.checkout().sessionLifetime()).isEqualTo(Duration.ofMinutes(15));
    GatewayConfig defaults = load("{}");
    assertThat(defaults.checkout().merchantName()).isNull();
    assertThat(defaults.checkout().promptsPerPhonePerHour()).isEqualTo(5);
    assertThat(defaults.checkout().promptsPerClientPerMinute()).isEqualTo(10);
    assertThat(defaults.checkout().promptsPerLinkPerMinute()).isEqualTo(30);
    assertThat(defaults.checkout().sessionLifetime()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void badCheckoutValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> load("{\"checkout\":{\"merchantName\":\"Duka\\nLtd\"}}"))
        .hasMessageContaining("checkout.merchantName");
    assertThatThrownBy(() -> load("{\"checkout\":{\"promptsPerPhonePerHour\":0}}"))
        .hasMessageContaining("checkout.promptsPerPhonePerHour");
    assertThatThrownBy(() -> load("{\"checkout\":{\"sessionLifetime\":\"2d\"}}"))
        .hasMessageContaining("checkout.sessionLifetime");
    assertThatThrownBy(() -> load("{\"checkout\":{\"pageColour\":\"green\"}}"))
        .hasMessageContaining("checkout.pageColour");
  }
}
