package io.github.darajakit.gateway.payouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one check made before sending a payout found ({@link FraudChecks}). Kept on the payout,
 * every sending's checks after the earlier ones', and shown in its JSON as {@code checks}.
 *
 * @param check {@link #SIM_SWAP} or {@link #NAME}
 * @param outcome whether it let the payout go
 * @param found what Daraja answered, in words for the person deciding: the SIM's last swap, the
 *     name M-Pesa holds, or why there was no answer. Never a credential
 * @param attempt the sending it was made for: 0 first, n after n resubmissions
 * @param checkedAt epoch ms
 */
public record PayoutCheck(
    String check, Outcome outcome, String found, int attempt, long checkedAt) {

  /** The SIM swap check ({@code payouts.simSwapGuard}). */
  public static final String SIM_SWAP = "sim_swap";

  /** The Hakikisha name check ({@code payouts.nameCheck}). */
  public static final String NAME = "name";

  /** What a check decided. */
  public enum Outcome {
    /** Nothing found against sending. */
    PASSED,
    /** Something found against sending: a recent SIM swap, another name. */
    HELD,
    /**
     * No usable answer (an error, no answer in time, an unknown number): held, never sent blind.
     */
    UNANSWERED;

    /** {@code passed}, {@code held}, {@code unanswered}. */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** As the API shows it. */
  public ObjectNode json() {
    ObjectNode node = Json.object();
    node.put("check", check)
        .put("outcome", outcome.apiName())
        .put("found", found)
        .put("attempt", attempt)
        .put("checked_at", Json.time(checkedAt));
    return node;
  }

  /** The checks as stored in the payout's {@code checks} column, or {@code null} for none. */
  static String store(List<PayoutCheck> checks) {
    if (checks.isEmpty()) {
      return null;
    }
    ArrayNode array = Json.array();
    for (PayoutCheck c : checks) {
      array.add(c.json().put("checked_at", c.checkedAt));
    }
    return Json.text(array);
  }

  /** The checks stored by {@link #store}. */
  static List<PayoutCheck> read(String stored) {
    if (stored == null) {
      return List.of();
    }
    List<PayoutCheck> checks = new ArrayList<>();
    for (JsonNode node : Json.parseStored(stored)) {
      checks.add(
          new PayoutCheck(
              node.path("check").asText(),
              Outcome.valueOf(node.path("outcome").asText().toUpperCase(Locale.ROOT)),
              node.path("found").asText(),
              node.path("attempt").asInt(),
              node.path("checked_at").asLong()));
    }
    return List.copyOf(checks);
  }
}
