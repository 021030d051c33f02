package io.github.darajakit.gateway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;

/**
 * A state change, as stored and as sent to webhooks.
 *
 * @param id {@code evt_…}
 * @param type e.g. {@code payment.succeeded}
 * @param objectType {@code payment}, {@code c2b_payment}…
 * @param objectId the object's id
 * @param data the object as it was after the change (JSON)
 * @param createdAt epoch ms
 */
public record Event(
    String id, String type, String objectType, String objectId, String data, long createdAt) {

  /** {@code {"id","object":"event","type","created_at","data":{"object":{…}}}}. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("id", id)
        .put("object", "event")
        .put("type", type)
        .put("created_at", Json.time(createdAt));
    node.putObject("data").set("object", Json.parseStored(data));
    return node;
  }
}
