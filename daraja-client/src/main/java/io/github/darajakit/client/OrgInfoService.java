package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.orginfo.OrgInfoRequest;
import io.github.darajakit.client.orginfo.OrgInfoResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Query Org Info (REFERENCE §16): the registered name of the organisation behind a PayBill or till,
 * to show before paying it. Synchronous: no callback.
 *
 * <pre>{@code
 * OrgInfoResponse org = daraja.orgInfo().query(IdentifierType.SHORTCODE, "600992");
 * confirmWithUser("Pay " + org.organizationName() + "?");
 * }</pre>
 *
 * <p>⚠ Daraja's sample answers {@code ResponseCode "4000"} for success while its prose says {@code
 * "0"}: both are accepted as success. Any other code (e.g. {@code 1}, rejected; {@code 500}, an
 * invalid parameter) is a {@link DarajaApiException} carrying that code and Daraja's message. A
 * query moves no money, so it is retried like one.
 */
public final class OrgInfoService {

  static final String PATH = "/sfcverify/v1/query/info";

  /** The codes that mean success: the sample's {@code 4000} and the prose's {@code 0}. */
  public static final Set<String> SUCCESS_CODES = Set.of("0", "4000");

  private static final Transport.Reader<OrgInfoResponse> READER =
      Lookups.reader(
          OrgInfoService::isEnvelope,
          OrgInfoService::error,
          answer -> parse(answer.status(), answer.json(), answer.raw()));

  private final ClientContext context;

  OrgInfoService(ClientContext context) {
    this.context = context;
  }

  /**
   * The organisation behind a PayBill ({@link IdentifierType#SHORTCODE}) or till ({@link
   * IdentifierType#TILL}).
   *
   * @throws DarajaValidationException before sending, naming {@code identifierType} or {@code
   *     identifier}
   * @throws DarajaApiException if Daraja answered any code but {@code 0}/{@code 4000}
   */
  public OrgInfoResponse query(IdentifierType identifierType, String identifier) {
    return context.send(
        () -> call(new OrgInfoRequest(identifierType, identifier)), RequestOptions.DEFAULT, READER);
  }

  /**
   * As {@link #query(IdentifierType, String)}.
   *
   * @throws DarajaApiException if Daraja answered any code but {@code 0}/{@code 4000}
   */
  public OrgInfoResponse query(OrgInfoRequest request) {
    return context.send(() -> call(request), RequestOptions.DEFAULT, READER);
  }

  /**
   * {@link #query(IdentifierType, String)} without blocking: no thread waits while it is in flight.
   * It fails as {@code join()} and dependent stages see it: a {@link
   * java.util.concurrent.CompletionException} (from {@code get()}, an {@code ExecutionException})
   * whose cause is the {@link DarajaException}; {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<OrgInfoResponse> queryAsync(
      IdentifierType identifierType, String identifier) {
    return context.sendAsync(
        () -> call(new OrgInfoRequest(identifierType, identifier)), RequestOptions.DEFAULT, READER);
  }

  Transport.Call call(OrgInfoRequest request) {
    ObjectNode body = Json.object();
    body.put("IdentifierType", request.identifierType().code())
        .put("Identifier", request.identifier());
    return new Transport.Call(
        "orgInfo.query",
        PATH,
        Transport.Kind.QUERY,
        body,
        Map.of("identifier", request.identifier()));
  }

  static OrgInfoResponse parse(int httpStatus, JsonNode json, String raw) {
    String code = json.path("ResponseCode").asText("");
    if (!SUCCESS_CODES.contains(code)) {
      throw error(httpStatus, json, raw);
    }
    return new OrgInfoResponse(
        json.path("ConversationID").asText(""),
        code,
        json.path("ResponseMessage").asText(""),
        json.path("DetailedMessage").asText(""),
        json.path("OrganizationShortCode").asText(""),
        json.path("OrganizationName").asText(""),
        json.path("ChargeProfileID").asText(""),
        raw);
  }

  /** An error answer re-read as Org Info's envelope when it is one; otherwise unchanged. */
  static DarajaApiException refusal(DarajaApiException e) {
    return Lookups.reread(e, OrgInfoService::isEnvelope, OrgInfoService::error);
  }

  private static boolean isEnvelope(JsonNode json) {
    return json.has("ResponseCode");
  }

  private static DarajaApiException error(int httpStatus, JsonNode json, String raw) {
    String message = json.path("DetailedMessage").asText("");
    String summary = json.path("ResponseMessage").asText("");
    if (message.isEmpty() || message.equals(summary)) {
      message = summary;
    } else if (!summary.isEmpty()) {
      message = summary + ": " + message;
    }
    return new DarajaApiException(
        httpStatus,
        json.path("ResponseCode").asText(""),
        message.isEmpty() ? "Org Info answered without a success code" : message,
        json.path("ConversationID").asText(""),
        raw);
  }
}
