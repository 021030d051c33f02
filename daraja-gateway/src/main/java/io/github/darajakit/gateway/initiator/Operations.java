package io.github.darajakit.gateway.initiator;

import io.github.darajakit.client.transactions.TransactionStatusRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a flow tells the shared lifecycle about its operations: how they are found and stored, how
 * each of the lifecycle's moves is written on its record, and how Transaction Status is asked about
 * one. Everything else — when to ask, when a queue timeout applies, when to give up and ask a
 * person — is the lifecycle's, written once.
 *
 * @param <O> the flow's record
 */
public interface Operations<O extends Operation> {

  /** What one is called in messages: {@code payout}, {@code B2B payment}, {@code reversal}. */
  String noun(O operation);

  /** The prefix of the reconciler's metric actions: {@code payout}, {@code reversal}. */
  String metricPrefix();

  /** Leases the operations due for a look (see {@code Leases}), at most {@code limit}. */
  default List<O> claimDue(String owner, long now, long leaseUntil, int limit) {
    return records().claimDue(owner, now, leaseUntil, limit);
  }

  /** The operation and the sending a callback's ids name, if any. */
  Optional<Sending<O>> bySending(
      Connection c, String originatorConversationId, String conversationId) throws SQLException;

  /** How its records are moved: compare-and-set, in the transition table. */
  OperationRecords<O, ?> records();

  /** Moves one in its own transaction (a compare-and-set, retried if another writer won). */
  default O update(String id, Function<O, Optional<O>> decide) {
    return records().update(id, decide);
  }

  /** Moves one in the caller's transaction (a compare-and-set, retried if another writer won). */
  default O update(Connection c, O read, Function<O, Optional<O>> decide) throws SQLException {
    return records().update(c, read, decide);
  }

  /** The next version of {@code operation}: {@code move} written on its record. */
  O next(O operation, Move move, long now);

  /**
   * The Transaction Status question about it, addressed to {@code resultUrl}/{@code timeoutUrl}; or
   * why none can be asked (Daraja never named it).
   */
  Question question(O operation);

  /** Remembers the ConversationID of a question, so its Result finds the operation. */
  default void recordStatusQuery(String id, String queryId) {
    records().recordStatusQuery(id, queryId);
  }

  /**
   * What a person should look for on the M-Pesa statement to settle it by hand, e.g. {@code "600000
   * for KES 100 to 254708374149"}.
   */
  String onTheStatement(O operation);

  /**
   * A sending of an operation that a callback names.
   *
   * @param operation the operation as read
   * @param sending which sending the callback is about
   */
  record Sending<O extends Operation>(O operation, int sending) {

    /** Whether it is about the sending the operation is on now. */
    public boolean current() {
      return sending == operation.sending();
    }
  }

  /**
   * One of the lifecycle's moves, written on a record in one new version.
   *
   * @param unknownReason if not {@code null}: the operation becomes UNKNOWN, for this reason
   * @param result whether {@code resultCode}/{@code resultDesc} replace the record's
   * @param resultCode the code Daraja gave, or {@code null}
   * @param resultDesc Daraja's words, or {@code null}
   * @param nextCheckAt when the reconciler looks next, or {@code null} for never
   * @param attempts how many times it has been asked about
   * @param attention if not {@code null}: why a person must look at it
   */
  record Move(
      String unknownReason,
      boolean result,
      String resultCode,
      String resultDesc,
      Long nextCheckAt,
      int attempts,
      String attention) {

    /** Next looked at {@code at} ({@code null}: no more), after {@code attempts} questions. */
    public static Move checkAt(Long at, int attempts) {
      return new Move(null, false, null, null, at, attempts, null);
    }

    /** Also UNKNOWN, for this reason. */
    public Move unknown(String reason) {
      return new Move(reason, result, resultCode, resultDesc, nextCheckAt, attempts, attention);
    }

    /** Also with Daraja's code and words for what happened. */
    public Move result(String code, String desc) {
      return new Move(unknownReason, true, code, desc, nextCheckAt, attempts, attention);
    }

    /** Also before a person, for this reason. */
    public Move flag(String reason) {
      return new Move(unknownReason, result, resultCode, resultDesc, nextCheckAt, attempts, reason);
    }
  }

  /** A Transaction Status question, or why there is none. */
  record Question(TransactionStatusRequest.Builder request, String cannotAsk) {

    /** Ask this. */
    public static Question ask(TransactionStatusRequest.Builder request) {
      return new Question(request, null);
    }

    /** Nothing can be asked, for this reason. */
    public static Question cannotAsk(String reason) {
      return new Question(null, reason);
    }
  }
}
