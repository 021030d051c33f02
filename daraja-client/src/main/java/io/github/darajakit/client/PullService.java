package io.github.darajakit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.client.internal.Check;
import io.github.darajakit.client.internal.ClientContext;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.pull.PullQueryRequest;
import io.github.darajakit.client.pull.PullQueryResponse;
import io.github.darajakit.client.pull.PullRegisterRequest;
import io.github.darajakit.client.pull.PullRegisterResponse;
import io.github.darajakit.client.pull.PulledTransaction;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Pull Transactions (REFERENCE §13): the C2B payments a shortcode received, to recover
 * confirmations that never arrived (M-Pesa does not retry them).
 *
 * <pre>{@code
 * daraja.pull().register(PullRegisterRequest.builder()
 *     .shortCode("600992").nominatedNumber("0722000000")
 *     .callbackUrl("https://shop.example.com/payments/pull")
 *     .build());
 *
 * Instant now = Instant.now();
 * for (PulledTransaction t : daraja.pull().queryAll("600992", now.minus(Duration.ofHours(6)), now)) {
 *   ledger.recordIfMissing(t.transactionId(), t.amountCents(), t.billReference());
 * }
 * }</pre>
 *
 * <p>Both calls are safe to retry: they move no money.
 */
public final class PullService {

  /** Payments per page of a query. */
  public static final int PAGE_SIZE = 100;

  private static final DateTimeFormatter WIRE_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  private static final Transport.Reader<PullRegisterResponse> REGISTRATION =
      answer -> parseRegistration(answer.json(), answer.raw());

  /** A page, with "no transactions" (a refusal on the wire) as an empty one. */
  private static final Transport.Reader<PullQueryResponse> QUERY =
      new Transport.Reader<>() {
        @Override
        public PullQueryResponse read(Transport.Answer answer) {
          return parseQuery(answer.json(), answer.raw());
        }

        @Override
        public PullQueryResponse refused(DarajaApiException e) {
          if (e.errorMessage().toLowerCase(Locale.ROOT).contains("any available transactions")) {
            return new PullQueryResponse(
                e.requestId(), e.errorCode(), e.errorMessage(), List.of(), e.rawBody());
          }
          throw e;
        }
      };

  private final ClientContext context;

  PullService(ClientContext context) {
    this.context = context;
  }

  /**
   * Registers a shortcode for Pull Transactions; registering again answers {@code 1001}, which
   * {@link PullRegisterResponse#alreadyRegistered()} reports and is not an error.
   *
   * @throws DarajaValidationException before sending, e.g. an http callback URL in production
   * @throws DarajaApiException if Daraja refused, e.g. {@code 400.001 "Invalid ShortCode"}
   */
  public PullRegisterResponse register(PullRegisterRequest request) {
    return context.send(() -> registerCall(request), RequestOptions.DEFAULT, REGISTRATION);
  }

  private Transport.Call registerCall(PullRegisterRequest request) {
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    Check.callbackUrl(
        "callbackUrl", request.callbackUrl().toString(), context.environment().isProduction());
    ObjectNode body = Json.object();
    body.put("ShortCode", shortCode)
        .put("RequestType", PullRegisterRequest.REQUEST_TYPE)
        .put("NominatedNumber", request.nominatedNumber().local())
        .put("CallBackURL", request.callbackUrl().toString());
    return new Transport.Call(
        "pull.register",
        "/pulltransactions/v1/register",
        Transport.Kind.REGISTRATION,
        body,
        Map.of("shortCode", shortCode));
  }

