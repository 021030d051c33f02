package io.github.darajakit.client;

import java.util.Map;

/**
 * A money-moving request (STK push, B2C, B2Pochi, B2B, tax, reversal) may have reached Daraja, but
 * its answer was lost: a read timeout, a dropped connection, or a server error that does not say
 * the request was refused. <b>Money may have moved.</b>
 *
 * <p>The SDK never re-sends such a request, and neither should you. Reconcile instead: query with
 * the identifiers this exception carries (the OriginatorConversationID the SDK generated for a B2C
 * v3 payment, for example, works with Transaction Status), and only if the query proves the request
 * was never accepted, send a new one.
 */
public final class DarajaOutcomeUnknownException extends DarajaException {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final Map<String, String> identifiers;

  /**
   * An unknown outcome.
   *
   * @param operation what was attempted, e.g. {@code b2c.pay}
   * @param identifiers every identifier known before the answer was lost (e.g. {@code
   *     originatorConversationId}, {@code phone}, {@code amount}, {@code accountReference})
   * @param cause the failure that hid the answer
   */
  public DarajaOutcomeUnknownException(
      String operation, Map<String, String> identifiers, Throwable cause) {
    super(
        operation
            + " may have reached Daraja but its answer was lost ("
            + (cause == null ? "no answer" : cause.getMessage())
            + "). Money may have moved: do NOT send it again; reconcile with "
            + identifiers,
        cause);
    this.operation = operation;
    this.identifiers = Map.copyOf(identifiers);
  }

  /** What was attempted, e.g. {@code stk.push}, {@code b2c.pay}. */
  public String operation() {
    return operation;
  }

  /** Identifiers to reconcile with, e.g. {@code originatorConversationId}. */
  public Map<String, String> identifiers() {
    return identifiers;
  }

  /** One identifier, or {@code null}. */
  public String identifier(String name) {
    return identifiers.get(name);
  }
}
