package io.github.darajakit.gateway.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.core.Json;

/**
 * What a period of a subscription costs and how long it lasts. Its price may change; each invoice
 * keeps the price of when it was made, so a change applies from the next period on.
 *
 * @param id {@code plan_…}
 * @param name shown to people, e.g. "Gym monthly"
 * @param amount whole KES a period
 * @param interval day, week, month, quarter or year
 * @param intervalCount how many intervals one period lasts
 * @param trialDays days before the first period, billed nothing
 * @param metadata the merchant's JSON, or {@code null}
 */
public record Plan(
    String id,
    String name,
    long amount,
    Interval interval,
    int intervalCount,
    int trialDays,
    String metadata,
    long createdAt,
    long updatedAt,
    int version) {

  /** This plan at a new price (and name), as its next version. */
  public Plan repriced(String newName, long newAmount, long now) {
    return new Plan(
        id,
        newName,
        newAmount,
        interval,
        intervalCount,
        trialDays,
        metadata,
        createdAt,
        now,
        version + 1);
  }

  /** The plan as the merchant API shows it. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("id", id)
        .put("object", "plan")
        .put("name", name)
        .put("amount", amount)
        .put("currency", "KES")
        .put("interval", interval.apiName())
        .put("interval_count", intervalCount)
        .put("trial_days", trialDays);
    if (metadata == null) {
      node.putNull("metadata");
    } else {
      node.set("metadata", Json.parseStored(metadata));
    }
    node.put("created_at", Json.time(createdAt)).put("updated_at", Json.time(updatedAt));
    return node;
  }
}
