/**
 * Daraja's callbacks, typed: STK push results, C2B validations and confirmations, the initiator
 * APIs' {@code {"Result":{…}}} envelopes and queue timeouts; and the answers you send back. Start
 * at {@link io.github.darajakit.client.callbacks.DarajaCallbacks}.
 */
package io.github.darajakit.client.callbacks;
