package io.github.darajakit.client.webhooks;

import java.time.Instant;

/**
 * A webhook whose signature checked out.
 *
 * @param id the {@code webhook-id}: the same on every retry of one event, so use it to process each
 *     event once
 * @param timestamp the {@code webhook-timestamp} of this attempt
 */
public record VerifiedWebhook(String id, Instant timestamp) {}
