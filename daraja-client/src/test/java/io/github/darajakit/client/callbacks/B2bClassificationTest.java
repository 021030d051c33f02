package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.ResultCodes.Family;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * B2B and reversal results share {@code CreditPartyPublicName}, {@code DebitPartyPublicName} and
 * {@code TransCompletedTime}; {@link DarajaCallbacks#parse(String)} must still tell them apart, and
 * agree with {@link DarajaCallbacks#parseResult(String, Family)} on every sample.
 */
class B2bClassificationTest {

  /**
   * A production Business Pay Bill result (shortcode 7290377 paying PayBill 503200, 2021-01-18),
   * published in a public PHP file's test fixture. No {@code Amount}, no {@code
   * ReceiverPartyPublicName}: the payee is {@code CreditPartyPublicName}.
   */
  static final String PRODUCTION_B2B =
      """
      {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.",\
      "OriginatorConversationID":"24487-4109872-1","ConversationID":"AG_20210118_00005592cd9ffe8a06d3",\
      "TransactionID":"PAI3R04TKD","ResultParameters":{"ResultParameter":[\
      {"Key":"DebitPartyCharges","Value":"Disbursement of Funds Charge|KES|0.00&Disbursement of Funds Charge by Receiver|KES|0.00"},\
      {"Key":"CreditAccountBalance","Value":"Working Account|KES|3.00|3.00|0.00|0.00&Charges Paid Account|KES|0.00|0.00|0.00|0.00"},\
      {"Key":"CreditPartyPublicName","Value":"503200 - AIG KENYA INSURANCE COMPANY LTD VIA NCBA"},\
      {"Key":"DebitAccountCurrentBalance","Value":"{Amount={CurrencyCode=KES, MinimumAmount=39900, BasicAmount=399.00}}"},\
      {"Key":"DebitPartyPublicName","Value":"7290377 - Iplus Insurance Agency Limited"},\
      {"Key":"TransCompletedTime","Value":20210118183322}]},\
      "ReferenceData":{"ReferenceItem":[{"Key":"QueueTimeoutURL","Value":"http:\\/\\/internalapi.safaricom.co.ke\\/mpesa\\/b2bresults\\/v1\\/submit"},{"Key":"Occassion"}]}}}
      """;

  static Stream<Arguments> results() {
    return Stream.of(
        Arguments.of("production B2B 7290377", PRODUCTION_B2B, Family.B2B, B2bResult.class),
        Arguments.of(
            "portal B2B (REFERENCE §7.1)",
            ReferenceCallbackSamplesTest.B2B_SUCCESS,
            Family.B2B,
            B2bResult.class),
        Arguments.of(
            "portal reversal (REFERENCE §11)",
            ReferenceCallbackSamplesTest.REVERSAL_SUCCESS,
            Family.REVERSAL,
            ReversalResult.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("results")
  void parseAgreesWithParseResultOfTheRightFamily(
      String name, String json, Family family, Class<?> type) {
    DarajaCallback byShape = DarajaCallbacks.parse(json);
    assertThat(byShape).isInstanceOf(type);
    assertThat(byShape).isEqualTo(DarajaCallbacks.parseResult(json, family));
  }

  @Test
  void productionB2bResultKeepsItsB2bFields() {
    B2bResult b2b = (B2bResult) DarajaCallbacks.parse(PRODUCTION_B2B);
    assertThat(b2b.resultCode().isSuccess()).isTrue();
    assertThat(b2b.transactionId()).isEqualTo("PAI3R04TKD");
    assertThat(b2b.originatorConversationId()).isEqualTo("24487-4109872-1");
    assertThat(b2b.receiverPartyPublicName())
        .contains("503200 - AIG KENYA INSURANCE COMPANY LTD VIA NCBA");
    assertThat(b2b.debitPartyPublicName()).contains("7290377 - Iplus Insurance Agency Limited");
    assertThat(b2b.completedTime()).contains(LocalDateTime.of(2021, 1, 18, 18, 33, 22));
    assertThat(b2b.debitPartyCharges())
        .contains(
            "Disbursement of Funds Charge|KES|0.00&Disbursement of Funds Charge by Receiver|KES|0.00");
    // It states no Amount, and its DebitAccountCurrentBalance is the {Amount={…}} rendering.
    assertThat(b2b.amount()).isEmpty();
    assertThat(b2b.debitAccountBalance()).isEmpty();
    assertThat(b2b.billReferenceNumber()).isEmpty();
  }

  @Test
  void portalB2bResultNamesItsPayeeAndNoDebitParty() {
    B2bResult b2b = (B2bResult) DarajaCallbacks.parse(ReferenceCallbackSamplesTest.B2B_SUCCESS);
    assertThat(b2b.receiverPartyPublicName()).contains("000000 - Biller Company");
    assertThat(b2b.debitPartyPublicName()).isEmpty();
    assertThat(b2b.amount()).contains(new BigDecimal("190.00"));
    assertThat(b2b.billReferenceNumber()).contains("19008");
  }

  @Test
  void aReversalIsStillAReversal() {
    ReversalResult reversal =
        (ReversalResult) DarajaCallbacks.parse(ReferenceCallbackSamplesTest.REVERSAL_SUCCESS);
    assertThat(reversal.originalTransactionId()).contains("SKC82PACB8");
    assertThat(reversal.creditPartyPublicName()).contains("254705912645 - NICHOLAS JOHN SONGOK");
    assertThat(reversal.debitPartyPublicName()).contains("600992 - Safaricom Daraja 992");
  }
}
