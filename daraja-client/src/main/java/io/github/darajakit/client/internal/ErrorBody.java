package io.github.darajakit.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaAuthenticationException;
import io.github.darajakit.client.DarajaException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whatever Daraja put in an error answer: the classic {@code {requestId,errorCode,errorMessage}},
 * an Apigee {@code {"fault":{…}}}, a SOAP fault rendered as JSON, Bill Manager's {@code
 * {"errorCode":"401",…}}, or nothing at all (REFERENCE §1.3, §22b).
 *
 * @param status HTTP status
 * @param code the error code, or {@code ""}
 * @param message the error message, or {@code ""}
 * @param requestId Daraja's request id, or {@code ""}
 */
record ErrorBody(int status, String code, String message, String requestId) {

  /** {@code 500.001.1001} messages that mean "looked at and refused" (REFERENCE §2). */
  private static final java.util.List<String> REFUSALS_500_001_1001 =
      java.util.List.of(
          "merchant does not exist",
          "wrong credentials",
          "unable to lock subscriber",
          "being processed",
          "invalid checkoutrequestid");

  /** The Apigee error code of a SOAP fault raised by a failed service callout. */
  static final String SERVICE_CALLOUT_FAILED = "steps.servicecallout.ExecutionFailed";

  private static final Pattern BACKEND_REFUSED =
      Pattern.compile("ResponseCode 4\\d\\d is treated as error");

  static ErrorBody parse(int status, String body) {
    if (status >= 200 && status < 300) {
      return new ErrorBody(status, "", "", "");
    }
    JsonNode json = Json.parseOrNull(body);
    if (json == null || !json.isObject()) {
      return new ErrorBody(status, "", body == null ? "" : abbreviate(body.strip()), "");
    }
    if (json.has("errorCode") || json.has("errorMessage")) {
      return new ErrorBody(
          status,
          json.path("errorCode").asText(""),
          redactToken(json.path("errorMessage").asText("")),
          json.path("requestId").asText(""));
    }
    JsonNode header = ignoringCase(json, "ResponseHeader");
    if (header.isObject() && !ignoringCase(header, "responseCode").isMissingNode()) {
      // Ratiba (REFERENCE §15): {"ResponseHeader":{"responseRefID","responseCode",…}}.
      return new ErrorBody(
          status,
          ignoringCase(header, "responseCode").asText(""),
          ignoringCase(header, "responseDescription").asText(""),
          ignoringCase(header, "responseRefID").asText(""));
    }
    JsonNode fault = json.path("fault");
    if (fault.isObject()) {
      return new ErrorBody(
          status,
          fault.path("detail").path("errorcode").asText(""),
          fault.path("faultstring").asText(""),
          "");
    }
    JsonNode soap = json.path("Envelope").path("Body").path("Fault");
    if (soap.isObject()) {
      return new ErrorBody(
          status,
          soap.path("detail")
              .path("source")
              .path("errorcode")
              .asText(soap.path("faultcode").asText("")),
          soap.path("faultstring").asText(""),
          "");
    }
    return new ErrorBody(status, "", abbreviate(body.strip()), "");
  }

  /**
   * True for answers that say Daraja looked at the request and refused it: nothing moved, even
   * though the status is 5xx ("Unable to lock subscriber", "Duplicate OriginatorConversationID",
   * "Wrong credentials", "Merchant does not exist"…).
   */
  boolean definitiveRejection() {
    String lower = message.toLowerCase(Locale.ROOT);
    if (code.equals("500.002.1001")) {
      return true;
    }
    if (code.equals("500.001.1001")) {
      // The same code also carries Reversal's "Internal Server Error", which says nothing about
      // whether the request ran: only the messages that name a refusal count.
      return REFUSALS_500_001_1001.stream().anyMatch(lower::contains);
    }
    if (code.equals("500.003.1001")) {
      // C2B registration refused because URLs exist: asking again cannot help.
      return lower.contains("already registered") || lower.contains("duplicate notification info");
    }
    if (code.equals(SERVICE_CALLOUT_FAILED)) {
      // Apigee relays a backend's answer: a 4xx (e.g. 409 from SCO-AddURLVault on the STK-only
      // shortcode 174379) is a refusal; a 5xx (SC-SearchURL 503) may pass on a retry.
      return BACKEND_REFUSED.matcher(message).find();
    }
    // Pull query with nothing to return (REFERENCE §13.2): an answer, not an outage.
    return lower.contains("does not have any available transactions");
  }

  String describe() {
    if (code.isEmpty() && message.isEmpty()) {
      return "(empty body)";
    }
    return (code + " " + message).trim();
  }

  DarajaException toException(String rawBody) {
    if (code.startsWith("400.008.")) {
      return new DarajaAuthenticationException(
          status, code, "Daraja refused the credentials: " + describe());
    }
    return new DarajaApiException(status, code, message, requestId, rawBody == null ? "" : rawBody);
  }

  /**
   * {@code 401.002.01} echoes the refused token ("Error Occurred - Invalid Access Token -
   * <token>"); it must not travel on into exception messages and logs.
   */
  static String redactToken(String message) {
    String marker = "Invalid Access Token - ";
    int at = message.indexOf(marker);
    if (at < 0 || at + marker.length() >= message.length()) {
      return message;
    }
    return message.substring(0, at + marker.length()) + "***";
  }

  /** Ratiba's keys come in either case ({@code ResponseHeader}, {@code responseHeader}). */
  private static JsonNode ignoringCase(JsonNode object, String name) {
    if (object.has(name)) {
      return object.get(name);
    }
    var fields = object.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
