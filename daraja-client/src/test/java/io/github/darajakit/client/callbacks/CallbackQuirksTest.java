package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.darajakit.client.DarajaCallbackParseException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCodes.Family;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each tolerance of REFERENCE §22b with a minimal body, every way a body can be malformed, and the
 * answers.
 */
class CallbackQuirksTest {

  private static String stk(String inner) {
    return "{\"Body\":{\"stkCallback\":{" + inner + "}}}";
  }

  private static final String IDS =
      "\"MerchantRequestID\":\"29115-34620561-1\",\"CheckoutRequestID\":\"ws_CO_191220191020363925\"";

  private static String paid(String items) {
    return stk(
        IDS
            + ",\"ResultCode\":0,\"ResultDesc\":\"ok\",\"CallbackMetadata\":{\"Item\":["
            + items
            + "]}");
  }

  private static final String ITEMS =
      "{\"Name\":\"Amount\",\"Value\":1.00},{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"NLJ7RT61SV\"},"
          + "{\"Name\":\"TransactionDate\",\"Value\":20191219102115},"
          + "{\"Name\":\"PhoneNumber\",\"Value\":254708374149}";

  private static String result(String inner) {
    return "{\"Result\":{\"OriginatorConversationID\":\"o-1\",\"ConversationID\":\"AG_1\","
        + inner
        + "}}";
  }

  private static String c2b(String balance, String msisdn) {
    return "{\"TransactionType\":\"Pay Bill\",\"TransID\":\"RKL51ZDR4F\",\"TransTime\":\"20231121121325\","
        + "\"TransAmount\":\"10\",\"BusinessShortCode\":\"600966\",\"BillRefNumber\":\"A1\","
        + (balance == null ? "" : "\"OrgAccountBalance\":" + balance + ",")
        + "\"MSISDN\":\""
        + msisdn
        + "\"}";
  }

  @Nested
  class StkTolerances {

