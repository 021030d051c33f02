package io.github.darajakit.gateway.callbacks;

/**
 * A callback as it arrived, before anything is made of it.
 *
 * @param kind what it is about (by path)
 * @param body the raw bytes
 * @param remoteAddress who sent it
 * @param receivedAt epoch ms
 * @param validationAnswer for a C2B validation: the answer already decided ({@code null}
 *     otherwise), stored with it
 * @param callbackToken for an STK callback: the last segment of its path, the id of the payment
 *     whose push named that CallBackURL ({@code null} if the path has none)
 */
public record Received(
    CallbackKind kind,
    byte[] body,
    String remoteAddress,
    long receivedAt,
    String validationAnswer,
    String callbackToken) {}
