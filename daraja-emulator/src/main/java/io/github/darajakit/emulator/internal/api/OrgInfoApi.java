package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.OrganisationType;
import java.util.Optional;

/**
 * Query Org Info (REFERENCE §16): a PayBill ({@code IdentifierType "4"}) or till ({@code "2"}) →
 * the organisation's name, from the world's organisations.
 *
 * <p>Success is {@code ResponseCode "4000"}, as in Daraja's sample (⚠ its prose says {@code 0}).
 * Errors keep the same flat envelope: HTTP 400 with {@code ResponseCode "500"} for an invalid
 * parameter, HTTP 200 with {@code ResponseCode "1"} ("Rejected") for an identifier that names no
 * organisation of that type. ⚠ Daraja documents those two codes but not the bodies; these are the
 * emulator's. {@code ChargeProfileID} is always the sample's {@code 20013}: charges are not
 * modelled.
 */
public final class OrgInfoApi {

  static final String SUCCESS = "4000";
  static final String CHARGE_PROFILE_ID = "20013";

  private final Mpesa mpesa;

  public OrgInfoApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /** {@code POST /sfcverify/v1/query/info}. */
  public ApiResponse query(ApiCall call) {
    String conversationId = mpesa.ids().originatorConversationId();
    String identifierType;
    String identifier;
    try {
      Fields f = call.fields();
      identifierType = f.oneOf("IdentifierType", "2", "4");
      identifier = f.digits("Identifier", 5, 7);
    } catch (DarajaError e) {
      ObjectNode answer = envelope(conversationId, "500", "Invalid parameter", e.errorMessage());
      return new ApiResponse(400, answer);
    }
    OrganisationType wanted =
        identifierType.equals("2") ? OrganisationType.BUY_GOODS : OrganisationType.PAYBILL;
    Optional<Organisation> organisation =
        mpesa.world().organisation(identifier).filter(o -> o.type() == wanted);
    if (organisation.isEmpty()) {
      ObjectNode answer =
          envelope(
              conversationId,
              "1",
              "Rejected",
              "No organisation with "
                  + (wanted == OrganisationType.BUY_GOODS ? "till " : "shortcode ")
                  + identifier);
      answer.put("OrganizationShortCode", identifier);
      return ApiResponse.ok(answer);
    }
    ObjectNode answer =
        envelope(conversationId, SUCCESS, "Success", "Request received successfully");
    answer
        .put("OrganizationShortCode", identifier)
        .put("OrganizationName", organisation.get().name())
        .put("ChargeProfileID", CHARGE_PROFILE_ID);
    return ApiResponse.ok(answer);
  }

  private static ObjectNode envelope(
      String conversationId, String code, String message, String detail) {
    ObjectNode answer = Json.object();
    answer
        .put("ConversationID", conversationId)
        .put("ResponseCode", code)
        .put("ResponseMessage", message)
        .put("DetailedMessage", detail);
    return answer;
  }
}
