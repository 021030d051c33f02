package io.github.darajakit.gateway.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.adversarial.CallbackLog.Post;
import io.github.darajakit.gateway.adversarial.DarajaWire.MoneyRequest;
import io.github.darajakit.gateway.adversarial.DarajaWire.Sent;
import io.github.darajakit.gateway.adversarial.Intents.Intent;
import io.github.darajakit.gateway.adversarial.Intents.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a run. The truth is what the emulator's ledger says was paid, what the wire in front of it
 * says was asked, and what the callback log says each gateway acknowledged; the gateways' own
 * records are what is judged, never the judge.
 */
final class Oracle {

  /** The gateways' records after the run, read through the merchant API. */
  record GatewayView(
      List<JsonNode> payments,
      List<JsonNode> payouts,
      List<JsonNode> b2bPayments,
      List<JsonNode> c2bPayments,
      List<JsonNode> reversals,
      List<JsonNode> callbacks,
      List<JsonNode> succeededEvents) {}

  /** The oracle's counts, each with a few examples; a run passes when every violation is 0. */
  static final class Verdict {
    /** The invariants: each must be 0. */
    final Map<String, Long> violations = new LinkedHashMap<>();

    /** Counts worth knowing that break no invariant. */
    final Map<String, Long> observations = new LinkedHashMap<>();

    final Map<String, List<String>> examples = new LinkedHashMap<>();

    private void violation(String name, long count) {
      violations.merge(name, count, Long::sum);
    }

    private void example(String name, String example) {
      List<String> list = examples.computeIfAbsent(name, n -> new ArrayList<>());
      if (list.size() < 5) {
        list.add(example);
      }
    }

    private void found(String name, String example) {
      violation(name, 1);
      example(name, example);
    }

    boolean passed() {
      return violations.values().stream().allMatch(count -> count == 0);
    }
  }

  static final String PAID_TWICE = "intents paid more than once (ledger)";
  static final String UNASKED = "ledger payments no intent or gateway record asked for";
  static final String LOST = "acknowledged callbacks not stored";
  static final String STORED_TOO_OFTEN = "callbacks stored more often than posted";
  static final String APPLIED_TWICE = "callbacks applied more than once";
  static final String CREDITED_TWICE = "records that succeeded more than once (events)";
  static final String RECEIPT_TWICE = "receipts credited to two records";
  static final String NOT_ITS_RECEIPT =
      "records credited with a receipt the ledger gives elsewhere";
  static final String PAID_BUT_FAILED = "payouts the ledger shows paid left failed";
  static final String SENT_TWICE = "money-moving requests sent more often than allowed";

  private static final Set<Kind> PAID_OUT = EnumSet.of(Kind.PAYOUT, Kind.BATCH_ROW);

  private final Verdict verdict = new Verdict();
  private final Intents intents;
  private final List<JsonNode> ledger;
  private final List<Sent> wire;
  private final List<Post> posts;

  /** The forged posts alone: examples name the forgeries that carried a receipt. */
  private final List<Post> forged;

  private final GatewayView gateway;
  private final Map<String, JsonNode> ledgerByReceipt = new HashMap<>();
  private final Map<String, List<JsonNode>> paidByKey = new HashMap<>();

  /** The records each receipt is credited to. */
  private final Map<String, List<String>> receiptHolders = new LinkedHashMap<>();

  /** Gateway records by intent key: phone, account reference, or "reversal:" and the receipt. */
  private final Map<String, List<JsonNode>> records = new HashMap<>();

  private Oracle(
      List<JsonNode> ledger,
      Intents intents,
      List<Sent> wire,
      List<Post> posts,
      GatewayView gateway) {
    this.ledger = ledger;
    this.intents = intents;
    this.wire = wire;
    this.posts = posts;
    this.forged = posts.stream().filter(p -> p.source() == CallbackLog.Source.FORGED).toList();
    this.gateway = gateway;
    for (JsonNode entry : ledger) {
      ledgerByReceipt.put(entry.path("receipt").asText(), entry);
      if (!entry.path("status").asText().equals("failed")) {
        paidByKey.computeIfAbsent(key(entry), k -> new ArrayList<>()).add(entry);
      }
    }
    index(gateway.payments(), "phone");
    index(gateway.payouts(), "phone");
    index(gateway.b2bPayments(), "account_reference");
    index(gateway.reversals(), "receipt");
  }

  static Verdict judge(
      List<JsonNode> ledger,
      Intents intents,
      List<Sent> wire,
      List<Post> posts,
      GatewayView gateway) {
    return new Oracle(ledger, intents, wire, posts, gateway).judge();
  }

