package io.github.darajakit.gateway.initiator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;

/**
 * An initiator operation as the shared lifecycle reads it; each flow's record implements it, and
 * holds the lifecycle's part of itself in one {@link Progress}.
 */
public interface Operation {

  /** Its id ({@code po_…}, {@code rev_…}). */
  String id();

  /** Where it stands. */
  Stage stage();

  /** Its status as the merchant API names it ({@code pending}, {@code unknown}…). */
  String statusName();

  /** What Daraja and the reconciler have said of it so far. */
  Progress progress();

  /** When it was recorded, epoch ms. */
  long createdAt();

  /** When this version was written, epoch ms. */
  long updatedAt();

  /** Its version: 1 when recorded, one more with each change (compare-and-set). */
  int version();

  /**
   * Which sending of it this is: 0, then one more each time it is sent again. A Result or queue
   * timeout about an earlier sending does not move a later one.
   */
  default int sending() {
    return 0;
  }

  /** See {@link Progress#originatorConversationId()}. */
  default String originatorConversationId() {
    return progress().originatorConversationId();
  }

  /** See {@link Progress#conversationId()}. */
  default String conversationId() {
    return progress().conversationId();
  }

  /** See {@link Progress#receipt()}. */
  default String receipt() {
    return progress().receipt();
  }

  /** See {@link Progress#completedAt()}. */
  default Long completedAt() {
    return progress().completedAt();
  }

  /** See {@link Progress#resultCode()}. */
  default String resultCode() {
    return progress().resultCode();
  }

  /** See {@link Progress#resultDesc()}. */
  default String resultDesc() {
    return progress().resultDesc();
  }

  /** See {@link Progress#failureReason()}. */
  default String failureReason() {
    return progress().failureReason();
  }

  /** See {@link Progress#attention()}. */
  default String attention() {
    return progress().attention();
  }

  /** See {@link Progress#nextCheckAt()}. */
  default Long nextCheckAt() {
    return progress().nextCheckAt();
  }

  /** See {@link Progress#checkAttempts()}. */
  default int checkAttempts() {
    return progress().checkAttempts();
  }

  /**
   * Writes the end of its API object, the same in every flow: when it completed, Daraja's result,
   * why it failed, why a person must look, and its timestamps.
   */
  default ObjectNode putOutcome(ObjectNode node) {
    return node.put("completed_at", Json.time(completedAt()))
        .put("result_code", resultCode())
        .put("result_desc", resultDesc())
        .put("failure_reason", failureReason())
        .put("needs_attention", attention())
        .put("created_at", Json.time(createdAt()))
        .put("updated_at", Json.time(updatedAt()));
  }
}
