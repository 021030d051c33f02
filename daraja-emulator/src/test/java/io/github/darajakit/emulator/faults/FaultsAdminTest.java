package io.github.darajakit.emulator.faults;

import static io.github.darajakit.emulator.support.DarajaAssertions.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /__admin/faults}: read, replace as a whole, clear; bad documents name the bad key. */
class FaultsAdminTest {

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static final String FULL =
      """
      {"latency": {"STK_PUSH": "250ms", "*": "1s"},
       "errors": [
         {"endpoint": "b2c_v3", "mode": "accept-then-drop", "count": 2},
         {"endpoint": "*", "mode": "reject", "rate": 0.25,
          "errorCode": "500.003.02", "errorMessage": "System is busy"}],
       "callbacks": {"dropRate": 0.5, "duplicateRate": 0.1, "extraDelay": "2s",
                     "reorderWindow": "PT0.5S", "kinds": ["stk", "result"]},
       "spikeArrest": {"ratePerSecond": 5, "burst": 10},
       "quota": {"maxRequests": 1000},
       "tokenTtl": "30s"}
      """;

  @Test
  void noFaultsAtStart() {
    assertNoFaults(h.daraja().adminGet("faults"));
  }

  private static void assertNoFaults(JsonNode faults) {
    assertThat(fieldNames(faults)).containsExactly("latency", "errors", "callbacks");
    assertThat(fieldNames(faults.path("latency"))).isEmpty();
    assertThat(faults.path("errors").size()).isZero();
    JsonNode callbacks = faults.path("callbacks");
    assertThat(callbacks.path("dropRate").asDouble()).isZero();
    assertThat(callbacks.path("duplicateRate").asDouble()).isZero();
    assertThat(callbacks.path("extraDelay").asText()).isEqualTo("0ms");
    assertThat(callbacks.path("reorderWindow").asText()).isEqualTo("0ms");
    assertThat(callbacks.path("kinds").size()).isZero();
  }

  @Test
  void putReplacesEverythingAndGetShowsItNormalised() {
    Reply put = h.daraja().admin("PUT", "faults", FULL);

    assertThat(put.status()).as("%s", put).isEqualTo(200);
    JsonNode faults = h.daraja().adminGet("faults");
    assertThat(faults).isEqualTo(put.json());
    assertThat(faults.path("latency").path("stk_push").asText()).isEqualTo("250ms");
    assertThat(faults.path("latency").path("*").asText()).isEqualTo("1000ms");
    JsonNode counted = faults.path("errors").get(0);
    assertThat(counted.path("endpoint").asText()).isEqualTo("b2c_v3");
    assertThat(counted.path("mode").asText()).isEqualTo("accept_then_drop");
    assertThat(counted.path("count").asInt()).isEqualTo(2);
    assertThat(counted.path("remaining").asInt()).isEqualTo(2);
    assertThat(counted.path("errorCode").asText()).isEqualTo("500.003.1001");
    assertThat(counted.path("errorMessage").asText()).isEqualTo("Internal Server Error");
    JsonNode rated = faults.path("errors").get(1);
    assertThat(rated.path("endpoint").asText()).isEqualTo("*");
    assertThat(rated.path("rate").asDouble()).isEqualTo(0.25);
    assertThat(rated.has("count")).isFalse();
    assertThat(rated.path("errorCode").asText()).isEqualTo("500.003.02");
    JsonNode callbacks = faults.path("callbacks");
    assertThat(callbacks.path("dropRate").asDouble()).isEqualTo(0.5);
    assertThat(callbacks.path("extraDelay").asText()).isEqualTo("2000ms");
    assertThat(callbacks.path("reorderWindow").asText()).isEqualTo("500ms");
    assertThat(callbacks.path("kinds").toString()).isEqualTo("[\"result\",\"stk\"]");
    assertThat(faults.path("spikeArrest").path("ratePerSecond").asDouble()).isEqualTo(5);
    assertThat(faults.path("spikeArrest").path("burst").asInt()).isEqualTo(10);
    assertThat(faults.path("quota").path("maxRequests").asLong()).isEqualTo(1000);
    assertThat(faults.path("tokenTtl").asText()).isEqualTo("30000ms");

    Reply smaller = h.daraja().admin("PUT", "faults", "{\"quota\":{\"maxRequests\":7}}");
    assertThat(fieldNames(smaller.json()))
        .containsExactly("latency", "errors", "callbacks", "quota");
    assertThat(smaller.json().path("errors").size()).isZero();
  }

