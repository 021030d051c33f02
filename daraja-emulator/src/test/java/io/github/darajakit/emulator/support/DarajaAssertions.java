package io.github.darajakit.emulator.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import java.util.ArrayList;
import java.util.List;

/** Assertions on Daraja's synchronous error envelope (REFERENCE §1.3). */
public final class DarajaAssertions {

  private DarajaAssertions() {}

  /**
   * The reply is exactly {@code {requestId, errorCode, errorMessage}} with this code and message,
   * and its HTTP status is the code's first segment.
   */
  public static void assertDarajaError(Reply reply, String errorCode, String errorMessage) {
    assertEnvelope(reply);
    assertThat(reply.text("errorCode")).as("errorCode of %s", reply).isEqualTo(errorCode);
    assertThat(reply.text("errorMessage")).as("errorMessage of %s", reply).isEqualTo(errorMessage);
  }

  /** The reply is a well-formed error envelope whose HTTP status is its code's first segment. */
  public static void assertEnvelope(Reply reply) {
    JsonNode json = reply.json();
    assertThat(json.isObject()).as("JSON object body: %s", reply).isTrue();
    assertThat(fieldNames(json))
        .as("envelope fields of %s", reply)
        .containsExactlyInAnyOrder("requestId", "errorCode", "errorMessage");
    assertThat(json.get("requestId").isTextual()).as("requestId is a string").isTrue();
    assertThat(json.get("requestId").asText()).as("requestId of %s", reply).isNotBlank();
    assertThat(json.get("errorMessage").isTextual()).as("errorMessage is a string").isTrue();
    String code = json.get("errorCode").asText();
    // Bill Manager's refused token is a bare "401" (REFERENCE §14); the others are dotted.
    assertThat(code).as("errorCode of %s", reply).matches("\\d{3}(\\.\\d+)*");
    assertThat(reply.status())
        .as("HTTP status of %s", reply)
        .isEqualTo(Integer.parseInt(code.substring(0, 3)));
  }

  /** The field names of a JSON object, in order. */
  public static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
