package io.github.darajakit.emulator.internal.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.internal.EmulatorClock;
import io.github.darajakit.emulator.internal.Mpesa;
import io.github.darajakit.emulator.internal.http.ApiCall;
import io.github.darajakit.emulator.internal.http.ApiResponse;
import io.github.darajakit.emulator.internal.http.DarajaError;
import io.github.darajakit.emulator.internal.http.Fields;
import io.github.darajakit.emulator.internal.http.Json;
import io.github.darajakit.emulator.internal.world.Money;
import io.github.darajakit.emulator.internal.world.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pull Transactions (REFERENCE §13): one-time registration, then the C2B payments (C2B and STK)
 * received by a shortcode in a window of at most 48 hours, 100 per page.
 */
public final class PullApi {

  private static final int PAGE_SIZE = 100;
  private static final Duration MAX_WINDOW = Duration.ofHours(48);
  private static final Pattern DATE =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{1,3}))?");

  private final Mpesa mpesa;
  private final Map<String, String> registrations = new ConcurrentHashMap<>();

  public PullApi(Mpesa mpesa) {
    this.mpesa = mpesa;
  }

  /** {@code POST /pulltransactions/v1/register}. */
  public ApiResponse register(ApiCall call) {
    Fields f = call.fields();
    String shortCode = f.digits("ShortCode", 5, 7);
    if (f.has("RequestType")) {
      f.oneOf("RequestType", "Pull");
    }
    f.msisdnLenient("NominatedNumber");
    String callbackUrl = f.url("CallBackURL");
    if (mpesa.world().organisation(shortCode).isEmpty()) {
      throw DarajaError.of("400.001", "Invalid ShortCode");
    }
    boolean first = registrations.putIfAbsent(shortCode, callbackUrl) == null;
    boolean spaced = mpesa.config().pullResponseKeys() == EmulatorConfig.PullResponseKeys.SPACED;
    ObjectNode answer = Json.object();
    answer
        .put("ResponseRefID", mpesa.ids().uuid())
        .put(spaced ? "Response Status" : "ResponseStatus", first ? "1000" : "1001")
        .put("ShortCode", shortCode)
        .put(
            spaced ? "Response Description" : "ResponseDescription",
            first ? "Shortcode Registered Successfully" : "ShortCode already Registered");
    return ApiResponse.ok(answer);
  }

  /** {@code POST /pulltransactions/v1/query}. */
  public ApiResponse query(ApiCall call) {
    Fields f = call.fields();
    String shortCode = f.digits("ShortCode", 5, 7);
    Instant start = date(f, "StartDate");
    Instant end = date(f, "EndDate");
    long offset = f.has("OffSetValue") ? f.wholeAmount("OffSetValue", 0) : 0;
    if (end.isBefore(start) || Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw DarajaError.invalidField("EndDate");
    }
    if (!registrations.containsKey(shortCode)) {
      throw DarajaError.of("400.001", "Invalid ShortCode");
    }
    List<Transaction> matches =
        mpesa
            .world()
            .transactionsChronological(
                t ->
                    t.kind().pullType() != null
                        && t.credit().identifier().equals(shortCode)
                        && !t.completedAt().isBefore(start)
                        && !t.completedAt().isAfter(end));
    ObjectNode answer = Json.object();
    answer.put("ResponseRefID", mpesa.ids().originatorConversationId());
    ArrayNode page = answer.putArray("Response").addArray();
    int from = (int) Math.min(offset, matches.size());
    int to = Math.min(matches.size(), from + PAGE_SIZE);
    String organisationName = mpesa.world().organisation(shortCode).map(o -> o.name()).orElse("");
    for (Transaction t : matches.subList(from, to)) {
      String msisdn = t.debit().identifier();
      String name = t.debit().publicName().substring(t.debit().publicName().indexOf(" - ") + 3);
      page.addObject()
          .put("transactionId", t.receipt())
          .put("trxDate", t.completedAt().truncatedTo(ChronoUnit.SECONDS).toString())
          .put("msisdn", Long.parseLong(msisdn))
          .put("sender", name)
          .put("transactiontype", t.kind().pullType())
          .put("billreference", t.billReference())
          .put("amount", Money.text(t.amount()))
          .put("organizationname", organisationName);
    }
    if (page.isEmpty()) {
      answer.put("ResponseCode", "1001").put("ResponseMessage", "No transactions found");
    } else {
      answer.put("ResponseCode", "1000").put("ResponseMessage", "Success");
    }
    // Key order as in Daraja's sample: ref, code, message, then the records.
    ObjectNode ordered = Json.object();
    ordered.set("ResponseRefID", answer.get("ResponseRefID"));
    ordered.set("ResponseCode", answer.get("ResponseCode"));
    ordered.set("ResponseMessage", answer.get("ResponseMessage"));
    ordered.set("Response", answer.get("Response"));
    return ApiResponse.ok(ordered);
  }

  /** Forgets every registration. */
  public void reset() {
    registrations.clear();
  }

  private static Instant date(Fields f, String field) {
    Matcher m = DATE.matcher(f.text(field).trim());
    if (!m.matches()) {
      throw DarajaError.invalidField(field);
    }
    try {
      int seconds = m.group(6) == null ? 0 : Math.min(59, Integer.parseInt(m.group(6)));
      return LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              seconds)
          .atZone(EmulatorClock.EAT)
          .toInstant();
    } catch (java.time.DateTimeException e) {
      throw DarajaError.invalidField(field);
    }
  }
}
