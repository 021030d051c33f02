package io.github.darajakit.gateway.initiator;

import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.gateway.callbacks.CallbackSecrets;

/**
 * Builds the next version of an initiator operation's record: the lifecycle's part ({@link
 * Progress}) here, once for every flow; each flow's builder adds its own fields and {@code build}.
 * What a builder does not set stays as it was.
 *
 * @param <S> the flow's status enum
 * @param <B> the flow's builder
 */
public abstract class OperationBuilder<S extends Enum<S>, B extends OperationBuilder<S, B>> {

  private S status;
  private String originatorConversationId;
  private String conversationId;
  private String receipt;
  private Long completedAt;
  private String resultCode;
  private String resultDesc;
  private String failureReason;
  private String attention;
  private Long nextCheckAt;
  private int checkAttempts;

  protected OperationBuilder(S status, Progress progress) {
    this.status = status;
    originatorConversationId = progress.originatorConversationId();
    conversationId = progress.conversationId();
    receipt = progress.receipt();
    completedAt = progress.completedAt();
    resultCode = progress.resultCode();
    resultDesc = progress.resultDesc();
    failureReason = progress.failureReason();
    attention = progress.attention();
    nextCheckAt = progress.nextCheckAt();
    checkAttempts = progress.checkAttempts();
  }

  /** This builder, as its own type. */
  protected abstract B self();

  /** The status it moves to (the transition table is checked when it is written). */
  public B status(S status) {
    this.status = status;
    return self();
  }

  /** Daraja's OriginatorConversationID, if it gave one (a blank one changes nothing). */
  public B originatorConversationId(String id) {
    if (id != null && !id.isBlank()) {
      originatorConversationId = id;
    }
    return self();
  }

  /** Daraja's ConversationID, if it gave one (a blank one changes nothing). */
  public B conversationId(String id) {
    if (id != null && !id.isBlank()) {
      conversationId = id;
    }
    return self();
  }

  /** What M-Pesa reported of the money moved: its receipt and when. */
  public B completed(String receipt, Long completedAt) {
    this.receipt = receipt;
    this.completedAt = completedAt;
    return self();
  }

  /** Daraja's code and words for the outcome. */
  public B result(String code, String desc) {
    resultCode = code;
    resultDesc = desc;
    return self();
  }

  /** A person's reason for failed or unknown. */
  public B failureReason(String reason) {
    failureReason = reason;
    return self();
  }

  /** Flags it for a person; a reason already there is kept and this one added. */
  public B addAttention(String reason) {
    attention = attention == null ? reason : attention + " Also: " + reason;
    return self();
  }

  /**
   * Takes it off a person's list: evidence settled what the flag asked a person to find out. (The
   * flag stays in its {@code needs_attention} event.)
   */
  public B clearAttention() {
    attention = null;
    return self();
  }

  /** When the reconciler looks next ({@code null}: never), and how many looks so far. */
  public B nextCheck(Long at, int attempts) {
    nextCheckAt = at;
    checkAttempts = attempts;
    return self();
  }

  /**
   * Daraja may have received it, but its answer was lost on the way back: it becomes {@code
   * unknown}, is never sent again, and is asked about at {@code checkAt}.
   */
  public B answerLost(S unknown, Throwable cause, long checkAt) {
    status(unknown);
    failureReason(
        "The request may have reached Daraja but its answer was lost ("
            + cause
            + "); it will not be sent again.");
    return nextCheck(checkAt, 0);
  }

  /**
   * Daraja refused it before anything ran (an error answer, SpikeArrest, unreachable): it becomes
   * {@code failed}, with Daraja's code and message, secrets redacted, and is not asked about.
   *
   * @param noun what it is, for the reason: {@code payout}, {@code reversal}
   */
  public B refused(S failed, DarajaException e, String noun) {
    String code = e instanceof DarajaApiException api ? api.errorCode() : "";
    String desc =
        CallbackSecrets.redact(
            e instanceof DarajaApiException api ? api.errorMessage() : e.getMessage());
    status(failed);
    result(code, desc);
    failureReason(
        "Daraja did not accept the " + noun + ": " + CallbackSecrets.redact(e.getMessage()));
    return nextCheck(null, 0);
  }

  /**
   * Readies it to be sent again under a new OriginatorConversationID, with what the earlier sending
   * left behind cleared.
   */
  protected B newSending(String originatorConversationId) {
    this.originatorConversationId = originatorConversationId;
    conversationId = null;
    resultCode = null;
    resultDesc = null;
    failureReason = null;
    return self();
  }

  /** Writes one of the lifecycle's moves; {@code unknown} is the flow's UNKNOWN status. */
  public B apply(Operations.Move move, S unknown) {
    if (move.unknownReason() != null) {
      status(unknown).failureReason(move.unknownReason());
    }
    if (move.result()) {
      result(move.resultCode(), move.resultDesc());
    }
    nextCheck(move.nextCheckAt(), move.attempts());
    if (move.attention() != null) {
      addAttention(move.attention());
    }
    return self();
  }

  /** The status set. */
  protected S status() {
    return status;
  }

  /** The lifecycle's part, as set. */
  protected Progress progress() {
    return new Progress(
        originatorConversationId,
        conversationId,
        receipt,
        completedAt,
        resultCode,
        resultDesc,
        failureReason,
        attention,
        nextCheckAt,
        checkAttempts);
  }
}
