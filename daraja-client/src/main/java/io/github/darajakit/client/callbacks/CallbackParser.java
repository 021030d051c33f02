package io.github.darajakit.client.callbacks;

import static io.github.darajakit.client.callbacks.CallbackReader.has;
import static io.github.darajakit.client.callbacks.CallbackReader.member;
import static io.github.darajakit.client.callbacks.CallbackReader.present;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCode;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.ResultCodes.Family;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** The shapes behind {@link DarajaCallbacks}; one instance per body. */
final class CallbackParser {

  private static final Pattern STK_CB_PREFIX =
      Pattern.compile("^\\s*\\[STK_CB\\s*-\\s*]\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9 _.-]{1,40}");

  private final CallbackReader in;

  CallbackParser(String raw) {
    this.in = new CallbackReader(raw);
  }

  /** Whatever Daraja shape the body has. */
  DarajaCallback any() {
    JsonNode root = in.object("callback");
    JsonNode stk = stkNode(root);
    if (stk != null) {
      return stk(stk);
    }
    if (has(root, "ResponseHeader")) {
      return standingOrder(root);
    }
    if (has(root, "Result")) {
      return result(root, null);
    }
    if (looksB2bExpressCheckout(root)) {
      return b2bExpressCheckout(root);
    }
    if (looksBillPayment(root)) {
      return billPayment(root);
    }
    if (looksC2b(root)) {
      return c2b(root, isBlank(member(root, "OrgAccountBalance")));
    }
    throw in.fail(notACallback(root));
  }

  B2bExpressCheckoutCallback b2bExpressCheckoutCallback() {
    JsonNode root = in.object("B2B Express Checkout callback");
    if (!has(root, "resultCode")) {
      throw in.fail(
          "not a B2B Express Checkout callback: expected a flat {\"resultCode\",\"requestId\",…};"
              + " "
              + describe(root));
    }
    return b2bExpressCheckout(root);
  }

  /**
   * The flat camelCase body of REFERENCE §8: a result code beside the request's id or payment
   * reference, at the top level. STK Query answers also carry a top-level ResultCode, but with
   * ResponseCode and CheckoutRequestID instead.
   */
  private static boolean looksB2bExpressCheckout(JsonNode root) {
    return has(root, "resultCode")
        && has(root, "requestId", "paymentReference")
        && !has(root, "ResponseCode");
  }

  private B2bExpressCheckoutCallback b2bExpressCheckout(JsonNode root) {
    String code =
        in.code(member(root, "resultCode"), "resultCode", "it says whether the merchant paid");
    String requestId =
        in.required(
            member(root, "requestId"), "requestId", "it matches the callback to its request");
    JsonNode amount = member(root, "amount");
    return new B2bExpressCheckoutCallback(
        ResultCodes.lookup(Family.B2B_EXPRESS, code),
        text(root, "resultDesc"),
        requestId,
        isBlank(amount) ? Optional.empty() : Optional.of(in.amount(amount, "amount")),
        optional(root, "paymentReference"),
        optional(root, "transactionId"),
        optional(root, "conversationID"),
        optional(root, "resultType"),
        optional(root, "status"),
        in.raw());
  }

  BillPaymentNotification billPaymentNotification() {
    JsonNode root = in.object("Bill Manager payment");
    if (!has(root, "transactionId") || !has(root, "paidAmount")) {
      throw in.fail(
          "not a Bill Manager payment: expected a flat {\"transactionId\",\"paidAmount\","
              + "\"msisdn\",\"accountReference\",\"shortCode\",…}; "
              + describe(root));
    }
    return billPayment(root);
  }

  /**
   * Bill Manager's payment push (REFERENCE §14): a flat body with a {@code transactionId} and a
   * {@code paidAmount}. A B2B Express Checkout callback may also carry {@code transactionId}, but
   * always with a {@code resultCode}; a C2B notification has {@code TransID} instead.
   */
  private static boolean looksBillPayment(JsonNode root) {
    return has(root, "paidAmount")
        && has(root, "transactionId")
        && !has(root, "resultCode")
        && !has(root, "TransID");
  }

