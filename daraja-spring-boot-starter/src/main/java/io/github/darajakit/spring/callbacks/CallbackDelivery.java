package io.github.darajakit.spring.callbacks;

import java.util.Optional;

/**
 * How one callback arrived.
 *
 * @param received the stored body, its id and arrival time
 * @param firstDelivery false when a body with the same id was stored before: Daraja (or a retry
 *     after a failed answer) delivered it again, so act on it idempotently
 * @param callbackToken the path segment after the secret, if any: the {@code callbackToken} of an
 *     STK push ({@code StkPushRequest.Builder.callbackToken}), naming your own payment
 */
public record CallbackDelivery(
    ReceivedCallback received, boolean firstDelivery, Optional<String> callbackToken) {}
