package io.github.darajakit.emulator.internal.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every Daraja path the emulator serves (REFERENCE endpoint index), with how Daraja's gateway
 * answers a bad token, a wrong method or a near-miss path for it (REFERENCE §2 and §22.1–2).
 */
public enum Endpoint {
  OAUTH("oauth", "GET", "/oauth/v1/generate", TokenFamily.NONE, WrongMethod.NOT_ALLOWED, false),
  STK_PUSH(
      "stk_push",
      "POST",
      "/mpesa/stkpush/v1/processrequest",
      TokenFamily.LIPA_NA_MPESA,
      WrongMethod.NOT_ALLOWED,
      true),
  STK_QUERY(
      "stk_query",
      "POST",
      "/mpesa/stkpushquery/v1/query",
      TokenFamily.LIPA_NA_MPESA,
      WrongMethod.AUTH_HEADER,
      false),
  C2B_REGISTER_V1(
      "c2b_register_v1",
      "POST",
      "/mpesa/c2b/v1/registerurl",
      TokenFamily.C2B,
      WrongMethod.AUTH_HEADER,
      false),
  C2B_REGISTER_V2(
      "c2b_register_v2",
      "POST",
      "/mpesa/c2b/v2/registerurl",
      TokenFamily.C2B,
      WrongMethod.AUTH_HEADER,
      false),
  C2B_SIMULATE_V1(
      "c2b_simulate_v1",
      "POST",
      "/mpesa/c2b/v1/simulate",
      TokenFamily.C2B,
      WrongMethod.AUTH_HEADER,
      true),
  C2B_SIMULATE_V2(
      "c2b_simulate_v2",
      "POST",
      "/mpesa/c2b/v2/simulate",
      TokenFamily.C2B,
      WrongMethod.AUTH_HEADER,
      true),
  B2C_V1(
      "b2c_v1",
      "POST",
      "/mpesa/b2c/v1/paymentrequest",
      TokenFamily.ORG,
      WrongMethod.AUTH_HEADER,
      true),
  B2C_V3(
      "b2c_v3",
      "POST",
      "/mpesa/b2c/v3/paymentrequest",
      TokenFamily.ORG,
      WrongMethod.AUTH_HEADER,
      true),
  B2POCHI(
      "b2pochi",
      "POST",
      "/mpesa/b2pochi/v1/paymentrequest",
      TokenFamily.ORG,
      WrongMethod.AUTH_HEADER,
      true),
  B2B(
      "b2b",
      "POST",
      "/mpesa/b2b/v1/paymentrequest",
      TokenFamily.ORG,
      WrongMethod.AUTH_HEADER,
      true),
  TAX_REMITTANCE(
      "tax_remittance",
      "POST",
      "/mpesa/b2b/v1/remittax",
      TokenFamily.ORG,
      WrongMethod.AUTH_HEADER,
      true),
  TRANSACTION_STATUS(
      "transaction_status",
      "POST",
      "/mpesa/transactionstatus/v1/query",
      TokenFamily.C2B,
      WrongMethod.AUTH_HEADER,
      false),
  ACCOUNT_BALANCE(
      "account_balance",
      "POST",
      "/mpesa/accountbalance/v1/query",
      TokenFamily.ORG,
      WrongMethod.NOT_ALLOWED,
      false),
  REVERSAL(
      "reversal",
      "POST",
      "/mpesa/reversal/v1/request",
      TokenFamily.LIPA_NA_MPESA,
      WrongMethod.AUTH_HEADER,
      true),
  QR_GENERATE(
      "qr_generate",
      "POST",
      "/mpesa/qrcode/v1/generate",
      TokenFamily.LIPA_NA_MPESA,
      WrongMethod.AUTH_HEADER,
      false),
  PULL_REGISTER(
      "pull_register",
      "POST",
      "/pulltransactions/v1/register",
      TokenFamily.PULL,
      WrongMethod.AUTH_HEADER,
      false),
  PULL_QUERY(
      "pull_query",
      "POST",
      "/pulltransactions/v1/query",
      TokenFamily.PULL,
      WrongMethod.AUTH_HEADER,
      false),
  // ⚠ Ratiba's bad-token answer is not documented beyond "401 unauthorized": the ORG family's.
  RATIBA(
      "ratiba",
      "POST",
      "/standingorder/v1/createStandingOrderExternal",
      TokenFamily.ORG,
      WrongMethod.AUTH_HEADER,
      true),
  // ⚠ B2B Express Checkout's bad-token answer is undocumented: the B2B (ORG) family's.
  B2B_EXPRESS(
      "b2b_express",
      "POST",
      "/v1/ussdpush/get-msisdn",
      TokenFamily.ORG,
      WrongMethod.AUTH_HEADER,
      true),
  // The lookups below answer field errors in their own envelopes (REFERENCE §16); the gateway's
  // gates before them (path, method, token, payload) stay the classic ones.
  HAKIKISHA(
      "hakikisha",
      "POST",
      "/mpesa/b2c/hakikisha/v1/hakikisha",
      TokenFamily.PULL,
      WrongMethod.AUTH_HEADER,
      false),
  ORG_INFO(
      "org_info",
      "POST",
      "/sfcverify/v1/query/info",
      TokenFamily.PULL,
      WrongMethod.AUTH_HEADER,
      false),
  // ⚠ IMSI's bad-token answer is documented only as an HTTP status: the 401.001 of its siblings.
  IMSI_V1("imsi_v1", "POST", "/imsi/v1/checkATI", TokenFamily.PULL, WrongMethod.AUTH_HEADER, false),
  IMSI_V2("imsi_v2", "POST", "/imsi/v2/checkATI", TokenFamily.PULL, WrongMethod.AUTH_HEADER, false),
  // ⚠ Lipa na Bonga's bad-token and wrong-method answers are undocumented: its siblings'.
  BONGA_CALCULATE(
      "bonga_calculate",
      "POST",
      "/v1/lipa/na/bonga/calculate-points",
      TokenFamily.PULL,
      WrongMethod.AUTH_HEADER,
      false),
  BONGA_REDEEM(
      "bonga_redeem",
      "POST",
      "/v1/lipa/na/bonga/redeem-paybill",
      TokenFamily.PULL,
      WrongMethod.AUTH_HEADER,
      true),
  // Bill Manager (REFERENCE §14): its own envelope, a bad token as its {"errorCode":"401",…}; ⚠
  // its wrong-method answer is undocumented: the classic 404.001.04. Nothing here moves money: a
  // customer's payment is a C2B payment.
  BILL_MANAGER_OPT_IN(
      "billmanager_optin",
      "POST",
      "/v1/billmanager-invoice/optin",
      TokenFamily.BILL_MANAGER,
      WrongMethod.AUTH_HEADER,
      false),
  BILL_MANAGER_UPDATE_OPT_IN(
      "billmanager_update_optin",
      "POST",
      "/v1/billmanager-invoice/change-optin-details",
      TokenFamily.BILL_MANAGER,
      WrongMethod.AUTH_HEADER,
      false),
  BILL_MANAGER_INVOICE(
      "billmanager_invoice",
      "POST",
      "/v1/billmanager-invoice/single-invoicing",
      TokenFamily.BILL_MANAGER,
      WrongMethod.AUTH_HEADER,
      false),
  BILL_MANAGER_BULK_INVOICE(
      "billmanager_bulk_invoice",
      "POST",
      "/v1/billmanager-invoice/bulk-invoicing",
      TokenFamily.BILL_MANAGER,
      WrongMethod.AUTH_HEADER,
      false),
  BILL_MANAGER_CANCEL(
      "billmanager_cancel",
      "POST",
      "/v1/billmanager-invoice/cancel-single-invoice",
      TokenFamily.BILL_MANAGER,
      WrongMethod.AUTH_HEADER,
      false),
  BILL_MANAGER_CANCEL_BULK(
      "billmanager_cancel_bulk",
      "POST",
      "/v1/billmanager-invoice/cancel-bulk-invoices",
      TokenFamily.BILL_MANAGER,
      WrongMethod.AUTH_HEADER,
      false),
  BILL_MANAGER_RECONCILIATION(
      "billmanager_reconciliation",
      "POST",
      "/v1/billmanager-invoice/reconciliation",
      TokenFamily.BILL_MANAGER,
      WrongMethod.AUTH_HEADER,
      false);

