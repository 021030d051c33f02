package io.github.darajakit.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of Daraja ResultCodes (REFERENCE §17), per API family, because the same code can
 * mean different things: {@code 1} is the customer's balance in an STK result and the business's
 * Utility account in a B2C result; {@code 2001} is a wrong customer PIN in STK and a wrong
 * initiator credential elsewhere.
 *
 * <pre>{@code
 * ResultCode code = ResultCodes.stk("1032");
 * code.outcome();   // CANCELLED
 * code.retryable(); // true: ask the customer again
 * }</pre>
 */
public final class ResultCodes {

  /** The API family a result came from. */
  public enum Family {
    /** M-Pesa Express (STK push callback and query). */
    STK,
    /** B2C and B2Pochi results. */
    B2C,
    /** B2B pay bill, buy goods, top-up and tax results. */
    B2B,
    /** Reversal results. */
    REVERSAL,
    /**
     * Transaction Status results. Their ResultCode is about the query, not the transaction asked
     * about: {@code 2032}/{@code 2033} (not found) and unknown codes are {@link Outcome#PENDING},
     * never proof that it failed; read {@code TransactionStatusResult.finding()}.
     */
    TRANSACTION_STATUS,
    /** Account Balance results. */
    ACCOUNT_BALANCE,
    /**
     * B2B Express Checkout (USSD push) results: the {@code resultCode} of a {@link
     * io.github.darajakit.client.callbacks.B2bExpressCheckoutCallback}, read by {@link
     * io.github.darajakit.client.callbacks.DarajaCallbacks#parseB2bExpressCheckoutCallback(String)}
     * (or {@code DarajaCallbacks.parse}).
     */
    B2B_EXPRESS,
    /**
     * M-Pesa Ratiba (standing order) callbacks. ⚠ {@code 3001} is listed by Safaricom without a
     * meaning.
     */
    STANDING_ORDER,
    /**
     * B2C Hakikisha's {@code header.status} (REFERENCE §16). Not an M-Pesa result: {@code 200} is a
     * name found, not money moved.
     */
    HAKIKISHA,
    /**
     * Query Org Info's {@code ResponseCode} (REFERENCE §16). ⚠ Both {@code 4000} (Daraja's sample)
     * and {@code 0} (its prose) mean success.
     */
    ORG_INFO,
    /** The IMSI and SIM swap checks' {@code responseCode}: HTTP statuses (REFERENCE §16). */
    SIM_CHECK,
    /**
     * Lipa na Bonga's {@code header.responseCode} (REFERENCE §16). {@code 200} on calculate is an
     * answer; on redeem it is only "prompt sent": the payment is a C2B confirmation.
     */
    BONGA,
    /**
     * Bill Manager's {@code rescode} (REFERENCE §14): HTTP-like codes in its own {@code
     * {"rescode","resmsg"}} envelope. Not an M-Pesa result: {@code 200} is an invoice sent, a
     * cancellation or an acknowledgement recorded, never money moved; the customer's payment
     * arrives as a {@link io.github.darajakit.client.callbacks.BillPaymentNotification}.
     */
    BILL_MANAGER
  }

  /**
   * The M-Pesa core codes (REFERENCE §17.4) and the legacy generic list (§17.2), kept in the B2C
   * table: they mean the same in every initiator API. The other B2C codes (1, 2028, 2040,
   * SFC_IC0003…) speak of payouts and must not describe a balance query or a reversal.
   */
  private static final Set<String> CORE =
      Set.of(
          "5",
          "6",
          "7",
          "12",
          "13",
          "14",
          "15",
          "17",
          "18",
          "19",
          "20",
          "21",
          "22",
          "24",
          "25",
          "26",
          "29",
          "100000000",
          "100000001",
          "100000002",
          "100000004",
          "100000005",
          "100000007",
          "100000009",
          "100000010",
          "100000011");

  /** The synchronous lookups: their codes say nothing about money, and M-Pesa's core codes none. */
  private static final Set<Family> LOOKUPS =
      Set.of(Family.HAKIKISHA, Family.ORG_INFO, Family.SIM_CHECK);

  private static final Map<Family, Map<String, ResultCode>> CATALOGUE = build();

  private ResultCodes() {}

