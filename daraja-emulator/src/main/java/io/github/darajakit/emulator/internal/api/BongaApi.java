package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Customer;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.OrganisationType;
import io.github.darajakit.emulator.internal.world.Outcome;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.TransactionKind;
import io.github.darajakit.emulator.internal.world.World;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Lipa na Bonga (REFERENCE §16): what Bonga points are worth, and paying a PayBill with them. Both
 * answer in their own envelope, {@code {"header":{requestRefId, responseCode, responseMessage,
 * customerMessage, timestamp}, "body":…}}.
 *
 * <p>A redemption is checked at once (a malformed body is {@code 6006}, too few points or an amount
 * that is not {@code bongaPoints × conversionRate} is {@code 6001}, both HTTP 400 ⚠), then the
 * customer gets a PIN prompt decided like any STK prompt (the scenario table, manual mode). On
 * approval the points leave the customer, the amount enters the PayBill's Utility account, the
 * ledger records it, and the shortcode's registered ConfirmationURL gets a C2B confirmation. A
 * declined prompt moves nothing and sends nothing (Daraja documents no callback for it).
 */
public final class BongaApi {

  /** KES per point: Daraja's sample (⚠ Safaricom's real rate may differ and change). */
  public static final BigDecimal RATE = new BigDecimal("0.2");

  /** Points every customer has until an admin sets them (deterministic, ⚠ invented). */
  public static final long DEFAULT_POINTS = 1_000;

  /**
   * The confirmation's TransactionType. ⚠ Undocumented for Lipa na Bonga: a PayBill payment's word.
   */
  static final String TRANSACTION_TYPE = "Pay Bill";

  private static final String SUCCESS = "Success";
  private static final String EXECUTED = "Request executed successfully.";
  private static final String REDEEMED = "Operation Successfully.";
  private static final Pattern WHOLE = Pattern.compile("[1-9][0-9]{0,15}");

  private final Mpesa mpesa;
  private final StkApi stk;
  private final C2bApi c2b;
  // Points per MSISDN; changed only inside the world's lock, so a check and a debit agree.
  private final Map<String, Long> points = new ConcurrentHashMap<>();

  public BongaApi(Mpesa mpesa, StkApi stk, C2bApi c2b) {
    this.mpesa = mpesa;
    this.stk = stk;
    this.c2b = c2b;
  }

  /** A refusal in Lipa na Bonga's envelope. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    Refusal(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /** {@code POST /v1/lipa/na/bonga/calculate-points}. */
  public ApiResponse calculate(ApiCall call) {
    try {
      long asked = whole(call.body(), "points");
      ObjectNode answer = envelope(200, SUCCESS, EXECUTED);
      answer
          .putObject("body")
          .put("amount", worth(asked).toPlainString())
          .put("points", Long.toString(asked))
          .put("rate", RATE.toPlainString());
      return ApiResponse.ok(answer);
    } catch (Refusal e) {
      return refusal(e);
    }
  }

  /** {@code POST /v1/lipa/na/bonga/redeem-paybill}. */
  public ApiResponse redeem(ApiCall call) {
    try {
      JsonNode body = call.body();
      String msisdn = text(body, "msisdn");
      if (!msisdn.matches("254[17][0-9]{8}")) {
        throw missing("msisdn");
      }
      long amount = whole(body, "amount");
      long redeemed = whole(body, "bongaPoints");
      BigDecimal rate = decimal(body, "conversionRate");
      String shortCode = text(body, "shortCode");
      if (!shortCode.matches("[0-9]{5,7}")) {
        throw missing("shortCode");
      }
      String accountNumber = text(body, "accountNumber");
      if (accountNumber.length() > 20) {
        throw missing("accountNumber");
      }
      if (rate.compareTo(RATE) != 0) {
        throw new Refusal(6001, "Fail: the conversion rate is " + RATE.toPlainString());
      }
      if (worth(redeemed).compareTo(BigDecimal.valueOf(amount)) != 0) {
        throw new Refusal(
            6001,
            "Fail: "
                + redeemed
                + " points are worth KES "
                + worth(redeemed).toPlainString()
                + ", not "
                + amount);
      }
      Organisation payee =
          mpesa
              .world()
              .organisation(shortCode)
              .filter(o -> o.type() != OrganisationType.BUY_GOODS)
              .orElseThrow(() -> new Refusal(6001, "Fail: " + shortCode + " is not a PayBill"));
      EmulatorConfig config = mpesa.config();
      mpesa
          .world()
          .customer(msisdn, config.autoCreateCustomers(), Money.cents(config.newCustomerBalance()))
          .orElseThrow(() -> new Refusal(6001, "Fail: the customer does not exist"));
      if (points(msisdn) < redeemed) {
        throw new Refusal(6001, "Fail: insufficient Bonga points");
      }
      stk.consentPrompt(
          msisdn,
          shortCode,
          "LipaNaBonga",
          amount,
          "",
          accountNumber,
          "Lipa na Bonga",
          new Redemption(msisdn, payee, amount, redeemed, accountNumber));
      ObjectNode answer = envelope(200, REDEEMED, EXECUTED);
      answer.putNull("body");
      return ApiResponse.ok(answer);
    } catch (Refusal e) {
      return refusal(e);
    }
  }