  /** How Daraja answers a request with a wrong HTTP method on this path. */
  public enum WrongMethod {
    /** {@code 405.001 "<METHOD> Method Not Allowed"} (STK push, account balance). */
    NOT_ALLOWED,
    /** {@code 404.001.04 "Invalid Authentication Header"} (C2B, status, QR, STK query…). */
    AUTH_HEADER
  }

  private static final Map<String, Endpoint> BY_PATH = new HashMap<>();
  private static final Map<String, Endpoint> BY_ID = new HashMap<>();

  static {
    for (Endpoint endpoint : values()) {
      BY_PATH.put(endpoint.path, endpoint);
      BY_ID.put(endpoint.id, endpoint);
    }
  }

  private final String id;
  private final String method;
  private final String path;
  private final TokenFamily tokenFamily;
  private final WrongMethod wrongMethod;
  private final boolean movesMoney;

  Endpoint(
      String id,
      String method,
      String path,
      TokenFamily tokenFamily,
      WrongMethod wrongMethod,
      boolean movesMoney) {
    this.id = id;
    this.method = method;
    this.path = path;
    this.tokenFamily = tokenFamily;
    this.wrongMethod = wrongMethod;
    this.movesMoney = movesMoney;
  }

  /** The endpoint serving exactly this path, if any. */
  public static Optional<Endpoint> forPath(String path) {
    return Optional.ofNullable(BY_PATH.get(path));
  }

