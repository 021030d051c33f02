package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCodes.Family;
import io.github.darajakit.client.callbacks.TransactionStatusResult.Finding;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Transaction Status Result proves: only a found transaction whose status says it failed is
 * proof of failure; "not found", refused queries and unknown codes or statuses are never final.
 */
class TransactionStatusFindingTest {

  private static TransactionStatusResult result(String code, String transactionStatus) {
    String parameters =
        transactionStatus == null
            ? ""
            : """
              ,"ResultParameters":{"ResultParameter":[
                {"Key":"ReceiptNo","Value":"UKS1AB2CD3"},
                {"Key":"TransactionStatus","Value":"%s"},
                {"Key":"Amount","Value":"300"}]}"""
                .formatted(transactionStatus);
    String json =
        """
        {"Result":{"ResultType":0,"ResultCode":"%s","ResultDesc":"…",
          "OriginatorConversationID":"3213-416199-2","ConversationID":"AG_20180223_1",
          "TransactionID":"UKS0000000"%s}}"""
            .formatted(code, parameters);
    return (TransactionStatusResult) DarajaCallbacks.parseResult(json, Family.TRANSACTION_STATUS);
  }

  @ParameterizedTest(name = "ResultCode {0}, TransactionStatus {1}: {2}, {3}")
  @CsvSource(
      nullValues = "none",
      value = {
        "0,          Completed, COMPLETED,    SUCCESS",
        "0,          completed, COMPLETED,    SUCCESS",
        "0,          Reversed,  REVERSED,     SUCCESS",
        "0,          Failed,    FAILED,       FAILED",
        "0,          Declined,  INCONCLUSIVE, PENDING",
        "0,          none,      INCONCLUSIVE, PENDING",
        "2032,       none,      NOT_FOUND,    PENDING",
        "2033,       none,      NOT_FOUND,    PENDING",
        "2001,       none,      INCONCLUSIVE, PENDING",
        "8006,       none,      INCONCLUSIVE, PENDING",
        "SFC_IC0003, none,      INCONCLUSIVE, PENDING",
        "7777,       none,      INCONCLUSIVE, PENDING",
      })
  void findingAndOutcomeSpeakOfTheTransactionNotTheQuery(
      String code, String transactionStatus, Finding finding, Outcome outcome) {
    TransactionStatusResult result = result(code, transactionStatus);
    assertThat(result.finding()).isEqualTo(finding);
    assertThat(result.outcome()).isEqualTo(outcome);
    assertThat(result.finding().isFinal()).isEqualTo(outcome != Outcome.PENDING);
  }

  @Test
  void notFoundShortlyAfterSendingIsNotAFailure() {
    TransactionStatusResult notFound = result("2033", null);
    assertThat(notFound.outcome()).isNotEqualTo(Outcome.FAILED);
    assertThat(notFound.resultCode().outcome()).isNotEqualTo(Outcome.FAILED);
    assertThat(notFound.resultCode().isFinal()).isFalse();
    assertThat(notFound.resultCode().meaning()).contains("not proof");
  }

  @Test
  void aRefusedQueryFailedButSaysNothingAboutTheTransaction() {
    TransactionStatusResult refused = result("8006", null);
    assertThat(refused.resultCode().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(refused.resultCode().meaning()).contains("says nothing about the transaction");
    assertThat(refused.outcome()).isEqualTo(Outcome.PENDING);
  }

  @Test
  void theWordsThatProveFailureCanBeConfigured() {
    TransactionStatusResult declined = result("0", "Declined");
    assertThat(declined.finding()).isEqualTo(Finding.INCONCLUSIVE);
    assertThat(declined.finding(Set.of("Failed", " declined "))).isEqualTo(Finding.FAILED);
    assertThat(result("0", "Failed").finding(Set.of())).isEqualTo(Finding.INCONCLUSIVE);
    // A 2033 is never made a failure by configuration: the words speak of found transactions.
    assertThat(result("2033", null).finding(Set.of("Failed", ""))).isEqualTo(Finding.NOT_FOUND);
  }
}
