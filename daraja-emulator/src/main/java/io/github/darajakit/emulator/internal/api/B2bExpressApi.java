package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.Outcome;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.TransactionKind;
import io.github.darajakit.emulator.internal.world.World;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * B2B Express Checkout (REFERENCE §8): {@code POST /v1/ussdpush/get-msisdn} sends a USSD prompt to
 * the nominated number of the till {@code primaryShortCode}; the operator's answer — decided like
 * an STK prompt, by the scenario table on that number or by an admin — moves the money from the
 * till to {@code receiverShortCode} and posts the flat camelCase callback.
 */
public final class B2bExpressApi {

  /** Daraja's acknowledgement status (REFERENCE §8). */
  static final String INITIATED = "USSD Initiated Successfully";

  private static final String SUCCESS_DESC = "The service request is processed successfully.";
  // A USSD push longer than this fails as an STK prompt does (REFERENCE §21, 1025) ⚠.
  private static final int MAX_PROMPT = 182;
  // ⚠ Undocumented limits: generous, so the prompt-length rule is what usually bites.
  private static final int MAX_TEXT = 100;
  private static final Pattern REQUEST_REF_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** One push, as the admin API shows it. */
  public static final class Push {
    final String requestRefId;
    final String primaryShortCode;
    final String receiverShortCode;
    final long amount;
    final String paymentRef;
    final String partnerName;
    final String callbackUrl;
    final String operatorMsisdn;
    final Instant createdAt;
    volatile String promptId;
    volatile Outcome result;
    volatile Transaction transaction;

    Push(
        String requestRefId,
        String primaryShortCode,
        String receiverShortCode,
        long amount,
        String paymentRef,
        String partnerName,
        String callbackUrl,
        String operatorMsisdn,
        Instant createdAt) {
      this.requestRefId = requestRefId;
      this.primaryShortCode = primaryShortCode;
      this.receiverShortCode = receiverShortCode;
      this.amount = amount;
      this.paymentRef = paymentRef;
      this.partnerName = partnerName;
      this.callbackUrl = callbackUrl;
      this.operatorMsisdn = operatorMsisdn;
      this.createdAt = createdAt;
    }

    /** The STK-style prompt on the operator's phone, or {@code null} if none was sent. */
    public String promptId() {
      return promptId;
    }
  }

  private final Mpesa mpesa;
  private final StkApi stk;
  private final Map<String, Push> pushes = new ConcurrentHashMap<>();
  // A till without an entry has the sandbox test number; an empty entry means none (4104).
  private final Map<String, String> nominatedNumbers = new ConcurrentHashMap<>();

  public B2bExpressApi(Mpesa mpesa, StkApi stk) {
    this.mpesa = mpesa;
    this.stk = stk;
  }