  /** The endpoint with this short id ({@code stk_push}, {@code b2c_v3}…), case-insensitive. */
  public static Optional<Endpoint> forId(String id) {
    return Optional.ofNullable(BY_ID.get(id.toLowerCase(Locale.ROOT)));
  }

  /**
   * The "Resource not found" error for a path no endpoint serves, chosen by the API family its
   * prefix belongs to (REFERENCE §22.1).
   */
  public static DarajaError notFound(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.startsWith("/mpesa/accountbalance")) {
      return DarajaError.of("404.002.01", "Resource not found");
    }
    if (p.startsWith("/mpesa/c2b") || p.startsWith("/mpesa/transactionstatus")) {
      return DarajaError.of("404.003.01", "Resource not found");
    }
    return DarajaError.of("404.001.01", "Resource not found");
  }

  /** The short id used by counters, faults and the admin API. */
  public String id() {
    return id;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public TokenFamily tokenFamily() {
    return tokenFamily;
  }

  /** True for calls that can move money (and so must never be answered twice). */
  public boolean movesMoney() {
    return movesMoney;
  }

  /**
   * The field Daraja names when a non-JSON Content-Type hides the body, where the reference records
   * one different from the first field checked (REFERENCE §1.2): {@code InitiatorName} for B2C,
   * {@code RecieverIdentifierType} for reversal. {@code null} elsewhere: the first field validated
   * is reported.
   */
  public String hiddenBodyField() {
    return switch (this) {
      case B2C_V1, B2C_V3, B2POCHI -> "InitiatorName";
      case REVERSAL -> "RecieverIdentifierType";
      default -> null;
    };
  }

  /**
   * True for the products that answer a bad field in their own envelope rather than the gateway's
   * {@code {requestId, errorCode, errorMessage}}: Hakikisha, Org Info, IMSI and SIM swap, Lipa na
   * Bonga and Bill Manager.
   */
  public boolean ownFieldErrors() {
    return switch (this) {
      case HAKIKISHA, ORG_INFO, IMSI_V1, IMSI_V2, BONGA_CALCULATE, BONGA_REDEEM -> true;
      default -> billManager();
    };
  }

  /** True for Bill Manager's paths (REFERENCE §14), which share its envelope and app key. */
  public boolean billManager() {
    return tokenFamily == TokenFamily.BILL_MANAGER;
  }

  /**
   * The smallest body limit of Bill Manager's bulk calls. ⚠ Bill Manager documents none: 1000
   * invoices with a few lines each fit in this.
   */
  public static final int BULK_BODY_BYTES = 4 << 20;

  /**
   * The largest body this endpoint reads: {@code configured} ({@code server.maxBodyBytes}), and at
   * least {@link #BULK_BODY_BYTES} for the bulk calls, whose 1000 invoices need more than the
   * default.
   */
  public int maxBodyBytes(int configured) {
    return takesArray() ? Math.max(configured, BULK_BODY_BYTES) : configured;
  }

  /** True for the paths whose body is a JSON array: Bill Manager's bulk calls. */
  public boolean takesArray() {
    return this == BILL_MANAGER_BULK_INVOICE || this == BILL_MANAGER_CANCEL_BULK;
  }

  /** The error Daraja gives when this path is called with {@code actualMethod}. */
  public DarajaError wrongMethod(String actualMethod) {
    return switch (wrongMethod) {
      case NOT_ALLOWED -> DarajaError.of("405.001", actualMethod + " Method Not Allowed");
      case AUTH_HEADER -> DarajaError.of("404.001.04", "Invalid Authentication Header");
    };
  }
}