  /** The customer's answer to a redemption prompt: moves the points and value, then confirms. */
  private final class Redemption implements StkApi.Consent {
    private final String msisdn;
    private final Organisation payee;
    private final long amount;
    private final long redeemed;
    private final String accountNumber;
    private volatile Transaction transaction;
    private volatile Customer customer;
    private volatile long utilityAfter;

    Redemption(
        String msisdn, Organisation payee, long amount, long redeemed, String accountNumber) {
      this.msisdn = msisdn;
      this.payee = payee;
      this.amount = amount;
      this.redeemed = redeemed;
      this.accountNumber = accountNumber;
    }

    @Override
    public Outcome decided(Outcome answer) {
      if (answer.kind() == Outcome.Kind.FAIL) {
        return answer;
      }
      World world = mpesa.world();
      return world.atomically(
          () -> {
            Customer paying = world.customer(msisdn).orElse(null);
            // Spent meanwhile by another redemption or an admin: the check at request time is
            // not enough.
            if (paying == null || points(msisdn) < redeemed) {
              return Outcome.fail("6001", "Fail: insufficient Bonga points");
            }
            points.put(msisdn, points(msisdn) - redeemed);
            long cents = Money.cents(amount);
            world.adjust(payee, AccountType.UTILITY, cents);
            var now = mpesa.clock().instant();
            transaction =
                world.record(
                    mpesa.newReceipt(),
                    TransactionKind.BONGA_PAY_BILL,
                    Transaction.Status.COMPLETED,
                    cents,
                    Party.of(paying),
                    Party.of(payee, AccountType.UTILITY),
                    now,
                    now,
                    "",
                    "",
                    accountNumber,
                    "");
            customer = paying;
            utilityAfter = payee.balance(AccountType.UTILITY);
            return new Outcome(Outcome.Kind.PROCEED, "0", "The service request is processed.");
          });
    }

    @Override
    public String purpose() {
      return "bonga_redemption";
    }

    @Override
    public void callBack(Outcome result) {
      if (result.resultCode().equals("0") && transaction != null) {
        c2b.confirm(transaction, customer, payee, TRANSACTION_TYPE, utilityAfter);
      }
    }
  }

  /** A customer's Bonga points: {@link #DEFAULT_POINTS} until set. */
  public long points(String msisdn) {
    return points.getOrDefault(msisdn, DEFAULT_POINTS);
  }

  /** Sets a customer's Bonga points (admin). */
  public void setPoints(String msisdn, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("points must be 0 or more");
    }
    mpesa.world().atomically(() -> points.put(msisdn, value));
  }

  /** Every customer back to {@link #DEFAULT_POINTS}. */
  public void reset() {
    points.clear();
  }

  private static BigDecimal worth(long count) {
    BigDecimal value = RATE.multiply(BigDecimal.valueOf(count)).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
      throw missing(field);
    }
    return node.asText().strip();
  }

  /** A whole number of at least 1, as a JSON number or a numeric string. */
  private static long whole(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node != null && node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0) {
      return node.asLong();
    }
    if (node != null && node.isTextual() && WHOLE.matcher(node.textValue().strip()).matches()) {
      return Long.parseLong(node.textValue().strip());
    }
    throw missing(field);
  }

  private static BigDecimal decimal(JsonNode body, String field) {
    JsonNode node = body.get(field);
    try {
      BigDecimal value =
          node != null && node.isNumber()
              ? node.decimalValue()
              : new BigDecimal(node == null || !node.isTextual() ? "" : node.textValue().strip());
      if (value.signum() > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below like any missing part.
    }
    throw missing(field);
  }

  private static Refusal missing(String field) {
    return new Refusal(6006, "Missing parts in body: " + field);
  }

  private ObjectNode envelope(int code, String message, String customerMessage) {
    ObjectNode answer = Json.object();
    answer
        .putObject("header")
        .put("requestRefId", mpesa.ids().uuid())
        .put("responseCode", code)
        .put("responseMessage", message)
        .put("customerMessage", customerMessage)
        .put("timestamp", mpesa.clock().nowEat().toString());
    return answer;
  }

  private ApiResponse refusal(Refusal e) {
    String message = e.code == 6006 ? "Missing parts in body" : "Fail";
    ObjectNode answer = envelope(e.code, message, e.getMessage());
    answer.putNull("body");
    return new ApiResponse(400, answer);
  }
}