  private Verdict judge() {
    for (String name :
        List.of(
            PAID_TWICE,
            UNASKED,
            LOST,
            STORED_TOO_OFTEN,
            APPLIED_TWICE,
            CREDITED_TWICE,
            RECEIPT_TWICE,
            NOT_ITS_RECEIPT,
            PAID_BUT_FAILED,
            SENT_TWICE)) {
      verdict.violation(name, 0);
    }
    paidAtMostOnce();
    nothingUnasked();
    callbacksKept();
    creditedOnce();
    receipts();
    paidNotFailed();
    sentOnce();
    return verdict;
  }

  /** The intent key a ledger entry belongs to: who paid or was paid, or what was reversed. */
  static String key(JsonNode entry) {
    String kind = entry.path("kind").asText();
    if (kind.startsWith("stk_") || kind.startsWith("c2b_")) {
      return party(entry.path("debitParty").asText());
    }
    if (kind.startsWith("b2c_") || kind.equals("b2pochi")) {
      return party(entry.path("creditParty").asText());
    }
    if (kind.startsWith("b2b_")) {
      return entry.path("billReference").asText();
    }
    if (kind.equals("reversal")) {
      return "reversal:" + entry.path("originalReceipt").asText();
    }
    return kind + ":" + entry.path("receipt").asText();
  }

  /** The kinds of intent a ledger entry can satisfy. */
  private static Set<Kind> kindsFor(JsonNode entry) {
    String kind = entry.path("kind").asText();
    if (kind.startsWith("stk_")) {
      return EnumSet.of(Kind.PAYMENT);
    }
    if (kind.startsWith("c2b_")) {
      return EnumSet.of(Kind.C2B_PAYMENT);
    }
    if (kind.startsWith("b2c_")) {
      return PAID_OUT;
    }
    if (kind.startsWith("b2b_")) {
      return EnumSet.of(Kind.B2B_PAYMENT);
    }
    return EnumSet.noneOf(Kind.class);
  }

  private static String party(String publicName) {
    int dash = publicName.indexOf(" - ");
    return dash < 0 ? publicName : publicName.substring(0, dash);
  }

  private static long amount(JsonNode entry) {
    return new BigDecimal(entry.path("amount").asText("0")).longValue();
  }

  private void index(List<JsonNode> list, String field) {
    for (JsonNode record : list) {
      String key = record.path(field).asText("");
      if (!key.isEmpty()) {
        records
            .computeIfAbsent(
                field.equals("receipt") ? "reversal:" + key : key, k -> new ArrayList<>())
            .add(record);
      }
    }
  }

  /** (1) Each intent the gateway was asked to pay is paid at most once in the ledger. */
  private void paidAtMostOnce() {
    for (Intent intent : intents.all()) {
      List<JsonNode> paid = paidByKey.getOrDefault(intent.key, List.of());
      if (intent.kind != Kind.C2B_PAYMENT && paid.size() > 1) {
        verdict.found(
            PAID_TWICE,
            intent.kind
                + " "
                + intent.key
                + " (KES "
                + intent.amount
                + ", gateway records "
                + records.getOrDefault(intent.key, List.of()).stream()
                    .map(r -> r.path("id").asText() + " " + r.path("status").asText())
                    .toList()
                + ") paid "
                + paid.size()
                + " times: "
                + paid.stream()
                    .map(
                        e ->
                            e.path("receipt").asText()
                                + " under "
                                + e.path("originatorConversationId").asText())
                    .toList());
      }
    }
  }

  /** (1) No money moved in the ledger that no intent, and no gateway record, asked for. */
  private void nothingUnasked() {
    for (JsonNode entry : ledger) {
      if (entry.path("status").asText().equals("failed")) {
        continue;
      }
      String key = key(entry);
      String problem = null;
      if (entry.path("kind").asText().equals("reversal")) {
        String reversed = entry.path("originalReceipt").asText();
        if (intents.reversalsOf(reversed) == 0) {
          problem = "a reversal of " + reversed + " no merchant request may have sent";
        } else if (!records.containsKey(key)) {
          problem = "a reversal of " + reversed + " with no gateway reversal record";
        }
      } else {
        Intent intent = intents.byKey(key);
        if (intent == null || !kindsFor(entry).contains(intent.kind)) {
          problem = "no intent has key " + key;
        } else if (intent.amount != amount(entry)) {
          problem = "KES " + amount(entry) + " where " + key + " asked for KES " + intent.amount;
        } else if (intent.kind != Kind.C2B_PAYMENT && !records.containsKey(key)) {
          problem = "no gateway record for " + key;
        }
      }
      if (problem != null) {
        verdict.found(
            UNASKED,
            entry.path("receipt").asText() + " " + entry.path("kind").asText() + ": " + problem);
      }
    }
  }

