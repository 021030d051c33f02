package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.pull.PullQueryResponse;
import io.github.darajakit.client.pull.PullRegisterResponse;
import io.github.darajakit.client.pull.PulledTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pull answers in every shape REFERENCE §13 records, parsed without I/O. */
class PullParsingTest {

  private static JsonNode json(String text) {
    try {
      return Json.parse(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PullQueryResponse query(String text) {
    return PullService.parseQuery(json(text), text);
  }

  @Test
  void registrationReadsThePortalKeys() {
    String raw =
        """
        {"ResponseRefID":"feb5e3f2-fbc-4745-844c-ee37b546f627","ResponseStatus":"1000",
         "ShortCode":"600000","ResponseDescription":"Shortcode Registered Successfully"}""";
    PullRegisterResponse response = PullService.parseRegistration(json(raw), raw);
    assertThat(response.responseRefId()).isEqualTo("feb5e3f2-fbc-4745-844c-ee37b546f627");
    assertThat(response.responseStatus()).isEqualTo("1000");
    assertThat(response.shortCode()).isEqualTo("600000");
    assertThat(response.responseDescription()).isEqualTo("Shortcode Registered Successfully");
    assertThat(response.isRegistered()).isTrue();
    assertThat(response.alreadyRegistered()).isFalse();
    assertThat(response.rawJson()).isEqualTo(raw);
  }

  @Test
  void registrationReadsTheSpacedKeysOfTheLegacySample() {
    String raw =
        """
        {"ResponseRefID":"18633-7271215-1","Response Status":"1001","ShortCode":"600000",
         "Response Description":"ShortCode already Registered"}""";
    PullRegisterResponse response = PullService.parseRegistration(json(raw), raw);
    assertThat(response.responseStatus()).isEqualTo("1001");
    assertThat(response.responseDescription()).isEqualTo("ShortCode already Registered");
    assertThat(response.isRegistered()).isTrue();
    assertThat(response.alreadyRegistered()).isTrue();
  }

  @Test
  void registrationWithAnotherStatusIsNotRegistered() {
    String raw = "{\"ResponseStatus\":\"1002\",\"ResponseDescription\":\"Failed\"}";
    PullRegisterResponse response = PullService.parseRegistration(json(raw), raw);
    assertThat(response.isRegistered()).isFalse();
    assertThat(response.alreadyRegistered()).isFalse();
    assertThat(response.responseRefId()).isEmpty();
  }

  @Test
  void queryFlattensTheArrayOfArraysOfTheSample() {
    PullQueryResponse response =
        query(
            """
            { "ResponseRefID": "26178-42530161-2", "ResponseCode": "1000",
              "ResponseMessage": "Success",
              "Response": [ [
                { "transactionId": "yzlyrEsRG1", "trxDate": "2020-08-05T10:13:00Z",
                  "msisdn": 72200000, "sender": "UAT2",
                  "transactiontype": "c2b-pay-bill-debit", "billreference": "37207636392",
                  "amount": "168.00", "organizationname": "Daraja Pull API Test" } ],
                [ { "transactionId": "yzlyrEsRG2", "trxDate": "2020-08-05T10:14:00Z",
                  "msisdn": 254708374149, "sender": "JOHN", "transactiontype":
                  "c2b-buy-goods-debit", "billreference": "", "amount": 5,
                  "organizationname": "Daraja Pull API Test" } ] ] }""");
    assertThat(response.responseRefId()).isEqualTo("26178-42530161-2");
    assertThat(response.responseCode()).isEqualTo("1000");
    assertThat(response.responseMessage()).isEqualTo("Success");
    assertThat(response.transactions())
        .containsExactly(
            new PulledTransaction(
                "yzlyrEsRG1",
                Instant.parse("2020-08-05T10:13:00Z"),
                "72200000",
                "UAT2",
                "c2b-pay-bill-debit",
                "37207636392",
                new BigDecimal("168.00"),
                "Daraja Pull API Test"),
            new PulledTransaction(
                "yzlyrEsRG2",
                Instant.parse("2020-08-05T10:14:00Z"),
                "254708374149",
                "JOHN",
                "c2b-buy-goods-debit",
                "",
                new BigDecimal("5"),
                "Daraja Pull API Test"));
    assertThat(response.transactions().get(0).amountCents()).isEqualTo(16_800);
    assertThat(response.transactions().get(1).amountCents()).isEqualTo(500);
  }

  @Test
  void queryAcceptsAFlatArrayAndCamelCaseKeys() {
    PullQueryResponse response =
        query(
            """
            {"RequestID":"abc","ResponseCode":"1000","Response":[
              {"transactionId":"T1","trxDate":"2020-08-05 13:13:00","msisdn":"254708374149",
               "transactionType":"c2b-pay-bill-debit","billReference":"B","amount":"1.50",
               "organizationName":"Org"}]}""");
    assertThat(response.responseRefId()).isEqualTo("abc");
    PulledTransaction transaction = response.transactions().get(0);
    // No zone: East Africa Time, as Daraja reads its own dates.
    assertThat(transaction.trxDate()).isEqualTo(Instant.parse("2020-08-05T10:13:00Z"));
    assertThat(transaction.transactionType()).isEqualTo("c2b-pay-bill-debit");
    assertThat(transaction.billReference()).isEqualTo("B");
    assertThat(transaction.organizationName()).isEqualTo("Org");
    assertThat(transaction.amountCents()).isEqualTo(150);
  }

  @Test
  void dateFormatsAreReadTolerantly() {
    assertThat(PullService.instant("2020-08-05T10:13:00+03:00"))
        .isEqualTo(Instant.parse("2020-08-05T07:13:00Z"));
    assertThat(PullService.instant("2020-08-05T10:13:00"))
        .isEqualTo(Instant.parse("2020-08-05T07:13:00Z"));
    assertThat(PullService.instant("")).isNull();
    assertThat(PullService.instant("05/08/2020")).isNull();
  }

  @Test
  void noTransactionsIsAnEmptyPageNotAnError() {
    PullQueryResponse response =
        query(
            "{\"ResponseRefID\":\"1\",\"ResponseCode\":\"1001\","
                + "\"ResponseMessage\":\"No transactions found\",\"Response\":[[]]}");
    assertThat(response.isEmpty()).isTrue();
    assertThat(response.responseCode()).isEqualTo("1001");
    assertThat(query("{\"ResponseCode\":\"1001\",\"Transaction\":\"[[]]\"}").isEmpty()).isTrue();
  }

  @Test
  void anUnknownCodeWithoutTransactionsIsAnApiError() {
    assertThatThrownBy(() -> query("{\"ResponseCode\":\"2001\",\"ResponseMessage\":\"Nope\"}"))
        .isInstanceOfSatisfying(
            DarajaApiException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(200);
              assertThat(e.errorCode()).isEqualTo("2001");
              assertThat(e.errorMessage()).isEqualTo("Nope");
            });
  }

  @Test
  void anUnreadableAmountIsAnApiErrorNotAZero() {
    for (String amount : new String[] {"\"\"", "\"12.345\"", "\"abc\"", "null", "-1"}) {
      String raw =
          "{\"ResponseCode\":\"1000\",\"Response\":[[{\"transactionId\":\"T9\",\"amount\":"
              + amount
              + "}]]}";
      assertThatThrownBy(() -> query(raw))
          .as(amount)
          .isInstanceOfSatisfying(
              DarajaApiException.class,
              e -> assertThat(e.errorMessage()).contains("'T9' has no readable amount"));
    }
  }

  @Test
  void wireDatesAreEastAfricaTimeToTheSecond() {
    assertThat(PullService.wireDate(Instant.parse("2024-07-06T21:30:15.900Z")))
        .isEqualTo("2024-07-07 00:30:15");
  }
}
