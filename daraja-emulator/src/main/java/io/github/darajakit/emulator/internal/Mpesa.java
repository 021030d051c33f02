package io.github.darajakit.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.api.InitiatorCredentials;
import io.github.darajakit.emulator.internal.callbacks.CallbackDispatcher;
import io.github.darajakit.emulator.internal.world.World;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The M-Pesa core behind the emulated Daraja gateway: the world and its ledger, time, identifiers,
 * the callback dispatcher and the scheduler. Every API handler works through one of these.
 */
public final class Mpesa {

  private final AtomicReference<EmulatorConfig> config;
  private final EmulatorClock clock;
  private final Ids ids;
  private final World world;
  private final CallbackDispatcher callbacks;
  private final ScheduledExecutorService scheduler;
  private final InitiatorCredentials credentials;

  public Mpesa(
      AtomicReference<EmulatorConfig> config,
      EmulatorClock clock,
      Ids ids,
      World world,
      CallbackDispatcher callbacks,
      ScheduledExecutorService scheduler,
      InitiatorCredentials credentials) {
    this.config = config;
    this.clock = clock;
    this.ids = ids;
    this.world = world;
    this.callbacks = callbacks;
    this.scheduler = scheduler;
    this.credentials = credentials;
  }

  /** The settings in force now (the admin API may change them between requests). */
  public EmulatorConfig config() {
    return config.get();
  }

  public EmulatorClock clock() {
    return clock;
  }

  public Ids ids() {
    return ids;
  }

  public World world() {
    return world;
  }

  public InitiatorCredentials credentials() {
    return credentials;
  }

  public CallbackDispatcher callbacks() {
    return callbacks;
  }

  /** Now in Nairobi. */
  public LocalDateTime now() {
    return clock.nowEat();
  }

  /**
   * A receipt (or C2B TransID) no emulator has issued before: STK, C2B, B2C, B2B and reversals
   * share this one namespace, as on M-Pesa.
   */
  public String newReceipt() {
    return ids.receipt();
  }

  /** The placeholder TransactionID Daraja puts on auxiliary results: receipt prefix + zeros. */
  public String placeholderTransactionId() {
    return newReceipt().substring(0, 3) + "0000000";
  }

  /** Runs a task after the configured result delay. */
  public void afterResultDelay(Runnable task) {
    later(config().resultDelay(), task);
  }

  /** Runs a task after a delay (at once for zero). */
  public void later(Duration delay, Runnable task) {
    scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Delivers a callback/result after the configured delay, with the configured timeout. */
  public void deliver(String kind, String url, JsonNode body) {
    EmulatorConfig cfg = config();
    callbacks.send(kind, url, body, cfg.resultDelay(), cfg.callbackTimeout());
  }

  /** Delivers a callback/result now (the caller already waited). */
  public void deliverNow(String kind, String url, JsonNode body) {
    callbacks.send(kind, url, body, Duration.ZERO, config().callbackTimeout());
  }
}