  /**
   * {@link #register} without blocking: no thread waits while it is in flight. It fails as {@code
   * join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException} (from
   * {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<PullRegisterResponse> registerAsync(PullRegisterRequest request) {
    return context.sendAsync(() -> registerCall(request), RequestOptions.DEFAULT, REGISTRATION);
  }

  /**
   * One page of payments. No payments ({@code ResponseCode 1001}, or Daraja's HTTP 500 "does not
   * have any available transactions") is an empty page, not an exception.
   *
   * @throws DarajaApiException if Daraja refused, e.g. {@code 400.001 "Invalid ShortCode"} for a
   *     shortcode not registered for Pull, or answered a code the SDK does not know with no
   *     payments
   */
  public PullQueryResponse query(PullQueryRequest request) {
    return context.send(() -> queryCall(request), RequestOptions.DEFAULT, QUERY);
  }

  private Transport.Call queryCall(PullQueryRequest request) {
    String shortCode = context.shortCode(request.shortCode(), "shortCode");
    ObjectNode body = Json.object();
    body.put("ShortCode", shortCode)
        .put("StartDate", wireDate(request.start()))
        .put("EndDate", wireDate(request.end()))
        .put("OffSetValue", Long.toString(request.offset()));
    return new Transport.Call(
        "pull.query",
        "/pulltransactions/v1/query",
        Transport.Kind.QUERY,
        body,
        Map.of("shortCode", shortCode, "offset", Long.toString(request.offset())));
  }

  /**
   * {@link #query} without blocking: no thread waits while it is in flight. It fails as {@code
   * join()} and dependent stages see it: a {@link java.util.concurrent.CompletionException} (from
   * {@code get()}, an {@code ExecutionException}) whose cause is the {@link DarajaException};
   * {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<PullQueryResponse> queryAsync(PullQueryRequest request) {
    return context.sendAsync(() -> queryCall(request), RequestOptions.DEFAULT, QUERY);
  }

  /**
   * Every payment in a window of at most 48 hours: pages by offset 100 until a short page.
   *
   * @param shortCode the registered shortcode, or {@code null} for the client's
   * @throws DarajaValidationException before sending, if the window is reversed or too long
   */
  public List<PulledTransaction> queryAll(String shortCode, Instant start, Instant end) {
    List<PulledTransaction> all = new ArrayList<>();
    Set<PulledTransaction> seen = new HashSet<>();
    for (long offset = 0; ; offset += PAGE_SIZE) {
      if (!collect(query(new PullQueryRequest(shortCode, start, end, offset)), all, seen)) {
        return List.copyOf(all);
      }
    }
  }

  /**
   * Adds the page's transactions not seen before to {@code all}.
   *
   * @return whether another page may follow
   */
  private static boolean collect(
      PullQueryResponse page, List<PulledTransaction> all, Set<PulledTransaction> seen) {
    int fresh = 0;
    for (PulledTransaction transaction : page.transactions()) {
      if (seen.add(transaction)) {
        all.add(transaction);
        fresh++;
      }
    }
    // A page with nothing new means Daraja ignored the offset: stop rather than loop forever.
    return page.transactions().size() == PAGE_SIZE && fresh > 0;
  }

  /** {@link #queryAll(String, Instant, Instant)} with the window in East Africa Time. */
  public List<PulledTransaction> queryAll(
      String shortCode, LocalDateTime startEat, LocalDateTime endEat) {
    return queryAll(
        shortCode,
        startEat == null ? null : startEat.atZone(PullQueryRequest.EAST_AFRICA).toInstant(),
        endEat == null ? null : endEat.atZone(PullQueryRequest.EAST_AFRICA).toInstant());
  }

  /**
   * {@link #queryAll(String, Instant, Instant)} without blocking: no thread waits while a page is
   * in flight. It fails as {@code join()} and dependent stages see it: a {@link
   * java.util.concurrent.CompletionException} (from {@code get()}, an {@code ExecutionException})
   * whose cause is the {@link DarajaException}; {@link DarajaException#unwrap} finds it.
   */
  public CompletableFuture<List<PulledTransaction>> queryAllAsync(
      String shortCode, Instant start, Instant end) {
    return pagesFrom(shortCode, start, end, 0, new ArrayList<>(), new HashSet<>());
  }