  /** {@code POST /v1/ussdpush/get-msisdn}. */
  public ApiResponse push(ApiCall call) {
    Fields f = call.fields();
    // ⚠ Daraja documents no error envelope for this API: the gateway's 400.002.02 is used.
    String primary = f.digits("primaryShortCode", 5, 9);
    String receiver = f.digits("receiverShortCode", 5, 9);
    long amount = f.wholeAmount("amount", 1);
    if (amount > mpesa.config().stkMaxAmount()) {
      throw DarajaError.invalidField("amount");
    }
    String paymentRef = f.text("paymentRef", MAX_TEXT);
    String callbackUrl = f.url("callbackUrl");
    String partnerName = f.text("partnerName", MAX_TEXT);
    String requestRefId = f.text("RequestRefID");
    if (!REQUEST_REF_ID.matcher(requestRefId).matches()) {
      throw DarajaError.invalidField("RequestRefID");
    }
    World world = mpesa.world();
    if (world.organisation(primary).isEmpty()) {
      throw DarajaError.invalidField("primaryShortCode");
    }
    if (receiver.equals(primary) || world.organisation(receiver).isEmpty()) {
      throw DarajaError.invalidField("receiverShortCode");
    }
    String operator = nominatedNumber(primary).orElse(null);
    Push push =
        new Push(
            requestRefId,
            primary,
            receiver,
            amount,
            paymentRef,
            partnerName,
            callbackUrl,
            operator,
            mpesa.clock().instant());
    // ⚠ Whether Daraja refuses a reused RequestRefID is undocumented; refusing it here keeps one
    // push per id, so a client that re-sends after a lost answer cannot pay twice.
    if (pushes.putIfAbsent(requestRefId, push) != null) {
      throw DarajaError.invalidField("RequestRefID");
    }

    String prompt =
        "You are about to send Ksh "
            + amount
            + " to "
            + partnerName
            + " for payment reference: "
            + paymentRef;
    if (operator == null) {
      mpesa.afterResultDelay(() -> finish(push, Outcome.fail("4104", "Missing Nominated Number")));
    } else if (prompt.length() > MAX_PROMPT) {
      mpesa.afterResultDelay(() -> finish(push, Outcome.fail("4203", "USSD exception error")));
    } else {
      push.promptId =
          stk.consentPrompt(
                  operator,
                  primary,
                  "B2BExpressCheckout",
                  amount,
                  callbackUrl,
                  paymentRef,
                  partnerName,
                  new OperatorAnswer(push))
              .orElse(null);
    }
    ObjectNode ack = Json.object();
    ack.put("code", "0").put("status", INITIATED);
    return ApiResponse.ok(ack);
  }

  /** The number that gets a till's prompts: the sandbox test number unless set otherwise. */
  public Optional<String> nominatedNumber(String shortCode) {
    String number = nominatedNumbers.getOrDefault(shortCode, StkApi.SANDBOX_TEST_MSISDN);
    return number.isEmpty() ? Optional.empty() : Optional.of(number);
  }

  /** Sets a till's nominated number; {@code null} removes it (pushes then end in 4104). */
  public void nominate(String shortCode, String msisdn) {
    nominatedNumbers.put(shortCode, msisdn == null ? "" : msisdn);
  }

  /** Numbers set by the admin, by shortcode ({@code ""}: none). */
  public Map<String, String> nominatedNumbers() {
    return new TreeMap<>(nominatedNumbers);
  }

  public Optional<Push> push(String requestRefId) {
    return Optional.ofNullable(pushes.get(requestRefId));
  }

  /** Recent pushes, newest first. */
  public List<Push> pushes(int limit) {
    return pushes.values().stream()
        .sorted(Comparator.comparing((Push p) -> p.createdAt).reversed())
        .limit(limit)
        .toList();
  }

  /** Forgets finished pushes older than the cutoff. */
  public void prune(Instant cutoff) {
    pushes.values().removeIf(p -> p.result != null && p.createdAt.isBefore(cutoff));
  }

  /** Forgets every push and nominated number (the prompts themselves go with the STK reset). */
  public void reset() {
    pushes.clear();
    nominatedNumbers.clear();
  }

  /** The operator's answer to one push's prompt: moves the money, then calls back. */
  private final class OperatorAnswer implements StkApi.Consent {
    private final Push push;

    OperatorAnswer(Push push) {
      this.push = push;
    }

    @Override
    public String purpose() {
      return "b2b_express_checkout";
    }

    @Override
    public Outcome decided(Outcome answer) {
      Outcome result =
          answer.kind() == Outcome.Kind.FAIL ? ussdFailure(answer) : settle(push, answer);
      push.result = result;
      return result;
    }

    @Override
    public void callBack(Outcome result) {
      mpesa.deliverNow("b2b_express", push.callbackUrl, callback(push, result));
    }
  }

