package io.github.darajakit.gateway.b2bcollections;

import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.ResultCode;
import io.github.darajakit.client.callbacks.B2bExpressCheckoutCallback;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import io.github.darajakit.gateway.callbacks.CallbackHandler;
import io.github.darajakit.gateway.callbacks.Received;
import io.github.darajakit.gateway.callbacks.Verdict;
import io.github.darajakit.gateway.initiator.Evidence;
import io.github.darajakit.gateway.store.Receipts;
import io.github.darajakit.gateway.transactions.ReceiptChecks;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Applies B2B Express Checkout callbacks to collections, inside the transaction that stores them. A
 * callback is evidence, not truth: it settles a collection only if its {@code requestId} is the
 * RequestRefID the collection was pushed with, it arrived at that collection's URL (when it came to
 * one), and what it says agrees with what was asked — the amount and, when given, the payment
 * reference. A success must carry an M-Pesa receipt no other record owns. Anything else is kept and
 * changes nothing but, where it names a collection, that collection's flag for a person.
 */
final class B2bCollectionCallbacks implements CallbackHandler {

  private final B2bCollectionStore collections;
  private final B2bCollectionService service;
  private final Receipts receipts;
  private final ReceiptChecks receiptChecks;
  private final Clock clock;

  B2bCollectionCallbacks(
      B2bCollectionStore collections,
      B2bCollectionService service,
      Receipts receipts,
      ReceiptChecks receiptChecks,
      Clock clock) {
    this.collections = collections;
    this.service = service;
    this.receipts = receipts;
    this.receiptChecks = receiptChecks;
    this.clock = clock;
  }

  @Override
  public Verdict apply(Connection c, Received received) throws SQLException {
    B2bExpressCheckoutCallback callback;
    try {
      callback = DarajaCallbacks.parseB2bExpressCheckoutCallback(received.body());
    } catch (DarajaCallbackParseException e) {
      return Verdict.of(Verdict.Outcome.UNPARSEABLE, e.getMessage(), null, null);
    }
    String key = callback.requestId();
    String token = received.callbackToken();
    Optional<B2bCollection> found = collections.byRequestRefId(c, key);
    if (found.isEmpty()) {
      Optional<B2bCollection> atItsUrl =
          token == null ? Optional.empty() : collections.find(c, token);
      if (atItsUrl.isEmpty()) {
        return Verdict.of(
            Verdict.Outcome.UNMATCHED, "a callback naming no B2B collection we sent", null, key);
      }
      // ⚠ REFERENCE §8 does not say that requestId echoes the RequestRefID. If Daraja's is its own
      // id, only the URL names the collection: a person compares it with the statement, since
      // nothing in the body can be checked against what was sent.
      String reason =
          "a callback at its URL gave requestId "
              + key
              + ", not the RequestRefID it was pushed with, saying "
              + describe(callback)
              + ": not applied; check the statement of "
              + atItsUrl.get().receiverShortCode();
      service.records().flag(c, atItsUrl.get().id(), reason);
      return Verdict.of(Verdict.Outcome.UNMATCHED, reason, atItsUrl.get().id(), key);
    }
    B2bCollection collection = found.get();
    Optional<String> disagreement = disagreement(collection, callback, token);
    if (disagreement.isPresent()) {
      String reason = "a callback disagreed with the collection: " + disagreement.get();
      service.records().flag(c, collection.id(), reason + "; not applied");
      return Verdict.of(Verdict.Outcome.MISMATCH, reason, collection.id(), key);
    }
    return callback.isPaid()
        ? paid(c, collection, callback, key)
        : failed(c, collection, callback, key);
  }

  /** What in a callback does not fit the collection it names, if anything. */
  private static Optional<String> disagreement(
      B2bCollection collection, B2bExpressCheckoutCallback callback, String token) {
    if (token != null && !token.equals(collection.id())) {
      return Optional.of("it arrived at the URL of " + token);
    }
    // A failure may leave the amount out; a success must state it.
    if (callback.isPaid() || callback.amount().isPresent()) {
      Optional<String> amount = Evidence.amountDisagreement(callback.amount(), collection.amount());
      if (amount.isPresent()) {
        return amount;
      }
    }
    Optional<String> reference = callback.paymentReference();
    if (reference.isPresent() && !reference.get().equals(collection.paymentReference())) {
      return Optional.of(
          "payment reference " + reference.get() + " instead of " + collection.paymentReference());
    }
    if (callback.isPaid()) {
      String receipt = callback.transactionId().orElse("");
      if (!Receipts.wellFormed(receipt)) {
        return Optional.of(
            receipt.isEmpty() ? "a success without a transactionId" : "a malformed transactionId");
      }
    }
    return Optional.empty();
  }

