package io.github.darajakit.gateway.c2b;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.callbacks.C2bConfirmation;
import io.github.darajakit.gateway.core.Json;
import java.math.BigDecimal;
import java.time.ZoneId;

/**
 * A payment a customer made to the shortcode (PayBill or till), as M-Pesa confirmed it.
 *
 * @param id {@code c2b_…}
 * @param transId the M-Pesa receipt (unique)
 * @param transactionType {@code Pay Bill} or {@code Buy Goods}
 * @param shortCode the shortcode paid
 * @param amount whole KES
 * @param billRefNumber the account number the customer typed
 * @param invoiceNumber usually empty
 * @param msisdn the payer as M-Pesa shows it: masked ({@code 2547 ***** 126}) or hashed
 * @param firstName payer's first name (may be empty)
 * @param middleName payer's middle name
 * @param lastName payer's last name
 * @param transTime when M-Pesa says it happened (epoch ms), or {@code null}
 * @param orgAccountBalance the shortcode's balance after it, as reported
 * @param thirdPartyTransId the id our validation answer gave, or empty
 * @param source how we learnt of it: {@code confirmation} or {@code pull}
 * @param createdAt when we recorded it (epoch ms)
 * @param reversalId the reversal that gave the money back, once it succeeded, or {@code null}
 */
public record C2bPayment(
    String id,
    String transId,
    String transactionType,
    String shortCode,
    long amount,
    String billRefNumber,
    String invoiceNumber,
    String msisdn,
    String firstName,
    String middleName,
    String lastName,
    Long transTime,
    String orgAccountBalance,
    String thirdPartyTransId,
    String source,
    long createdAt,
    String reversalId) {

  /**
   * The largest C2B amount recorded: forty times M-Pesa's per-transaction limit (KES 250,000,
   * REFERENCE §20), so no real payment is refused, while an absurd one (a forged or garbled body)
   * is kept as evidence instead of overflowing a shilling count.
   */
  public static final BigDecimal LARGEST_AMOUNT = BigDecimal.valueOf(10_000_000);

  private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");

  /** From a parsed confirmation, with a given id. */
  public static C2bPayment from(String id, C2bConfirmation c, String source, long now) {
    return new C2bPayment(
        id,
        c.transId(),
        nonNull(c.transactionType()),
        c.businessShortCode(),
        c.transAmount().longValueExact(),
        nonNull(c.billRefNumber()),
        nonNull(c.invoiceNumber()),
        c.sender() == null ? "" : c.sender().text(),
        nonNull(c.firstName()),
        nonNull(c.middleName()),
        nonNull(c.lastName()),
        c.transTime() == null ? null : c.transTime().atZone(EAT).toInstant().toEpochMilli(),
        c.orgAccountBalance().map(b -> b.toPlainString()).orElse(null),
        nonNull(c.thirdPartyTransId()),
        source,
        now,
        null);
  }

  /** As the merchant API shows it. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("id", id)
        .put("object", "c2b_payment")
        .put("trans_id", transId)
        .put("transaction_type", transactionType)
        .put("short_code", shortCode)
        .put("amount", amount)
        .put("currency", "KES")
        .put("bill_ref_number", billRefNumber)
        .put("invoice_number", invoiceNumber)
        .put("msisdn", msisdn)
        .put("first_name", firstName)
        .put("middle_name", middleName)
        .put("last_name", lastName)
        .put("trans_time", Json.time(transTime))
        .put("org_account_balance", orgAccountBalance)
        .put("third_party_trans_id", thirdPartyTransId)
        .put("source", source)
        .put("status", reversalId == null ? "completed" : "reversed")
        .put("reversal_id", reversalId)
        .put("created_at", Json.time(createdAt));
    return node;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