  private BillPaymentNotification billPayment(JsonNode root) {
    String transactionId =
        in.required(
            member(root, "transactionId"),
            "transactionId",
            "the receipt that identifies the payment and its retries");
    JsonNode paid = member(root, "paidAmount");
    if (isBlank(paid)) {
      throw in.fail("missing paidAmount: what was paid");
    }
    return new BillPaymentNotification(
        transactionId,
        in.amount(paid, "paidAmount"),
        text(root, "msisdn").strip(),
        text(root, "dateCreated").strip(),
        in.required(
            member(root, "accountReference"),
            "accountReference",
            "it names the invoice that was paid"),
        in.required(member(root, "shortCode"), "shortCode", "the biller that was paid"),
        in.raw());
  }

  private Optional<String> optional(JsonNode object, String name) {
    String value = text(object, name);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  StkCallback stkCallback() {
    JsonNode root = in.object("STK callback");
    JsonNode stk = stkNode(root);
    if (stk == null) {
      throw in.fail(
          "not an STK callback: expected {\"Body\":{\"stkCallback\":{…}}}; " + describe(root));
    }
    return stk(stk);
  }

  StandingOrderCallback standingOrderCallback() {
    JsonNode root = in.object("standing order callback");
    if (!has(root, "ResponseHeader")) {
      throw in.fail(
          "not a standing order callback: expected {\"responseHeader\":{…},"
              + "\"responseBody\":{\"responseData\":[…]}}; "
              + describe(root));
    }
    return standingOrder(root);
  }

  C2bNotification c2b(boolean validation) {
    JsonNode root = in.object(validation ? "C2B validation" : "C2B confirmation");
    if (!looksC2b(root)) {
      throw in.fail(
          "not a C2B notification: expected TransID, TransTime, TransAmount and"
              + " BusinessShortCode; "
              + describe(root));
    }
    return c2b(root, validation);
  }

  DarajaResult result(Family family) {
    JsonNode root = in.object("result");
    if (!has(root, "Result")) {
      throw in.fail("not a result: expected {\"Result\":{…}}; " + describe(root));
    }
    return result(root, family);
  }

  QueueTimeout queueTimeout() {
    if (in.raw().isBlank()) {
      // The payload is undocumented; the call itself is the signal.
      return new QueueTimeout("", "", "", "", Map.of(), in.raw());
    }
    JsonNode root = in.tree("queue timeout");
    JsonNode source =
        root.isObject() && member(root, "Result").isObject() ? member(root, "Result") : root;
    Map<String, String> parameters;
    try {
      JsonNode holder = member(source, "ResultParameters");
      parameters =
          in.keyValues(
              holder.isObject() ? member(holder, "ResultParameter") : holder,
              "Result.ResultParameters.ResultParameter",
              "Key");
    } catch (DarajaCallbackParseException unusual) {
      // Undocumented payload: keep what is readable, the raw body has the rest.
      parameters = Map.of();
    }
    return new QueueTimeout(
        loose(member(source, "OriginatorConversationID", "OriginatorCoversationID")),
        loose(member(source, "ConversationID")),
        loose(member(source, "ResultCode")),
        loose(member(source, "ResultDesc")),
        parameters,
        in.raw());
  }

  // ---- STK ----------------------------------------------------------------------------------

  /** {@code Body.stkCallback} (or a bare {@code stkCallback}), or null if neither is there. */
  private JsonNode stkNode(JsonNode root) {
    JsonNode body = member(root, "Body");
    if (!body.isMissingNode()) {
      JsonNode stk = member(body, "stkCallback");
      if (stk.isMissingNode()) {
        throw in.fail("Body has no stkCallback: expected {\"Body\":{\"stkCallback\":{…}}}");
      }
      return stk;
    }
    JsonNode bare = member(root, "stkCallback");
    return bare.isMissingNode() ? null : bare;
  }

  private StkCallback stk(JsonNode stk) {
    String path = "Body.stkCallback";
    if (!stk.isObject()) {
      throw in.fail(path + " is a JSON " + CallbackReader.kind(stk) + ": expected an object");
    }
    String merchantRequestId =
        in.required(
            member(stk, "MerchantRequestID"),
            path + ".MerchantRequestID",
            "Daraja's id for the push");
    String checkoutRequestId =
        in.required(
            member(stk, "CheckoutRequestID"),
            path + ".CheckoutRequestID",
            "the id that matches the callback to its push");
    String code =
        in.code(
            member(stk, "ResultCode"), path + ".ResultCode", "it says whether the customer paid");
    String desc =
        STK_CB_PREFIX
            .matcher(in.scalar(member(stk, "ResultDesc"), path + ".ResultDesc"))
            .replaceFirst("")
            .strip();
    ResultCode resultCode = ResultCodes.stk(code);
    Optional<StkPayment> payment = Optional.empty();
    if (resultCode.isSuccess()) {
      JsonNode metadata = member(stk, "CallbackMetadata");
      if (isBlank(metadata)) {
        throw in.fail(
            "STK callback with ResultCode 0 has no "
                + path
                + ".CallbackMetadata: cannot tell what was paid; query the push to confirm");
      }
      payment = Optional.of(payment(metadata, path + ".CallbackMetadata"));
    }
    return new StkCallback(
        merchantRequestId, checkoutRequestId, resultCode, desc, payment, in.raw());
  }

  private StkPayment payment(JsonNode metadata, String path) {
    if (!metadata.isObject()) {
      throw in.fail(path + " is a JSON " + CallbackReader.kind(metadata) + ": expected an object");
    }
    Map<String, String> items = in.keyValues(member(metadata, "Item"), path + ".Item", "Name");
    String amount =
        present(items, "Amount")
            .orElseThrow(() -> in.fail("missing " + path + " item Amount: what was paid"));
    String receipt =
        present(items, "MpesaReceiptNumber")
            .orElseThrow(
                () -> in.fail("missing " + path + " item MpesaReceiptNumber: the M-Pesa receipt"));
    String date =
        present(items, "TransactionDate")
            .orElseThrow(() -> in.fail("missing " + path + " item TransactionDate"));
    return new StkPayment(
        in.amount(amount, path + " item Amount"),
        receipt,
        in.time(date, path + " item TransactionDate"),
        present(items, "PhoneNumber").orElse(""),
        // Balance is almost always value-less and its format was never published: lenient.
        present(items, "Balance").flatMap(CallbackReader::amountIfAny));
  }

  // ---- Ratiba (standing orders) -----------------------------------------------------------

  /** REFERENCE §15; {@link CallbackReader#member} already ignores the key's case. */
  private StandingOrderCallback standingOrder(JsonNode root) {
    String path = "responseHeader";
    JsonNode header = member(root, "responseHeader");
    if (!header.isObject()) {
      throw in.fail(path + " is a JSON " + CallbackReader.kind(header) + ": expected an object");
    }
    String responseRefId = text(header, "responseRefID");
    String requestRefId = text(header, "requestRefID");
    if (responseRefId.isEmpty() && requestRefId.isEmpty()) {
      throw in.fail(
          "missing "
              + path
              + ".responseRefID and "
              + path
              + ".requestRefID: cannot match the callback to its request");
    }
    JsonNode body = member(root, "responseBody");
    if (!has(body, "responseData")
        && !body.isArray()
        && loose(member(header, "responseCode")).equals("200")) {
      throw in.fail(
          "a synchronous standing-order acknowledgement (responseCode 200), not a callback: the"
              + " outcome arrives later on your callback URL");
    }
    Map<String, String> data =
        isBlank(body)
            ? Map.of()
            : in.keyValues(
                body.isArray() ? body : member(body, "responseData"),
                "responseBody.responseData",
                "name");
    JsonNode headerCode = member(header, "responseCode");
    String code;
    if (!isBlank(headerCode)) {
      code = in.code(headerCode, path + ".responseCode", "it says whether the order was created");
    } else {
      code =
          present(data, "responseCode")
              .orElseThrow(
                  () ->
                      in.fail(
                          "missing "
                              + path
                              + ".responseCode (and no responseCode data item): it says whether"
                              + " the standing order was created"));
    }
    return new StandingOrderCallback(
        responseRefId,
        requestRefId,
        code,
        text(header, "responseDescription"),
        present(data, "TransactionID").orElse(""),
        present(data, "Status").orElse(""),
        present(data, "Msisdn").orElse(""),
        in.raw());
  }

  // ---- C2B ----------------------------------------------------------------------------------

  private static boolean looksC2b(JsonNode root) {
    return has(root, "TransID") || (has(root, "TransAmount") && has(root, "TransTime"));
  }

  private C2bNotification c2b(JsonNode root, boolean validation) {
    String transId =
        in.required(member(root, "TransID"), "TransID", "the receipt that identifies the payment");
    String time = in.scalar(member(root, "TransTime"), "TransTime").strip();
    if (time.isEmpty()) {
      throw in.fail("missing TransTime: when the payment was made");
    }
    LocalDateTime transTime = in.time(time, "TransTime");
    JsonNode amountNode = member(root, "TransAmount");
    if (isBlank(amountNode)) {
      throw in.fail("missing TransAmount: what was paid");
    }
    BigDecimal transAmount = in.amount(amountNode, "TransAmount");
    String shortCode =
        in.required(
            member(root, "BusinessShortCode"), "BusinessShortCode", "the shortcode that was paid");
    String balanceText = text(root, "OrgAccountBalance").strip();
    Optional<BigDecimal> balance =
        balanceText.isEmpty()
            ? Optional.empty()
            : Optional.of(in.amount(balanceText, "OrgAccountBalance"));
    String type = text(root, "TransactionType");
    String billRef = text(root, "BillRefNumber");
    String invoice = text(root, "InvoiceNumber");
    String thirdParty = text(root, "ThirdPartyTransID");
    C2bSender sender = C2bSender.of(text(root, "MSISDN"));
    String first = text(root, "FirstName");
    String middle = text(root, "MiddleName");
    String last = text(root, "LastName");
    return validation
        ? new C2bValidation(
            type,
            transId,
            transTime,
            transAmount,
            shortCode,
            billRef,
            invoice,
            balance,
            thirdParty,
            sender,
            first,
            middle,
            last,
            in.raw())
        : new C2bConfirmation(
            type,
            transId,
            transTime,
            transAmount,
            shortCode,
            billRef,
            invoice,
            balance,
            thirdParty,
            sender,
            first,
            middle,
            last,
            in.raw());
  }

  private String text(JsonNode object, String name) {
    return in.scalar(member(object, name), name).strip();
  }

  // ---- Results ------------------------------------------------------------------------------

  private DarajaResult result(JsonNode root, Family requested) {
    JsonNode result = member(root, "Result");
    if (!result.isObject()) {
      throw in.fail("Result is a JSON " + CallbackReader.kind(result) + ": expected an object");
    }
    String code =
        in.code(
            member(result, "ResultCode"),
            "Result.ResultCode",
            "it says whether the request succeeded");
    String originatorConversationId =
        in.scalar(
                member(result, "OriginatorConversationID", "OriginatorCoversationID"),
                "Result.OriginatorConversationID")
            .strip();
    String conversationId =
        in.scalar(member(result, "ConversationID"), "Result.ConversationID").strip();
    if (originatorConversationId.isEmpty() && conversationId.isEmpty()) {
      throw in.fail(
          "Result has neither OriginatorConversationID nor ConversationID: cannot match it to"
              + " a request");
    }
    Map<String, String> parameters =
        items(member(result, "ResultParameters"), "ResultParameter", "Result.ResultParameters");
    Map<String, String> references =
        items(member(result, "ReferenceData"), "ReferenceItem", "Result.ReferenceData");
    Family family = requested != null ? requested : infer(parameters, references);
    ResultEnvelope envelope =
        new ResultEnvelope(
            in.scalar(member(result, "ResultType"), "Result.ResultType").strip(),
            family == null ? generic(code) : ResultCodes.lookup(family, code),
            in.scalar(member(result, "ResultDesc"), "Result.ResultDesc").strip(),
            originatorConversationId,
            conversationId,
            in.scalar(member(result, "TransactionID"), "Result.TransactionID").strip(),
            parameters,
            references,
            in.raw());
    if (family == null) {
      return new UnknownResult(envelope);
    }
    return switch (family) {
      case B2C -> b2c(envelope);
      case B2B -> b2b(envelope);
      case TRANSACTION_STATUS -> status(envelope);
      case ACCOUNT_BALANCE -> balance(envelope);
      case REVERSAL -> reversal(envelope);
      case STK, B2B_EXPRESS, STANDING_ORDER ->
          throw new IllegalArgumentException(
              family + " results are not {\"Result\":{…}} envelopes: use DarajaCallbacks.parse");
      case HAKIKISHA, ORG_INFO, SIM_CHECK ->
          throw new IllegalArgumentException(
              family + " is a synchronous lookup: it has no results");

      case BONGA ->
          throw new IllegalArgumentException(
              "Lipa na Bonga has no results: a redemption ends in a C2B confirmation");
      case BILL_MANAGER ->
          throw new IllegalArgumentException(
              "Bill Manager has no results: a payment arrives as its push");
    };
  }

  /** {@code {"ResultParameter": object-or-array}}, tolerating the list without its holder. */
  private Map<String, String> items(JsonNode holder, String listName, String path) {
    if (isBlank(holder)) {
      return Map.of();
    }
    if (holder.isArray()) {
      return in.keyValues(holder, path, "Key");
    }
    if (!holder.isObject()) {
      throw in.fail(
          path
              + " is a JSON "
              + CallbackReader.kind(holder)
              + ": expected {\""
              + listName
              + "\":…}");
    }
    return in.keyValues(member(holder, listName), path + "." + listName, "Key");
  }

  /**
   * Which API a result came from, by the parameters only that API sends (documented on {@link
   * DarajaCallbacks#parse(String)}); null if none of them is there.
   */
  static Family infer(Map<String, String> parameters, Map<String, String> references) {
    if (hasParameter(parameters, "AccountBalance")
        || present(parameters, "ActionType")
            .filter(action -> action.equalsIgnoreCase("AccountBalance"))
            .isPresent()) {
      return Family.ACCOUNT_BALANCE;
    }
    if (hasParameter(
        parameters,
        "ReceiptNo",
        "TransactionStatus",
        "FinalisedTime",
        "InitiatedTime",
        "DebitPartyName",
        "CreditPartyName",
        "ReasonType")) {
      return Family.TRANSACTION_STATUS;
    }
    // Reversal and B2B results share CreditPartyPublicName, DebitPartyPublicName and
    // TransCompletedTime: the portal's reversal sample (REFERENCE §11) has all three, and so does
    // a production Business Pay Bill result (shortcode 7290377 paying 503200, 2021-01-18, see
    // B2bClassificationTest). Only a reversal names the receipt it reverses (OriginalTransactionID)
    // and its fee as a bare Charge; a B2B result says DebitPartyCharges. So those two keys decide
    // reversal, and the public names are left to the B2B test below.
    if (hasParameter(parameters, "OriginalTransactionID", "Charge")) {
      return Family.REVERSAL;
    }
    if (hasParameter(
            parameters, "TransactionReceipt", "TransactionAmount", "TransactionCompletedDateTime")
        || parameters.keySet().stream()
            .anyMatch(key -> CallbackReader.fold(key).startsWith("b2c"))) {
      return Family.B2C;
    }
    if (hasParameter(
            parameters,
            "DebitPartyAffectedAccountBalance",
            "InitiatorAccountCurrentBalance",
            "DebitAccountCurrentBalance",
            "CreditAccountBalance",
            "DebitPartyCharges",
            "ReceiverPartyPublicName",
            "CreditPartyPublicName",
            "DebitPartyPublicName",
            "TransCompletedTime")
        || hasParameter(references, "BillReferenceNumber")) {
      return Family.B2B;
    }
    return null;
  }

  private static boolean hasParameter(Map<String, String> map, String... names) {
    return CallbackReader.lookup(map, names).isPresent();
  }

  /**
   * {@code 0} is success in every family; any other code means nothing certain here. Not FAILED: a
   * Transaction Status "not found" ({@code 2033}) without parameters lands here, and it is no proof
   * that a payment failed.
   */
  private static ResultCode generic(String code) {
    ResultCode known = ResultCodes.lookup(Family.B2C, code);
    if (known.isSuccess()) {
      return known;
    }
    return new ResultCode(
        known.code(),
        "",
        "A result from an API DarajaKit could not identify, so this code proves nothing: parse it"
            + " with DarajaCallbacks.parseResult(json, family) for its meaning",
        Outcome.PENDING,
        false,
        false);
  }

  private B2cResult b2c(ResultEnvelope envelope) {
    Map<String, String> p = envelope.parameters();
    return new B2cResult(
        envelope,
        present(p, "TransactionReceipt"),
        in.amountParameter(p, "TransactionAmount"),
        present(p, "ReceiverPartyPublicName"),
        in.timeParameter(p, "TransactionCompletedDateTime"),
        in.amountParameter(p, "B2CUtilityAccountAvailableFunds"),
        in.amountParameter(p, "B2CWorkingAccountAvailableFunds"),
        in.amountParameter(p, "B2CChargesPaidAccountAvailableFunds"),
        present(p, "B2CRecipientIsRegisteredCustomer").map(this::yesNo));
  }

  private boolean yesNo(String flag) {
    return switch (flag.toUpperCase(Locale.ROOT)) {
      case "Y", "YES", "TRUE" -> true;
      case "N", "NO", "FALSE" -> false;
      default ->
          throw in.fail("B2CRecipientIsRegisteredCustomer is neither Y nor N: cannot read it");
    };
  }

  private B2bResult b2b(ResultEnvelope envelope) {
    Map<String, String> p = envelope.parameters();
    Optional<LocalDateTime> completed = in.timeParameter(p, "TransCompletedTime");
    if (completed.isEmpty()) {
      completed = in.timeParameter(p, "BOCompletedTime");
    }
    return new B2bResult(
        envelope,
        in.amountParameter(p, "Amount"),
        // Production results name the payee CreditPartyPublicName; the portal's sample says
        // ReceiverPartyPublicName.
        present(p, "ReceiverPartyPublicName", "CreditPartyPublicName"),
        pipeAccount(
            p,
            "DebitPartyAffectedAccountBalance",
            "DebitAccountBalance",
            "DebitAccountCurrentBalance"),
        completed,
        present(envelope.referenceItems(), "BillReferenceNumber"),
        present(p, "Currency"),
        present(p, "DebitPartyCharges"),
        present(p, "DebitPartyPublicName"));
  }

  private TransactionStatusResult status(ResultEnvelope envelope) {
    Map<String, String> p = envelope.parameters();
    return new TransactionStatusResult(
        envelope,
        present(p, "ReceiptNo"),
        present(p, "TransactionStatus"),
        in.amountParameter(p, "Amount"),
        present(p, "DebitPartyName"),
        present(p, "CreditPartyName"),
        in.timeParameter(p, "InitiatedTime"),
        in.timeParameter(p, "FinalisedTime"),
        present(p, "ReasonType"),
        present(p, "TransactionReason"),
        present(p, "DebitAccountType"),
        present(p, "DebitPartyCharges"),
        // Legacy results spell these "Conversation ID" and "Originator Conversation ID".
        present(p, "ConversationID"),
        present(p, "OriginatorConversationID"));
  }

  private AccountBalanceResult balance(ResultEnvelope envelope) {
    Map<String, String> p = envelope.parameters();
    List<Account> accounts =
        present(p, "AccountBalance")
            .map(text -> accounts(text, "AccountBalance"))
            .orElse(List.of());
    return new AccountBalanceResult(
        envelope, accounts, in.timeParameter(p, "BOCompletedTime"), present(p, "ErrorMsg"));
  }

  private ReversalResult reversal(ResultEnvelope envelope) {
    Map<String, String> p = envelope.parameters();
    return new ReversalResult(
        envelope,
        present(p, "OriginalTransactionID"),
        in.amountParameter(p, "Amount"),
        pipeAccount(p, "DebitAccountBalance"),
        in.timeParameter(p, "TransCompletedTime"),
        in.amountParameter(p, "Charge"),
        present(p, "CreditPartyPublicName"),
        present(p, "DebitPartyPublicName"));
  }

  /**
   * The first of {@code names} holding a pipe-format account; B2B also sends a {@code {Amount={…}}}
   * rendering under some of these names, which is skipped.
   */
  private Optional<Account> pipeAccount(Map<String, String> parameters, String... names) {
    for (String name : names) {
      Optional<String> value = present(parameters, name).filter(v -> v.indexOf('|') >= 0);
      if (value.isPresent()) {
        List<Account> parsed = accounts(value.get(), name);
        return parsed.isEmpty() ? Optional.empty() : Optional.of(parsed.get(0));
      }
    }
    return Optional.empty();
  }

  /** {@code Name|Currency|Current|Available|Reserved|Unclear} joined by {@code &}. */
  List<Account> accounts(String text, String path) {
    List<Account> accounts = new ArrayList<>();
    String[] segments = text.split("&", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i].strip();
      if (segment.isEmpty()) {
        continue;
      }
      String[] fields = segment.split("\\|", -1);
      String where = path + " account #" + (i + 1);
      if (fields.length != 6) {
        throw in.fail(
            where
                + " has "
                + fields.length
                + " '|'-separated fields: expected 6"
                + " (Name|Currency|Current|Available|Reserved|Unclear)");
      }
      String name = fields[0].strip();
      if (name.isEmpty()) {
        throw in.fail(where + " has no name");
      }
      accounts.add(
          new Account(
              name,
              fields[1].strip(),
              in.amount(fields[2], where + " current balance"),
              in.amount(fields[3], where + " available balance"),
              in.amount(fields[4], where + " reserved balance"),
              in.amount(fields[5], where + " unclear balance")));
    }
    return List.copyOf(accounts);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static boolean isBlank(JsonNode node) {
    return node.isMissingNode()
        || node.isNull()
        || (node.isTextual() && node.textValue().isBlank());
  }

  /** Anything as text, never failing: for the undocumented queue-timeout payload. */
  private static String loose(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (node.isTextual()) {
      return node.textValue().strip();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      // Plain text could be a billion digits long for 1e999999999; this form never is.
      return node.decimalValue().toString();
    }
    return node.toString();
  }

  private String notACallback(JsonNode root) {
    if (has(root, "errorCode") || has(root, "errorMessage")) {
      return "a synchronous error answer ({requestId, errorCode, errorMessage}), not a callback";
    }
    if (has(root, "fault") || has(root, "Envelope")) {
      return "an Apigee or SOAP fault answer, not a callback";
    }
    if (has(root, "access_token")) {
      return "an OAuth token answer, not a callback";
    }
    if (has(root, "ResponseCode")) {
      return "a synchronous acknowledgement (ResponseCode), not a callback: the outcome arrives"
          + " later on your callback URL";
    }
    return "not a known Daraja callback: expected {\"Body\":{\"stkCallback\":{…}}}, {\"Result\":{…}},"
        + " {\"responseHeader\":{…}}, a B2B Express Checkout {\"resultCode\",\"requestId\",…}, a"
        + " Bill Manager payment {\"transactionId\",\"paidAmount\",…} or a C2B notification with"
        + " TransID; "
        + describe(root);
  }

  /** The top-level keys, for the message; odd keys are elided so a body cannot inject text. */
  private static String describe(JsonNode root) {
    StringJoiner keys = new StringJoiner(", ", "found keys [", "]");
    int shown = 0;
    Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (shown == 10) {
        keys.add("…");
        break;
      }
      keys.add(SAFE_KEY.matcher(name).matches() ? name : "?");
      shown++;
    }
    return keys.toString();
  }
}
