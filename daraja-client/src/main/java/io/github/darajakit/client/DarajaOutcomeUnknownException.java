package io.github.darajakit.client;

import java.util.Map;
import java.util.Optional;

/**
 * A money-moving request (STK push, B2C, B2Pochi, B2B, tax, reversal, standing order, C2B simulate)
 * may have reached Daraja, but its answer was lost: a read timeout, a dropped connection, or a
 * server error that does not say the request was refused. <b>Money may have moved.</b> The SDK
 * never sends such a request again by itself.
 *
 * <p>What to do, in the words the SDK's Javadoc, {@code docs/sdk.md} and the {@code daraja} command
 * all use: {@value #RECOVERY}
 *
 * <p>Which id that is, whether a repeat is refused, and where to look it up depends on the call;
 * each service method says so, and the typed accessors ({@link #originatorConversationId()}, {@link
 * #callbackToken()}…) give the ids known before sending. Daraja's own ids (ConversationID,
 * CheckoutRequestID) come in the answer that was lost, so no exception can carry them:
 *
 * <ul>
 *   <li>{@code b2c.pay}, {@code b2c.payToPochi}: {@code originatorConversationId}, yours if you set
 *       one ({@code B2cPaymentRequest.Builder.originatorConversationId}), else generated. A repeat
 *       with it is refused ({@link DarajaApiException#isDuplicateRequest()}); Transaction Status
 *       finds it.
 *   <li>{@code stk.push}: {@code callbackToken} when the request has one ({@code
 *       StkPushRequest.Builder.callbackToken}): the callback for this push arrives at your URL
 *       ending in that token. A second push is a second prompt: there is no refused repeat.
 *   <li>{@code ratiba.create}: {@code standingOrderName}, unique per customer (a repeat is refused
 *       with ResultCode 1050 in the callback), and {@code callbackToken} when the request has one.
 *   <li>{@code transactions.reverse}: {@code transactionId}, the receipt reversed; M-Pesa refuses a
 *       second reversal of it ({@code R000001} in the Result).
 *   <li>{@code b2c.payV1}, {@code b2b.*}, {@code tax.remit}: Daraja assigns the id, so yours can
 *       only travel in the ResultURL (e.g. {@code …/b2b/result/<your id>}); nothing refuses a
 *       repeat.
 *   <li>{@code c2b.simulate} (sandbox only): {@code billRefNumber}, seen again in the confirmation.
 * </ul>
 */
public final class DarajaOutcomeUnknownException extends DarajaException {

  private static final long serialVersionUID = 1L;

  /**
   * What to do after an unknown outcome, word for word as {@code docs/sdk.md} and the {@code
   * daraja} command state it (exit code 4). Plain text: it is printed as well as rendered.
   */
  public static final String RECOVERY =
      "Money may have moved. Record the request and the id you chose for it before sending it."
          + " After an unknown outcome, never send it under a new id without proof that it"
          + " failed: either send it again with the same id, where Daraja refuses a repeat (a"
          + " duplicate refusal leaves the outcome unknown), or look it up by that id. Proof is"
          + " M-Pesa saying it failed (a failed Result, callback or Transaction Status); not"
          + " finding it shortly after sending is not proof.";

  private final String operation;
  private final Map<String, String> identifiers;

  /**
   * An unknown outcome.
   *
   * @param operation what was attempted, e.g. {@code b2c.pay}
   * @param identifiers every identifier known before the answer was lost (e.g. {@code
   *     originatorConversationId}, {@code callbackToken}, {@code phone}, {@code amount}, {@code
   *     accountReference})
   * @param cause the failure that hid the answer
   */
  public DarajaOutcomeUnknownException(
      String operation, Map<String, String> identifiers, Throwable cause) {
    super(
        operation
            + " may have reached Daraja but its answer was lost ("
            + (cause == null ? "no answer" : cause.getMessage())
            + "). "
            + RECOVERY
            + " Ids known: "
            + identifiers,
        cause);
    this.operation = operation;
    this.identifiers = Map.copyOf(identifiers);
  }

  /** What was attempted, e.g. {@code stk.push}, {@code b2c.pay}. */
  public String operation() {
    return operation;
  }

  /**
   * The ids known before sending, to look the request up by (see the class documentation for which
   * one each call has), with what was asked: e.g. {@code originatorConversationId}, {@code
   * callbackToken}, {@code amount}, a masked {@code phone}.
   */
  public Map<String, String> identifiers() {
    return identifiers;
  }

  /**
   * The OriginatorConversationID sent ({@code b2c().pay}, {@code payToPochi}): yours if the request
   * chose one, else the UUID the SDK generated. Repeat the request with it, or ask Transaction
   * Status by it ({@code TransactionStatusRequest.Builder.originalConversationId}). Empty for calls
   * that do not carry one.
   */
  public Optional<String> originatorConversationId() {
    return Optional.ofNullable(identifiers.get("originatorConversationId"));
  }

  /**
   * The request's callback token ({@code stk().push}, {@code ratiba().create}): the callback for it
   * arrives at your URL ending in this segment. Empty for calls that do not carry one.
   */
  public Optional<String> callbackToken() {
    return Optional.ofNullable(identifiers.get("callbackToken"));
  }

  /**
   * The RequestRefID sent ({@code b2bExpress().push}): the callback's {@code requestId} carries it.
   * Empty for calls that do not carry one.
   */
  public Optional<String> requestRefId() {
    return Optional.ofNullable(identifiers.get("requestRefId"));
  }

  /**
   * The StandingOrderName sent ({@code ratiba().create}), unique per customer. Empty for calls that
   * do not carry one.
   */
  public Optional<String> standingOrderName() {
    return Optional.ofNullable(identifiers.get("standingOrderName"));
  }

  /**
   * The receipt being reversed ({@code transactions().reverse}). Empty for calls that do not carry
   * one.
   */
  public Optional<String> transactionId() {
    return Optional.ofNullable(identifiers.get("transactionId"));
  }

  /**
   * The BillRefNumber of a C2B simulation ({@code c2b().simulate}), seen again in its confirmation.
   * Empty for calls that do not carry one.
   */
  public Optional<String> billRefNumber() {
    return Optional.ofNullable(identifiers.get("billRefNumber"));
  }

  /**
   * One identifier by name, or {@code null}.
   *
   * @deprecated a misspelt name returns {@code null} silently: use the typed accessors ({@link
   *     #originatorConversationId()}, {@link #callbackToken()}, {@link #requestRefId()}, {@link
   *     #standingOrderName()}, {@link #transactionId()}, {@link #billRefNumber()}) or {@link
   *     #identifiers()} for what was asked (amount, masked phone…)
   */
  @Deprecated
  public String identifier(String name) {
    return identifiers.get(name);
  }

  /** Always: the request may have reached Daraja. See {@link #RECOVERY}. */
  @Override
  public boolean moneyMayHaveMoved() {
    return true;
  }
}
