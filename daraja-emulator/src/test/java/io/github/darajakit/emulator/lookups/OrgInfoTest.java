package io.github.darajakit.emulator.lookups;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Query Org Info (REFERENCE §16): a shortcode or till → the organisation's name. */
class OrgInfoTest {

  private static final String PATH = "/sfcverify/v1/query/info";

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  private static Reply query(String type, String identifier) {
    return h.daraja()
        .post(PATH, DarajaHttp.object().put("IdentifierType", type).put("Identifier", identifier));
  }

  @Test
  void aPayBillAnswersTheSamplesShapeWithResponseCode4000() {
    Reply reply = query("4", "600992");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text("ConversationID")).isNotBlank();
    assertThat(reply.text("ResponseCode")).isEqualTo("4000");
    assertThat(reply.text("ResponseMessage")).isEqualTo("Success");
    assertThat(reply.text("DetailedMessage")).isEqualTo("Request received successfully");
    assertThat(reply.text("OrganizationShortCode")).isEqualTo("600992");
    assertThat(reply.text("OrganizationName")).isEqualTo("Safaricom Daraja 992");
    assertThat(reply.text("ChargeProfileID")).isEqualTo("20013");
  }

  @Test
  void aTillIsFoundAsType2AndAnOrganisationAddedLaterIsFound() {
    assertThat(query("2", "600501").text("OrganizationName")).isEqualTo("Daraja Demo Till");
    h.daraja().admin("POST", "organisations", "{\"shortCode\":\"666677\",\"name\":\"Daraja\"}");
    assertThat(query("4", "666677").text("OrganizationName")).isEqualTo("Daraja");
  }

  @Test
  void anIdentifierOfTheWrongTypeOrUnknownIsRejectedWithCode1() {
    Reply till = query("2", "600992");
    Reply unknown = query("4", "999999");

    for (Reply reply : new Reply[] {till, unknown}) {
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.text("ResponseCode")).isEqualTo("1");
      assertThat(reply.text("ResponseMessage")).isEqualTo("Rejected");
      assertThat(reply.json().has("OrganizationName")).isFalse();
    }
  }

  @Test
  void anInvalidParameterIsHttp400WithCode500() {
    Reply reply = query("1", "600992");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("ResponseCode")).isEqualTo("500");
    assertThat(reply.text("ResponseMessage")).isEqualTo("Invalid parameter");
    assertThat(reply.text("DetailedMessage")).isEqualTo("Bad Request - Invalid IdentifierType");
    assertThat(reply.json().has("errorCode")).isFalse();
  }
}
