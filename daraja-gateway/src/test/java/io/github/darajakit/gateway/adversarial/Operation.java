package io.github.darajakit.gateway.adversarial;

/**
 * One step of a run, as generated from the seed. Numbers name the intents (the phone a payment is
 * paid from or a payout paid to is derived from its number, so the emulator's ledger tells every
 * intent apart); {@code salt} seeds the choices made when the step runs (which instance, which
 * earlier payout), which depend on what has happened by then.
 */
sealed interface Operation {

  long salt();

  /** A short name for the summary. */
  default String kind() {
    return getClass().getSimpleName();
  }

  /** An STK push payment. */
  record CreatePayment(int number, long amount, long salt) implements Operation {}

  /** A single B2C payout. */
  record CreatePayout(int number, long amount, String type, long salt) implements Operation {}

  /** A B2B payment to a PayBill. */
  record CreateB2bPayment(int number, long amount, long salt) implements Operation {}

  /** Sends one failed payout or B2B payment again. */
  record Resubmit(long salt) implements Operation {}

  /**
   * Makes one payout (or B2B payment) fail for lack of funds, tops the account up, then resubmits
   * it {@code requests} times at once through every instance.
   */
  record ResubmitStorm(int number, boolean b2b, int requests, long salt) implements Operation {}

  /** Reverses a collected payment (STK or C2B) the harness knows was paid. */
  record Reverse(long salt) implements Operation {}

  /** A customer pays the gateway's PayBill (C2B), through the emulator. */
  record PayC2b(int number, long amount, long salt) implements Operation {}

  /** A payout batch, confirmed at once or left for a later {@link ConfirmBatch}. */
  record CreateBatch(int number, int rows, boolean confirm, long salt) implements Operation {}

  /** Confirms a batch left unconfirmed. */
  record ConfirmBatch(long salt) implements Operation {}

  /** {@code requests} pauses and resumes of one batch at once, through every instance. */
  record PauseResumeStorm(int requests, long salt) implements Operation {}

  /** Cancels a batch's unsent rows. */
  record CancelBatch(long salt) implements Operation {}

  /** A callback nothing sent, posted straight to an instance's callback path. */
  record Forge(Forgery forgery, long salt) implements Operation {}

  /** Real callbacks sent again, shuffled, to any instance. */
  record Replay(int callbacks, long salt) implements Operation {}

  /** Replaces the emulator's faults ({@code PUT /__admin/faults}). */
  record ChangeFaults(String faults, long salt) implements Operation {}

  /** {@code kill -9} of an instance, then a restart on the same database. */
  record Crash(int instance, long salt) implements Operation {}

  /** A merchant sends a create that got no answer again, with the same Idempotency-Key. */
  record RetryUnanswered(long salt) implements Operation {}

  /** What a forged callback claims, and where it is posted. */
  enum Forgery {
    /** An STK success for a CheckoutRequestID no payment has. */
    STK_UNKNOWN_ID("stk", Claim.UNKNOWN_ID),
    /** An STK success for a real payment, for another amount. */
    STK_WRONG_AMOUNT("stk", Claim.WRONG_AMOUNT),
    /** An STK success for a real payment, from another phone. */
    STK_WRONG_PHONE("stk", Claim.WRONG_PHONE),
    /** An STK success for a real payment, with a receipt that paid something else. */
    STK_USED_RECEIPT("stk", Claim.USED_RECEIPT),
    /** An STK success for a real payment without its metadata (no amount, receipt or phone). */
    STK_MISSING_FIELDS("stk", Claim.MISSING_FIELDS),
    /** A B2C success Result for an OriginatorConversationID no payout has. */
    B2C_UNKNOWN_ID("b2c/result", Claim.UNKNOWN_ID),
    /** A B2C success Result for a real payout, for another amount. */
    B2C_WRONG_AMOUNT("b2c/result", Claim.WRONG_AMOUNT),
    /** A B2C success Result for a real payout, naming another recipient. */
    B2C_WRONG_PHONE("b2c/result", Claim.WRONG_PHONE),
    /** A B2C success Result for a real payout, with a receipt that paid something else. */
    B2C_USED_RECEIPT("b2c/result", Claim.USED_RECEIPT),
    /** A B2C success Result for a real payout without its amount and recipient. */
    B2C_MISSING_FIELDS("b2c/result", Claim.MISSING_FIELDS),
    /** A C2B confirmation whose TransID is the receipt of a payment already recorded. */
    C2B_USED_RECEIPT("c2b/confirmation", Claim.USED_RECEIPT);

    /** The callback path it is posted to, after the secret. */
    final String path;

    final Claim claim;

    Forgery(String path, Claim claim) {
      this.path = path;
      this.claim = claim;
    }
  }

  /** What is wrong with a forged success. */
  enum Claim {
    UNKNOWN_ID,
    WRONG_AMOUNT,
    WRONG_PHONE,
    USED_RECEIPT,
    MISSING_FIELDS
  }
}
