package io.github.darajakit.emulator.internal.world;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The magic test MSISDNs: each one drives one outcome, so every Daraja result can be produced on
 * demand. The table is provisioned as customers, served at {@code /__admin/scenarios} and printed
 * in {@code docs/emulator.md}; keep the three in step.
 */
public enum Scenario {
  SANDBOX_TEST_CUSTOMER(
      "254708374149",
      "JOHN",
      "DOE",
      250_000,
      true,
      Outcome.PROCEED,
      Outcome.PROCEED,
      "Safaricom's sandbox test MSISDN: payments and payouts succeed while balances allow."),
  INSUFFICIENT_FUNDS(
      "254700000001",
      "EMPTY",
      "WALLET",
      0,
      true,
      Outcome.PROCEED,
      Outcome.PROCEED,
      "Balance KES 0: STK push ends with ResultCode 1 (insufficient funds)."),
  CANCELLED(
      "254700001032",
      "CANCEL",
      "PRESSER",
      100_000,
      true,
      Outcome.fail("1032", "Request cancelled by user"),
      Outcome.PROCEED,
      "STK push: the customer cancels the prompt (1032)."),
  UNREACHABLE(
      "254700001037",
      "OFFLINE",
      "PHONE",
      100_000,
      true,
      Outcome.fail("1037", "DS timeout user cannot be reached"),
      Outcome.PROCEED,
      "STK push: the phone cannot be reached (1037)."),
  WRONG_PIN(
      "254700002001",
      "WRONG",
      "PIN",
      100_000,
      true,
      Outcome.fail("2001", "The initiator information is invalid."),
      Outcome.PROCEED,
      "STK push: the customer enters a wrong PIN (2001)."),
  EXPIRED(
      "254700001019",
      "SLOW",
      "RESPONDER",
      100_000,
      true,
      Outcome.fail("1019", "Transaction has expired."),
      Outcome.PROCEED,
      "STK push: the transaction expires before it is processed (1019)."),
  RULE_LIMITED(
      "254700000017",
      "RULE",
      "LIMITED",
      100_000,
      true,
      Outcome.fail("17", "Rule limited."),
      Outcome.PROCEED,
      "STK push: rule limited, as for a repeated push of one amount (17)."),
  SUBSCRIBER_BUSY(
      "254700001001",
      "BUSY",
      "SUBSCRIBER",
      100_000,
      true,
      Outcome.of(Outcome.Kind.REJECT_BUSY),
      Outcome.PROCEED,
      "STK push rejected synchronously: HTTP 500, 500.001.1001 \"Unable to lock subscriber…\"."),
  SYSTEM_BUSY(
      "254700000026",
      "SYSTEM",
      "BUSY",
      100_000,
      true,
      Outcome.fail("26", "System busy. The service request is rejected."),
      Outcome.PROCEED,
      "STK push: M-Pesa is overloaded (26)."),
  PUSH_ERROR(
      "254700001025",
      "PUSH",
      "ERROR",
      100_000,
      true,
      Outcome.fail("1025", "An error occurred while sending a push request."),
      Outcome.PROCEED,
      "STK push: the prompt cannot be sent (1025)."),
  CALLBACK_LOST(
      "254700000404",
      "LOST",
      "CALLBACK",
      100_000,
      true,
      Outcome.of(Outcome.Kind.SUCCEED_SILENTLY),
      Outcome.of(Outcome.Kind.SUCCEED_SILENTLY),
      "Succeeds, but the STK callback / B2C result is never sent: only a query finds out."),
  UNREGISTERED_RECIPIENT(
      "254700002040",
      "UNREGISTERED",
      "CUSTOMER",
      1_000,
      false,
      Outcome.PROCEED,
      Outcome.fail(
          "2040",
          "Credit Party customer type (Unregistered or Registered Customer) can't be supported by"
              + " the service."),
      "B2C/B2Pochi recipient is not a registered customer (2040)."),
  INVALID_RECIPIENT(
      "254700000003",
      "NO",
      "SUCH OPERATOR",
      0,
      true,
      Outcome.PROCEED,
      Outcome.fail("SFC_IC0003", "The operator does not exist."),
      "B2C/B2Pochi recipient is invalid (SFC_IC0003)."),
  QUEUE_TIMEOUT(
      "254700000408",
      "QUEUE",
      "TIMEOUT",
      100_000,
      true,
      Outcome.PROCEED,
      Outcome.of(Outcome.Kind.QUEUE_TIMEOUT),
      "B2C/B2Pochi request times out in M-Pesa's queue: nothing is paid; the QueueTimeOutURL is"
          + " called instead of the ResultURL."),
  SIM_SWAPPED(
      "254700000911",
      "SWAPPED",
      "SIM",
      100_000,
      true,
      Outcome.PROCEED,
      Outcome.PROCEED,
      Duration.ofDays(2),
      "SIM swapped 2 days before the emulator's start or last reset: the IMSI and SIM swap"
          + " checks report that date; payments behave as for any customer.");

  private static final Map<String, Scenario> BY_MSISDN = new HashMap<>();

  static {
    for (Scenario scenario : values()) {
      BY_MSISDN.put(scenario.msisdn, scenario);
    }
  }

  private final String msisdn;
  private final String firstName;
  private final String lastName;
  private final long openingBalance;
  private final boolean registered;
  private final Outcome stk;
  private final Outcome payout;
  private final Duration simSwappedAgo;
  private final String description;

  Scenario(
      String msisdn,
      String firstName,
      String lastName,
      long openingBalance,
      boolean registered,
      Outcome stk,
      Outcome payout,
      String description) {
    this(msisdn, firstName, lastName, openingBalance, registered, stk, payout, null, description);
  }

  Scenario(
      String msisdn,
      String firstName,
      String lastName,
      long openingBalance,
      boolean registered,
      Outcome stk,
      Outcome payout,
      Duration simSwappedAgo,
      String description) {
    this.msisdn = msisdn;
    this.firstName = firstName;
    this.lastName = lastName;
    this.openingBalance = openingBalance;
    this.registered = registered;
    this.stk = stk;
    this.payout = payout;
    this.simSwappedAgo = simSwappedAgo;
    this.description = description;
  }

  /** The scenario for this MSISDN, if it is a magic one. */
  public static Optional<Scenario> forMsisdn(String msisdn) {
    return Optional.ofNullable(BY_MSISDN.get(msisdn));
  }

  /** What an STK push to this number does; {@link Outcome#PROCEED} for ordinary numbers. */
  public static Outcome stkOutcome(String msisdn) {
    Scenario scenario = BY_MSISDN.get(msisdn);
    return scenario == null ? Outcome.PROCEED : scenario.stk;
  }

  /** What a B2C/B2Pochi payment to this number does; {@link Outcome#PROCEED} for others. */
  public static Outcome payoutOutcome(String msisdn) {
    Scenario scenario = BY_MSISDN.get(msisdn);
    return scenario == null ? Outcome.PROCEED : scenario.payout;
  }

  public String msisdn() {
    return msisdn;
  }

  public String firstName() {
    return firstName;
  }

  public String lastName() {
    return lastName;
  }

  /** Opening balance in whole KES. */
  public long openingBalance() {
    return openingBalance;
  }

  public boolean registered() {
    return registered;
  }

  public Outcome stk() {
    return stk;
  }

  public Outcome payout() {
    return payout;
  }

  /** How long before start or reset this customer's SIM was swapped, or {@code null}: never. */
  public Duration simSwappedAgo() {
    return simSwappedAgo;
  }

  public String description() {
    return description;
  }
}