  /**
   * What an STK prompt's failure is called in a USSD push (REFERENCE §8 lists 4001, 4102, 4104,
   * 4201, 4203): a cancel is 4001; an unreachable or silent phone 4201 ⚠; a prompt that could not
   * be shown (busy, push error) 4203 ⚠; a wrong PIN keeps STK's 2001 ⚠ (§8 has no code for it).
   */
  static Outcome ussdFailure(Outcome stk) {
    return switch (stk.resultCode()) {
      case "1031", "1032" -> Outcome.fail("4001", "User cancelled transaction");
      case "1019", "1036", "1037" -> Outcome.fail("4201", "USSD network error");
      case "2001", "8006" -> stk;
      default -> Outcome.fail("4203", "USSD exception error");
    };
  }

  private Outcome settle(Push push, Outcome answer) {
    World world = mpesa.world();
    Organisation till = world.organisation(push.primaryShortCode).orElseThrow();
    Organisation vendor = world.organisation(push.receiverShortCode).orElseThrow();
    long cents = Money.cents(push.amount);
    return world.atomically(
        () -> {
          // ⚠ The account a till pays from is undocumented: its Utility account, where its
          // takings (STK, C2B) arrive.
          if (till.balance(AccountType.UTILITY) < cents) {
            return Outcome.fail("1", "The balance is insufficient for the transaction.");
          }
          world.adjust(till, AccountType.UTILITY, -cents);
          world.adjust(vendor, AccountType.UTILITY, cents);
          push.transaction =
              world.record(
                  mpesa.newReceipt(),
                  TransactionKind.B2B_EXPRESS_CHECKOUT,
                  Transaction.Status.COMPLETED,
                  cents,
                  Party.of(till, AccountType.UTILITY),
                  Party.of(vendor, AccountType.UTILITY),
                  push.createdAt,
                  mpesa.clock().instant(),
                  push.requestRefId,
                  mpesa.ids().conversationId(mpesa.now()),
                  push.paymentRef,
                  "");
          return new Outcome(answer.kind(), "0", SUCCESS_DESC);
        });
  }

  /** Settles a push that never reached a phone, then calls back. */
  private void finish(Push push, Outcome result) {
    push.result = result;
    mpesa.deliverNow("b2b_express", push.callbackUrl, callback(push, result));
  }

  /** The flat camelCase callback of REFERENCE §8's samples. */
  private static ObjectNode callback(Push push, Outcome result) {
    ObjectNode body = Json.object();
    String amount = push.amount + ".0";
    Transaction t = push.transaction;
    if (result.resultCode().equals("0") && t != null) {
      body.put("resultCode", "0")
          .put("resultDesc", result.resultDesc())
          .put("amount", amount)
          .put("requestId", push.requestRefId)
          .put("resultType", "0")
          .put("conversationID", t.conversationId())
          .put("transactionId", t.receipt())
          .put("status", "SUCCESS");
    } else {
      body.put("resultCode", result.resultCode())
          .put("resultDesc", result.resultDesc())
          .put("requestId", push.requestRefId)
          .put("amount", amount)
          .put("paymentReference", push.paymentRef);
    }
    return body;
  }

  /** The admin view of a push. */
  public static ObjectNode toJson(Push p) {
    ObjectNode node = Json.object();
    node.put("requestRefId", p.requestRefId)
        .put("primaryShortCode", p.primaryShortCode)
        .put("receiverShortCode", p.receiverShortCode)
        .put("amount", p.amount)
        .put("paymentRef", p.paymentRef)
        .put("partnerName", p.partnerName)
        .put("callbackUrl", p.callbackUrl)
        .put("nominatedNumber", p.operatorMsisdn)
        .put("promptId", p.promptId)
        .put("createdAt", p.createdAt.toString());
    Outcome result = p.result;
    node.put(
        "status", result == null ? "pending" : "0".equals(result.resultCode()) ? "paid" : "failed");
    if (result != null) {
      node.put("resultCode", result.resultCode()).put("resultDesc", result.resultDesc());
      node.put("receipt", p.transaction == null ? null : p.transaction.receipt());
    }
    return node;
  }
}
