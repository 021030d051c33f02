package io.github.darajakit.client.callbacks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.ResultCodes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads what Daraja posts to your callback URLs, and writes what you answer. Pure functions: no
 * I/O, no state, safe from any thread.
 *
 * <p>Daraja's callbacks are not signed (REFERENCE §1.4): protect the URLs (allow-list Safaricom's
 * addresses, use unguessable paths) and confirm anything that moves money with a query before
 * acting on it. Store {@link DarajaCallback#rawJson()} before answering; Daraja does not resend a
 * callback you failed to record.
 *
 * <h2>One URL per API (recommended)</h2>
 *
 * <pre>{@code
 * // STK CallBackURL
 * StkCallback stk = DarajaCallbacks.parseStkCallback(body);
 * if (stk.isPaid()) {
 *   StkPayment paid = stk.payment().orElseThrow();
 *   orders.markPaid(stk.checkoutRequestId(), paid.mpesaReceiptNumber(), paid.amount());
 * }
 * respond(200, DarajaCallbacks.acknowledge());
 *
 * // C2B ValidationURL
 * C2bValidation validation = DarajaCallbacks.parseC2bValidation(body);
 * respond(200, accounts.exists(validation.billRefNumber())
 *     ? DarajaCallbacks.acceptValidation()
 *     : DarajaCallbacks.rejectValidation(C2bRejection.INVALID_ACCOUNT_NUMBER));
 *
 * // B2C ResultURL
 * DarajaResult result = DarajaCallbacks.parseResult(body, ResultCodes.Family.B2C);
 * if (result instanceof B2cResult b2c && b2c.resultCode().isSuccess()) {
 *   payouts.settle(b2c.originatorConversationId(), b2c.receipt().orElseThrow());
 * }
 * }</pre>
 *
 * <h2>One URL for everything</h2>
 *
 * <p>{@link #parse(String)} decides by shape:
 *
 * <ul>
 *   <li>{@code {"Body":{"stkCallback":{…}}}} (or a bare {@code {"stkCallback":{…}}}) → {@link
 *       StkCallback}.
 *   <li>{@code {"responseHeader":{…}}} (any case) → {@link StandingOrderCallback}.
 *   <li>A flat {@code {"resultCode":…,"requestId":…}} (or with {@code paymentReference}), without
 *       {@code ResponseCode} → {@link B2bExpressCheckoutCallback} (REFERENCE §8).
 *   <li>A flat {@code {"transactionId":…,"paidAmount":…}} without {@code resultCode} (a B2B Express
 *       Checkout callback's) or {@code TransID} (a C2B notification's) → {@link
 *       BillPaymentNotification}, Bill Manager's payment push (REFERENCE §14).
 *   <li>{@code {"Result":{…}}} → a {@link DarajaResult}. The envelope does not say which API sent
 *       it, so the parameters decide, first match wins: {@code AccountBalance} (or {@code
 *       ActionType=AccountBalance}) → {@link AccountBalanceResult}; {@code ReceiptNo}, {@code
 *       TransactionStatus}, {@code InitiatedTime}, {@code FinalisedTime}, {@code DebitPartyName},
 *       {@code CreditPartyName} or {@code ReasonType} → {@link TransactionStatusResult}; {@code
 *       OriginalTransactionID} or {@code Charge} → {@link ReversalResult}; {@code
 *       TransactionReceipt}, {@code TransactionAmount}, {@code TransactionCompletedDateTime} or any
 *       {@code B2C…} key → {@link B2cResult}; {@code DebitPartyAffectedAccountBalance}, {@code
 *       InitiatorAccountCurrentBalance}, {@code DebitAccountCurrentBalance}, {@code
 *       CreditAccountBalance}, {@code DebitPartyCharges}, {@code ReceiverPartyPublicName}, {@code
 *       CreditPartyPublicName}, {@code DebitPartyPublicName}, {@code TransCompletedTime} or a
 *       {@code BillReferenceNumber} reference item → {@link B2bResult} (production B2B results
 *       carry the same public names as reversals; only a reversal names the receipt it reverses);
 *       otherwise (most failures carry no parameters) → {@link UnknownResult}, whose result code is
 *       only "0 or not known" ({@code PENDING}: not proof of failure). Use {@link
 *       #parseResult(String, ResultCodes.Family)} when you know the API.
 *   <li>A body with {@code TransID} (or {@code TransAmount} and {@code TransTime}) → a C2B
 *       notification. Validation and confirmation bodies have the same fields; the only difference
 *       is that M-Pesa leaves {@code OrgAccountBalance} blank in validations. So a blank or missing
 *       {@code OrgAccountBalance} gives {@link C2bValidation}, anything else {@link
 *       C2bConfirmation}. Use {@link #parseC2bValidation} / {@link #parseC2bConfirmation} on
 *       separate URLs to be sure.
 *   <li>Anything else → {@link DarajaCallbackParseException}, whose message says what the body
 *       looked like (e.g. "a synchronous error answer, not a callback").
 * </ul>
 *
 * <p>{@link #parse(String)} never returns a {@link QueueTimeout}: that payload is undocumented and
 * looks like a result. Give the QueueTimeOutURL its own path and use {@link
 * #parseQueueTimeout(String)}.
 *
 * <h2>Tolerances (REFERENCE §22b)</h2>
 *
 * Codes and amounts as numbers or strings ({@code 0}, {@code "0"}, {@code "SFC_IC0003"}); {@code
 * ResultParameter}, {@code ReferenceItem} and {@code Item} as an object or an array; items without
 * {@code Value}; keys differing in case or spaces ({@code "Conversation ID"}); the legacy {@code
 * [STK_CB - ]} ResultDesc prefix; extra keys anywhere. Amounts are exact {@link
 * java.math.BigDecimal}s, never {@code double}. Times are East Africa Time.
 *
 * <h2>Failures</h2>
 *
 * Every method throws {@link DarajaCallbackParseException} (never anything else) for a body that is
 * not JSON, not the expected shape, lacks an identifier needed to match it ({@code
 * CheckoutRequestID}, {@code TransID}, …) or holds an unreadable amount or time. The exception
 * keeps the raw body; its message names the field and never quotes the body. Answer such a callback
 * with HTTP 200 anyway and keep it for review: a non-2xx answer gains nothing, since Daraja does
 * not retry.
 */
public final class DarajaCallbacks {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DarajaCallbacks() {}

  /**
   * Reads any Daraja callback, deciding its kind by shape (see the class description).
   *
   * <pre>{@code
   * switch (DarajaCallbacks.parse(body)) {
   *   case StkCallback stk -> payments.settle(stk);
   *   case C2bValidation validation -> answer(validation);
   *   case C2bConfirmation confirmation -> ledger.record(confirmation);
   *   case DarajaResult result -> payouts.settle(result);
   *   case StandingOrderCallback standingOrder -> standingOrders.settle(standingOrder);
   *   case B2bExpressCheckoutCallback checkout -> invoices.settle(checkout);
   *   case BillPaymentNotification payment -> bills.record(payment);
   *   case QueueTimeout timeout -> payouts.reconcile(timeout); // never from parse(), see above
   * }
   * }</pre>
   *
   * @param json the request body as received
   * @throws DarajaCallbackParseException if it is not a Daraja callback
   */
  public static DarajaCallback parse(String json) {
    return new CallbackParser(json).any();
  }

  /** {@link #parse(String)} of UTF-8 bytes. */
  public static DarajaCallback parse(byte[] json) {
    return parse(text(json));
  }

  /**
   * Reads an STK push callback.
   *
   * @throws DarajaCallbackParseException if it is not {@code {"Body":{"stkCallback":{…}}}} with a
   *     MerchantRequestID, a CheckoutRequestID and a ResultCode, or a success lacks the amount,
   *     receipt or date
   */
  public static StkCallback parseStkCallback(String json) {
    return new CallbackParser(json).stkCallback();
  }

  /** {@link #parseStkCallback(String)} of UTF-8 bytes. */
  public static StkCallback parseStkCallback(byte[] json) {
    return parseStkCallback(text(json));
  }

  /**
   * Reads an M-Pesa Ratiba (standing order) callback, in either key casing ({@code
   * responseHeader}/{@code ResponseHeader}, {@code name}/{@code Name}…).
   *
   * <pre>{@code
   * StandingOrderCallback result = DarajaCallbacks.parseStandingOrderCallback(body);
   * if (result.succeeded()) {
   *   standingOrders.markActive(result.responseRefId());
   * }
   * }</pre>
   *
   * @throws DarajaCallbackParseException if it is not {@code {"responseHeader":{…}}} with a
   *     responseRefID or requestRefID and a responseCode
   */
  public static StandingOrderCallback parseStandingOrderCallback(String json) {
    return new CallbackParser(json).standingOrderCallback();
  }

  /** {@link #parseStandingOrderCallback(String)} of UTF-8 bytes. */
  public static StandingOrderCallback parseStandingOrderCallback(byte[] json) {
    return parseStandingOrderCallback(text(json));
  }

  /**
   * Reads a B2B Express Checkout callback (REFERENCE §8): the flat camelCase body posted to the
   * request's {@code callbackUrl}. Its result code is read in the {@link
   * ResultCodes.Family#B2B_EXPRESS} catalogue.
   *
   * <pre>{@code
   * B2bExpressCheckoutCallback checkout = DarajaCallbacks.parseB2bExpressCheckoutCallback(body);
   * switch (checkout.outcome()) {
   *   case SUCCESS -> invoices.markPaid(checkout.requestId(), checkout.transactionId().orElseThrow());
   *   case CANCELLED -> invoices.offerToTryAgain(checkout.requestId()); // 4001
   *   default -> invoices.showReason(checkout.requestId(), checkout.resultCode().meaning());
   * }
   * }</pre>
   *
   * @throws DarajaCallbackParseException if it is not a JSON object with a {@code resultCode} and a
   *     {@code requestId}, or its amount is unreadable
   */
  public static B2bExpressCheckoutCallback parseB2bExpressCheckoutCallback(String json) {
    return new CallbackParser(json).b2bExpressCheckoutCallback();
  }

  /** {@link #parseB2bExpressCheckoutCallback(String)} of UTF-8 bytes. */
  public static B2bExpressCheckoutCallback parseB2bExpressCheckoutCallback(byte[] json) {
    return parseB2bExpressCheckoutCallback(text(json));
  }

  /**
   * Reads a payment Bill Manager pushed to the opt-in {@code callbackurl} (REFERENCE §14). Bill
   * Manager tries up to five times until you answer {@link #acknowledgeBillPayment()}: store the
   * body first, and take a second push with the same {@code transactionId} as the same payment.
   *
   * <pre>{@code
   * BillPaymentNotification paid = DarajaCallbacks.parseBillPayment(body);
   * bills.recordOnce(paid.transactionId(), paid.accountReference(), paid.paidAmount());
   * respond(200, DarajaCallbacks.acknowledgeBillPayment());
   * }</pre>
   *
   * @throws DarajaCallbackParseException if it is not a JSON object with a {@code transactionId}, a
   *     {@code paidAmount}, an {@code accountReference} and a {@code shortCode}, or its amount is
   *     unreadable
   */
  public static BillPaymentNotification parseBillPayment(String json) {
    return new CallbackParser(json).billPaymentNotification();
  }

  /** {@link #parseBillPayment(String)} of UTF-8 bytes. */
  public static BillPaymentNotification parseBillPayment(byte[] json) {
    return parseBillPayment(text(json));
  }

  /**
   * Reads the body posted to your C2B ValidationURL, whatever its {@code OrgAccountBalance}.
   *
   * @throws DarajaCallbackParseException if it is not a C2B notification with TransID, TransTime,
   *     TransAmount and BusinessShortCode
   */
  public static C2bValidation parseC2bValidation(String json) {
    return (C2bValidation) new CallbackParser(json).c2b(true);
  }

  /** {@link #parseC2bValidation(String)} of UTF-8 bytes. */
  public static C2bValidation parseC2bValidation(byte[] json) {
    return parseC2bValidation(text(json));
  }

  /**
   * Reads the body posted to your C2B ConfirmationURL, whatever its {@code OrgAccountBalance}.
   *
   * @throws DarajaCallbackParseException if it is not a C2B notification with TransID, TransTime,
   *     TransAmount and BusinessShortCode
   */
  public static C2bConfirmation parseC2bConfirmation(String json) {
    return (C2bConfirmation) new CallbackParser(json).c2b(false);
  }

  /** {@link #parseC2bConfirmation(String)} of UTF-8 bytes. */
  public static C2bConfirmation parseC2bConfirmation(byte[] json) {
    return parseC2bConfirmation(text(json));
  }

  /**
   * Reads a {@code {"Result":{…}}} from an API you know: {@link ResultCodes.Family#B2C} (B2C and
   * B2Pochi) → {@link B2cResult}, {@link ResultCodes.Family#B2B} (pay bill, buy goods, top-up, tax)
   * → {@link B2bResult}, {@link ResultCodes.Family#TRANSACTION_STATUS} → {@link
   * TransactionStatusResult}, {@link ResultCodes.Family#ACCOUNT_BALANCE} → {@link
   * AccountBalanceResult}, {@link ResultCodes.Family#REVERSAL} → {@link ReversalResult}. The result
   * code is read in that family's catalogue.
   *
   * <pre>{@code
   * DarajaResult result = DarajaCallbacks.parseResult(body, family);
   * // or typed: DarajaCallbacks.parseB2cResult(body), parseTransactionStatusResult(body)…
   * }</pre>
   *
   * @throws IllegalArgumentException for {@code STK}, {@code B2B_EXPRESS} and {@code
   *     STANDING_ORDER}, which have no such envelope, and for the synchronous lookups
   * @throws DarajaCallbackParseException if it is not a result with a ResultCode and an
   *     OriginatorConversationID or ConversationID
   */
  public static DarajaResult parseResult(String json, ResultCodes.Family family) {
    Objects.requireNonNull(family, "family");
    if (family == ResultCodes.Family.HAKIKISHA
        || family == ResultCodes.Family.ORG_INFO
        || family == ResultCodes.Family.SIM_CHECK
        || family == ResultCodes.Family.BONGA) {
      throw new IllegalArgumentException(family + " is a synchronous lookup: it has no results");
    }
    if (family == ResultCodes.Family.BILL_MANAGER) {
      throw new IllegalArgumentException(
          "Bill Manager posts no {\"Result\":{…}} envelope: its payment push is read by"
              + " DarajaCallbacks.parse or parseBillPayment");
    }
    if (family == ResultCodes.Family.STK
        || family == ResultCodes.Family.B2B_EXPRESS
        || family == ResultCodes.Family.STANDING_ORDER) {
      throw new IllegalArgumentException(
          family
              + " callbacks are not {\"Result\":{…}} envelopes: use DarajaCallbacks.parse,"
              + " parseStkCallback, parseB2bExpressCheckoutCallback or"
              + " parseStandingOrderCallback");
    }
    return new CallbackParser(json).result(family);
  }

  /** {@link #parseResult(String, ResultCodes.Family)} of UTF-8 bytes. */
  public static DarajaResult parseResult(byte[] json, ResultCodes.Family family) {
    return parseResult(text(json), family);
  }

  /**
   * Reads a B2C or B2Pochi Result (the ResultURL of {@code b2c().pay}, {@code payV1}, {@code
   * payToPochi}): {@link #parseResult(String, ResultCodes.Family)} with {@link
   * ResultCodes.Family#B2C}, typed.
   *
   * @throws DarajaCallbackParseException if it is not a result with a ResultCode and an
   *     OriginatorConversationID or ConversationID
   */
  public static B2cResult parseB2cResult(String json) {
    return (B2cResult) parseResult(json, ResultCodes.Family.B2C);
  }

  /** {@link #parseB2cResult(String)} of UTF-8 bytes. */
  public static B2cResult parseB2cResult(byte[] json) {
    return parseB2cResult(text(json));
  }

  /**
   * Reads a B2B or tax Result (the ResultURL of {@code b2b().payBill}, {@code buyGoods}, {@code
   * topUpB2c}, {@code tax().remit}): {@link #parseResult(String, ResultCodes.Family)} with {@link
   * ResultCodes.Family#B2B}, typed.
   *
   * @throws DarajaCallbackParseException if it is not a result with a ResultCode and an
   *     OriginatorConversationID or ConversationID
   */
  public static B2bResult parseB2bResult(String json) {
    return (B2bResult) parseResult(json, ResultCodes.Family.B2B);
  }

  /** {@link #parseB2bResult(String)} of UTF-8 bytes. */
  public static B2bResult parseB2bResult(byte[] json) {
    return parseB2bResult(text(json));
  }

  /**
   * Reads a Transaction Status Result (act on its {@link TransactionStatusResult#finding()}):
   * {@link #parseResult(String, ResultCodes.Family)} with {@link
   * ResultCodes.Family#TRANSACTION_STATUS}, typed.
   *
   * @throws DarajaCallbackParseException if it is not a result with a ResultCode and an
   *     OriginatorConversationID or ConversationID
   */
  public static TransactionStatusResult parseTransactionStatusResult(String json) {
    return (TransactionStatusResult) parseResult(json, ResultCodes.Family.TRANSACTION_STATUS);
  }

  /** {@link #parseTransactionStatusResult(String)} of UTF-8 bytes. */
  public static TransactionStatusResult parseTransactionStatusResult(byte[] json) {
    return parseTransactionStatusResult(text(json));
  }

  /**
   * Reads an Account Balance Result (its accounts typed): {@link #parseResult(String,
   * ResultCodes.Family)} with {@link ResultCodes.Family#ACCOUNT_BALANCE}, typed.
   *
   * @throws DarajaCallbackParseException if it is not a result with a ResultCode and an
   *     OriginatorConversationID or ConversationID
   */
  public static AccountBalanceResult parseAccountBalanceResult(String json) {
    return (AccountBalanceResult) parseResult(json, ResultCodes.Family.ACCOUNT_BALANCE);
  }

  /** {@link #parseAccountBalanceResult(String)} of UTF-8 bytes. */
  public static AccountBalanceResult parseAccountBalanceResult(byte[] json) {
    return parseAccountBalanceResult(text(json));
  }

  /**
   * Reads a Reversal Result: {@link #parseResult(String, ResultCodes.Family)} with {@link
   * ResultCodes.Family#REVERSAL}, typed.
   *
   * @throws DarajaCallbackParseException if it is not a result with a ResultCode and an
   *     OriginatorConversationID or ConversationID
   */
  public static ReversalResult parseReversalResult(String json) {
    return (ReversalResult) parseResult(json, ResultCodes.Family.REVERSAL);
  }

  /** {@link #parseReversalResult(String)} of UTF-8 bytes. */
  public static ReversalResult parseReversalResult(byte[] json) {
    return parseReversalResult(text(json));
  }

  /**
   * Reads a post to a QueueTimeOutURL. Daraja does not document this payload, so any JSON is
   * accepted (and an empty body too: the call itself is the signal); identifiers are read from a
   * {@code {"Result":{…}}} envelope if there is one.
   *
   * @throws DarajaCallbackParseException if the body is not JSON
   */
  public static QueueTimeout parseQueueTimeout(String json) {
    return new CallbackParser(json).queueTimeout();
  }

  /** {@link #parseQueueTimeout(String)} of UTF-8 bytes. */
  public static QueueTimeout parseQueueTimeout(byte[] json) {
    return parseQueueTimeout(text(json));
  }

  /**
   * The acknowledgement for a callback: {@code {"ResultCode":0,"ResultDesc":"Success"}} (C2B
   * confirmations document it; it suits every other callback too).
   */
  public static String acknowledge() {
    return "{\"ResultCode\":0,\"ResultDesc\":\"Success\"}";
  }

  /**
   * The answer Bill Manager expects to its payment push: {@code
   * {"resmsg":"Success","rescode":"200"}}. Anything else, or no answer, and it pushes the payment
   * again (up to five times in all). Send it only once the push is stored.
   */
  public static String acknowledgeBillPayment() {
    return "{\"resmsg\":\"Success\",\"rescode\":\"200\"}";
  }

  /** Accepts a C2B payment: {@code {"ResultCode":"0","ResultDesc":"Accepted"}}. */
  public static String acceptValidation() {
    return "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}";
  }

  /**
   * Accepts a C2B payment and tags it with your own id, which M-Pesa echoes as {@code
   * ThirdPartyTransID} in the confirmation: {@code
   * {"ResultCode":"0","ResultDesc":"Accepted","ThirdPartyTransID":"…"}}.
   *
   * @throws IllegalArgumentException if {@code thirdPartyTransId} is blank
   */
  public static String acceptValidation(String thirdPartyTransId) {
    if (thirdPartyTransId == null || thirdPartyTransId.isBlank()) {
      throw new IllegalArgumentException(
          "thirdPartyTransId is blank: use acceptValidation() for no id");
    }
    ObjectNode answer = NODES.objectNode();
    answer.put("ResultCode", "0");
    answer.put("ResultDesc", "Accepted");
    answer.put("ThirdPartyTransID", thirdPartyTransId);
    return answer.toString();
  }

  /**
   * Rejects a C2B payment; the code picks the SMS the customer gets: {@code
   * {"ResultCode":"C2B00012","ResultDesc":"Rejected"}}.
   */
  public static String rejectValidation(C2bRejection reason) {
    Objects.requireNonNull(reason, "reason");
    return "{\"ResultCode\":\"" + reason.code() + "\",\"ResultDesc\":\"Rejected\"}";
  }

  private static String text(byte[] json) {
    return json == null ? "" : new String(json, StandardCharsets.UTF_8);
  }
}
