package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.account.AccountBalanceRequest;
import io.github.darajakit.client.internal.Json;
import io.github.darajakit.client.internal.Transport;
import io.github.darajakit.client.transactions.ReversalRequest;
import io.github.darajakit.client.transactions.TransactionStatusRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Transaction Status, Reversal and Account Balance put on the wire. */
class TransactionAndBalanceWireTest {

  private final TransactionService transactions = new TransactionService(OfflineContexts.sandbox());

  private static TransactionStatusRequest.Builder status() {
    return TransactionStatusRequest.builder()
        .remarks("OK")
        .resultUrl("https://shop.example.com/status/result")
        .queueTimeOutUrl("https://shop.example.com/status/timeout");
  }

  @Test
  void statusByReceiptAndConversationIdIsAQueryWithDarajaKeys() {
    Transport.Call call =
        transactions.statusCall(
            status()
                .transactionId("NEF61H8J60")
                .originalConversationId("7071-4170-a0e5-8345632bad442144258")
                .occasion("OK")
                .build());
    assertThat(call.path()).isEqualTo("/mpesa/transactionstatus/v1/query");
    assertThat(call.kind()).isEqualTo(Transport.Kind.QUERY);
    assertThat(call.operation()).isEqualTo("transactions.status");
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"Initiator\":\"testapi\",\"SecurityCredential\":\""
                + OfflineContexts.CREDENTIAL
                + "\",\"CommandID\":\"TransactionStatusQuery\",\"TransactionID\":\"NEF61H8J60\","
                + "\"OriginalConversationID\":\"7071-4170-a0e5-8345632bad442144258\","
                + "\"PartyA\":\"600992\",\"IdentifierType\":\"4\","
                + "\"ResultURL\":\"https://shop.example.com/status/result\","
                + "\"QueueTimeOutURL\":\"https://shop.example.com/status/timeout\","
                + "\"Remarks\":\"OK\",\"Occasion\":\"OK\"}");
  }

  @Test
  void statusOmitsTheIdItWasNotGivenAndSendsAPhonePartyAsMsisdn() {
    Transport.Call call =
        transactions.statusCall(
            status()
                .originalConversationId("payout-42")
                .partyA("0708374149")
                .identifierType(IdentifierType.MSISDN)
                .build());
    assertThat(call.body().has("TransactionID")).isFalse();
    assertThat(call.body().has("Occasion")).isFalse();
    assertThat(call.body().get("PartyA").textValue()).isEqualTo("254708374149");
    assertThat(call.body().get("IdentifierType").textValue()).isEqualTo("1");
    assertThat(call.identifiers())
        .containsExactly(Map.entry("originalConversationId", "payout-42"));
  }

  @Test
  void reversalMovesMoneyAndSendsReceiverTypeEleven() {
    Transport.Call call =
        transactions.reverseCall(
            ReversalRequest.builder()
                .transactionId("PDU91HIVIT")
                .amount(200)
                .remarks("Payment reversal")
                .resultUrl("https://shop.example.com/reversal/result")
                .queueTimeOutUrl("https://shop.example.com/reversal/queue")
                .build());
    assertThat(call.path()).isEqualTo("/mpesa/reversal/v1/request");
    assertThat(call.kind()).isEqualTo(Transport.Kind.MONEY);
    assertThat(call.operation()).isEqualTo("transactions.reverse");
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"Initiator\":\"testapi\",\"SecurityCredential\":\""
                + OfflineContexts.CREDENTIAL
                + "\",\"CommandID\":\"TransactionReversal\",\"TransactionID\":\"PDU91HIVIT\","
                + "\"Amount\":200,\"ReceiverParty\":\"600992\",\"RecieverIdentifierType\":\"11\","
                + "\"ResultURL\":\"https://shop.example.com/reversal/result\","
                + "\"QueueTimeOutURL\":\"https://shop.example.com/reversal/queue\","
                + "\"Remarks\":\"Payment reversal\"}");
    assertThat(call.identifiers())
        .containsExactly(
            Map.entry("transactionId", "PDU91HIVIT"),
            Map.entry("amount", "200"),
            Map.entry("receiverParty", "600992"));
  }

  @Test
  void balanceIsAQueryForTheClientShortcode() {
    Transport.Call call =
        new AccountService(OfflineContexts.sandbox())
            .balanceCall(
                AccountBalanceRequest.builder()
                    .remarks("ok")
                    .resultUrl("https://shop.example.com/balance/result")
                    .queueTimeOutUrl("https://shop.example.com/balance/queue")
                    .build());
    assertThat(call.path()).isEqualTo("/mpesa/accountbalance/v1/query");
    assertThat(call.kind()).isEqualTo(Transport.Kind.QUERY);
    assertThat(Json.text(call.body()))
        .isEqualTo(
            "{\"Initiator\":\"testapi\",\"SecurityCredential\":\""
                + OfflineContexts.CREDENTIAL
                + "\",\"CommandID\":\"AccountBalance\",\"PartyA\":\"600992\","
                + "\"IdentifierType\":\"4\",\"Remarks\":\"ok\","
                + "\"QueueTimeOutURL\":\"https://shop.example.com/balance/queue\","
                + "\"ResultURL\":\"https://shop.example.com/balance/result\"}");
  }

  @Test
  void withoutAnInitiatorNothingCanBeBuilt() {
    assertThatThrownBy(
            () ->
                new AccountService(OfflineContexts.bare())
                    .balanceCall(
                        AccountBalanceRequest.builder()
                            .partyA("600992")
                            .remarks("ok")
                            .resultUrl("https://shop.example.com/balance/result")
                            .queueTimeOutUrl("https://shop.example.com/balance/queue")
                            .build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class, e -> assertThat(e.field()).isEqualTo("initiatorName"));
  }

  @Test
  void productionRefusesHttpUrlsForQueriesToo() {
    assertThatThrownBy(
            () ->
                new TransactionService(OfflineContexts.production())
                    .statusCall(
                        status()
                            .transactionId("NEF61H8J60")
                            .queueTimeOutUrl("http://shop.example.com/t")
                            .build()))
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> assertThat(e.field()).isEqualTo("queueTimeOutUrl"));
  }
}
