package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.EmulatorClock;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.callbacks.CallbackDispatcher;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.AccountType;
import io.github.darajakit.emulator.internal.world.Customer;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Organisation;
import io.github.darajakit.emulator.internal.world.OrganisationType;
import io.github.darajakit.emulator.internal.world.Party;
import io.github.darajakit.emulator.internal.world.SandboxWorld;
import io.github.darajakit.emulator.internal.world.Transaction;
import io.github.darajakit.emulator.internal.world.TransactionKind;
import io.github.darajakit.emulator.internal.world.World;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Customer to Business (REFERENCE §5): URL registration (v1 and v2), simulation, and the payment
 * flow itself — validation (when a ValidationURL is registered and the shortcode's External
 * Validation is on), completion and confirmation.
 */
public final class C2bApi {

  /**
   * A shortcode's registered URLs.
   *
   * @param version 1 (hashed MSISDN in callbacks) or 2 (masked MSISDN)
   * @param responseType {@code Completed} or {@code Cancelled}: what happens if validation fails
   * @param confirmationUrl where confirmations go
   * @param validationUrl where validations go, or {@code ""} for none
   * @param registeredAt when
   */
  public record Registration(
      int version,
      String responseType,
      String confirmationUrl,
      String validationUrl,
      Instant registeredAt) {}

  /** How a C2B payment ended. */
  public enum PaymentStatus {
    COMPLETED,
    REJECTED_BY_VALIDATION,
    CANCELLED_BY_RESPONSE_TYPE,
    INSUFFICIENT_FUNDS,
    LIMIT_EXCEEDED
  }

  /**
   * The end of one C2B payment.
   *
   * @param transId the M-Pesa receipt (assigned before validation, as M-Pesa does)
   * @param status how it ended
   * @param resultCode the validation result code when rejected, else {@code "0"}
   * @param transaction the ledger entry when completed, else {@code null}
   */
  public record PaymentResult(
      String transId, PaymentStatus status, String resultCode, Transaction transaction) {}

