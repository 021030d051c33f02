/**
 * Standard Webhooks signatures ({@code webhook-id}, {@code webhook-timestamp}, {@code
 * webhook-signature}): the signer the DarajaKit gateway uses for the webhooks it sends, and the
 * verifier merchants use to receive them. Start at {@link
 * io.github.darajakit.client.webhooks.WebhookSignature}.
 */
package io.github.darajakit.client.webhooks;