    @Test
    void resultCodeAsAStringIsTheSameCode() {
      StkCallback stk =
          DarajaCallbacks.parseStkCallback(
              stk(IDS + ",\"ResultCode\":\"1032\",\"ResultDesc\":\"x\""));
      assertThat(stk.resultCode().code()).isEqualTo("1032");
      assertThat(stk.outcome()).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void nonNumericResultCodeIsKept() {
      StkCallback stk =
          DarajaCallbacks.parseStkCallback(
              stk(
                  IDS
                      + ",\"ResultCode\":\"SFC_IC0003\",\"ResultDesc\":\"The operator does not exist.\""));
      assertThat(stk.resultCode().code()).isEqualTo("SFC_IC0003");
      assertThat(stk.resultCode().known()).isTrue();
      assertThat(stk.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(stk.payment()).isEmpty();
    }

    @Test
    void code1031IsACancelToo() {
      StkCallback stk =
          DarajaCallbacks.parseStkCallback(stk(IDS + ",\"ResultCode\":1031,\"ResultDesc\":\"x\""));
      assertThat(stk.outcome()).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void zeroWrittenAsDecimalOrPaddedStringIsSuccess() {
      assertThat(
              DarajaCallbacks.parseStkCallback(
                      paid(ITEMS).replace("\"ResultCode\":0", "\"ResultCode\":0.0"))
                  .isPaid())
          .isTrue();
      assertThat(
              DarajaCallbacks.parseStkCallback(
                      paid(ITEMS).replace("\"ResultCode\":0", "\"ResultCode\":\"00\""))
                  .isPaid())
          .isTrue();
    }

    @Test
    void legacyStkCbPrefixIsStrippedFromResultDesc() {
      StkCallback stk =
          DarajaCallbacks.parseStkCallback(
              stk(
                  IDS
                      + ",\"ResultCode\":1032,\"ResultDesc\":\"[STK_CB - ]Request cancelled by user\""));
      assertThat(stk.resultDesc()).isEqualTo("Request cancelled by user");
      assertThat(stk.rawJson()).contains("[STK_CB - ]");
    }

    @Test
    void valuelessBalanceIsEmptyAndAValuedOneIsRead() {
      assertThat(
              DarajaCallbacks.parseStkCallback(paid(ITEMS + ",{\"Name\":\"Balance\"}"))
                  .payment()
                  .orElseThrow()
                  .balance())
          .isEmpty();
      assertThat(DarajaCallbacks.parseStkCallback(paid(ITEMS)).payment().orElseThrow().balance())
          .isEmpty();
      assertThat(
              DarajaCallbacks.parseStkCallback(
                      paid(ITEMS + ",{\"Name\":\"Balance\",\"Value\":100.5}"))
                  .payment()
                  .orElseThrow()
                  .balance())
          .contains(new BigDecimal("100.50"));
      // Its format was never published: something else is left in the raw body, not an error.
      assertThat(
              DarajaCallbacks.parseStkCallback(
                      paid(ITEMS + ",{\"Name\":\"Balance\",\"Value\":\"Working|KES|1\"}"))
                  .payment()
                  .orElseThrow()
                  .balance())
          .isEmpty();
    }

    @Test
    void aggregatorKeysInsideStkCallbackAreIgnored() {
      StkCallback stk =
          DarajaCallbacks.parseStkCallback(
              stk(
                  IDS
                      + ",\"ResultCode\":1031,\"ResultDesc\":\"Request cancelled by user\","
                      + "\"TinyPesaID\":\"f8ac\",\"Amount\":1,\"Msisdn\":\"254718942538\","
                      + "\"Nested\":{\"a\":[1,2,{\"b\":null}]}"));
      assertThat(stk.checkoutRequestId()).isEqualTo("ws_CO_191220191020363925");
      assertThat(stk.payment()).isEmpty();
    }

    @Test
    void oldDmzCheckoutIdsAreAccepted() {
      StkCallback stk =
          DarajaCallbacks.parseStkCallback(
              stk(
                  "\"MerchantRequestID\":\"14049-1495006-1\","
                      + "\"CheckoutRequestID\":\"ws_CO_DMZ_2258641911_03112019220627962\","
                      + "\"ResultCode\":1032,\"ResultDesc\":\"x\""));
      assertThat(stk.checkoutRequestId()).isEqualTo("ws_CO_DMZ_2258641911_03112019220627962");
    }

    @Test
    void numericIdsAreReadAsText() {
      StkCallback stk =
          DarajaCallbacks.parseStkCallback(
              stk(
                  "\"MerchantRequestID\":12345,\"CheckoutRequestID\":\"ws_CO_1\",\"ResultCode\":1032"));
      assertThat(stk.merchantRequestId()).isEqualTo("12345");
      assertThat(stk.resultDesc()).isEmpty();
    }

    @Test
    void metadataValuesAsStringsAndIntegers() {
      StkPayment paid =
          DarajaCallbacks.parseStkCallback(
                  paid(
                      "{\"Name\":\"Amount\",\"Value\":\"10\"},{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"X1\"},"
                          + "{\"Name\":\"TransactionDate\",\"Value\":\"20240101000000\"},"
                          + "{\"Name\":\"PhoneNumber\",\"Value\":\"254708374149\"}"))
              .payment()
              .orElseThrow();
      assertThat(paid.amount()).isEqualTo(new BigDecimal("10.00"));
      assertThat(paid.transactionDate()).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
      assertThat(paid.msisdn()).contains(Msisdn.parse("0708374149"));
    }

    @Test
    void anAmountIsNeverRoundedThroughDouble() {
      StkPayment paid =
          DarajaCallbacks.parseStkCallback(
                  paid(ITEMS.replace("\"Value\":1.00", "\"Value\":9007199254740993.01")))
              .payment()
              .orElseThrow();
      // 2^53 + 1.01: through a double it would have become 9007199254740992.
      assertThat(paid.amount().toPlainString()).isEqualTo("9007199254740993.01");
    }

    @Test
    void anUnparseablePhoneIsKeptAsText() {
      StkPayment paid =
          DarajaCallbacks.parseStkCallback(
                  paid(ITEMS.replace("\"Value\":254708374149", "\"Value\":\"2547****149\"")))
              .payment()
              .orElseThrow();
      assertThat(paid.phoneNumber()).isEqualTo("2547****149");
      assertThat(paid.msisdn()).isEmpty();
      assertThat(paid.toString()).contains("(unrecognised)").doesNotContain("2547****149");
    }

    @Test
    void keysDifferingInCaseAndABareStkCallbackAreRead() {
      StkCallback stk =
          DarajaCallbacks.parseStkCallback(
              "{\"stkcallback\":{\"merchantRequestId\":\"m\",\"checkoutRequestID\":\"c\",\"resultcode\":1037}}");
      assertThat(stk.checkoutRequestId()).isEqualTo("c");
      assertThat(stk.outcome()).isEqualTo(Outcome.TIMEOUT);
      assertThat(
              DarajaCallbacks.parse(
                  "{\"stkCallback\":{\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\"c\",\"ResultCode\":1}}"))
          .isInstanceOf(StkCallback.class);
    }

    @Test
    void bytesAreUtf8AndALeadingByteOrderMarkIsIgnored() {
      byte[] body =
          ("\uFEFF" + stk(IDS + ",\"ResultCode\":1032,\"ResultDesc\":\"Ombi limeghairiwa — ✓\""))
              .getBytes(StandardCharsets.UTF_8);
      assertThat(DarajaCallbacks.parseStkCallback(body).resultDesc())
          .isEqualTo("Ombi limeghairiwa — ✓");
      assertThat(((StkCallback) DarajaCallbacks.parse(body)).checkoutRequestId())
          .isEqualTo("ws_CO_191220191020363925");
    }
  }

  @Nested
  class C2bTolerances {

    @Test
    void blankMissingOrNullBalanceMeansValidationAndZeroMeansConfirmation() {
      assertThat(DarajaCallbacks.parse(c2b("\"\"", "2547 ***** 126")))
          .isInstanceOf(C2bValidation.class);
      assertThat(DarajaCallbacks.parse(c2b(null, "2547 ***** 126")))
          .isInstanceOf(C2bValidation.class);
      assertThat(DarajaCallbacks.parse(c2b("null", "2547 ***** 126")))
          .isInstanceOf(C2bValidation.class);
      C2bConfirmation zero =
          (C2bConfirmation) DarajaCallbacks.parse(c2b("\"0.00\"", "2547 ***** 126"));
      assertThat(zero.orgAccountBalance()).contains(new BigDecimal("0.00"));
      C2bConfirmation number =
          (C2bConfirmation) DarajaCallbacks.parse(c2b("49197", "2547 ***** 126"));
      assertThat(number.orgAccountBalance()).contains(new BigDecimal("49197.00"));
    }

    @Test
    void wholeAmountsGainTwoDecimals() {
      C2bValidation c2b = DarajaCallbacks.parseC2bValidation(c2b("\"\"", "x"));
      assertThat(c2b.transAmount()).isEqualTo(new BigDecimal("10.00"));
      C2bValidation number =
          DarajaCallbacks.parseC2bValidation(c2b("\"\"", "x").replace("\"10\"", "10"));
      assertThat(number.transAmount().toPlainString()).isEqualTo("10.00");
    }

    @Test
    void v2MaskedNumbersMatchTheirVisibleDigits() {
      C2bSender masked =
          DarajaCallbacks.parseC2bConfirmation(c2b("\"1\"", "25470****149")).sender();
      assertThat(masked).isInstanceOf(C2bSender.Masked.class);
      assertThat(((C2bSender.Masked) masked).pattern()).isEqualTo("25470****149");
      assertThat(masked.couldBe(Msisdn.parse("0708374149"))).isTrue();
      assertThat(masked.couldBe(Msisdn.parse("0708374148"))).isFalse();
      C2bSender spaced = C2bSender.of("2547 ***** 126");
      assertThat(spaced.couldBe(Msisdn.parse("0712345126"))).isTrue();
      assertThat(spaced.couldBe(Msisdn.parse("0112345126"))).isFalse();
    }

    @Test
    void v1HashedNumbersAreToldApartAndComparable() throws Exception {
      String hash =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest("254708374149".getBytes(StandardCharsets.US_ASCII)));
      C2bSender sender =
          DarajaCallbacks.parseC2bConfirmation(c2b("\"1\"", hash.toUpperCase())).sender();
      assertThat(sender).isEqualTo(new C2bSender.Hashed(hash));
      assertThat(sender.couldBe(Msisdn.parse("254708374149"))).isTrue();
      assertThat(sender.couldBe(Msisdn.parse("254708374148"))).isFalse();
      // The portal's own sample digest is two digits short; it is still a digest, not a phone.
      assertThat(C2bSender.of("94c2c311d522da950619227b3361752a42042db7e1e699b26e628305c68a88"))
          .isInstanceOf(C2bSender.Hashed.class);
    }

    @Test
    void plainNumbersAreNormalisedAndAnythingElseIsKept() {
      C2bSender plain = C2bSender.of("254708374149");
      assertThat(plain).isInstanceOf(C2bSender.Plain.class);
      assertThat(((C2bSender.Plain) plain).msisdn().value()).isEqualTo("254708374149");
      assertThat(plain.couldBe(Msisdn.parse("0708374149"))).isTrue();
      assertThat(plain.toString()).doesNotContain("254708374149");
      assertThat(C2bSender.of("0708 374 149")).isInstanceOf(C2bSender.Plain.class);
      assertThat(C2bSender.of("")).isEqualTo(new C2bSender.Unrecognised(""));
      assertThat(C2bSender.of("255712345678"))
          .isEqualTo(new C2bSender.Unrecognised("255712345678"));
      assertThat(C2bSender.of(""))
          .extracting(s -> s.couldBe(Msisdn.parse("0708374149")))
          .isEqualTo(false);
    }

    @Test
    void legacyBlankTransactionTypeExtraKeysAndNumberTimesAreAccepted() {
      String legacy =
          "{\"TransactionType\":\"\",\"TransID\":\"LGR219G3EY\",\"TransTime\":20170727104247,"
              + "\"TransAmount\":\"10.00\",\"BusinessShortCode\":600134,\"BillRefNumber\":\"xyz\","
              + "\"InvoiceNumber\":\"\",\"OrgAccountBalance\":\"49197.00\",\"ThirdPartyTransID\":\"1234567890\","
              + "\"MSISDN\":\"254708374149\",\"FirstName\":\"John\",\"MiddleName\":\"Doe\",\"LastName\":\"\",\"cmd\":\"x\"}";
      C2bConfirmation c2b = (C2bConfirmation) DarajaCallbacks.parse(legacy);
      assertThat(c2b.transactionType()).isEmpty();
      assertThat(c2b.transTime()).isEqualTo(LocalDateTime.of(2017, 7, 27, 10, 42, 47));
      assertThat(c2b.businessShortCode()).isEqualTo("600134");
      assertThat(c2b.thirdPartyTransId()).isEqualTo("1234567890");
      assertThat(c2b.middleName()).isEqualTo("Doe");
      assertThat(c2b.toString()).doesNotContain("John").doesNotContain("254708374149");
    }
  }

  @Nested
  class ResultTolerances {

    @Test
    void codesAndTypesAsNumbersOrStringsAreTheSame() {
      DarajaResult numbers =
          DarajaCallbacks.parseResult(result("\"ResultType\":0,\"ResultCode\":2001"), Family.B2C);
      DarajaResult strings =
          DarajaCallbacks.parseResult(
              result("\"ResultType\":\"0\",\"ResultCode\":\"2001\""), Family.B2C);
      assertThat(numbers.resultCode()).isEqualTo(strings.resultCode());
      assertThat(numbers.resultType()).isEqualTo("0").isEqualTo(strings.resultType());
    }

    @Test
    void parametersAndReferencesAsObjectOrArrayOrBareArray() {
      String asObject =
          result(
              "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":{\"Key\":\"TransactionReceipt\",\"Value\":\"R1\"}},"
                  + "\"ReferenceData\":{\"ReferenceItem\":{\"Key\":\"QueueTimeoutURL\",\"Value\":\"u\"}}");
      String asArray =
          result(
              "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"TransactionReceipt\",\"Value\":\"R1\"}]},"
                  + "\"ReferenceData\":{\"ReferenceItem\":[{\"Key\":\"QueueTimeoutURL\",\"Value\":\"u\"}]}");
      String bare =
          result(
              "\"ResultCode\":0,\"ResultParameters\":[{\"Key\":\"TransactionReceipt\",\"Value\":\"R1\"}],"
                  + "\"ReferenceData\":[{\"Key\":\"QueueTimeoutURL\",\"Value\":\"u\"}]");
      for (String json : List.of(asObject, asArray, bare)) {
        B2cResult b2c = (B2cResult) DarajaCallbacks.parse(json);
        assertThat(b2c.receipt()).contains("R1");
        assertThat(b2c.referenceItems()).containsExactlyEntriesOf(Map.of("QueueTimeoutURL", "u"));
      }
    }

    @Test
    void itemsWithoutValueAndNullValuesAreEmptyText() {
      DarajaResult r =
          DarajaCallbacks.parseResult(
              result(
                  "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":["
                      + "{\"Key\":\"TransactionReason\"},{\"Key\":\"ReceiptNo\",\"Value\":null}]}"),
              Family.TRANSACTION_STATUS);
      assertThat(r.parameters())
          .containsExactly(entry("TransactionReason", ""), entry("ReceiptNo", ""));
      assertThat(((TransactionStatusResult) r).receiptNo()).isEmpty();
    }

    @Test
    void valuesAsNumbersOrStringsGiveTheSameAmount() {
      for (String value : List.of("10", "\"10\"", "10.00", "\"10.00\"", "1E+1")) {
        B2cResult b2c =
            (B2cResult)
                DarajaCallbacks.parse(
                    result(
                        "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"TransactionAmount\",\"Value\":"
                            + value
                            + "}]}"));
        assertThat(b2c.amount()).as(value).contains(new BigDecimal("10.00"));
      }
    }

    @Test
    void nestedValuesAreKeptAsTheirJson() {
      DarajaResult r =
          (DarajaResult)
              DarajaCallbacks.parse(
                  result(
                      "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"Odd\",\"Value\":{\"a\":[1,true]}}]}"));
      assertThat(r.parameters()).containsEntry("Odd", "{\"a\":[1,true]}");
      assertThat(r).isInstanceOf(UnknownResult.class);
    }

    @Test
    void misspelledOriginatorKeyOnTheEnvelopeIsRead() {
      DarajaResult r =
          (DarajaResult)
              DarajaCallbacks.parse(
                  "{\"Result\":{\"OriginatorCoversationID\":\"o-9\",\"ResultCode\":0}}");
      assertThat(r.originatorConversationId()).isEqualTo("o-9");
      assertThat(r.conversationId()).isEmpty();
      assertThat(r.transactionId()).isEmpty();
      assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void aRepeatedKeyKeepsItsFirstValue() {
      DarajaResult r =
          (DarajaResult)
              DarajaCallbacks.parse(
                  result(
                      "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":["
                          + "{\"Key\":\"DebitPartyName\",\"Value\":\"600310 - A\"},{\"Key\":\"DebitPartyName\",\"Value\":\"2547 - B\"}]}"));
      assertThat(((TransactionStatusResult) r).debitPartyName()).contains("600310 - A");
    }

    @Test
    void resultMapsCannotBeChanged() {
      DarajaResult r =
          (DarajaResult)
              DarajaCallbacks.parse(
                  result(
                      "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"ReceiptNo\",\"Value\":\"x\"}]}"));
      assertThatThrownBy(() -> r.parameters().put("a", "b"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> r.referenceItems().put("a", "b"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void inferenceFollowsTheDocumentedKeysInOrder() {
      Map<String, Class<?>> byKey =
          Map.ofEntries(
              Map.entry("AccountBalance", AccountBalanceResult.class),
              Map.entry("ReceiptNo", TransactionStatusResult.class),
              Map.entry("ReasonType", TransactionStatusResult.class),
              Map.entry("OriginalTransactionID", ReversalResult.class),
              Map.entry("Charge", ReversalResult.class),
              Map.entry("TransactionReceipt", B2cResult.class),
              Map.entry("B2CFuture", B2cResult.class),
              Map.entry("DebitPartyAffectedAccountBalance", B2bResult.class),
              Map.entry("TransCompletedTime", B2bResult.class),
              // Production B2B results carry the public names too; only OriginalTransactionID
              // or Charge makes a reversal (B2bClassificationTest).
              Map.entry("DebitPartyPublicName", B2bResult.class),
              Map.entry("CreditPartyPublicName", B2bResult.class),
              Map.entry("DebitPartyCharges", B2bResult.class),
              Map.entry("BOCompletedTime", UnknownResult.class));
      byKey.forEach(
          (key, type) ->
              assertThat(
                      DarajaCallbacks.parse(
                          result(
                              "\"ResultCode\":1,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\""
                                  + key
                                  + "\"}]}")))
                  .as(key)
                  .isInstanceOf(type));
      // Status beats reversal beats B2C beats B2B when keys of several appear.
      assertThat(
              DarajaCallbacks.parse(
                  result(
                      "\"ResultCode\":1,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"TransCompletedTime\"},"
                          + "{\"Key\":\"OriginalTransactionID\"}]}")))
          .isInstanceOf(ReversalResult.class);
      assertThat(
              DarajaCallbacks.parse(
                  result(
                      "\"ResultCode\":1,\"ReferenceData\":{\"ReferenceItem\":{\"Key\":\"BillReferenceNumber\",\"Value\":\"7\"}}")))
          .isInstanceOf(B2bResult.class);
    }

    @Test
    void aFamilyThatHasNoResultEnvelopeIsRefusedAsAProgrammingError() {
      assertThatThrownBy(() -> DarajaCallbacks.parseResult(result("\"ResultCode\":0"), Family.STK))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("parseStkCallback");
      assertThatThrownBy(() -> DarajaCallbacks.parseResult("{}", Family.B2B_EXPRESS))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class QueueTimeouts {

    @Test
    void aResultEnvelopeGivesItsIdentifiers() {
      String json =
          "{\"Result\":{\"ResultType\":1,\"ResultCode\":26,\"ResultDesc\":\"System busy. The service request is rejected.\","
              + "\"OriginatorConversationID\":\"o-7\",\"ConversationID\":\"AG_7\",\"TransactionID\":\"XXXXXXXXXX\","
              + "\"ReferenceData\":{\"ReferenceItem\":{\"Key\":\"QueueTimeoutURL\",\"Value\":\"u\"}}}}";
      QueueTimeout timeout = DarajaCallbacks.parseQueueTimeout(json);
      assertThat(timeout)
          .isEqualTo(
              new QueueTimeout(
                  "o-7",
                  "AG_7",
                  "26",
                  "System busy. The service request is rejected.",
                  Map.of(),
                  json));
      // parse() cannot tell it from a result: it never answers QueueTimeout.
      assertThat(DarajaCallbacks.parse(json)).isInstanceOf(UnknownResult.class);
    }

    @Test
    void anyJsonOrAnEmptyBodyIsAcceptedAndKept() {
      for (String json :
          List.of("[1,2]", "\"timeout\"", "{\"OriginatorConversationID\":5}", "", "  ")) {
        QueueTimeout timeout = DarajaCallbacks.parseQueueTimeout(json);
        assertThat(timeout.rawJson()).isEqualTo(json);
        assertThat(timeout.conversationId()).isEmpty();
      }
      assertThat(
              DarajaCallbacks.parseQueueTimeout("{\"OriginatorConversationID\":5}")
                  .originatorConversationId())
          .isEqualTo("5");
      QueueTimeout odd =
          DarajaCallbacks.parseQueueTimeout(
              "{\"Result\":{\"ResultCode\":{\"x\":1},\"ResultParameters\":{\"ResultParameter\":[7]}}}");
      assertThat(odd.resultCode()).isEqualTo("{\"x\":1}");
      assertThat(odd.parameters()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsStillRefused() {
      DarajaCallbackParseException e =
          catchThrowableOfType(
              DarajaCallbackParseException.class,
              () -> DarajaCallbacks.parseQueueTimeout("timeout!"));
      assertThat(e.rawBody()).isEqualTo("timeout!");
      assertThat(e.getMessage()).contains("not valid JSON");
    }
  }

  // ---- Malformed bodies ---------------------------------------------------------------------

  static Stream<Arguments> malformed() {
    String deep = "[".repeat(2000) + "]".repeat(2000);
    String deepInside =
        stk(IDS + ",\"ResultCode\":1,\"x\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40));
    return Stream.of(
        Arguments.of("not JSON", "hello", "not valid JSON"),
        Arguments.of("XML", "<xml><a/></xml>", "not valid JSON"),
        Arguments.of("form-encoded", "ResultCode=0&phone=254708374149", "not valid JSON"),
        Arguments.of("truncated", stk(IDS).substring(0, 30), "not valid JSON"),
        Arguments.of("empty", "", "empty"),
        Arguments.of("blank", "  \n ", "empty"),
        Arguments.of("array", "[{\"Body\":{}}]", "is a JSON array"),
        Arguments.of("string", "\"Body\"", "is a JSON string"),
        Arguments.of("number", "42", "is a JSON number"),
        Arguments.of("null", "null", "is a JSON null"),
        Arguments.of("two bodies glued", "{\"Result\":{}}{\"Result\":{}}", "not valid JSON"),
        Arguments.of("empty object", "{}", "not a known Daraja callback"),
        Arguments.of("unknown keys", "{\"event\":\"paid\",\"id\":1}", "found keys [event, id]"),
        Arguments.of("odd key", "{\"a\\nb\":1}", "found keys [?]"),
        Arguments.of("Body without stkCallback", "{\"Body\":{\"x\":1}}", "Body has no stkCallback"),
        Arguments.of(
            "stkCallback not an object",
            "{\"Body\":{\"stkCallback\":[1]}}",
            "Body.stkCallback is a JSON array"),
        Arguments.of(
            "missing CheckoutRequestID",
            stk("\"MerchantRequestID\":\"m\",\"ResultCode\":1032"),
            "missing Body.stkCallback.CheckoutRequestID"),
        Arguments.of(
            "blank CheckoutRequestID",
            stk("\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":\" \",\"ResultCode\":1032"),
            "blank Body.stkCallback.CheckoutRequestID"),
        Arguments.of(
            "object CheckoutRequestID",
            stk("\"MerchantRequestID\":\"m\",\"CheckoutRequestID\":{},\"ResultCode\":1032"),
            "CheckoutRequestID is a JSON object"),
        Arguments.of(
            "missing MerchantRequestID",
            stk("\"CheckoutRequestID\":\"c\",\"ResultCode\":1032"),
            "missing Body.stkCallback.MerchantRequestID"),
        Arguments.of("missing STK ResultCode", stk(IDS), "missing Body.stkCallback.ResultCode"),
        Arguments.of(
            "boolean STK ResultCode",
            stk(IDS + ",\"ResultCode\":false"),
            "ResultCode is a JSON boolean"),
        Arguments.of(
            "success without metadata",
            stk(IDS + ",\"ResultCode\":0"),
            "has no Body.stkCallback.CallbackMetadata"),
        Arguments.of(
            "metadata not an object",
            stk(IDS + ",\"ResultCode\":0,\"CallbackMetadata\":[1]"),
            "CallbackMetadata is a JSON array"),
        Arguments.of(
            "success without receipt",
            paid(
                "{\"Name\":\"Amount\",\"Value\":1},{\"Name\":\"TransactionDate\",\"Value\":20191219102115}"),
            "item MpesaReceiptNumber"),
        Arguments.of(
            "success without amount",
            paid(
                "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"X\"},{\"Name\":\"TransactionDate\",\"Value\":20191219102115}"),
            "item Amount"),
        Arguments.of("item without Name", paid(ITEMS + ",{\"Value\":1}"), "has no Name"),
        Arguments.of("item a number", paid(ITEMS + ",7"), "Item[4] is a JSON number"),
        Arguments.of(
            "amount not a number", paid(ITEMS.replace("1.00", "\"one\"")), "is not an amount"),
        Arguments.of(
            "amount with a comma", paid(ITEMS.replace("1.00", "\"1,000.00\"")), "is not an amount"),
        Arguments.of(
            "amount 1e999999999", paid(ITEMS.replace("1.00", "1e999999999")), "out of any Daraja"),
        Arguments.of(
            "amount of 40 digits",
            paid(ITEMS.replace("1.00", "1" + "0".repeat(39))),
            "out of any Daraja amount range"),
        Arguments.of(
            "amount of 13 decimals",
            paid(ITEMS.replace("1.00", "\"1.0000000000001\"")),
            "out of any Daraja amount range"),
        Arguments.of(
            "a 100-digit number",
            paid(ITEMS.replace("1.00", "9".repeat(100))),
            "Number value length"),
        Arguments.of(
            "ResultCode 1e400", stk(IDS + ",\"ResultCode\":1e400"), "out of any Daraja range"),
        Arguments.of(
            "date month 13",
            paid(ITEMS.replace("20191219102115", "20191319102115")),
            "not a valid date-time"),
        Arguments.of(
            "date as words",
            paid(ITEMS.replace("20191219102115", "\"yesterday\"")),
            "is not a time"),
        Arguments.of("deep nesting", deep, "nesting depth"),
        Arguments.of("deep nesting inside a callback", deepInside, "nesting depth"),
        Arguments.of("Result not an object", "{\"Result\":\"x\"}", "Result is a JSON string"),
        Arguments.of(
            "Result without ResultCode",
            result("\"ResultDesc\":\"x\""),
            "missing Result.ResultCode"),
        Arguments.of(
            "Result without ids",
            "{\"Result\":{\"ResultCode\":0,\"TransactionID\":\"X\"}}",
            "neither OriginatorConversationID nor ConversationID"),
        Arguments.of(
            "parameter without Key",
            result("\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Value\":1}]}"),
            "ResultParameter[0] has no Key"),
        Arguments.of(
            "ResultParameters a string",
            result("\"ResultCode\":0,\"ResultParameters\":\"x\""),
            "Result.ResultParameters is a JSON string"),
        Arguments.of(
            "ResultParameter a number",
            result("\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":5}"),
            "expected an object or an array"),
        Arguments.of(
            "account with five fields",
            result(
                "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"AccountBalance\",\"Value\":\"Working Account|KES|1|1|0\"}]}"),
            "has 5 '|'-separated fields: expected 6"),
        Arguments.of(
            "account with a word for a balance",
            result(
                "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"AccountBalance\",\"Value\":\"Working Account|KES|lots|1|0|0\"}]}"),
            "account #1 current balance is not an amount"),
        Arguments.of(
            "registered flag neither Y nor N",
            result(
                "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"B2CRecipientIsRegisteredCustomer\",\"Value\":\"maybe\"}]}"),
            "neither Y nor N"),
        Arguments.of(
            "completed time in another format",
            result(
                "\"ResultCode\":0,\"ResultParameters\":{\"ResultParameter\":[{\"Key\":\"TransactionCompletedDateTime\",\"Value\":\"2024-07-06T22:48:52\"}]}"),
            "TransactionCompletedDateTime is not a time"),
        Arguments.of(
            "C2B without TransID",
            c2b("\"1\"", "x").replace("\"TransID\":\"RKL51ZDR4F\",", ""),
            "missing TransID"),
        Arguments.of(
            "C2B without TransTime",
            c2b("\"1\"", "x").replace("\"TransTime\":\"20231121121325\",", ""),
            "missing TransTime"),
        Arguments.of(
            "C2B without amount",
            c2b("\"1\"", "x").replace("\"TransAmount\":\"10\",", ""),
            "missing TransAmount"),
        Arguments.of(
            "C2B without shortcode",
            c2b("\"1\"", "x").replace("\"BusinessShortCode\":\"600966\",", ""),
            "missing BusinessShortCode"),
        Arguments.of(
            "C2B amount with a comma",
            c2b("\"1\"", "x").replace("\"10\"", "\"5,00\""),
            "TransAmount is not an amount"),
        Arguments.of(
            "C2B balance not an amount",
            c2b("\"lots\"", "x"),
            "OrgAccountBalance is not an amount"),
        Arguments.of(
            "error envelope",
            "{\"requestId\":\"1\",\"errorCode\":\"400.002.02\",\"errorMessage\":\"x\"}",
            "synchronous error answer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedBodyRaisesAParseExceptionThatKeepsItAndSaysWhy(
      String label, String body, String saying) {
    DarajaCallbackParseException e =
        catchThrowableOfType(DarajaCallbackParseException.class, () -> DarajaCallbacks.parse(body));
    assertThat(e).as("parse must refuse: " + label).isNotNull();
    assertThat(e.getMessage()).contains(saying);
    assertThat(e.rawBody()).isEqualTo(body);
    // Personal data in the body never reaches the message (and so never the logs).
    assertThat(e.getMessage()).doesNotContain("254708374149").doesNotContain("phone=");
  }

  @Test
  void theSameBodyAsBytesKeepsItsTextInTheException() {
    byte[] body = "{\"Body\":{}} trailing".getBytes(StandardCharsets.UTF_8);
    DarajaCallbackParseException e =
        catchThrowableOfType(DarajaCallbackParseException.class, () -> DarajaCallbacks.parse(body));
    assertThat(e.rawBody()).isEqualTo("{\"Body\":{}} trailing");
    assertThat(
            catchThrowableOfType(
                    DarajaCallbackParseException.class, () -> DarajaCallbacks.parse((byte[]) null))
                .rawBody())
        .isEmpty();
  }

  @Test
  void typedEntryPointsRefuseOtherShapesNamingWhatTheyExpected() {
    String stkBody = paid(ITEMS);
    assertThatThrownBy(() -> DarajaCallbacks.parseC2bConfirmation(stkBody))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("not a C2B notification")
        .hasMessageContaining("found keys [Body]");
    assertThatThrownBy(() -> DarajaCallbacks.parseResult(stkBody, Family.B2C))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("not a result");
    assertThatThrownBy(() -> DarajaCallbacks.parseStkCallback(c2b("\"1\"", "x")))
        .isInstanceOf(DarajaCallbackParseException.class)
        .hasMessageContaining("not an STK callback");
  }

  // ---- Answers ------------------------------------------------------------------------------

  @Test
  void acknowledgementIsTheDocumentedNumberZeroSuccess() throws Exception {
    assertThat(DarajaCallbacks.acknowledge())
        .isEqualTo("{\"ResultCode\":0,\"ResultDesc\":\"Success\"}");
    assertThat(new ObjectMapper().readTree(DarajaCallbacks.acknowledge()).get("ResultCode").isInt())
        .isTrue();
  }

  @Test
  void acceptingAValidationAnswersStringZero() {
    assertThat(DarajaCallbacks.acceptValidation())
        .isEqualTo("{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\"}");
    assertThat(DarajaCallbacks.acceptValidation("INV-42"))
        .isEqualTo(
            "{\"ResultCode\":\"0\",\"ResultDesc\":\"Accepted\",\"ThirdPartyTransID\":\"INV-42\"}");
  }

  @Test
  void aThirdPartyIdIsEscapedAndMustNotBeBlank() throws Exception {
    JsonNode answer = new ObjectMapper().readTree(DarajaCallbacks.acceptValidation("a\"b\\c\n"));
    assertThat(answer.get("ThirdPartyTransID").asText()).isEqualTo("a\"b\\c\n");
    assertThatThrownBy(() -> DarajaCallbacks.acceptValidation(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acceptValidation()");
  }

  @Test
  void rejectionCodesAreC2b00011To00016() {
    assertThat(DarajaCallbacks.rejectValidation(C2bRejection.INVALID_ACCOUNT_NUMBER))
        .isEqualTo("{\"ResultCode\":\"C2B00012\",\"ResultDesc\":\"Rejected\"}");
    assertThat(Stream.of(C2bRejection.values()).map(C2bRejection::code))
        .containsExactly("C2B00011", "C2B00012", "C2B00013", "C2B00014", "C2B00015", "C2B00016");
    assertThat(C2bRejection.INVALID_MSISDN.description()).isEqualTo("Invalid MSISDN");
    assertThat(C2bRejection.OTHER_ERROR.description()).isEqualTo("Other Error");
  }

  @ParameterizedTest
  @EnumSource(C2bRejection.class)
  void everyRejectionIsValidJsonWithItsCode(C2bRejection reason) throws Exception {
    JsonNode answer = new ObjectMapper().readTree(DarajaCallbacks.rejectValidation(reason));
    assertThat(answer.get("ResultCode").asText()).isEqualTo(reason.code());
    assertThat(answer.get("ResultDesc").asText()).isEqualTo("Rejected");
  }
}
