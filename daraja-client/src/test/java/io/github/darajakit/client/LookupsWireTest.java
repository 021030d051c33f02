package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.hakikisha.HakikishaRequest;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.orginfo.OrgInfoRequest;
import io.github.darajakit.client.sim.SimCheckRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Hakikisha, Org Info, IMSI and SIM swap put on the wire: all queries, safe to retry. */
class LookupsWireTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_748_933_384L);

  private static ClientContext pinned(String shortCode) {
    return new ClientContext(
        null,
        Environment.SANDBOX,
        shortCode,
        null,
        null,
        null,
        Clock.fixed(NOW, ZoneId.of("UTC")),
        ZoneId.of("Africa/Nairobi"),
        Runnable::run);
  }

  @Test
  void hakikishaSendsHeaderAndBodyWithEpochSecondsAndTheClientsShortCode() {
    Transport.Call call =
        new HakikishaService(pinned("600992"))
            .call(HakikishaRequest.builder().msisdn("0722 000 000").requestId("req-1").build());

    assertThat(call.path()).isEqualTo("/mpesa/b2c/hakikisha/v1/hakikisha");
    assertThat(call.kind()).isEqualTo(Transport.Kind.QUERY);
    assertThat(call.operation()).isEqualTo("hakikisha.lookup");
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"header\":{\"requestID\":\"req-1\",\"timestamp\":\"1748933384\"},"
                + "\"body\":{\"msisdn\":\"254722000000\",\"shortcode\":\"600992\"}}");
    assertThat(call.identifiers()).containsExactly(Map.entry("requestId", "req-1"));
  }

  @Test
  void hakikishaMakesARequestIdAndPrefersTheRequestsShortCode() {
    Transport.Call call =
        new HakikishaService(pinned("600992"))
            .call(HakikishaRequest.builder().msisdn("0722000000").shortCode("174379").build());

    assertThat(call.body().path("header").path("requestID").asText()).hasSize(36);
    assertThat(call.body().path("body").path("shortcode").asText()).isEqualTo("174379");
  }

  @Test
  void hakikishaWithoutAnyShortCodeNamesTheField() {
    HakikishaService service = new HakikishaService(pinned(null));
    assertThatThrownBy(() -> service.call(HakikishaRequest.of("0722000000")))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("shortCode"));
  }

  @Test
  void orgInfoSendsTheIdentifierTypeCode() {
    Transport.Call call =
        new OrgInfoService(pinned(null)).call(new OrgInfoRequest(IdentifierType.TILL, "600501"));

    assertThat(call.path()).isEqualTo("/sfcverify/v1/query/info");
    assertThat(call.kind()).isEqualTo(Transport.Kind.QUERY);
    assertThat(Json.text(call.body()))
        .isEqualTo("{\"IdentifierType\":\"2\",\"Identifier\":\"600501\"}");
  }

  @Test
  void imsiAndSwapSendTheNormalisedNumberToTheirVersionAndMaskItInIdentifiers() {
    SimCheckRequest request = SimCheckRequest.of("+254 722 000 000");
    Transport.Call imsi = new ImsiService(pinned(null)).call(request);
    Transport.Call swap = new SimSwapService(pinned(null)).call(request);

    assertThat(imsi.path()).isEqualTo("/imsi/v1/checkATI");
    assertThat(swap.path()).isEqualTo("/imsi/v2/checkATI");
    for (Transport.Call call : new Transport.Call[] {imsi, swap}) {
      assertThat(call.kind()).isEqualTo(Transport.Kind.QUERY);
      assertThat(Json.text(call.body())).isEqualTo("{\"customerNumber\":\"254722000000\"}");
      assertThat(call.identifiers()).containsExactly(Map.entry("customerNumber", "2547****0000"));
    }
  }
}
