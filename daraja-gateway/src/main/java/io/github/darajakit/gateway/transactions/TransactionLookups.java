package io.github.darajakit.gateway.transactions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.InitiatorAcknowledgement;
import io.github.darajakit.client.ResultCodes;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.client.callbacks.StkPayment;
import io.github.darajakit.client.callbacks.TransactionStatusResult;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.core.Json;
import io.github.darajakit.gateway.store.Database;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.store.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * {@code GET /v1/transactions/{receipt}}: what M-Pesa says about a receipt, from Transaction
 * Status.
 *
 * <p>Daraja answers Transaction Status on a ResultURL, so the first read asks and answers 202; the
 * answer, when it comes ({@link #result}), is kept and served from then on. A kept answer older
 * than {@link #FRESH_FOR} is served and asked again in the background of the next read, so a lookup
 * never waits on Daraja. Asking moves no money.
 */
public final class TransactionLookups {

  /** Told of every answer kept, in the transaction that keeps it. */
  @FunctionalInterface
  public interface Listener {
    void answered(Connection c, String receipt, TransactionStatusResult answer) throws SQLException;
  }

  /** How long an answer is served without asking again. */
  public static final Duration FRESH_FOR = Duration.ofMinutes(10);

  private final Database database;
  private final DarajaClient daraja;
  private final Clock clock;
  private final String defaultShortCode;
  private final String resultUrl;
  private final String queueTimeOutUrl;
  private final Listener listener;

  /**
   * @param defaultShortCode the party to ask as when the receipt is none of ours (the B2C
   *     shortcode, else the client's), or {@code null}
   */
  public TransactionLookups(
      Database database,
      DarajaClient daraja,
      Clock clock,
      String defaultShortCode,
      String resultUrl,
      String queueTimeOutUrl,
      Listener listener) {
    this.listener = listener;
    this.database = database;
    this.daraja = daraja;
    this.clock = clock;
    this.defaultShortCode = defaultShortCode;
    this.resultUrl = resultUrl;
    this.queueTimeOutUrl = queueTimeOutUrl;
  }

  /**
   * What is known of a receipt.
   *
   * @param answered whether Daraja has answered; if not, it has been asked and the body says to
   *     read again shortly
   * @param body the {@code transaction_lookup} object
   */
  public record Lookup(boolean answered, ObjectNode body) {}

  /** The kept answer, or a pending one after asking Daraja. */
  public Lookup lookup(String receipt, String shortCodeOverride) {
    if (!Receipts.shaped(receipt)) {
      throw GatewayError.invalid(
          "receipt", "receipt must be an M-Pesa receipt: 10 capital letters and digits");
    }
    Optional<Row> kept = database.read(c -> find(c, receipt));
    long now = clock.millis();
    if (kept.isPresent() && kept.get().answer() != null) {
      if (now - kept.get().answeredAt() > FRESH_FOR.toMillis()
          && now - kept.get().requestedAt() > FRESH_FOR.toMillis()) {
        try {
          ask(receipt, shortCodeOverride);
        } catch (GatewayError e) {
          // Daraja cannot be asked just now: the kept answer, with its answered_at, still serves.
        }
      }
      return new Lookup(true, (ObjectNode) Json.parseStored(kept.get().answer()));
    }
    if (kept.isEmpty() || now - kept.get().requestedAt() > Duration.ofMinutes(1).toMillis()) {
      ask(receipt, shortCodeOverride);
    }
    ObjectNode pending = Json.object();
    pending
        .put("object", "transaction_lookup")
        .put("receipt", receipt)
        .put("status", "pending")
        .put(
            "message", "Daraja has been asked about this receipt; read it again in a few seconds.");
    return new Lookup(false, pending);
  }

  private void ask(String receipt, String shortCodeOverride) {
    request(receipt, shortCodeOverride != null ? shortCodeOverride : partyFor(receipt));
  }

  /**
   * Asks Transaction Status about a receipt as {@code party}; the answer is kept (and told to the
   * listener) when it arrives.
   *
   * @throws GatewayError if Daraja refused the question, or could not be asked
   */
  public void request(String receipt, String party) {
    InitiatorAcknowledgement ack;
    try {
      ack =
          daraja
              .transactions()
              .status(
                  TransactionStatusRequest.builder()
                      .transactionId(receipt)
                      .partyA(party)
                      .remarks("Transaction lookup")
                      .resultUrl(resultUrl)
                      .queueTimeOutUrl(queueTimeOutUrl)
                      .build());
    } catch (DarajaApiException e) {
      throw GatewayError.refusedByRail(
          "daraja_refused", "Daraja refused the lookup: " + e.getMessage());
    } catch (DarajaValidationException e) {
      // Refused before anything was sent: the party (given, or found in our records) is not one
      // Daraja would take. Not Daraja being unavailable.
      throw GatewayError.conflict(
          "lookup_not_possible",
          "Transaction Status cannot be asked as party '"
              + GatewayError.printable(party)
              + "': "
              + e.getMessage()
              + " (the short_code given, or the shortcode of our record of the receipt)");
    } catch (DarajaException e) {
      throw GatewayError.unavailable("Daraja could not be asked: " + e.getMessage());
    }
    String queryId =
        ack.conversationId() == null || ack.conversationId().isBlank()
            ? ack.originatorConversationId()
            : ack.conversationId();
    long now = clock.millis();
    database.write(
        c ->
            Sql.update(
                c,
                "INSERT INTO transaction_lookups (receipt, query_id, requested_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (receipt) DO UPDATE SET query_id = excluded.query_id,"
                    + " requested_at = excluded.requested_at",
                receipt,
                queryId,
                now));
  }

  /** The shortcode that took part in a receipt we know, else the default. */
  private String partyFor(String receipt) {
    return database
        .read(
            c ->
                Sql.one(
                    c,
                    "SELECT short_code FROM payouts WHERE mpesa_receipt = ? UNION ALL"
                        + " SELECT short_code FROM payments WHERE mpesa_receipt = ? UNION ALL"
                        + " SELECT short_code FROM c2b_payments WHERE trans_id = ? LIMIT 1",
                    r -> r.getString(1),
                    receipt,
                    receipt,
                    receipt))
        .orElse(defaultShortCode);
  }

  /** Keeps a Transaction Status answer for the receipt its query asked about. */
  public Verdict result(Connection c, byte[] body) throws SQLException {
    TransactionStatusResult result;
    try {
      result =
          (TransactionStatusResult)
              DarajaCallbacks.parseResult(body, ResultCodes.Family.TRANSACTION_STATUS);
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    String conversationId = result.envelope().conversationId();
    String originatorId = result.envelope().originatorConversationId();
    Optional<String> receipt = Optional.empty();
    Optional<String> queryId = Optional.empty();
    for (String id : new String[] {conversationId, originatorId}) {
      if (receipt.isEmpty() && id != null && !id.isEmpty()) {
        receipt =
            Sql.one(
                c,
                "SELECT receipt FROM transaction_lookups WHERE query_id = ?",
                r -> r.getString(1),
                id);
        queryId = receipt.map(found -> id);
      }
    }
    if (receipt.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.UNMATCHED, "a Transaction Status Result for no lookup", null, null);
    }
    long now = clock.millis();
    ObjectNode answer = Json.object();
    answer
        .put("object", "transaction")
        .put("receipt", receipt.get())
        .put("found", result.envelope().resultCode().isSuccess())
        .put("status", result.transactionStatus().orElse(null))
        .put("amount", result.amount().map(TransactionLookups::money).orElse(null))
        .put("debit_party", result.debitPartyName().orElse(null))
        .put("credit_party", result.creditPartyName().orElse(null))
        .put("reason_type", result.reasonType().orElse(null))
        .put("initiated_at", result.initiatedTime().map(TransactionLookups::time).orElse(null))
        .put("finalised_at", result.finalisedTime().map(TransactionLookups::time).orElse(null))
        .put("result_code", result.envelope().resultCode().code())
        .put("result_desc", result.envelope().resultDesc())
        .put("answered_at", Json.time(now));
    // Only while the question is still open: a copy of this answer, taken by another writer at
    // the same moment, finds it answered (on PostgreSQL it waits for the first, then matches
    // nothing) and changes nothing.
    int kept =
        Sql.update(
            c,
            "UPDATE transaction_lookups SET answer = ?, answered_at = ?, query_id = NULL WHERE"
                + " receipt = ? AND query_id = ?",
            Json.text(answer),
            now,
            receipt.get(),
            queryId.get());
    if (kept == 0) {
      return Verdict.of(
          Verdict.Outcome.DUPLICATE, "this lookup is already answered", null, receipt.get());
    }
    listener.answered(c, receipt.get(), result);
    return Verdict.of(Verdict.Outcome.APPLIED, "transaction lookup answered", null, receipt.get());
  }

  private static String money(BigDecimal amount) {
    return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
  }

  private static String time(LocalDateTime t) {
    return Json.time(t.atZone(StkPayment.EAT).toInstant().toEpochMilli());
  }

  private Optional<Row> find(Connection c, String receipt) throws SQLException {
    return Sql.one(
        c,
        "SELECT requested_at, answered_at, answer FROM transaction_lookups WHERE receipt = ?",
        r -> new Row(r.getLong(1), Sql.nullableLong(r, "answered_at"), r.getString(3)),
        receipt);
  }

  private record Row(long requestedAt, Long answeredAt, String answer) {}
}
