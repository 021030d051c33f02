package io.github.darajakit.gateway.initiator;

import io.github.darajakit.gateway.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What Daraja and the reconciler have said so far about one initiator operation: the part of its
 * record the shared lifecycle reads and writes, the same for a payout, a B2B payment and a
 * reversal. The rest of each record is its flow's own.
 *
 * @param originatorConversationId the OriginatorConversationID of its current sending (ours for
 *     B2C, Daraja's for B2B and reversals), or {@code null} before Daraja named it
 * @param conversationId Daraja's ConversationID, once acknowledged
 * @param receipt the M-Pesa receipt of the money moved, once evidence of it came
 * @param completedAt when M-Pesa completed it (epoch ms)
 * @param resultCode Daraja's code for the outcome (or the error that refused the request)
 * @param resultDesc Daraja's words for it
 * @param failureReason a person's reason for failed or unknown
 * @param attention why a person must look at it, or {@code null}
 * @param nextCheckAt when the reconciler looks next (epoch ms), or {@code null}
 * @param checkAttempts how many times the reconciler has looked
 */
public record Progress(
    String originatorConversationId,
    String conversationId,
    String receipt,
    Long completedAt,
    String resultCode,
    String resultDesc,
    String failureReason,
    String attention,
    Long nextCheckAt,
    int checkAttempts) {

  /** The column of each field but the receipt, whose column each table names. */
  private static final String[] COLUMNS = {
    "originator_conversation_id",
    "conversation_id",
    null,
    "completed_at",
    "result_code",
    "result_desc",
    "failure_reason",
    "attention",
    "next_check_at",
    "check_attempts"
  };

  /**
   * A record just created: nothing known yet but the OriginatorConversationID we chose, if any, and
   * when the reconciler should look if no answer is recorded.
   */
  public static Progress created(String originatorConversationId, Long nextCheckAt) {
    return new Progress(
        originatorConversationId, null, null, null, null, null, null, null, nextCheckAt, 0);
  }

  /** The columns, for a SELECT. */
  public static String columns(String receiptColumn) {
    return String.join(", ", names(receiptColumn));
  }

  /** {@code column = ?} for each column, for an UPDATE's SET, in the order of {@link #values}. */
  public static String assignments(String receiptColumn) {
    return String.join(" = ?, ", names(receiptColumn)) + " = ?";
  }

  /** The values, in the order of {@link #columns} and {@link #assignments}. */
  public Object[] values() {
    return new Object[] {
      originatorConversationId,
      conversationId,
      receipt,
      completedAt,
      resultCode,
      resultDesc,
      failureReason,
      attention,
      nextCheckAt,
      checkAttempts
    };
  }

  /**
   * The values of a statement that binds {@code before}, then these, then {@code after} (an INSERT
   * of {@link #columns} in the middle of the table's own, an UPDATE whose SET has {@link
   * #assignments} in the middle).
   */
  public Object[] between(Object[] before, Object... after) {
    Object[] values = values();
    Object[] all = new Object[before.length + values.length + after.length];
    System.arraycopy(before, 0, all, 0, before.length);
    System.arraycopy(values, 0, all, before.length, values.length);
    System.arraycopy(after, 0, all, before.length + values.length, after.length);
    return all;
  }

  /** Reads it from a row holding {@link #columns}. */
  public static Progress read(ResultSet r, String receiptColumn) throws SQLException {
    return new Progress(
        r.getString("originator_conversation_id"),
        r.getString("conversation_id"),
        r.getString(receiptColumn),
        Sql.nullableLong(r, "completed_at"),
        r.getString("result_code"),
        r.getString("result_desc"),
        r.getString("failure_reason"),
        r.getString("attention"),
        Sql.nullableLong(r, "next_check_at"),
        r.getInt("check_attempts"));
  }

  private static String[] names(String receiptColumn) {
    String[] names = COLUMNS.clone();
    names[2] = receiptColumn;
    return names;
  }
}