  @Test
  void deleteClearsEveryFault() {
    h.daraja().admin("PUT", "faults", FULL);

    Reply deleted = h.daraja().admin("DELETE", "faults", null);

    assertThat(deleted.status()).isEqualTo(200);
    assertNoFaults(deleted.json());
    assertNoFaults(h.daraja().adminGet("faults"));
  }

  @Test
  void spikeArrestBurstDefaultsToTheRateRoundedUp() {
    Reply reply = h.daraja().admin("PUT", "faults", "{\"spikeArrest\":{\"ratePerSecond\":2.5}}");

    assertThat(reply.json().path("spikeArrest").path("burst").asInt()).isEqualTo(3);
  }

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        Arguments.of("{\"latency\":5}", "'latency'"),
        Arguments.of("{\"latency\":{\"stk_push\":\"fast\"}}", "'latency.stk_push'"),
        Arguments.of("{\"latency\":{\"nowhere\":\"1s\"}}", "'nowhere'"),
        Arguments.of("{\"latncy\":{}}", "'latncy'"),
        Arguments.of("{\"errors\":{}}", "'errors'"),
        Arguments.of("{\"errors\":[5]}", "error rule"),
        Arguments.of("{\"errors\":[{\"endpoint\":\"b2d\"}]}", "'b2d'"),
        Arguments.of("{\"errors\":[{\"mode\":\"sometimes\"}]}", "errors[].mode"),
        Arguments.of("{\"errors\":[{\"rate\":1.5}]}", "errors[].rate"),
        Arguments.of("{\"errors\":[{\"rate\":\"all\"}]}", "errors[].rate"),
        Arguments.of("{\"errors\":[{\"count\":-1}]}", "errors[].count"),
        Arguments.of("{\"errors\":[{\"count\":1,\"rate\":0.5}]}", "'count' or 'rate'"),
        Arguments.of("{\"errors\":[{\"errorCode\":\"oops\"}]}", "errors[].errorCode"),
        Arguments.of("{\"callbacks\":[]}", "'callbacks'"),
        Arguments.of("{\"callbacks\":{\"dropRate\":2}}", "callbacks.dropRate"),
        Arguments.of("{\"callbacks\":{\"duplicateRate\":\"x\"}}", "callbacks.duplicateRate"),
        Arguments.of("{\"callbacks\":{\"extraDelay\":5}}", "callbacks.extraDelay"),
        Arguments.of("{\"callbacks\":{\"reorderWindow\":\"soon\"}}", "callbacks.reorderWindow"),
        Arguments.of("{\"callbacks\":{\"kinds\":[\"sms\"]}}", "'sms'"),
        Arguments.of("{\"spikeArrest\":{\"ratePerSecond\":0}}", "spikeArrest.ratePerSecond"),
        Arguments.of("{\"spikeArrest\":{\"burst\":2}}", "spikeArrest.ratePerSecond"),
        Arguments.of("{\"spikeArrest\":{\"ratePerSecond\":1,\"burst\":0}}", "spikeArrest.burst"),
        Arguments.of("{\"quota\":{\"maxRequests\":0}}", "quota.maxRequests"),
        Arguments.of("{\"quota\":3}", "quota.maxRequests"),
        Arguments.of("{\"tokenTtl\":\"forever\"}", "'tokenTtl'"),
        Arguments.of("{\"tokenTtl\":\"PT-5S\"}", "'tokenTtl'"),
        Arguments.of("{\"latency\":{\"*\":\"PT-1S\"}}", "'latency.*'"),
        Arguments.of("{\"callbacks\":{\"extraDelay\":\"PT-1S\"}}", "callbacks.extraDelay"),
        Arguments.of("{\"callbacks\":{\"kinds\":\"result\"}}", "callbacks.kinds"),
        Arguments.of("[]", "JSON object"),
        Arguments.of("{\"latency\":", "JSON object"),
        Arguments.of("", "JSON object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDocuments")
  void badDocumentIsA400NamingTheKeyAndLeavesTheFaultsInForceUnchanged(
      String document, String named) {
    h.daraja().admin("PUT", "faults", "{\"quota\":{\"maxRequests\":42}}");

    Reply reply = h.daraja().admin("PUT", "faults", document);

    assertThat(reply.status()).as("%s", reply).isEqualTo(400);
    assertThat(fieldNames(reply.json())).containsExactly("error");
    assertThat(reply.text("error")).contains(named);
    JsonNode faults = h.daraja().adminGet("faults");
    assertThat(faults.path("quota").path("maxRequests").asLong()).isEqualTo(42);
  }

  @Test
  void otherMethodsAreNotAllowed() {
    Reply reply = h.daraja().admin("PATCH", "faults", "{}");

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.text("error")).contains("PATCH");
  }
}