  /**
   * The meaning of a code in a family. Unknown codes come back with {@code known() == false} and
   * {@link Outcome#FAILED}, except in {@link Family#TRANSACTION_STATUS}, where a code nobody knows
   * proves nothing about the transaction and comes back {@link Outcome#PENDING}.
   */
  public static ResultCode lookup(Family family, String code) {
    String normalised = normalise(code);
    ResultCode found = CATALOGUE.get(family).get(normalised);
    if (found != null) {
      return found;
    }
    // M-Pesa core codes (15–29, 1000000xx…) apply to every initiator API (REFERENCE §17.4).
    if (CORE.contains(normalised)
        && family != Family.STK
        && family != Family.B2B_EXPRESS
        && family != Family.STANDING_ORDER
        && family != Family.BILL_MANAGER
        && !LOOKUPS.contains(family)) {
      return CATALOGUE.get(Family.B2C).get(normalised);
    }
    if (family == Family.TRANSACTION_STATUS) {
      // Ending a polling loop on a code nobody knows would invite paying again.
      return new ResultCode(
          normalised,
          "",
          "Unknown Transaction Status result code "
              + normalised
              + ": proves nothing about the transaction; ask again later, or ask a person",
          Outcome.PENDING,
          false,
          false);
    }
    return new ResultCode(
        normalised,
        "",
        "Unknown Daraja result code "
            + normalised
            + ": treat as failed and look the transaction up before retrying",
        Outcome.FAILED,
        false,
        false);
  }

  /** {@link #lookup} for STK. */
  public static ResultCode stk(String code) {
    return lookup(Family.STK, code);
  }

  /** {@link #lookup} for B2C/B2Pochi. */
  public static ResultCode b2c(String code) {
    return lookup(Family.B2C, code);
  }

  /** {@link #lookup} for M-Pesa Ratiba (standing orders). */
  public static ResultCode standingOrder(String code) {
    return lookup(Family.STANDING_ORDER, code);
  }

  /** Every code of a family, in catalogue order. */
  public static List<ResultCode> all(Family family) {
    return List.copyOf(CATALOGUE.get(family).values());
  }