  /**
   * (2) Every callback a gateway acknowledged is stored — once per post, never more often than it
   * was posted — and the same callback is applied at most once however often it came.
   */
  private void callbacksKept() {
    Map<String, int[]> sent = new HashMap<>(); // body -> {posted, acknowledged}
    for (Post post : posts) {
      int[] counts = sent.computeIfAbsent(post.body(), b -> new int[2]);
      counts[0]++;
      // A C2B validation's answer is a decision, given even when storing it failed (M-Pesa waits
      // only seconds for it: callbacks-and-security.md), so it promises nothing about storage.
      counts[1] += post.acknowledged() && !post.path().equals("c2b/validation") ? 1 : 0;
    }
    Map<String, int[]> kept = new HashMap<>(); // body -> {stored, applied}
    for (JsonNode callback : gateway.callbacks()) {
      int[] counts = kept.computeIfAbsent(callback.path("body").asText(), b -> new int[2]);
      counts[0]++;
      counts[1] += callback.path("outcome").asText().equals("applied") ? 1 : 0;
    }
    sent.forEach(
        (body, counts) -> {
          int storedCount = kept.getOrDefault(body, new int[2])[0];
          if (storedCount < counts[1]) {
            verdict.violation(LOST, counts[1] - storedCount);
            verdict.example(
                LOST, counts[1] + " acknowledged, " + storedCount + " stored: " + shorten(body));
          }
        });
    kept.forEach(
        (body, counts) -> {
          int posted = sent.getOrDefault(body, new int[2])[0];
          if (counts[0] > posted) {
            verdict.violation(STORED_TOO_OFTEN, counts[0] - posted);
            verdict.example(
                STORED_TOO_OFTEN, counts[0] + " stored, " + posted + " posted: " + shorten(body));
          }
          if (counts[1] > 1) {
            verdict.violation(APPLIED_TWICE, counts[1] - 1);
            verdict.example(APPLIED_TWICE, counts[1] + " applied: " + shorten(body));
          }
        });
  }

  /** (2) No payment, payout or B2B payment succeeds twice in the gateway's books. */
  private void creditedOnce() {
    Map<String, Integer> perObject = new HashMap<>();
    for (JsonNode event : gateway.succeededEvents()) {
      perObject.merge(event.path("data").path("object").path("id").asText(), 1, Integer::sum);
    }
    perObject.forEach(
        (id, count) -> {
          if (count > 1) {
            verdict.found(CREDITED_TWICE, id + " succeeded " + count + " times");
          }
        });
  }

  /**
   * (3) No receipt is credited to two records (payments, C2B payments, payouts, B2B payments), and
   * a record the gateway asked Daraja for is credited only with a receipt the ledger gives it.
   */
  private void receipts() {
    for (JsonNode payment : gateway.payments()) {
      credited(payment, "phone", Set.of("succeeded", "reversed"));
    }
    for (JsonNode payout : gateway.payouts()) {
      credited(payout, "phone", Set.of("succeeded"));
    }
    for (JsonNode b2b : gateway.b2bPayments()) {
      credited(b2b, "account_reference", Set.of("succeeded"));
    }
    for (JsonNode c2b : gateway.c2bPayments()) {
      receiptHolders
          .computeIfAbsent(c2b.path("trans_id").asText(), r -> new ArrayList<>())
          .add(c2b.path("id").asText());
    }
    receiptHolders.forEach(
        (receipt, ids) -> {
          if (ids.size() > 1) {
            verdict.found(
                RECEIPT_TWICE,
                receipt + " credited to " + ids + forgedWith(RECEIPT_TWICE, receipt));
          }
        });
  }

