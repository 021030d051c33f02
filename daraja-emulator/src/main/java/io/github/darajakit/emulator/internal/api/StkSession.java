package io.github.darajakit.emulator.internal.api;

import io.github.darajakit.emulator.internal.world.Transaction;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One STK prompt from push to result: a payment, or a customer's consent to a standing order. A
 * prompt is resolved exactly once: the scheduled outcome, an admin decision and the prompt timeout
 * race for {@link #claim()}, and only the winner moves money.
 */
public final class StkSession {

  /**
   * The final result.
   *
   * @param code ResultCode as text ({@code "0"}, {@code "1032"}, {@code "E3008"})
   * @param desc ResultDesc
   * @param transaction the ledger entry if money moved, else {@code null}
   * @param at when it was decided
   */
  public record Result(String code, String desc, Transaction transaction, Instant at) {}

  final String merchantRequestId;
  final String checkoutRequestId;
  final String shortCode;
  final String partyB;
  final String phone;
  final String transactionType;
  final long amount;
  final String callbackUrl;
  final String accountReference;
  final String description;
  final Instant createdAt;
  // Null for a payment; for a consent prompt (a standing order), what the answer decides.
  final StkApi.Consent consent;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private volatile Result result;

  StkSession(
      String merchantRequestId,
      String checkoutRequestId,
      String shortCode,
      String partyB,
      String phone,
      String transactionType,
      long amount,
      String callbackUrl,
      String accountReference,
      String description,
      Instant createdAt,
      StkApi.Consent consent) {
    this.merchantRequestId = merchantRequestId;
    this.checkoutRequestId = checkoutRequestId;
    this.shortCode = shortCode;
    this.partyB = partyB;
    this.phone = phone;
    this.transactionType = transactionType;
    this.amount = amount;
    this.callbackUrl = callbackUrl;
    this.accountReference = accountReference;
    this.description = description;
    this.createdAt = createdAt;
    this.consent = consent;
  }

  /** The result, or {@code null} while the prompt is pending. */
  public Result result() {
    return result;
  }

  public String checkoutRequestId() {
    return checkoutRequestId;
  }

  /** True for the one caller allowed to resolve this prompt. */
  boolean claim() {
    return claimed.compareAndSet(false, true);
  }

  void complete(Result result) {
    claimed.set(true);
    this.result = result;
  }
}
