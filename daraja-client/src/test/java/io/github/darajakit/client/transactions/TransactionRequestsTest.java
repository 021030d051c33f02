package io.github.darajakit.client.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.IdentifierType;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Transaction Status and Reversal requests are checked when they are built. */
class TransactionRequestsTest {

  private static TransactionStatusRequest.Builder status() {
    return TransactionStatusRequest.builder()
        .transactionId("NLJ7RT61SV")
        .remarks("Check")
        .resultUrl("https://shop.example.com/status/result")
        .queueTimeOutUrl("https://shop.example.com/status/timeout");
  }

  private static ReversalRequest.Builder reversal() {
    return ReversalRequest.builder()
        .transactionId("NLJ7RT61SV")
        .amount(100)
        .remarks("Duplicate payment")
        .resultUrl("https://shop.example.com/reversal/result")
        .queueTimeOutUrl("https://shop.example.com/reversal/timeout");
  }

  private static void statusRejects(
      UnaryOperator<TransactionStatusRequest.Builder> change, String field, String message) {
    assertThatThrownBy(() -> change.apply(status()).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  private static void reversalRejects(
      UnaryOperator<ReversalRequest.Builder> change, String field, String message) {
    assertThatThrownBy(() -> change.apply(reversal()).build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  @Test
  void statusNeedsAReceiptOrAnOriginatorConversationId() {
    statusRejects(
        b -> b.transactionId(null), "transactionId", "or originalConversationId is required");
    statusRejects(
        b -> b.transactionId("").originalConversationId(""),
        "transactionId",
        "or originalConversationId is required");
    TransactionStatusRequest byId =
        status().transactionId(null).originalConversationId("7071-4170-a0e5").build();
    assertThat(byId.transactionId()).isNull();
    assertThat(byId.originalConversationId()).isEqualTo("7071-4170-a0e5");
    TransactionStatusRequest both = status().originalConversationId("7071-4170-a0e5").build();
    assertThat(both.transactionId()).isEqualTo("NLJ7RT61SV");
  }

  @Test
  void statusReceiptAndConversationIdFormatsAreChecked() {
    statusRejects(b -> b.transactionId("nlj7rt61sv"), "transactionId", "10 uppercase letters");
    statusRejects(b -> b.transactionId("NLJ7RT61S"), "transactionId", "is not an M-Pesa receipt");
    statusRejects(
        b -> b.originalConversationId("x".repeat(129)), "originalConversationId", "has 129");
    statusRejects(b -> b.originalConversationId("a b"), "originalConversationId", "whitespace");
  }

  @Test
  void statusDefaultsToAShortcodePartyAndNormalisesAPhonePartyA() {
    TransactionStatusRequest byDefault = status().build();
    assertThat(byDefault.identifierType()).isEqualTo(IdentifierType.SHORTCODE);
    assertThat(byDefault.partyA()).isNull();
    TransactionStatusRequest phone =
        status().partyA("0708 374 149").identifierType(IdentifierType.MSISDN).build();
    assertThat(phone.partyA()).isEqualTo("254708374149");
    statusRejects(
        b -> b.identifierType(IdentifierType.MSISDN), "partyA", "is required when identifierType");
    statusRejects(b -> b.partyA("0708374149"), "partyA", "is not a shortcode");
    statusRejects(
        b -> b.partyA("600992").identifierType(IdentifierType.MSISDN),
        "partyA",
        "is not a Kenyan mobile number");
  }

  @Test
  void statusRemarksDefaultToTransactionStatusUnlessGiven() {
    TransactionStatusRequest request =
        TransactionStatusRequest.builder()
            .transactionId("NLJ7RT61SV")
            .resultUrl("https://shop.example.com/status/result")
            .queueTimeOutUrl("https://shop.example.com/status/timeout")
            .build();
    assertThat(request.remarks()).isEqualTo("Transaction status");
    assertThat(status().build().remarks()).isEqualTo("Check");
  }

  @Test
  void reversalRemarksHaveNoDefault() {
    // A reversal moves money: its Remarks are the merchant's words on the customer's statement.
    assertThatThrownBy(
            () ->
                ReversalRequest.builder()
                    .transactionId("NLJ7RT61SV")
                    .amount(100)
                    .resultUrl("https://shop.example.com/reversal/result")
                    .queueTimeOutUrl("https://shop.example.com/reversal/timeout")
                    .build())
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("remarks"));
  }

  @Test
  void statusRemarksOccasionAndUrlsAreChecked() {
    statusRejects(b -> b.remarks(null), "remarks", "is required");
    statusRejects(b -> b.remarks("r".repeat(101)), "remarks", "has 101 characters");
    statusRejects(b -> b.occasion("o".repeat(101)), "occasion", "at most 100");
    statusRejects(b -> b.resultUrl(null), "resultUrl", "is required");
    statusRejects(b -> b.queueTimeOutUrl(null), "queueTimeOutUrl", "is required");
  }

  @Test
  void reversalChecksEveryField() {
    reversalRejects(b -> b.transactionId(null), "transactionId", "is required");
    reversalRejects(b -> b.transactionId("ABC"), "transactionId", "is not an M-Pesa receipt");
    reversalRejects(b -> b.amount(0), "amount", "KES 0 cannot be reversed");
    reversalRejects(b -> b.receiverParty("abcde"), "receiverParty", "is not a shortcode");
    reversalRejects(b -> b.remarks("x"), "remarks", "Daraja accepts 2 to 100");
    reversalRejects(b -> b.remarks("r".repeat(101)), "remarks", "has 101 characters");
    reversalRejects(b -> b.occasion("o".repeat(101)), "occasion", "at most 100");
    reversalRejects(b -> b.resultUrl(null), "resultUrl", "is required");
    reversalRejects(b -> b.queueTimeOutUrl("nope"), "queueTimeOutUrl", "absolute http(s)");
    ReversalRequest request = reversal().build();
    assertThat(request.receiverParty()).isNull();
    assertThat(request.occasion()).isNull();
  }
}
