package io.github.darajakit.emulator.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import io.github.darajakit.emulator.support.EmulatorHarness;
import io.github.darajakit.emulator.support.Requests;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pull Transactions (REFERENCE §13): registration, then C2B and STK receipts of a shortcode. */
class PullTransactionsTest {

  private static final String REGISTER = "/pulltransactions/v1/register";
  private static final String QUERY = "/pulltransactions/v1/query";
  private static final String PAYBILL = "600992";
  private static final ZoneId EAT = ZoneId.of("Africa/Nairobi");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
  private static final List<String> RECORD_KEYS =
      List.of(
          "transactionId",
          "trxDate",
          "msisdn",
          "sender",
          "transactiontype",
          "billreference",
          "amount",
          "organizationname");

  @RegisterExtension static EmulatorHarness h = new EmulatorHarness();

  @Test
  void firstRegistrationIs1000AndTheNextIs1001() {
    Reply first = register(PAYBILL);
    Reply second = register(PAYBILL);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text("ResponseRefID")).isNotBlank();
    assertThat(first.text("ResponseStatus")).isEqualTo("1000");
    assertThat(first.text("ShortCode")).isEqualTo(PAYBILL);
    assertThat(first.text("ResponseDescription")).isEqualTo("Shortcode Registered Successfully");
    assertThat(first.json().has("Response Status")).isFalse();
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.text("ResponseStatus")).isEqualTo("1001");
    assertThat(second.text("ResponseDescription")).isEqualTo("ShortCode already Registered");
  }

  @Test
  void spacedResponseKeysCanBeChosen() {
    Reply settings =
        h.daraja().admin("PATCH", "settings", "{\"pull\":{\"responseKeys\":\"spaced\"}}");
    assertThat(settings.status()).isEqualTo(200);

    Reply first = register(PAYBILL);
    Reply second = register(PAYBILL);

    assertThat(first.text("Response Status")).isEqualTo("1000");
    assertThat(first.text("Response Description")).isEqualTo("Shortcode Registered Successfully");
    assertThat(first.json().has("ResponseStatus")).isFalse();
    assertThat(first.json().has("ResponseDescription")).isFalse();
    assertThat(second.text("Response Status")).isEqualTo("1001");
    assertThat(second.text("Response Description")).isEqualTo("ShortCode already Registered");
  }

  @Test
  void nominatedNumberMayBeWrittenInternationally() {
    ObjectNode body = registration(PAYBILL);
    body.put("NominatedNumber", "254722000000").remove("RequestType");

    Reply reply = h.daraja().post(REGISTER, body);

    assertThat(reply.text("ResponseStatus")).isEqualTo("1000");
  }

  static Stream<Arguments> invalidRegistrations() {
    return Stream.of(
        Arguments.of("ShortCode", null),
        Arguments.of("ShortCode", "60099x"),
        Arguments.of("RequestType", "Push"),
        Arguments.of("NominatedNumber", null),
        Arguments.of("NominatedNumber", "600992"),
        Arguments.of("NominatedNumber", "0822000000"),
        Arguments.of("CallBackURL", null),
        Arguments.of("CallBackURL", "domain/path"));
  }

  @ParameterizedTest(name = "{0} = {1} → Invalid {0}")
  @MethodSource("invalidRegistrations")
  void invalidRegistrationIsRejectedAndRegistersNothing(String field, String value) {
    ObjectNode body = registration(PAYBILL);
    if (value == null) {
      body.remove(field);
    } else {
      body.put(field, value);
    }

    Reply reply = h.daraja().post(REGISTER, body);

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid " + field);
    assertThat(register(PAYBILL).text("ResponseStatus")).isEqualTo("1000");
  }

  @Test
  void registeringAnUnknownShortcodeIsInvalidShortCode() {
    assertError(register("123456"), 400, "400.001", "Invalid ShortCode");
  }

  @Test
  void queryReturnsC2bAndStkPaymentsToTheShortcodeAsArraysOfRecords() {
    assertThat(register(Requests.STK_SHORTCODE).text("ResponseStatus")).isEqualTo("1000");
    String c2bReceipt = adminPayment(Requests.TEST_MSISDN, Requests.STK_SHORTCODE, 10, "INV-1");
    String stkReceipt = stkPayment(7);
    adminPayment(Requests.TEST_MSISDN, PAYBILL, 3, "elsewhere");

    Reply reply = query(Requests.STK_SHORTCODE, nowEat().minusHours(1), nowEat().plusHours(1), 0);

    assertThat(reply.status()).isEqualTo(200);
    List<String> topKeys = new ArrayList<>();
    reply.json().fieldNames().forEachRemaining(topKeys::add);
    assertThat(topKeys)
        .containsExactly("ResponseRefID", "ResponseCode", "ResponseMessage", "Response");
    assertThat(reply.text("ResponseCode")).isEqualTo("1000");
    assertThat(reply.text("ResponseMessage")).isEqualTo("Success");
    JsonNode pages = reply.json().path("Response");
    assertThat(pages.isArray()).isTrue();
    assertThat(pages).hasSize(1);
    JsonNode records = pages.get(0);
    assertThat(records.isArray()).isTrue();
    assertThat(records).hasSize(2);

    JsonNode c2b = records.get(0);
    List<String> keys = new ArrayList<>();
    c2b.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyElementsOf(RECORD_KEYS);
    assertThat(c2b.path("transactionId").asText()).isEqualTo(c2bReceipt);
    assertThat(c2b.path("msisdn").isNumber()).isTrue();
    assertThat(c2b.path("msisdn").asLong()).isEqualTo(254708374149L);
    assertThat(c2b.path("sender").asText()).isEqualTo("JOHN DOE");
    assertThat(c2b.path("transactiontype").asText()).isEqualTo("c2b-pay-bill-debit");
    assertThat(c2b.path("billreference").asText()).isEqualTo("INV-1");
    assertThat(c2b.path("amount").isTextual()).isTrue();
    assertThat(c2b.path("amount").asText()).isEqualTo("10.00");
    assertThat(c2b.path("organizationname").asText()).isEqualTo("Safaricom Daraja LNM");
    Instant completed =
        Instant.parse(
            h.daraja().adminGet("transactions/" + c2bReceipt).path("completedAt").asText());
    assertThat(Instant.parse(c2b.path("trxDate").asText()))
        .isEqualTo(completed.truncatedTo(ChronoUnit.SECONDS));

    JsonNode stk = records.get(1);
    assertThat(stk.path("transactionId").asText()).isEqualTo(stkReceipt);
    assertThat(stk.path("transactiontype").asText()).isEqualTo("c2b-pay-bill-debit");
    assertThat(stk.path("billreference").asText()).isEqualTo("accountref");
    assertThat(stk.path("amount").asText()).isEqualTo("7.00");
    assertThat(stk.path("msisdn").asLong()).isEqualTo(254708374149L);
  }

  @Test
  void buyGoodsPaymentsArePulledAsBuyGoodsDebits() {
    register("600501");
    String receipt = adminPayment("254700001032", "600501", 4, "");

    Reply reply = query("600501", nowEat().minusHours(1), nowEat().plusHours(1), 0);

    JsonNode record = reply.json().path("Response").get(0).get(0);
    assertThat(record.path("transactionId").asText()).isEqualTo(receipt);
    assertThat(record.path("transactiontype").asText()).isEqualTo("c2b-buy-goods-debit");
    assertThat(record.path("sender").asText()).isEqualTo("CANCEL PRESSER");
    assertThat(record.path("billreference").asText()).isEmpty();
    assertThat(record.path("organizationname").asText()).isEqualTo("Daraja Demo Till");
  }

  @Test
  void noPaymentsInTheWindowIs1001WithAnEmptyPage() {
    register(PAYBILL);

    Reply reply = query(PAYBILL, nowEat().minusHours(1), nowEat().plusHours(1), 0);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text("ResponseCode")).isEqualTo("1001");
    assertThat(reply.text("ResponseMessage")).isNotBlank();
    assertThat(reply.json().path("Response").toString()).isEqualTo("[[]]");
  }

  @Test
  void windowDatesAreReadAsNairobiTime() {
    register(PAYBILL);
    adminPayment(Requests.TEST_MSISDN, PAYBILL, 10, "ref");
    LocalDateTime nowUtc = LocalDateTime.now(ZoneOffset.UTC);

    // The same wall-clock window written in UTC is three hours earlier when read as EAT.
    Reply utcWindow = query(PAYBILL, nowUtc.minusHours(1), nowUtc.plusHours(1), 0);
    Reply eatWindow = query(PAYBILL, nowEat().minusHours(1), nowEat().plusHours(1), 0);

    assertThat(utcWindow.text("ResponseCode")).isEqualTo("1001");
    assertThat(eatWindow.text("ResponseCode")).isEqualTo("1000");
    assertThat(eatWindow.json().path("Response").get(0)).hasSize(1);
  }

  @Test
  void paymentsOutsideTheWindowAreLeftOut() {
    register(PAYBILL);
    adminPayment(Requests.TEST_MSISDN, PAYBILL, 10, "ref");

    Reply before = query(PAYBILL, nowEat().minusHours(5), nowEat().minusHours(4), 0);
    Reply after = query(PAYBILL, nowEat().plusHours(4), nowEat().plusHours(5), 0);

    assertThat(before.text("ResponseCode")).isEqualTo("1001");
    assertThat(after.text("ResponseCode")).isEqualTo("1001");
  }

  @Test
  void offsetValuePagesThroughMoreThanAHundredPayments() {
    register(PAYBILL);
    Set<String> paid = new HashSet<>();
    for (int i = 0; i < 105; i++) {
      paid.add(adminPayment(Requests.TEST_MSISDN, PAYBILL, 1, "bill-" + i));
    }
    LocalDateTime from = nowEat().minusHours(1);
    LocalDateTime to = nowEat().plusHours(1);

    JsonNode firstPage = query(PAYBILL, from, to, 0).json().path("Response").get(0);
    Reply second = query(PAYBILL, from, to, 100);
    JsonNode secondPage = second.json().path("Response").get(0);
    Reply beyond = query(PAYBILL, from, to, 105);

    assertThat(firstPage).hasSize(100);
    assertThat(second.text("ResponseCode")).isEqualTo("1000");
    assertThat(secondPage).hasSize(5);
    List<String> pulled = new ArrayList<>();
    firstPage.forEach(r -> pulled.add(r.path("transactionId").asText()));
    secondPage.forEach(r -> pulled.add(r.path("transactionId").asText()));
    assertThat(pulled).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(paid);
    assertThat(firstPage.get(0).path("billreference").asText()).isEqualTo("bill-0");
    assertThat(secondPage.get(4).path("billreference").asText()).isEqualTo("bill-104");
    assertThat(beyond.text("ResponseCode")).isEqualTo("1001");
    assertThat(beyond.json().path("Response").toString()).isEqualTo("[[]]");
  }

  @Test
  void offsetValueMayBeAJsonNumber() {
    register(PAYBILL);
    adminPayment(Requests.TEST_MSISDN, PAYBILL, 1, "a");
    adminPayment(Requests.TEST_MSISDN, PAYBILL, 1, "b");
    ObjectNode body = queryBody(PAYBILL, nowEat().minusHours(1), nowEat().plusHours(1));
    body.put("OffSetValue", 1);

    Reply reply = h.daraja().post(QUERY, body);

    assertThat(reply.json().path("Response").get(0)).hasSize(1);
    assertThat(reply.json().path("Response").get(0).get(0).path("billreference").asText())
        .isEqualTo("b");
  }

  @Test
  void windowLongerThan48HoursIsInvalidEndDate() {
    register(PAYBILL);
    LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0, 0);

    Reply tooLong = query(PAYBILL, start, start.plusHours(48).plusSeconds(1), 0);
    Reply exactly48 = query(PAYBILL, start, start.plusHours(48), 0);

    assertError(tooLong, 400, "400.002.02", "Bad Request - Invalid EndDate");
    assertThat(exactly48.status()).isEqualTo(200);
    assertThat(exactly48.text("ResponseCode")).isEqualTo("1001");
  }

  @Test
  void endBeforeStartIsInvalidEndDate() {
    register(PAYBILL);

    Reply reply = query(PAYBILL, nowEat(), nowEat().minusMinutes(1), 0);

    assertError(reply, 400, "400.002.02", "Bad Request - Invalid EndDate");
  }

  @Test
  void malformedStartDateIsInvalidStartDate() {
    register(PAYBILL);
    ObjectNode body = queryBody(PAYBILL, nowEat().minusHours(1), nowEat());
    body.put("StartDate", "yesterday");

    assertError(h.daraja().post(QUERY, body), 400, "400.002.02", "Bad Request - Invalid StartDate");
  }

  @Test
  void queryForAnUnregisteredShortcodeIsInvalidShortCode() {
    adminPayment(Requests.TEST_MSISDN, PAYBILL, 10, "ref");

    Reply reply = query(PAYBILL, nowEat().minusHours(1), nowEat().plusHours(1), 0);

    assertError(reply, 400, "400.001", "Invalid ShortCode");
    assertThat(reply.json().has("Response")).isFalse();
  }

  @ParameterizedTest(name = "{0} with an unknown token → 401.001")
  @ValueSource(strings = {REGISTER, QUERY})
  void unknownAccessTokenIsHttp401InvalidAccessToken(String path) {
    Reply reply =
        h.daraja()
            .post(
                path,
                registration(PAYBILL).toString(),
                "Bearer c9SQxWWhmdVRlyh0zh8gZDTkubVF",
                "application/json");

    assertError(reply, 401, "401.001", "Invalid Access Token");
    assertThat(register(PAYBILL).text("ResponseStatus")).isEqualTo("1000");
  }

  private Reply register(String shortCode) {
    return h.daraja().post(REGISTER, registration(shortCode));
  }

  private ObjectNode registration(String shortCode) {
    ObjectNode body = DarajaHttp.object();
    body.put("ShortCode", shortCode)
        .put("RequestType", "Pull")
        .put("NominatedNumber", "0722000000")
        .put("CallBackURL", h.url("/pull"));
    return body;
  }

  private Reply query(String shortCode, LocalDateTime start, LocalDateTime end, int offset) {
    ObjectNode body = queryBody(shortCode, start, end);
    body.put("OffSetValue", String.valueOf(offset));
    return h.daraja().post(QUERY, body);
  }

  private static ObjectNode queryBody(String shortCode, LocalDateTime start, LocalDateTime end) {
    ObjectNode body = DarajaHttp.object();
    body.put("ShortCode", shortCode)
        .put("StartDate", DATE.format(start))
        .put("EndDate", DATE.format(end));
    return body;
  }

  /** A completed C2B payment through the admin API; returns its receipt. */
  private static String adminPayment(String msisdn, String shortCode, long amount, String ref) {
    ObjectNode body = DarajaHttp.object();
    body.put("msisdn", msisdn)
        .put("shortCode", shortCode)
        .put("amount", amount)
        .put("billRefNumber", ref);
    Reply reply = h.daraja().admin("POST", "c2b/payments", body.toString());
    assertThat(reply.status()).as("admin payment %s", reply.raw()).isEqualTo(201);
    return reply.text("transId");
  }

  /** A completed STK payment to the sandbox PayBill; returns its receipt. */
  private static String stkPayment(long amount) {
    Reply ack =
        h.daraja()
            .post(
                "/mpesa/stkpush/v1/processrequest",
                Requests.stkPush(Requests.TEST_MSISDN, amount, h.url("/stk")));
    assertThat(ack.status()).isEqualTo(200);
    JsonNode callback = h.receiver().awaitOne("/stk").body().path("Body").path("stkCallback");
    assertThat(callback.path("ResultCode").asInt()).isZero();
    return callback.path("CallbackMetadata").path("Item").get(1).path("Value").asText();
  }

  private static LocalDateTime nowEat() {
    return LocalDateTime.now(EAT);
  }

  private static void assertError(Reply reply, int status, String code, String message) {
    assertThat(reply.status()).as("HTTP status of %s", reply.raw()).isEqualTo(status);
    assertThat(reply.text("errorCode")).as("errorCode of %s", reply.raw()).isEqualTo(code);
    assertThat(reply.text("errorMessage")).as("errorMessage of %s", reply.raw()).isEqualTo(message);
  }
}
