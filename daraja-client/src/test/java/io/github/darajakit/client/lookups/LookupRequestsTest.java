package io.github.darajakit.client.lookups;

import static io.github.darajakit.client.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.IdentifierType;
import io.github.darajakit.client.hakikisha.HakikishaRequest;
import io.github.darajakit.client.orginfo.OrgInfoRequest;
import io.github.darajakit.client.sim.SimCheckRequest;
import org.junit.jupiter.api.Test;

/** The lookups' requests are validated when made, and each failure names the field. */
class LookupRequestsTest {

  @Test
  void simCheckNormalisesTheNumberAndNamesCustomerNumber() {
    assertThat(SimCheckRequest.of("0722-000-000").customerNumber().value())
        .isEqualTo("254722000000");
    refused(() -> SimCheckRequest.of("0722 00"), "customerNumber", "not a Kenyan mobile number");
    refused(() -> SimCheckRequest.of(null), "customerNumber", "is required");
    refused(() -> new SimCheckRequest(null), "customerNumber", "is required");
    assertThat(SimCheckRequest.of("0722000000").toString()).doesNotContain("722000000");
  }

  @Test
  void hakikishaChecksTheNumberShortCodeAndRequestId() {
    HakikishaRequest request = HakikishaRequest.of("0722000000");
    assertThat(request.msisdn().value()).isEqualTo("254722000000");
    assertThat(request.shortCode()).isNull();
    assertThat(request.requestId()).isNull();
    refused(() -> HakikishaRequest.of("12345"), "msisdn", "not a Kenyan mobile number");
    refused(() -> HakikishaRequest.builder().build(), "msisdn", "is required");
    refused(
        () -> HakikishaRequest.builder().msisdn("0722000000").shortCode("12").build(),
        "shortCode",
        "not a shortcode");
    refused(
        () -> HakikishaRequest.builder().msisdn("0722000000").requestId("x".repeat(65)).build(),
        "requestId",
        "at most 64");
  }

  @Test
  void orgInfoTakesAShortCodeOrTillNeverAPhone() {
    assertThat(new OrgInfoRequest(IdentifierType.SHORTCODE, "600992").identifier())
        .isEqualTo("600992");
    refused(
        () -> new OrgInfoRequest(IdentifierType.MSISDN, "600992"),
        "identifierType",
        "does not look up phone numbers");
    refused(() -> new OrgInfoRequest(null, "600992"), "identifierType", "SHORTCODE");
    refused(() -> new OrgInfoRequest(IdentifierType.TILL, "12ab"), "identifier", "shortcode");
  }
}
