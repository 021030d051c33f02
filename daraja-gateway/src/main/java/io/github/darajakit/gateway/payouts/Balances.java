package io.github.darajakit.gateway.payouts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.account.AccountBalanceRequest;
import io.github.darajakit.client.callbacks.Account;
import io.github.darajakit.client.callbacks.AccountBalanceResult;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.store.Settings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The B2C shortcode's balances: asked of Daraja's Account Balance API on request (its answer comes
 * back as a Result, {@link #result}), kept with when M-Pesa computed them, and shown from there.
 * Amounts are Daraja's decimals as text, never floating point.
 */
public final class Balances {

  private static final String SNAPSHOT = "balance.snapshot";
  private static final String REQUEST = "balance.request";

  private final DarajaClient daraja;
  private final Settings settings;
  private final Clock clock;
  private final String shortCode;
  private final String resultUrl;
  private final String queueTimeOutUrl;

  /**
   * @param shortCode the B2C shortcode whose balances are asked for, or {@code null} (off)
   * @param resultUrl where Daraja posts the balances
   * @param queueTimeOutUrl where Daraja posts if the request times out in its queue
   */
  public Balances(
      DarajaClient daraja,
      Settings settings,
      Clock clock,
      String shortCode,
      String resultUrl,
      String queueTimeOutUrl) {
    this.daraja = daraja;
    this.settings = settings;
    this.clock = clock;
    this.shortCode = shortCode;
    this.resultUrl = resultUrl;
    this.queueTimeOutUrl = queueTimeOutUrl;
  }

  /**
   * Asks Daraja for the balances now; they arrive shortly on the ResultURL.
   *
   * @return what was asked, and when
   */
  public ObjectNode refresh() {
    if (shortCode == null) {
      throw GatewayError.conflict(
          "payouts_not_configured",
          "No B2C shortcode is configured: set MPESA_B2C_SHORTCODE (or payouts.shortCode).");
    }
    InitiatorAcknowledgement ack;
    try {
      ack =
          daraja
              .account()
              .balance(
                  AccountBalanceRequest.builder()
                      .partyA(shortCode)
                      .remarks("Balance refresh")
                      .resultUrl(resultUrl)
                      .queueTimeOutUrl(queueTimeOutUrl)
                      .build());
    } catch (DarajaApiException e) {
      throw GatewayError.refusedByRail(
          "daraja_refused", "Daraja refused the balance request: " + e.getMessage());
    } catch (DarajaException e) {
      // Asking twice moves no money: the caller may simply ask again.
      throw GatewayError.unavailable(
          "Daraja could not be asked for the balance: " + e.getMessage());
    }
    ObjectNode request = Json.object();
    request
        .put("object", "balance_request")
        .put("short_code", shortCode)
        .put("conversation_id", ack.conversationId())
        .put("requested_at", Json.time(clock.millis()));
    settings.put(REQUEST, Json.text(request));
    return request;
  }

  /** The balances last reported, with when; {@code 404} before the first refresh answered. */
  public ObjectNode latest() {
    return settings
        .get(SNAPSHOT)
        .map(text -> (ObjectNode) Json.parseStored(text))
        .orElseThrow(
            () ->
                GatewayError.notFound(
                    "No balance has been reported yet: POST /v1/balance/refresh, then read it"
                        + " again in a few seconds."));
  }

  /** Applies an Account Balance Result, inside the transaction that stores it. */
  public Verdict result(Connection c, byte[] body) throws SQLException {
    AccountBalanceResult result;
    try {
      result =
          (AccountBalanceResult)
              DarajaCallbacks.parseResult(body, ResultCodes.Family.ACCOUNT_BALANCE);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    String key = result.envelope().conversationId();
    if (!result.envelope().resultCode().isSuccess()) {
      return Verdict.of(
          Verdict.Outcome.RECORDED,
          "Account Balance failed: "
              + result.envelope().resultCode().code()
              + " "
              + result.envelope().resultDesc(),
          null,
          key);
    }
    ObjectNode snapshot = Json.object();
    snapshot.put("object", "balance").put("short_code", shortCode);
    ArrayNode accounts = snapshot.putArray("accounts");
    for (Account account : result.accounts()) {
      accounts
          .addObject()
          .put("name", account.name())
          .put("currency", account.currency())
          .put("current", text(account.current()))
          .put("available", text(account.available()))
          .put("reserved", text(account.reserved()))
          .put("uncleared", text(account.unclear()));
    }
    long asOf =
        result
            .completedTime()
            .map(t -> t.atZone(StkPayment.EAT).toInstant().toEpochMilli())
            .orElse(clock.millis());
    snapshot.put("as_of", Json.time(asOf)).put("received_at", Json.time(clock.millis()));
    settings.put(c, SNAPSHOT, Json.text(snapshot));
    return Verdict.of(Verdict.Outcome.APPLIED, "balances recorded", null, key);
  }

  private static String text(BigDecimal amount) {
    return amount == null
        ? null
        : amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
  }
}