  /** The pages from {@code offset} on, each asked for when the one before has arrived. */
  private CompletableFuture<List<PulledTransaction>> pagesFrom(
      String shortCode,
      Instant start,
      Instant end,
      long offset,
      List<PulledTransaction> all,
      Set<PulledTransaction> seen) {
    return context
        .sendAsync(
            () -> queryCall(new PullQueryRequest(shortCode, start, end, offset)),
            RequestOptions.DEFAULT,
            QUERY)
        .thenCompose(
            page ->
                collect(page, all, seen)
                    ? pagesFrom(shortCode, start, end, offset + PAGE_SIZE, all, seen)
                    : CompletableFuture.completedFuture(List.copyOf(all)));
  }

  /** {@code yyyy-MM-dd HH:mm:ss} in East Africa Time, as Daraja reads it. */
  static String wireDate(Instant instant) {
    return WIRE_DATE.format(instant.atZone(PullQueryRequest.EAST_AFRICA));
  }

  static PullRegisterResponse parseRegistration(JsonNode json, String raw) {
    return new PullRegisterResponse(
        json.path("ResponseRefID").asText(""),
        either(json, "ResponseStatus", "Response Status"),
        json.path("ShortCode").asText(""),
        either(json, "ResponseDescription", "Response Description"),
        raw);
  }

  static PullQueryResponse parseQuery(JsonNode json, String raw) {
    String code = json.path("ResponseCode").asText("");
    String message = json.path("ResponseMessage").asText("");
    String refId = either(json, "ResponseRefID", "RequestID");
    List<PulledTransaction> transactions = new ArrayList<>();
    // An array of arrays of records; tolerate a flat array of records too.
    for (JsonNode item : json.path("Response")) {
      if (item.isArray()) {
        for (JsonNode record : item) {
          if (record.isObject()) {
            transactions.add(transaction(record, raw));
          }
        }
      } else if (item.isObject()) {
        transactions.add(transaction(item, raw));
      }
    }
    if (transactions.isEmpty() && !code.equals("1000") && !code.equals("1001")) {
      // An unknown code with no payments must not pass for "nothing was paid".
      throw new DarajaApiException(
          200, code, message.isEmpty() ? "unexpected Pull query answer" : message, refId, raw);
    }
    return new PullQueryResponse(refId, code, message, transactions, raw);
  }

  private static PulledTransaction transaction(JsonNode record, String raw) {
    String id = record.path("transactionId").asText("");
    return new PulledTransaction(
        id,
        instant(record.path("trxDate").asText("")),
        record.path("msisdn").asText(""),
        record.path("sender").asText(""),
        record.path("transactiontype").asText(record.path("transactionType").asText("")),
        record.path("billreference").asText(record.path("billReference").asText("")),
        amount(id, record.path("amount"), raw),
        record.path("organizationname").asText(record.path("organizationName").asText("")));
  }

  private static BigDecimal amount(String transactionId, JsonNode node, String raw) {
    BigDecimal amount = null;
    if (node.isNumber()) {
      amount = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        amount = new BigDecimal(node.textValue().trim());
      } catch (NumberFormatException e) {
        amount = null;
      }
    }
    if (amount == null || amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
      throw new DarajaApiException(
          200,
          "",
          "Pull transaction '" + transactionId + "' has no readable amount (" + node + ")",
          "",
          raw);
    }
    return amount;
  }

  /** ISO instants as in Daraja's sample; offsets; local times read as East Africa Time. */
  static Instant instant(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeException ignored) {
      // not an instant with Z
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeException ignored) {
      // no offset
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T'))
          .atZone(PullQueryRequest.EAST_AFRICA)
          .toInstant();
    } catch (DateTimeException ignored) {
      return null;
    }
  }

  private static String either(JsonNode json, String key, String otherKey) {
    return json.path(key).asText(json.path(otherKey).asText(""));
  }
}