  private void credited(JsonNode record, String keyField, Set<String> creditedStatuses) {
    String receipt = record.path("mpesa_receipt").asText("");
    if (receipt.isEmpty() || !creditedStatuses.contains(record.path("status").asText())) {
      return;
    }
    String id = record.path("id").asText();
    receiptHolders.computeIfAbsent(receipt, r -> new ArrayList<>()).add(id);
    JsonNode entry = ledgerByReceipt.get(receipt);
    String key = record.path(keyField).asText();
    boolean itsOwn =
        entry != null && key(entry).equals(key) && amount(entry) == record.path("amount").asLong();
    if (!itsOwn && record.path("needs_attention").asText("").contains(receipt)) {
      // A forged callback that beat the real one to a receipt is indistinguishable from it when it
      // arrives; what the gateway owes is to put the credit before a person once the receipt's
      // true owner shows up, naming the receipt. Counted, not a violation.
      verdict.observations.merge(
          "records credited with a receipt the ledger gives elsewhere, disputed and with a person",
          1L,
          Long::sum);
      return;
    }
    if (entry == null) {
      verdict.found(
          NOT_ITS_RECEIPT,
          id
              + " ("
              + key
              + ") credited with "
              + receipt
              + ", which the ledger has never seen"
              + forgedWith(NOT_ITS_RECEIPT, receipt));
    } else if (!key(entry).equals(key) || amount(entry) != record.path("amount").asLong()) {
      verdict.found(
          NOT_ITS_RECEIPT,
          id
              + " ("
              + key
              + ", KES "
              + record.path("amount").asLong()
              + ") credited with "
              + receipt
              + ", which the ledger gives to "
              + key(entry)
              + " for KES "
              + amount(entry)
              + forgedWith(NOT_ITS_RECEIPT, receipt));
    }
  }

  /** (4) A payout or B2B payment the ledger shows paid is not left failed. */
  private void paidNotFailed() {
    long paidNotSucceeded = 0;
    for (Intent intent : intents.all()) {
      if (!PAID_OUT.contains(intent.kind) && intent.kind != Kind.B2B_PAYMENT) {
        continue;
      }
      List<JsonNode> paid = paidByKey.getOrDefault(intent.key, List.of());
      if (paid.isEmpty()) {
        continue;
      }
      for (JsonNode record : records.getOrDefault(intent.key, List.of())) {
        String status = record.path("status").asText();
        if (status.equals("failed")) {
          verdict.found(
              PAID_BUT_FAILED,
              record.path("id").asText()
                  + " ("
                  + intent.key
                  + ") is failed ("
                  + record.path("result_code").asText()
                  + " "
                  + record.path("failure_reason").asText()
                  + ") but the ledger paid it: "
                  + paid.get(0).path("receipt").asText()
                  + " under "
                  + paid.get(0).path("originatorConversationId").asText()
                  + " (its OriginatorConversationID now: "
                  + record.path("originator_conversation_id").asText()
                  + ")");
        } else if (!status.equals("succeeded")) {
          paidNotSucceeded++;
        }
      }
    }
    verdict.observations.put(
        "paid payouts not (yet) succeeded: unknown, pending or with a person", paidNotSucceeded);
  }

  /**
   * (5) No money-moving request is sent more often than allowed: a B2C request once per
   * OriginatorConversationID, an STK push once per payment, a B2B payment once plus once per
   * resubmission that may have run, a reversal once per request for it that may have run.
   */
  private void sentOnce() {
    Map<String, Integer> sends = new LinkedHashMap<>();
    for (Sent sent : wire) {
      if (sent.reachedProcessing()) {
        sends.merge(sent.request() + " " + sent.key(), 1, Integer::sum);
      }
    }
    sends.forEach(
        (request, count) -> {
          String key = request.substring(request.indexOf(' ') + 1);
          MoneyRequest kind = MoneyRequest.valueOf(request.substring(0, request.indexOf(' ')));
          int allowed =
              switch (kind) {
                case B2C, STK_PUSH -> 1;
                case B2B -> {
                  Intent intent = intents.byKey(key);
                  yield 1 + (intent == null ? 0 : intent.resubmissions.get());
                }
                case REVERSAL -> intents.reversalsOf(key);
              };
          if (count > allowed) {
            verdict.violation(SENT_TWICE, count - allowed);
            verdict.example(SENT_TWICE, request + " sent " + count + " times, allowed " + allowed);
          }
        });
  }

  /**
   * {@code " (in forged callbacks: STK_USED_RECEIPT)"}, or {@code ""} if none carried the receipt;
   * counts the violation under each forgery that carried it, so the summary says which forgeries
   * get through.
   */
  private String forgedWith(String violation, String receipt) {
    List<String> forgeries =
        forged.stream()
            .filter(p -> p.body().contains(receipt))
            .map(p -> p.label() + (p.acknowledged() ? "" : " (unacknowledged)"))
            .distinct()
            .toList();
    for (String forgery : forgeries) {
      verdict.observations.merge(violation + ", carried by forged " + forgery, 1L, Long::sum);
    }
    return forgeries.isEmpty()
        ? ""
        : " (in forged callbacks: " + String.join(", ", forgeries) + ")";
  }

  private static String shorten(String body) {
    return body.length() <= 160 ? body : body.substring(0, 160) + "…";
  }
}
