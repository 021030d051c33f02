package io.github.darajakit.emulator.faults;

import static io.github.darajakit.emulator.support.DarajaAssertions.assertDarajaError;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SpikeArrest and quota per consumer key (REFERENCE §1.10, §22.9), and short-lived tokens. */
class RateLimitFaultsTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final String GRANT = "grant_type=client_credentials";

  private static void faults(String json) {
    Reply reply = h.daraja().admin("PUT", "faults", json);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
  }

  /** An STK push with an empty body: past the rate limits it fails on its first field. */
  private static Reply call(String token) {
    return h.daraja()
        .post("/mpesa/stkpush/v1/processrequest", "{}", "Bearer " + token, "application/json");
  }

  private static void assertAdmitted(Reply reply) {
    assertDarajaError(reply, "400.002.02", "Bad Request - Invalid BusinessShortCode");
  }

  @Test
  void spikeArrestRejectsTheRequestBeyondTheBurstForThatConsumerKeyOnly() {
    String busy = h.daraja().newToken("busy-app", "s");
    String calm = h.daraja().newToken("calm-app", "s");
    // A refill of one token per 100 s: the test cannot be slow enough to earn a third.
    faults("{\"spikeArrest\":{\"ratePerSecond\":0.01,\"burst\":2}}");

    Reply first = call(busy);
    Reply second = call(busy);
    Reply third = call(busy);
    Reply other = call(calm);

    assertAdmitted(first);
    assertAdmitted(second);
    assertDarajaError(third, "500.003.02", "Error Occurred: Spike Arrest Violation");
    assertAdmitted(other);
  }

  @Test
  void spikeArrestAlsoCountsTokenRequests() {
    faults("{\"spikeArrest\":{\"ratePerSecond\":0.01,\"burst\":2}}");
    String basic = "Basic " + DarajaHttp.basic("greedy-app", "s");

    Reply first = h.daraja().oauth(basic, GRANT);
    Reply second = h.daraja().oauth(basic, GRANT);
    Reply third = h.daraja().oauth(basic, GRANT);

    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertDarajaError(third, "500.003.02", "Error Occurred: Spike Arrest Violation");
  }

  @Test
  void quotaRejectsEveryRequestAfterTheMaximumUntilTheFaultIsCleared() {
    String spender = h.daraja().newToken("spender-app", "s");
    String saver = h.daraja().newToken("saver-app", "s");
    faults("{\"quota\":{\"maxRequests\":3}}");

    for (int i = 0; i < 3; i++) {
      assertAdmitted(call(spender));
    }
    assertDarajaError(call(spender), "500.003.03", "Quota Violation");
    assertDarajaError(call(spender), "500.003.03", "Quota Violation");
    assertAdmitted(call(saver));

    h.daraja().admin("DELETE", "faults", null);
    assertAdmitted(call(spender));
  }

  @Test
  void replacingTheFaultsStartsTheQuotaAfresh() {
    String token = h.daraja().newToken("app", "s");
    faults("{\"quota\":{\"maxRequests\":1}}");
    assertAdmitted(call(token));
    assertDarajaError(call(token), "500.003.03", "Quota Violation");

    faults("{\"quota\":{\"maxRequests\":1}}");

    assertAdmitted(call(token));
  }

  @Test
  void shortTokenTtlIssuesTokensThatExpireWhenTheClockPassesIt() {
    String before = h.daraja().newToken("app", "s");
    faults("{\"tokenTtl\":\"1s\"}");

    Reply issued = h.daraja().oauth("Basic " + DarajaHttp.basic("app", "s"), GRANT);
    String token = issued.text("access_token");
    assertThat(issued.text("expires_in")).isEqualTo("1");
    assertAdmitted(call(token));

    Reply advanced = h.daraja().admin("POST", "clock/advance", "{\"by\":\"2s\"}");
    assertThat(advanced.status()).isEqualTo(200);

    assertDarajaError(call(token), "404.001.03", "Invalid Access Token");
    assertAdmitted(call(before));
  }
}