  /**
   * Applies proof that the till paid: it settles a collection waiting for its outcome, and
   * overrides one recorded failed (flagged: the merchant may have asked the till again). Its
   * receipt must belong to nothing else.
   */
  private Verdict paid(
      Connection c, B2bCollection collection, B2bExpressCheckoutCallback callback, String key)
      throws SQLException {
    String receipt = callback.transactionId().orElseThrow();
    Optional<Verdict> taken =
        service
            .records()
            .claimReceipt(
                c,
                receipts,
                receipt,
                "b2b_collection",
                collection,
                "success callback",
                key,
                clock.millis());
    if (taken.isPresent()) {
      return taken.get();
    }
    if (collection.status() == B2bCollectionStatus.SUCCEEDED) {
      if (receipt.equals(collection.receipt())) {
        return Verdict.of(
            Verdict.Outcome.DUPLICATE, "the collection is already succeeded", collection.id(), key);
      }
      String reason =
          "a second success callback names receipt "
              + receipt
              + " besides "
              + collection.receipt()
              + ": did the till pay twice? Check the statement";
      service.records().flag(c, collection.id(), reason);
      return Verdict.of(Verdict.Outcome.MISMATCH, reason, collection.id(), key);
    }
    long now = clock.millis();
    Optional<B2bCollection> settled =
        service
            .records()
            .claim(
                c,
                collection,
                b -> {
                  if (b.status() == B2bCollectionStatus.SUCCEEDED) {
                    return Optional.empty();
                  }
                  B2bCollection.Builder next =
                      b.toBuilder()
                          .status(B2bCollectionStatus.SUCCEEDED)
                          .conversationId(callback.conversationId().orElse(null))
                          .completed(receipt, now)
                          .result(callback.resultCode().code(), callback.resultDesc())
                          .failureReason(null)
                          .nextCheck(null, b.checkAttempts());
                  return Optional.of(
                      (b.status() == B2bCollectionStatus.FAILED
                              ? next.addAttention(
                                  "it was recorded failed ("
                                      + b.resultCode()
                                      + "), but a success callback says the till paid (receipt "
                                      + receipt
                                      + "): if the till was asked again, it may have paid twice")
                              // Evidence settles what a person was asked to find out; the flag
                              // stays in its needs_attention event.
                              : next.clearAttention())
                          .build(now));
                });
    if (settled.isEmpty()) {
      return Verdict.of(
          Verdict.Outcome.DUPLICATE, "the collection is already succeeded", collection.id(), key);
    }
    receiptChecks.expect(
        c,
        new ReceiptChecks.Check(
            receipt,
            "b2b_collection",
            collection.id(),
            collection.primaryShortCode(),
            collection.amount(),
            collection.receiverShortCode(),
            0));
    return Verdict.of(
        Verdict.Outcome.APPLIED,
        "B2B collection succeeded (" + receipt + ")",
        collection.id(),
        key);
  }

  /** Applies proof that the till did not pay, to a collection still waiting for its outcome. */
  private Verdict failed(
      Connection c, B2bCollection collection, B2bExpressCheckoutCallback callback, String key)
      throws SQLException {
    ResultCode code = callback.resultCode();
    if (collection.status().isTerminal()) {
      boolean same = collection.status() == B2bCollectionStatus.FAILED;
      return Verdict.of(
          same ? Verdict.Outcome.DUPLICATE : Verdict.Outcome.LATE,
          "the collection is already "
              + collection.status().apiName()
              + (same
                  ? ""
                  : "; this callback says failed (" + code.code() + "): kept, not applied"),
          collection.id(),
          key);
    }
    Optional<B2bCollection> settled =
        service
            .records()
            .claim(
                c,
                collection,
                b ->
                    b.status().isTerminal()
                        ? Optional.empty()
                        : Optional.of(
                            b.toBuilder()
                                .status(B2bCollectionStatus.FAILED)
                                .result(code.code(), callback.resultDesc())
                                .failureReason(
                                    code.meaning().isBlank()
                                        ? callback.resultDesc()
                                        : code.meaning())
                                .nextCheck(null, b.checkAttempts())
                                .clearAttention()
                                .build(clock.millis())));
    return Verdict.of(
        settled.isPresent() ? Verdict.Outcome.APPLIED : Verdict.Outcome.LATE,
        settled.isPresent()
            ? "B2B collection failed (" + code.code() + ")"
            : "the collection was settled meanwhile: kept, not applied",
        collection.id(),
        key);
  }

  private static String describe(B2bExpressCheckoutCallback callback) {
    return callback.isPaid()
        ? "paid KES "
            + callback.amount().map(a -> a.toPlainString()).orElse("(no amount)")
            + " with receipt "
            + callback.transactionId().orElse("(none)")
        : "failed (" + callback.resultCode().code() + ")";
  }
}