  /**
   * Codes arrive as numbers or strings, sometimes with padding: {@code "0"}, {@code 0}, {@code
   * "00"}.
   */
  static String normalise(String code) {
    if (code == null) {
      return "";
    }
    String trimmed = code.trim();
    if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
      return trimmed.replaceFirst("^0+(?=\\d)", "");
    }
    return trimmed.toUpperCase(Locale.ROOT);
  }

  private static Map<Family, Map<String, ResultCode>> build() {
    Map<Family, Map<String, ResultCode>> all = new LinkedHashMap<>();
    Map<String, ResultCode> stk = new LinkedHashMap<>();
    add(
        stk,
        "0",
        "The service request is processed successfully.",
        "Paid.",
        Outcome.SUCCESS,
        false);
    add(
        stk,
        "1",
        "The balance is insufficient for the transaction.",
        "The customer has too little money (and no Fuliza).",
        Outcome.FAILED,
        false);
    add(
        stk,
        "2",
        "Declined due to limit rule.",
        "Below the minimum amount (KES 1).",
        Outcome.FAILED,
        false);
    add(
        stk,
        "3",
        "Declined due to limit rule: greater than the maximum transaction amount.",
        "Above the per-transaction maximum.",
        Outcome.FAILED,
        false);
    add(
        stk,
        "4",
        "Declined due to limit rule: would exceed daily transfer limit.",
        "The customer reached the daily limit.",
        Outcome.FAILED,
        false);
    add(
        stk,
        "8",
        "Declined due to limit rule: would exceed the maximum balance.",
        "The business account would exceed its maximum balance.",
        Outcome.FAILED,
        false);
    add(
        stk,
        "17",
        "Rule limited.",
        "Same amount pushed to the same customer within about 2 minutes; wait and try again.",
        Outcome.FAILED,
        true);
    add(
        stk,
        "26",
        "System busy. The service request is rejected.",
        "M-Pesa is overloaded; try again shortly.",
        Outcome.FAILED,
        true);
    add(
        stk,
        "1001",
        "Unable to lock subscriber, a transaction is already in process for the current subscriber.",
        "The customer has another session in progress; wait a minute.",
        Outcome.FAILED,
        true);
    add(stk, "1019", "Transaction has expired.", "Not completed in time.", Outcome.TIMEOUT, true);
    add(
        stk,
        "1025",
        "An error occurred while sending a push request.",
        "The prompt could not be sent (often a prompt over 182 characters: shorten AccountReference).",
        Outcome.FAILED,
        true);
    add(
        stk,
        "1031",
        "Request cancelled by user",
        "The customer cancelled (older code).",
        Outcome.CANCELLED,
        true);
    add(
        stk,
        "1032",
        "Request cancelled by user",
        "The customer cancelled or dismissed the prompt.",
        Outcome.CANCELLED,
        true);
    add(
        stk,
        "1036",
        "SMSC ACK timeout.",
        "The prompt was not acknowledged by the network.",
        Outcome.TIMEOUT,
        true);
    add(
        stk,
        "1037",
        "DS timeout user cannot be reached",
        "The phone is off or out of reach, or the customer did not respond.",
        Outcome.TIMEOUT,
        true);
    add(
        stk,
        "1101",
        "Invalid Input parameter 'Prompt message prefix', length should be less than 94 characters.",
        "Prompt text too long.",
        Outcome.FAILED,
        false);
    add(
        stk,
        "1102",
        "Invalid Input parameters 'Authentication message' and 'Prompt message prefix'.",
        "Prompt text too long.",
        Outcome.FAILED,
        false);
    add(
        stk,
        "2001",
        "The initiator information is invalid.",
        "The customer entered a wrong PIN.",
        Outcome.FAILED,
        true);
    add(
        stk,
        "2026",
        "The channel session ID has expired.",
        "The session expired.",
        Outcome.TIMEOUT,
        true);
    add(
        stk,
        "2028",
        "The request is not permitted according to product assignment.",
        "Wrong TransactionType/PartyB combination (PayBill vs till): fix the request.",
        Outcome.FAILED,
        false);
    add(
        stk,
        "8006",
        "The security credential is locked.",
        "The customer's PIN is locked.",
        Outcome.FAILED,
        false);
    add(
        stk,
        "9999",
        "Internal error occurred while executing the transaction.",
        "M-Pesa could not send the prompt; try again.",
        Outcome.FAILED,
        true);
    add(
        stk,
        "SFC_IC0003",
        "The operator does not exist.",
        "Wrong TransactionType/PartyB combination: fix the request.",
        Outcome.FAILED,
        false);
    add(
        stk,
        "4999",
        "The transaction is still under processing",
        "Not final yet; query again later.",
        Outcome.PENDING,
        false);
    add(
        stk,
        "E3008",
        "Error, the user has a bad debt contract.",
        "Sandbox: pushes reach only the test MSISDN 254708374149.",
        Outcome.FAILED,
        false);
    all.put(Family.STK, stk);

    Map<String, ResultCode> b2c = new LinkedHashMap<>();
    add(
        b2c,
        "0",
        "The service request is processed successfully.",
        "Paid.",
        Outcome.SUCCESS,
        false);
    add(
        b2c,
        "1",
        "The balance is insufficient for the transaction.",
        "The Utility account is short (Working funds do not count): top it up, then pay again.",
        Outcome.FAILED,
        true);
    add(
        b2c,
        "2",
        "Declined due to limit rule: less than the minimum transaction amount.",
        "Below the minimum (KES 10).",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "3",
        "Declined due to limit rule: greater than the maximum transaction amount.",
        "Above the maximum (KES 250,000).",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "4",
        "Declined due to limit rule: would exceed daily transfer limit",
        "The recipient's daily limit.",
        Outcome.FAILED,
        false);
    add(b2c, "5", "Would Exceed Minimum Balance", "", Outcome.FAILED, false);
    add(b2c, "6", "Unresolved Primary Party", "", Outcome.FAILED, false);
    add(b2c, "7", "Unresolved Receiver Party", "", Outcome.FAILED, false);
    add(
        b2c,
        "8",
        "Declined due to limit rule: would exceed the maximum balance.",
        "The recipient's wallet would exceed its maximum.",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "11",
        "The DebitParty is in an invalid state.",
        "The shortcode is inactive.",
        Outcome.FAILED,
        false);
    add(b2c, "12", "Credit Account Invalid", "", Outcome.FAILED, false);
    add(b2c, "13", "Unresolved Debit Account", "", Outcome.FAILED, false);
    add(b2c, "14", "Unresolved Credit Account", "", Outcome.FAILED, false);
    add(
        b2c,
        "15",
        "Duplicate Detected",
        "A repeated OriginatorConversationID.",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "17",
        "Internal Failure",
        "M-Pesa internal failure; look it up before retrying.",
        Outcome.FAILED,
        true);
    add(
        b2c,
        "18",
        "Initiator Credential Check Failure",
        "Wrong initiator password or encryption.",
        Outcome.FAILED,
        false);
    add(b2c, "19", "Message Sequencing Failure", "", Outcome.FAILED, true);
    add(
        b2c,
        "20",
        "Unresolved Initiator",
        "The initiator username does not exist.",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "21",
        "The initiator is not allowed to initiate this request",
        "The initiator lacks the API role.",
        Outcome.FAILED,
        false);
    add(b2c, "22", "Initiator to Receiver Party Permission Failure", "", Outcome.FAILED, false);
    add(b2c, "24", "Missing mandatory fields", "", Outcome.FAILED, false);
    add(b2c, "25", "InvalidRequestParameters", "", Outcome.FAILED, false);
    add(
        b2c,
        "26",
        "Traffic blocking condition in place",
        "M-Pesa is overloaded.",
        Outcome.FAILED,
        true);
    add(b2c, "29", "InvalidCommand", "", Outcome.FAILED, false);
    add(
        b2c,
        "2001",
        "The initiator information is invalid.",
        "Wrong initiator name, password, certificate or algorithm.",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "2006",
        "Declined due to account rule: The account status does not allow this transaction.",
        "",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "2028",
        "The request is not permitted according to product assignment.",
        "The shortcode lacks the B2C product.",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "2040",
        "Credit Party customer type (Unregistered or Registered Customer) can't be supported by the service.",
        "The recipient is not a registered M-Pesa customer.",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "2043",
        "This organization is not a child organization of the initiator.",
        "",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "8006",
        "The security credential is locked.",
        "The API password is locked: a Business Administrator must unlock it.",
        Outcome.FAILED,
        false);
    add(
        b2c,
        "SFC_IC0003",
        "The operator does not exist.",
        "Invalid recipient phone number.",
        Outcome.FAILED,
        false);
    add(b2c, "100000000", "Request was cached, waiting for resending", "", Outcome.PENDING, false);
    add(b2c, "100000001", "The system is overload", "", Outcome.FAILED, true);
    add(b2c, "100000002", "Throttling error", "", Outcome.FAILED, true);
    add(b2c, "100000004", "Internal Server Error", "", Outcome.FAILED, true);
    add(b2c, "100000005", "Invalid input value", "", Outcome.FAILED, false);
    add(b2c, "100000007", "Service's status is abnormal", "", Outcome.FAILED, true);
    add(b2c, "100000009", "API's status is abnormal", "", Outcome.FAILED, true);
    add(b2c, "100000010", "Insufficient permissions", "", Outcome.FAILED, false);
    add(b2c, "100000011", "Exceed the limitation of request rate", "", Outcome.FAILED, true);
    all.put(Family.B2C, b2c);

    Map<String, ResultCode> b2b = new LinkedHashMap<>();
    add(
        b2b,
        "0",
        "The service request is processed successfully.",
        "Paid.",
        Outcome.SUCCESS,
        false);
    add(
        b2b,
        "1",
        "The balance is insufficient for the transaction.",
        "The Working account is short.",
        Outcome.FAILED,
        true);
    add(
        b2b,
        "21",
        "The initiator is not allowed to initiate this request",
        "Missing API role.",
        Outcome.FAILED,
        false);
    add(
        b2b,
        "2001",
        "The initiator information is invalid.",
        "Wrong initiator credentials.",
        Outcome.FAILED,
        false);
    add(
        b2b,
        "2028",
        "The request is not permitted according to product assignment.",
        "The receiving paybill does not accept B2B payments.",
        Outcome.FAILED,
        false);
    add(
        b2b,
        "8006",
        "The security credential is locked.",
        "The API password is locked.",
        Outcome.FAILED,
        false);
    add(
        b2b,
        "SFC_IC0003",
        "Receiver party is invalid",
        "No business has this receiver number as the type sent: check the PayBill or till"
            + " number, and that a PayBill is sent as a PayBill and a till as a till.",
        Outcome.FAILED,
        false);
    all.put(Family.B2B, b2b);

    Map<String, ResultCode> reversal = new LinkedHashMap<>();
    add(
        reversal,
        "0",
        "The service request is processed successfully.",
        "Reversed.",
        Outcome.SUCCESS,
        false);
    add(
        reversal,
        "R000001",
        "The transaction has already been reversed",
        "",
        Outcome.FAILED,
        false);
    add(
        reversal,
        "R000002",
        "The OriginalTransactionID is invalid.",
        "Unknown receipt, or not reversible (B2C cannot be reversed by API).",
        Outcome.FAILED,
        false);
    add(
        reversal,
        "1",
        "The balance is insufficient for the transaction.",
        "",
        Outcome.FAILED,
        true);
    add(reversal, "11", "The DebitParty is in an invalid state.", "", Outcome.FAILED, false);
    add(
        reversal,
        "21",
        "The initiator is not allowed to initiate this request",
        "",
        Outcome.FAILED,
        false);
    add(reversal, "2001", "The initiator information is invalid.", "", Outcome.FAILED, false);
    add(reversal, "2006", "Declined due to account rule.", "", Outcome.FAILED, false);
    add(
        reversal,
        "2028",
        "The request is not permitted according to product assignment.",
        "",
        Outcome.FAILED,
        false);
    add(reversal, "8006", "The security credential is locked.", "", Outcome.FAILED, false);
    all.put(Family.REVERSAL, reversal);

    Map<String, ResultCode> status = new LinkedHashMap<>();
    add(
        status,
        "0",
        "The service request is processed successfully.",
        "Found: read TransactionStatus for the transaction's own state.",
        Outcome.SUCCESS,
        false);
    // Not found is "not known yet" shortly after a request, not "not paid": never final here.
    add(
        status,
        "2032",
        "The transaction receipt number does not exist.",
        "M-Pesa has no record of this receipt (yet): not proof that anything failed; ask again"
            + " later.",
        Outcome.PENDING,
        false);
    add(
        status,
        "2033",
        "The transaction receipt number cannot be found by the specified OriginatorConversationID or ConversationID.",
        "M-Pesa has no record of a transaction with this id (yet): shortly after sending this is"
            + " not proof that it failed; ask again later.",
        Outcome.PENDING,
        false);
    // The query itself failed: FAILED here says nothing about the transaction it asked about.
    add(
        status,
        "25",
        "The format of parameter null is invalid.",
        "The query was malformed; it says nothing about the transaction.",
        Outcome.FAILED,
        false);
    add(
        status,
        "2001",
        "The initiator information is invalid.",
        "The query's initiator credentials were refused; it says nothing about the transaction.",
        Outcome.FAILED,
        false);
    add(
        status,
        "8006",
        "The security credential is locked.",
        "The initiator's API password is locked; the query says nothing about the transaction.",
        Outcome.FAILED,
        false);
    add(
        status,
        "SFC_IC0003",
        "The operator does not exist.",
        "The query's initiator does not exist; it says nothing about the transaction.",
        Outcome.FAILED,
        false);
    all.put(Family.TRANSACTION_STATUS, status);

    Map<String, ResultCode> balance = new LinkedHashMap<>();
    add(balance, "0", "The service request is processed successfully", "", Outcome.SUCCESS, false);
    add(balance, "2001", "The initiator information is invalid.", "", Outcome.FAILED, false);
    add(balance, "8006", "The security credential is locked.", "", Outcome.FAILED, false);
    all.put(Family.ACCOUNT_BALANCE, balance);

    Map<String, ResultCode> express = new LinkedHashMap<>();
    add(express, "0", "The service request is processed successfully.", "", Outcome.SUCCESS, false);
    add(express, "4001", "User cancelled transaction", "", Outcome.CANCELLED, true);
    add(express, "4102", "Merchant KYC fail", "", Outcome.FAILED, false);
    add(express, "4104", "Missing Nominated Number", "", Outcome.FAILED, false);
    add(express, "4201", "USSD network error", "", Outcome.FAILED, true);
    add(express, "4203", "USSD exception error", "", Outcome.FAILED, true);
    all.put(Family.B2B_EXPRESS, express);

    // REFERENCE §15: the callback of a standing-order request. The PIN prompt is STK's, so its
    // codes mean what they mean there; retryable = asking the customer again makes sense.
    Map<String, ResultCode> standingOrder = new LinkedHashMap<>();
    add(
        standingOrder,
        "0",
        "The service request is processed successfully",
        "The standing order was created.",
        Outcome.SUCCESS,
        false);
    add(
        standingOrder,
        "1001",
        "Unable to lock subscriber, a transaction is already in process for the current subscriber.",
        "The customer has another session in progress; wait a minute and ask again.",
        Outcome.FAILED,
        true);
    add(
        standingOrder,
        "1025",
        "An error occurred while sending a push request.",
        "The PIN prompt could not be sent (often a prompt too long: shorten AccountReference).",
        Outcome.FAILED,
        true);
    add(
        standingOrder,
        "1032",
        "Request cancelled by user",
        "The customer declined the standing order.",
        Outcome.CANCELLED,
        true);
    add(
        standingOrder,
        "1037",
        "DS timeout user cannot be reached",
        "The customer did not answer the PIN prompt (phone off, out of reach or ignored).",
        Outcome.TIMEOUT,
        true);
    add(
        standingOrder,
        "2001",
        "The initiator information is invalid.",
        "The customer entered a wrong PIN.",
        Outcome.FAILED,
        true);
    // After an unknown outcome a 1050 may be the first request's own success: not proof of failure.
    add(
        standingOrder,
        "1050",
        "Duplicate standing order name",
        "This customer already has a standing order with this name: choose another name, or, if"
            + " the first request's outcome was unknown, it may be that one.",
        Outcome.FAILED,
        false);
    add(
        standingOrder,
        "1051",
        "Bad request: invalid field",
        "A field of the request was invalid: fix the request.",
        Outcome.FAILED,
        false);
    add(
        standingOrder,
        "3001",
        "",
        "Listed by Safaricom without a meaning (⚠ undocumented): treat as not created and ask"
            + " Safaricom before creating it again.",
        Outcome.FAILED,
        false);
    all.put(Family.STANDING_ORDER, standingOrder);

    // REFERENCE §16. Lookups move nothing: FAILED means "no answer to act on", never "unpaid".
    Map<String, ResultCode> hakikisha = new LinkedHashMap<>();
    add(hakikisha, "200", "Success", "The number's registered names.", Outcome.SUCCESS, false);
    add(
        hakikisha,
        "400",
        "Bad Request - Invalid phone number",
        "The number is malformed, or no customer has it (\"The customer does not exist.\"): do"
            + " not pay it without checking it with the payee.",
        Outcome.FAILED,
        false);
    add(
        hakikisha,
        "401.001",
        "Invalid access token",
        "The token was refused (the SDK renews it once), or Hakikisha is not approved for the app.",
        Outcome.FAILED,
        false);
    all.put(Family.HAKIKISHA, hakikisha);

    Map<String, ResultCode> orgInfo = new LinkedHashMap<>();
    add(
        orgInfo,
        "4000",
        "Success",
        "Found (Daraja's sample's success code).",
        Outcome.SUCCESS,
        false);
    add(
        orgInfo,
        "0",
        "Success, details fetched successfully",
        "Found (the prose's success code).",
        Outcome.SUCCESS,
        false);
    add(
        orgInfo,
        "1",
        "Rejecting the request",
        "Daraja rejected the query, e.g. no organisation with this identifier: do not pay it.",
        Outcome.FAILED,
        false);
    add(orgInfo, "500", "Invalid parameter input", "Fix the request.", Outcome.FAILED, false);
    add(
        orgInfo,
        "401.001",
        "Invalid access token",
        "The token was refused (the SDK renews it once), or Org Info is not enabled for the app.",
        Outcome.FAILED,
        false);
    all.put(Family.ORG_INFO, orgInfo);

    Map<String, ResultCode> sim = new LinkedHashMap<>();
    add(sim, "200", "Success", "The number's SIM facts.", Outcome.SUCCESS, false);
    add(sim, "400", "Bad Request", "The customerNumber is malformed.", Outcome.FAILED, false);
    add(
        sim,
        "401",
        "Unauthorized",
        "The token was refused, or the product is not enabled.",
        Outcome.FAILED,
        false);
    add(sim, "404", "Not Found", "No customer has this number.", Outcome.FAILED, false);
    add(sim, "500", "Internal Server Error", "Ask again later.", Outcome.FAILED, true);
    add(sim, "503", "Service Unavailable", "Ask again later.", Outcome.FAILED, true);
    add(sim, "504", "Gateway Timeout", "Ask again later.", Outcome.FAILED, true);
    all.put(Family.SIM_CHECK, sim);

    // REFERENCE §16: Lipa na Bonga's own codes, plus the prompt's (1037, 2001, 1031) and 17.
    Map<String, ResultCode> bonga = new LinkedHashMap<>();
    add(
        bonga,
        "200",
        "Success",
        "Calculate: the answer. Redeem: accepted and the customer prompted; the payment itself"
            + " arrives as a C2B confirmation.",
        Outcome.SUCCESS,
        false);
    add(bonga, "6000", "Success", "", Outcome.SUCCESS, false);
    add(bonga, "6001", "Fail", "Refused; nothing moved.", Outcome.FAILED, false);
    add(bonga, "6004", "Server error", "Nothing moved; try again later.", Outcome.FAILED, true);
    add(
        bonga,
        "6005",
        "Invalid credentials",
        "The token or the app's access to Lipa na Bonga was refused.",
        Outcome.FAILED,
        false);
    add(bonga, "6006", "Missing parts in body", "Fix the request.", Outcome.FAILED, false);
    add(bonga, "6007", "CBS busy", "Nothing moved; try again later.", Outcome.FAILED, true);
    add(bonga, "6008", "STK busy", "Nothing moved; try again later.", Outcome.FAILED, true);
    add(bonga, "6009", "Broker busy", "Nothing moved; try again later.", Outcome.FAILED, true);
    add(bonga, "6011", "DB unavailable", "Nothing moved; try again later.", Outcome.FAILED, true);
    add(
        bonga,
        "1037",
        "DS timeout user cannot be reached",
        "The customer did not answer the prompt; nothing moved.",
        Outcome.TIMEOUT,
        true);
    add(
        bonga,
        "2001",
        "The initiator information is invalid.",
        "The customer entered a wrong PIN; nothing moved.",
        Outcome.FAILED,
        true);
    add(
        bonga,
        "1031",
        "Request cancelled by user",
        "The customer cancelled the prompt; nothing moved.",
        Outcome.CANCELLED,
        false);
    add(
        bonga,
        "17",
        "Rule limited",
        "The same request again too soon; nothing moved: wait before asking again.",
        Outcome.FAILED,
        true);
    all.put(Family.BONGA, bonga);

    // REFERENCE §14: Bill Manager's rescode values, with the messages its 409s carry.
    Map<String, ResultCode> bills = new LinkedHashMap<>();
    add(
        bills,
        "200",
        "Success",
        "Done: opted in, invoice sent or cancelled, or payment acknowledged. Moves no money.",
        Outcome.SUCCESS,
        false);
    add(
        bills,
        "400",
        "Bad Request",
        "A field is missing or malformed; the message names it. Fix the request.",
        Outcome.FAILED,
        false);
    add(
        bills,
        "401",
        "Unauthorized",
        "The token or the app key was refused, or the app has no Bill Manager product.",
        Outcome.FAILED,
        false);
    add(
        bills,
        "409",
        "Conflict",
        "Refused by a rule: biller already registered, an externalReference already used, a"
            + " paid or part-paid invoice that cannot be cancelled, a wrong phone or due date"
            + " format. The message says which.",
        Outcome.FAILED,
        false);
    add(bills, "500", "Internal Server Error", "Try again later.", Outcome.FAILED, true);
    all.put(Family.BILL_MANAGER, bills);

    Map<Family, Map<String, ResultCode>> frozen = new LinkedHashMap<>();
    all.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return Collections.unmodifiableMap(frozen);
  }

  private static void add(
      Map<String, ResultCode> family,
      String code,
      String description,
      String meaning,
      Outcome outcome,
      boolean retryable) {
    family.put(
        code,
        new ResultCode(
            code,
            description,
            meaning.isEmpty() ? description : meaning,
            outcome,
            retryable,
            true));
  }
}
