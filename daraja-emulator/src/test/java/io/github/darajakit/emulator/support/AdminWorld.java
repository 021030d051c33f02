package io.github.darajakit.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and changes the emulated world through the admin API only: balances, the ledger and the
 * record of deliveries. Amounts are {@link BigDecimal}s so comparisons never round.
 */
public final class AdminWorld {

  /** The five accounts in the order Daraja lists them in an AccountBalance result. */
  public static final List<String> ACCOUNTS =
      List.of(
          "Working Account",
          "Float Account",
          "Utility Account",
          "Charges Paid Account",
          "Organization Settlement Account");

  private final DarajaHttp daraja;

  public AdminWorld(DarajaHttp daraja) {
    this.daraja = daraja;
  }

  /** A customer's wallet balance. */
  public BigDecimal customer(String msisdn) {
    return new BigDecimal(daraja.adminGet("customers/" + msisdn).path("balance").asText());
  }

  /** One account of an organisation, by alias ({@code "Utility Account"}). */
  public BigDecimal account(String shortCode, String alias) {
    return new BigDecimal(
        daraja.adminGet("organisations/" + shortCode).path("accounts").path(alias).asText());
  }

  /** Every account of an organisation, by alias, as the admin API prints them. */
  public Map<String, String> accounts(String shortCode) {
    Map<String, String> accounts = new LinkedHashMap<>();
    daraja
        .adminGet("organisations/" + shortCode)
        .path("accounts")
        .fields()
        .forEachRemaining(e -> accounts.put(e.getKey(), e.getValue().asText()));
    return accounts;
  }

  /** Sets a customer's balance, e.g. {@code "499990.00"}. */
  public void setCustomer(String msisdn, String balance) {
    DarajaHttp.Reply reply =
        daraja.admin(
            "PUT", "customers/" + msisdn + "/balance", "{\"balance\":\"" + balance + "\"}");
    if (reply.status() != 200) {
      throw new IllegalStateException("cannot set balance of " + msisdn + ": " + reply);
    }
  }

  /** Sets one account of an organisation ({@code account} like {@code UTILITY}). */
  public void setAccount(String shortCode, String account, String balance) {
    DarajaHttp.Reply reply =
        daraja.admin(
            "PUT",
            "organisations/" + shortCode + "/accounts/" + account,
            "{\"balance\":\"" + balance + "\"}");
    if (reply.status() != 200) {
      throw new IllegalStateException("cannot set " + account + " of " + shortCode + ": " + reply);
    }
  }

  /**
   * Every balance in the world: {@code customer:<msisdn>} and {@code <shortCode>:<alias>} for every
   * account of every organisation.
   */
  public Map<String, BigDecimal> snapshot() {
    Map<String, BigDecimal> balances = new LinkedHashMap<>();
    for (JsonNode c : daraja.adminGet("customers?limit=10000").path("customers")) {
      balances.put(
          "customer:" + c.path("msisdn").asText(), new BigDecimal(c.path("balance").asText()));
    }
    for (JsonNode o : daraja.adminGet("organisations").path("organisations")) {
      String shortCode = o.path("shortCode").asText();
      o.path("accounts")
          .fields()
          .forEachRemaining(
              e ->
                  balances.put(
                      shortCode + ":" + e.getKey(), new BigDecimal(e.getValue().asText())));
    }
    return balances;
  }

  /** The sum of every balance in a snapshot. */
  public static BigDecimal total(Map<String, BigDecimal> snapshot) {
    return snapshot.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The whole ledger, newest first. */
  public List<JsonNode> transactions() {
    List<JsonNode> list = new ArrayList<>();
    daraja.adminGet("transactions?limit=10000").path("transactions").forEach(list::add);
    return list;
  }

  /** Ledger entries where a party is debited or credited, newest first. */
  public List<JsonNode> transactionsOf(String party) {
    List<JsonNode> list = new ArrayList<>();
    daraja.adminGet("transactions?party=" + party).path("transactions").forEach(list::add);
    return list;
  }

  /** One ledger entry. */
  public JsonNode transaction(String receipt) {
    return daraja.adminGet("transactions/" + receipt);
  }

  /** Deliveries of one kind ({@code result}, {@code queue_timeout}, {@code stk}…), newest first. */
  public List<JsonNode> deliveries(String kind) {
    List<JsonNode> list = new ArrayList<>();
    daraja.adminGet("deliveries?kind=" + kind).path("deliveries").forEach(list::add);
    return list;
  }
}