  private static final DateTimeFormatter TRANS_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT);

  /** Told of every completed C2B payment, after its confirmation is sent. */
  @FunctionalInterface
  public interface PaymentListener {
    void paid(Transaction transaction, Customer customer, Organisation organisation);
  }

  private final Mpesa mpesa;
  private final PaymentListener listener;
  private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
  // Bumped by reset(): a simulation scheduled before a reset must not pay in the fresh world.
  private final AtomicLong generation = new AtomicLong();

  /** A C2B API that tells {@code listener} of every completed payment (Bill Manager's invoices). */
  public C2bApi(Mpesa mpesa, PaymentListener listener) {
    this.mpesa = mpesa;
    this.listener = listener;
  }

  /** {@code POST /mpesa/c2b/v{1,2}/registerurl}. */
  public ApiResponse register(ApiCall call, int version) {
    Fields f = call.fields();
    String shortCode = f.digits("ShortCode", 5, 7);
    String responseType = f.oneOf("ResponseType", "Completed", "Cancelled");
    String confirmationUrl = f.url("ConfirmationURL");
    String validationUrl = f.optionalUrl("ValidationURL");
    if (SandboxWorld.isStkOnly(shortCode)) {
      // Daraja's proxy answers a SOAP fault for the STK-only sandbox shortcode (REFERENCE §5.1).
      return new ApiResponse(500, addUrlVaultFault());
    }
    if (mpesa.world().organisation(shortCode).isEmpty()) {
      throw DarajaError.invalidField("ShortCode");
    }
    Registration registration =
        new Registration(
            version, responseType, confirmationUrl, validationUrl, mpesa.clock().instant());
    if (mpesa.config().c2bRegistration() == EmulatorConfig.C2bRegistrationMode.PRODUCTION) {
      if (registrations.putIfAbsent(shortCode, registration) != null) {
        throw DarajaError.of("500.003.1001", "Urls are already registered.");
      }
    } else {
      registrations.put(shortCode, registration);
    }
    ObjectNode answer = Json.object();
    answer
        .put("OriginatorCoversationID", mpesa.ids().originatorConversationId())
        .put("ResponseCode", "0")
        .put("ResponseDescription", version == 1 ? "success" : "Success");
    return ApiResponse.ok(answer);
  }

  /** {@code POST /mpesa/c2b/v{1,2}/simulate}: a customer pays, after the result delay. */
  public ApiResponse simulate(ApiCall call) {
    Fields f = call.fields();
    String shortCode = f.digits("ShortCode", 5, 7);
    String commandId = f.oneOf("CommandID", "CustomerPayBillOnline", "CustomerBuyGoodsOnline");
    long amount = f.wholeAmount("Amount", 1);
    String msisdn = f.msisdn("Msisdn");
    String billRef = f.optionalText("BillRefNumber", 20);
    Organisation organisation =
        mpesa
            .world()
            .organisation(shortCode)
            .orElseThrow(() -> DarajaError.invalidField("ShortCode"));
    boolean buyGoods = commandId.equals("CustomerBuyGoodsOnline");
    if (buyGoods != (organisation.type() == OrganisationType.BUY_GOODS)) {
      throw DarajaError.invalidField("CommandID");
    }
    long scheduledIn = generation.get();
    String originatorId = mpesa.ids().originatorConversationId();
    mpesa.afterResultDelay(
        () -> {
          if (generation.get() == scheduledIn) {
            pay(msisdn, organisation, amount, buyGoods ? "" : billRef, originatorId);
          }
        });
    ObjectNode answer = Json.object();
    answer
        .put("OriginatorCoversationID", originatorId)
        .put("ResponseCode", "0")
        .put("ResponseDescription", "Accept the service request successfully.");
    return ApiResponse.ok(answer);
  }

  /**
   * A customer pays an organisation now: funds check, validation if a ValidationURL is registered
   * and External Validation is on, completion and confirmation. Never completes exceptionally.
   */
  public CompletableFuture<PaymentResult> pay(
      String msisdn, Organisation organisation, long amount, String billRef) {
    return pay(msisdn, organisation, amount, billRef, "");
  }

  /**
   * {@link #pay(String, Organisation, long, String)} for a simulation, whose acknowledgement's
   * OriginatorCoversationID then finds the payment with Transaction Status.
   */
  public CompletableFuture<PaymentResult> pay(
      String msisdn,
      Organisation organisation,
      long amount,
      String billRef,
      String originatorConversationId) {
    EmulatorConfig config = mpesa.config();
    World world = mpesa.world();
    Customer customer =
        world
            .customer(
                msisdn, config.autoCreateCustomers(), Money.cents(config.newCustomerBalance()))
            .orElse(null);
    Payment payment =
        new Payment(
            customer,
            organisation,
            Money.cents(amount),
            billRef,
            mpesa.newReceipt(),
            mpesa.clock().instant(),
            TRANS_TIME.format(mpesa.now()),
            originatorConversationId);
    if (customer == null || world.atomically(() -> customer.balance() < payment.cents())) {
      return CompletableFuture.completedFuture(
          new PaymentResult(payment.transId(), PaymentStatus.INSUFFICIENT_FUNDS, "1", null));
    }
    Registration registration = registrations.get(organisation.shortCode());
    // Daraja calls the ValidationURL only if Safaricom has switched External Validation on for the
    // shortcode (off unless the merchant asks, REFERENCE §5.1); otherwise it just confirms.
    if (registration == null
        || registration.validationUrl().isEmpty()
        || !world.externalValidation(organisation.shortCode())) {
      return CompletableFuture.completedFuture(complete(payment, "", registration));
    }
    ObjectNode validation = notification(payment, "", "", registration);
    return mpesa
        .callbacks()
        .call(
            "c2b_validation",
            registration.validationUrl(),
            validation,
            config.c2bValidationTimeout())
        .thenApply(
            reply -> {
              Decision decision = decide(reply, registration);
              if (!decision.accepted) {
                return new PaymentResult(
                    payment.transId(), decision.status, decision.resultCode, null);
              }
              return complete(payment, decision.thirdPartyTransId, registration);
            });
  }

  /**
   * Sends the confirmation of a payment made outside C2B (a standing-order debit) to the
   * shortcode's registered ConfirmationURL, shaped exactly as a C2B payment's under that
   * registration (v1 hashed or v2 masked MSISDN). No validation request is sent.
   *
   * @param transaction the completed ledger entry; its bill reference is the BillRefNumber
   * @param customer who paid
   * @param organisation who was paid
   * @param transactionType the confirmation's TransactionType
   * @param utilityBalanceCents the organisation's Utility balance right after this payment
   * @return false if the shortcode has no registered URLs (nothing is sent)
   */
  public boolean confirm(
      Transaction transaction,
      Customer customer,
      Organisation organisation,
      String transactionType,
      long utilityBalanceCents) {
    Registration registration = registrations.get(organisation.shortCode());
    if (registration == null) {
      return false;
    }
    Payment payment =
        new Payment(
            customer,
            organisation,
            transaction.amount(),
            transaction.billReference(),
            transaction.receipt(),
            transaction.initiatedAt(),
            TRANS_TIME.format(
                LocalDateTime.ofInstant(transaction.completedAt(), EmulatorClock.EAT)),
            "");
    ObjectNode confirmation =
        notification(payment, Money.text(utilityBalanceCents), "", registration, transactionType);
    mpesa.deliverNow("c2b_confirmation", registration.confirmationUrl(), confirmation);
    return true;
  }

  /** The registration of a shortcode, if any. */
  public Optional<Registration> registration(String shortCode) {
    return Optional.ofNullable(registrations.get(shortCode));
  }

  /** All registrations. */
  public Map<String, Registration> registrations() {
    return Map.copyOf(registrations);
  }

  /** Forgets every registration and drops simulations not yet paid. */
  public void reset() {
    generation.incrementAndGet();
    registrations.clear();
  }

  private record Decision(
      boolean accepted, PaymentStatus status, String resultCode, String thirdPartyTransId) {}

  private static Decision decide(CallbackDispatcher.Reply reply, Registration registration) {
    if (reply.usable() && reply.body().isObject() && reply.body().has("ResultCode")) {
      String code = reply.body().get("ResultCode").asText();
      if (code.equals("0")) {
        return new Decision(
            true, PaymentStatus.COMPLETED, "0", reply.body().path("ThirdPartyTransID").asText(""));
      }
      return new Decision(false, PaymentStatus.REJECTED_BY_VALIDATION, code, "");
    }
    // Unreachable, slow or unintelligible validation endpoint: the registered default decides.
    if (registration.responseType().equals("Completed")) {
      return new Decision(true, PaymentStatus.COMPLETED, "0", "");
    }
    return new Decision(false, PaymentStatus.CANCELLED_BY_RESPONSE_TYPE, "C2B00016", "");
  }

  /**
   * One C2B payment in flight. The receipt and the transaction time are fixed when it starts, so
   * the validation and the confirmation carry the same ones, as M-Pesa's do.
   */
  private record Payment(
      Customer customer,
      Organisation organisation,
      long cents,
      String billRef,
      String transId,
      Instant initiatedAt,
      String transTime,
      String originatorConversationId) {}

  private PaymentResult complete(
      Payment payment, String thirdPartyTransId, Registration registration) {
    World world = mpesa.world();
    EmulatorConfig config = mpesa.config();
    LocalDateTime now = mpesa.now();
    Customer customer = payment.customer();
    Organisation organisation = payment.organisation();
    long cents = payment.cents();
    Transaction transaction =
        world.atomically(
            () -> {
              if (customer.balance() < cents) {
                return null;
              }
              if (world.sentOn(customer, now.toLocalDate()) + cents
                  > Money.cents(config.customerDailyLimit())) {
                return null;
              }
              world.adjust(customer, -cents);
              world.adjust(organisation, AccountType.UTILITY, cents);
              world.recordSent(customer, now.toLocalDate(), cents);
              return world.record(
                  payment.transId(),
                  organisation.type() == OrganisationType.BUY_GOODS
                      ? TransactionKind.C2B_BUY_GOODS
                      : TransactionKind.C2B_PAYBILL,
                  Transaction.Status.COMPLETED,
                  cents,
                  Party.of(customer),
                  Party.of(organisation, AccountType.UTILITY),
                  payment.initiatedAt(),
                  mpesa.clock().instant(),
                  payment.originatorConversationId(),
                  "",
                  payment.billRef(),
                  "");
            });
    if (transaction == null) {
      boolean funds = world.atomically(() -> customer.balance() >= cents);
      return new PaymentResult(
          payment.transId(),
          funds ? PaymentStatus.LIMIT_EXCEEDED : PaymentStatus.INSUFFICIENT_FUNDS,
          funds ? "4" : "1",
          null);
    }
    if (registration != null) {
      long balance = world.atomically(() -> organisation.balance(AccountType.UTILITY));
      ObjectNode confirmation =
          notification(payment, Money.text(balance), thirdPartyTransId, registration);
      mpesa.deliverNow("c2b_confirmation", registration.confirmationUrl(), confirmation);
    }
    listener.paid(transaction, customer, organisation);
    return new PaymentResult(payment.transId(), PaymentStatus.COMPLETED, "0", transaction);
  }

  private static ObjectNode notification(
      Payment payment,
      String orgAccountBalance,
      String thirdPartyTransId,
      Registration registration) {
    return notification(
        payment,
        orgAccountBalance,
        thirdPartyTransId,
        registration,
        payment.organisation().type() == OrganisationType.BUY_GOODS ? "Buy Goods" : "Pay Bill");
  }

  private static ObjectNode notification(
      Payment payment,
      String orgAccountBalance,
      String thirdPartyTransId,
      Registration registration,
      String transactionType) {
    Customer customer = payment.customer();
    ObjectNode body = Json.object();
    body.put("TransactionType", transactionType)
        .put("TransID", payment.transId())
        .put("TransTime", payment.transTime())
        .put("TransAmount", Money.text(payment.cents()))
        .put("BusinessShortCode", payment.organisation().shortCode())
        .put("BillRefNumber", payment.billRef())
        .put("InvoiceNumber", "")
        .put("OrgAccountBalance", orgAccountBalance)
        .put("ThirdPartyTransID", thirdPartyTransId)
        .put(
            "MSISDN",
            registration.version() == 1 ? sha256(customer.msisdn()) : mask(customer.msisdn()))
        .put("FirstName", customer.firstName())
        .put("MiddleName", customer.middleName())
        .put("LastName", customer.lastName());
    return body;
  }

  /** v2 callbacks mask the MSISDN: {@code 2547 ***** 126}. */
  static String mask(String msisdn) {
    return msisdn.substring(0, 4) + " ***** " + msisdn.substring(msisdn.length() - 3);
  }

  /** v1 callbacks hash the MSISDN: lowercase hex SHA-256. */
  static String sha256(String msisdn) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(msisdn.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode addUrlVaultFault() {
    ObjectNode root = Json.object();
    ObjectNode envelope = root.putObject("Envelope");
    envelope.put("encodingStyle", "http://schemas.xmlsoap.org/soap/encoding/");
    ObjectNode fault = envelope.putObject("Body").putObject("Fault");
    fault
        .put("faultcode", "soap:Server")
        .put(
            "faultstring",
            "Execution of ServiceCallout SCO-AddURLVault failed. Reason: ResponseCode 409 is"
                + " treated as error");
    fault
        .putObject("detail")
        .putObject("source")
        .put("errorcode", "steps.servicecallout.ExecutionFailed");
    return root;
  }
}
