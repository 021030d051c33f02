/**
 * The callback endpoint: stores each body through a {@link
 * io.github.darajakit.spring.callbacks.DarajaCallbackStore} before answering, then publishes a
 * typed application event per callback family.
 */
package io.github.darajakit.spring.callbacks;
