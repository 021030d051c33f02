package io.github.darajakit.client.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.Outcome;
import io.github.darajakit.client.ResultCodes.Family;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every callback JSON sample in REFERENCE §4.2, §5.3, §6.3, §7.1, §7.3, §9, §10 and §11, parsed
 * both by shape ({@link DarajaCallbacks#parse(String)}) and by the API-specific entry point.
 */
class ReferenceCallbackSamplesTest {

  private static BigDecimal kes(String amount) {
    return new BigDecimal(amount);
  }

  // ---- §4.2 STK callback ---------------------------------------------------------------------

  @Test
  void stkCancelledCallbackHasNoPaymentAndMeansCancelled() {
    String json =
        """
        { "Body": { "stkCallback": {
            "MerchantRequestID": "f1e2-4b95-a71d-b30d3cdbb7a7942864",
            "CheckoutRequestID": "ws_CO_21072024125243250722943992",
            "ResultCode": 1032,
            "ResultDesc": "Request cancelled by user" } } }
        """;
    StkCallback stk = (StkCallback) DarajaCallbacks.parse(json);
    assertThat(stk.merchantRequestId()).isEqualTo("f1e2-4b95-a71d-b30d3cdbb7a7942864");
    assertThat(stk.checkoutRequestId()).isEqualTo("ws_CO_21072024125243250722943992");
    assertThat(stk.resultCode().code()).isEqualTo("1032");
    assertThat(stk.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(stk.resultDesc()).isEqualTo("Request cancelled by user");
    assertThat(stk.payment()).isEmpty();
    assertThat(stk.isPaid()).isFalse();
    assertThat(DarajaCallbacks.parseStkCallback(json)).isEqualTo(stk);
  }

  @Test
  void stkSuccessCallbackCarriesAmountReceiptDatePhoneAndNoBalance() {
    String json =
        """
        { "Body": { "stkCallback": {
            "MerchantRequestID": "29115-34620561-1",
            "CheckoutRequestID": "ws_CO_191220191020363925",
            "ResultCode": 0,
            "ResultDesc": "The service request is processed successfully.",
            "CallbackMetadata": { "Item": [
              { "Name": "Amount", "Value": 1.00 },
              { "Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV" },
              { "Name": "Balance" },
              { "Name": "TransactionDate", "Value": 20191219102115 },
              { "Name": "PhoneNumber", "Value": 254708374149 } ] } } } }
        """;
    StkCallback stk = DarajaCallbacks.parseStkCallback(json);
    assertThat(stk.isPaid()).isTrue();
    assertThat(stk.outcome()).isEqualTo(Outcome.SUCCESS);
    StkPayment paid = stk.payment().orElseThrow();
    assertThat(paid.amount()).isEqualTo(kes("1.00"));
    assertThat(paid.mpesaReceiptNumber()).isEqualTo("NLJ7RT61SV");
    assertThat(paid.transactionDate()).isEqualTo(LocalDateTime.of(2019, 12, 19, 10, 21, 15));
    assertThat(paid.transactionInstant()).isEqualTo(Instant.parse("2019-12-19T07:21:15Z"));
    assertThat(paid.phoneNumber()).isEqualTo("254708374149");
    assertThat(paid.msisdn().orElseThrow().value()).isEqualTo("254708374149");
    assertThat(paid.balance()).isEmpty();
    assertThat(paid.toString()).doesNotContain("254708374149").contains("2547****4149");
    assertThat(stk.toString()).doesNotContain("254708374149");
  }

  // ---- §5.3 C2B validation and confirmation -------------------------------------------------

  private static final String C2B_V2 =
      """
      { "TransactionType": "Pay Bill",
        "TransID": "RKL51ZDR4F",
        "TransTime": "20231121121325",
        "TransAmount": "5.00",
        "BusinessShortCode": "600966",
        "BillRefNumber": "Sample Transaction",
        "InvoiceNumber": "",
        "OrgAccountBalance": "25.00",
        "ThirdPartyTransID": "",
        "MSISDN": "2547 ***** 126",
        "FirstName": "NICHOLAS",
        "MiddleName": "",
        "LastName": "" }
      """;

  @Test
  void c2bSampleWithABalanceIsAConfirmationWithEveryField() {
    C2bConfirmation c2b = (C2bConfirmation) DarajaCallbacks.parse(C2B_V2);
    assertThat(c2b.transactionType()).isEqualTo("Pay Bill");
    assertThat(c2b.transId()).isEqualTo("RKL51ZDR4F");
    assertThat(c2b.transTime()).isEqualTo(LocalDateTime.of(2023, 11, 21, 12, 13, 25));
    assertThat(c2b.transInstant()).isEqualTo(Instant.parse("2023-11-21T09:13:25Z"));
    assertThat(c2b.transAmount()).isEqualTo(kes("5.00"));
    assertThat(c2b.businessShortCode()).isEqualTo("600966");
    assertThat(c2b.billRefNumber()).isEqualTo("Sample Transaction");
    assertThat(c2b.invoiceNumber()).isEmpty();
    assertThat(c2b.orgAccountBalance()).contains(kes("25.00"));
    assertThat(c2b.thirdPartyTransId()).isEmpty();
    assertThat(c2b.sender()).isEqualTo(new C2bSender.Masked("2547 ***** 126"));
    assertThat(c2b.firstName()).isEqualTo("NICHOLAS");
    assertThat(c2b.middleName()).isEmpty();
    assertThat(c2b.lastName()).isEmpty();
    assertThat(c2b.rawJson()).isEqualTo(C2B_V2);
  }

  @Test
  void c2bSampleWithABlankBalanceIsAValidation() {
    String validation = C2B_V2.replace("\"25.00\"", "\"\"");
    C2bValidation c2b = (C2bValidation) DarajaCallbacks.parse(validation);
    assertThat(c2b.transId()).isEqualTo("RKL51ZDR4F");
    assertThat(c2b.orgAccountBalance()).isEmpty();
    assertThat(c2b.transAmount()).isEqualTo(kes("5.00"));
  }

  @Test
  void c2bSampleReadsAsEitherKindWhenTheUrlSaysWhichItIs() {
    C2bValidation asValidation = DarajaCallbacks.parseC2bValidation(C2B_V2);
    C2bConfirmation asConfirmation = DarajaCallbacks.parseC2bConfirmation(C2B_V2);
    assertThat(asValidation.transId()).isEqualTo(asConfirmation.transId());
    assertThat(asValidation.orgAccountBalance()).contains(kes("25.00"));
    C2bConfirmation blank =
        DarajaCallbacks.parseC2bConfirmation(C2B_V2.replace("\"25.00\"", "\"\""));
    assertThat(blank.orgAccountBalance()).isEmpty();
  }

  // ---- §6.3 B2C result ------------------------------------------------------------------------

  @Test
  void b2cSuccessResultIsTypedWithReceiptAmountAndBalances() {
    String json =
        """
        { "Result": {
            "ResultType": 0,
            "ResultCode": 0,
            "ResultDesc": "The service request is processed successfully.",
            "OriginatorConversationID": "53e3-4aa8-9fe0-8fb5e4092cdd3533373",
            "ConversationID": "AG_20240706_2010364430d9bbdaf872",
            "TransactionID": "SG632NMUAB",
            "ResultParameters": { "ResultParameter": [
              { "Key": "TransactionAmount", "Value": 10 },
              { "Key": "TransactionReceipt", "Value": "SG632NMUAB" },
              { "Key": "ReceiverPartyPublicName", "Value": "254705912645 - NICHOLAS JOHN SONGOK" },
              { "Key": "TransactionCompletedDateTime", "Value": "06.07.2024 22:48:52" },
              { "Key": "B2CUtilityAccountAvailableFunds", "Value": 8959269.60 },
              { "Key": "B2CWorkingAccountAvailableFunds", "Value": 1199371.00 },
              { "Key": "B2CRecipientIsRegisteredCustomer", "Value": "Y" },
              { "Key": "B2CChargesPaidAccountAvailableFunds", "Value": -1980.00 } ] },
            "ReferenceData": { "ReferenceItem": {
              "Key": "QueueTimeoutURL",
              "Value": "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" } } } }
        """;
    B2cResult b2c = (B2cResult) DarajaCallbacks.parse(json);
    assertThat(DarajaCallbacks.parseResult(json, Family.B2C)).isEqualTo(b2c);
    assertThat(DarajaCallbacks.parseB2cResult(json)).isEqualTo(b2c);
    assertThat(DarajaCallbacks.parseB2cResult(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(b2c);
    assertThat(b2c.resultType()).isEqualTo("0");
    assertThat(b2c.resultCode().code()).isEqualTo("0");
    assertThat(b2c.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(b2c.originatorConversationId()).isEqualTo("53e3-4aa8-9fe0-8fb5e4092cdd3533373");
    assertThat(b2c.conversationId()).isEqualTo("AG_20240706_2010364430d9bbdaf872");
    assertThat(b2c.transactionId()).isEqualTo("SG632NMUAB");
    assertThat(b2c.receipt()).contains("SG632NMUAB");
    assertThat(b2c.amount()).contains(kes("10.00"));
    assertThat(b2c.receiverPartyPublicName()).contains("254705912645 - NICHOLAS JOHN SONGOK");
    assertThat(b2c.completedTime()).contains(LocalDateTime.of(2024, 7, 6, 22, 48, 52));
    assertThat(b2c.utilityAccountAvailableFunds()).contains(kes("8959269.60"));
    assertThat(b2c.workingAccountAvailableFunds()).contains(kes("1199371.00"));
    assertThat(b2c.chargesPaidAccountAvailableFunds()).contains(kes("-1980.00"));
    assertThat(b2c.recipientIsRegisteredCustomer()).contains(true);
    assertThat(b2c.parameters()).containsEntry("B2CUtilityAccountAvailableFunds", "8959269.60");
    assertThat(b2c.referenceItems())
        .containsExactlyEntriesOf(
            Map.of(
                "QueueTimeoutURL",
                "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"));
    assertThat(b2c.toString()).doesNotContain("254705912645").doesNotContain("NICHOLAS");
  }

  private static final String B2C_FAILURE =
      """
      { "Result": {
          "ResultType": 0, "ResultCode": 2001,
          "ResultDesc": "The initiator information is invalid.",
          "OriginatorConversationID": "53e3-4aa8-9fe0-8fb5e4092cdd3544366",
          "ConversationID": "AG_20240707_201062f6f6f5804f7a33",
          "TransactionID": "SG722NMVXQ",
          "ReferenceData": { "ReferenceItem": { "Key": "QueueTimeoutURL",
            "Value": "https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit" } } } }
      """;

  @Test
  void b2cFailureResultWithoutParametersIsUnknownByShapeAndTypedByFamily() {
    DarajaResult byShape = (DarajaResult) DarajaCallbacks.parse(B2C_FAILURE);
    assertThat(byShape).isInstanceOf(UnknownResult.class);
    assertThat(byShape.resultCode().code()).isEqualTo("2001");
    assertThat(byShape.resultCode().known()).isFalse();
    // By shape it could as well be a Transaction Status "not found": no proof of failure.
    assertThat(byShape.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(byShape.parameters()).isEmpty();

    B2cResult b2c = DarajaCallbacks.parseB2cResult(B2C_FAILURE);
    assertThat(b2c.resultCode().known()).isTrue();
    assertThat(b2c.resultCode().meaning()).contains("initiator");
    assertThat(b2c.resultDesc()).isEqualTo("The initiator information is invalid.");
    assertThat(b2c.transactionId()).isEqualTo("SG722NMVXQ");
    assertThat(b2c.receipt()).isEmpty();
    assertThat(b2c.amount()).isEmpty();
    assertThat(b2c.recipientIsRegisteredCustomer()).isEmpty();
  }

  // ---- §7.1 B2B result ------------------------------------------------------------------------

  /** REFERENCE §7.1, the portal's Business Pay Bill success sample. */
  static final String B2B_SUCCESS =
      """
      { "Result": {
          "ResultType": "0", "ResultCode": "0",
          "ResultDesc": "The service request is processed successfully",
          "OriginatorConversationID": "626f6ddf-ab37-4650-b882-b1de92ec9aa4",
          "ConversationID": "12345677dfdf89099B3",
          "TransactionID": "QKA81LK5CY",
          "ResultParameters": { "ResultParameter": [
            { "Key": "DebitAccountBalance", "Value": "{Amount={CurrencyCode=KES, MinimumAmount=618683, BasicAmount=6186.83}}" },
            { "Key": "Amount", "Value": "190.00" },
            { "Key": "DebitPartyAffectedAccountBalance", "Value": "Working Account|KES|346568.83|6186.83|340382.00|0.00" },
            { "Key": "TransCompletedTime", "Value": "20221110110717" },
            { "Key": "DebitPartyCharges", "Value": "" },
            { "Key": "ReceiverPartyPublicName", "Value": "000000 - Biller Company" },
            { "Key": "Currency", "Value": "KES" },
            { "Key": "InitiatorAccountCurrentBalance", "Value": "{Amount={CurrencyCode=KES, MinimumAmount=618683, BasicAmount=6186.83}}" } ] },
          "ReferenceData": { "ReferenceItem": [
            { "Key": "BillReferenceNumber", "Value": "19008" },
            { "Key": "QueueTimeoutURL", "Value": "http://172.31.234.68:8888/Listener.php" } ] } } }
      """;

  @Test
  void b2bSuccessResultParsesTheDebitAccountAndBillReference() {
    B2bResult b2b = (B2bResult) DarajaCallbacks.parse(B2B_SUCCESS);
    assertThat(DarajaCallbacks.parseResult(B2B_SUCCESS, Family.B2B)).isEqualTo(b2b);
    assertThat(DarajaCallbacks.parseB2bResult(B2B_SUCCESS)).isEqualTo(b2b);
    assertThat(b2b.resultType()).isEqualTo("0");
    assertThat(b2b.resultCode().isSuccess()).isTrue();
    assertThat(b2b.transactionId()).isEqualTo("QKA81LK5CY");
    assertThat(b2b.amount()).contains(kes("190.00"));
    assertThat(b2b.receiverPartyPublicName()).contains("000000 - Biller Company");
    assertThat(b2b.debitAccountBalance())
        .contains(
            new Account(
                "Working Account",
                "KES",
                kes("346568.83"),
                kes("6186.83"),
                kes("340382.00"),
                kes("0.00")));
    assertThat(b2b.completedTime()).contains(LocalDateTime.of(2022, 11, 10, 11, 7, 17));
    assertThat(b2b.billReferenceNumber()).contains("19008");
    assertThat(b2b.currency()).contains("KES");
    assertThat(b2b.debitPartyCharges()).isEmpty();
    assertThat(b2b.parameters()).containsEntry("DebitPartyCharges", "");
    assertThat(b2b.referenceItems().keySet())
        .containsExactly("BillReferenceNumber", "QueueTimeoutURL");
  }

  private static final String B2B_FAILURE =
      """
      { "Result": {
          "ResultType": 0, "ResultCode": 2001,
          "ResultDesc": "The initiator information is invalid.",
          "OriginatorConversationID": "12337-23509183-5",
          "ConversationID": "AG_20200120_0000657265d5fa9ae5c0",
          "TransactionID": "OAK0000000",
          "ResultParameters": { "ResultParameter": { "Key": "BOCompletedTime", "Value": 20200120164825 } },
          "ReferenceData": { "ReferenceItem": { "Key": "QueueTimeoutURL",
            "Value": "https://internalapi.safaricom.co.ke/mpesa/abresults/v1/submit" } } } }
      """;

  @Test
  void b2bFailureWithASingleObjectParameterReadsItsCompletedTime() {
    B2bResult b2b = (B2bResult) DarajaCallbacks.parseResult(B2B_FAILURE, Family.B2B);
    assertThat(b2b.resultCode().code()).isEqualTo("2001");
    assertThat(b2b.resultCode().known()).isTrue();
    assertThat(b2b.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(b2b.transactionId()).isEqualTo("OAK0000000");
    assertThat(b2b.parameters())
        .containsExactlyEntriesOf(Map.of("BOCompletedTime", "20200120164825"));
    assertThat(b2b.completedTime()).contains(LocalDateTime.of(2020, 1, 20, 16, 48, 25));
    assertThat(b2b.amount()).isEmpty();
    assertThat(b2b.debitAccountBalance()).isEmpty();
    // By shape alone, BOCompletedTime belongs to several APIs: nothing is guessed.
    assertThat(DarajaCallbacks.parse(B2B_FAILURE)).isInstanceOf(UnknownResult.class);
  }

  // ---- §7.3 Tax remittance --------------------------------------------------------------------

  @Test
  void taxRemittanceResultIsAB2bResultWhoseBillReferenceIsThePrn() {
    // §7.3 documents the result as "B2B shapes" with the KRA PRN as BillReferenceNumber and a
    // receiver such as "00000 - Tax Collecting Company"; this is that shape.
    String json =
        """
        { "Result": {
            "ResultType": "0", "ResultCode": "0",
            "ResultDesc": "The service request is processed successfully",
            "OriginatorConversationID": "5118-111210482-1",
            "ConversationID": "AG_20230420_2010759fd5662ef6d054",
            "TransactionID": "RDK81LK5CZ",
            "ResultParameters": { "ResultParameter": [
              { "Key": "Amount", "Value": "239.00" },
              { "Key": "DebitPartyAffectedAccountBalance", "Value": "Working Account|KES|10000.00|9761.00|0.00|0.00" },
              { "Key": "TransCompletedTime", "Value": "20230420101010" },
              { "Key": "ReceiverPartyPublicName", "Value": "00000 - Tax Collecting Company" },
              { "Key": "Currency", "Value": "KES" } ] },
            "ReferenceData": { "ReferenceItem": [
              { "Key": "BillReferenceNumber", "Value": "PRN1234XN" },
              { "Key": "QueueTimeoutURL", "Value": "https://internalsandbox.safaricom.co.ke/mpesa/b2bresults/v1/submit" },
              { "Key": "Occassion" } ] } } }
        """;
    B2bResult tax = (B2bResult) DarajaCallbacks.parse(json);
    assertThat(tax.billReferenceNumber()).contains("PRN1234XN");
    assertThat(tax.receiverPartyPublicName()).contains("00000 - Tax Collecting Company");
    assertThat(tax.amount()).contains(kes("239.00"));
    assertThat(tax.debitAccountBalance().orElseThrow().available()).isEqualTo(kes("9761.00"));
    assertThat(tax.referenceItems()).containsEntry("Occassion", "");
  }

  @Test
  void taxRemittanceFailureReadsTheB2bCatalogue() {
    String json = B2B_FAILURE.replace("12337-23509183-5", "tax-2001");
    B2bResult tax = DarajaCallbacks.parseB2bResult(json);
    assertThat(tax.originatorConversationId()).isEqualTo("tax-2001");
    assertThat(tax.resultCode().description()).isEqualTo("The initiator information is invalid.");
  }

  // ---- §9 Transaction status ------------------------------------------------------------------

  @Test
  void transactionStatusResultKeepsTheReceiptNotThePlaceholder() {
    String json =
        """
        { "Result": {
            "ConversationID": "AG_20180223_0000493344ae97d86f75",
            "OriginatorConversationID": "3213-416199-2",
            "ReferenceData": { "ReferenceItem": { "Key": "Occasion" } },
            "ResultCode": 0,
            "ResultDesc": "The service request is processed successfully.",
            "ResultParameters": { "ResultParameter": [
              { "Key": "DebitPartyName", "Value": "600310 - Safaricom333" },
              { "Key": "CreditPartyName", "Value": "254708374149 - John Doe" },
              { "Key": "OriginatorConversationID", "Value": "3211-416020-3" },
              { "Key": "InitiatedTime", "Value": "20180223054112" },
              { "Key": "DebitAccountType", "Value": "Utility Account" },
              { "Key": "DebitPartyCharges", "Value": "Fee For B2C Payment|KES|22.40" },
              { "Key": "TransactionReason" },
              { "Key": "ReasonType", "Value": "Business Payment to Customer via API" },
              { "Key": "TransactionStatus", "Value": "Completed" },
              { "Key": "FinalisedTime", "Value": "20180223054112" },
              { "Key": "Amount", "Value": "300" },
              { "Key": "ConversationID", "Value": "AG_20180223_000041b09c22e613d6c9" },
              { "Key": "ReceiptNo", "Value": "MBN31H462N" } ] },
            "ResultType": 0,
            "TransactionID": "MBN0000000" } }
        """;
    TransactionStatusResult status = (TransactionStatusResult) DarajaCallbacks.parse(json);
    assertThat(DarajaCallbacks.parseResult(json, Family.TRANSACTION_STATUS)).isEqualTo(status);
    assertThat(DarajaCallbacks.parseTransactionStatusResult(json)).isEqualTo(status);
    assertThat(status.transactionId()).isEqualTo("MBN0000000");
    assertThat(status.receiptNo()).contains("MBN31H462N");
    assertThat(status.transactionStatus()).contains("Completed");
    assertThat(status.amount()).contains(kes("300.00"));
    assertThat(status.debitPartyName()).contains("600310 - Safaricom333");
    assertThat(status.creditPartyName()).contains("254708374149 - John Doe");
    assertThat(status.initiatedTime()).contains(LocalDateTime.of(2018, 2, 23, 5, 41, 12));
    assertThat(status.finalisedTime()).contains(LocalDateTime.of(2018, 2, 23, 5, 41, 12));
    assertThat(status.reasonType()).contains("Business Payment to Customer via API");
    assertThat(status.transactionReason()).isEmpty();
    assertThat(status.debitAccountType()).contains("Utility Account");
    assertThat(status.debitPartyCharges()).contains("Fee For B2C Payment|KES|22.40");
    assertThat(status.originalConversationId()).contains("AG_20180223_000041b09c22e613d6c9");
    assertThat(status.originalOriginatorConversationId()).contains("3211-416020-3");
    assertThat(status.conversationId()).isEqualTo("AG_20180223_0000493344ae97d86f75");
    assertThat(status.referenceItems()).containsExactlyEntriesOf(Map.of("Occasion", ""));
  }

  @Test
  void legacyTransactionStatusResultWithSpacedKeysAndNumberTimes() {
    // The Daraja 1.0 sample (REFERENCE [LEGACY-DOC]): "Conversation ID" and
    // "Originator Conversation ID" with spaces, times and amount as numbers.
    String json =
        """
        { "Result": {
            "ResultType": 0, "ResultCode": 0,
            "ResultDesc": "The service request has been accepted successfully.",
            "OriginatorConversationID": "10816-694520-2",
            "ConversationID": "AG_20170727_000059c52529a8e080bd",
            "TransactionID": "LGR0000000",
            "ResultParameters": { "ResultParameter": [
              { "Key": "ReceiptNo", "Value": "LGR919G2AV" },
              { "Key": "Conversation ID", "Value": "AG_20170727_00004492b1b6d0078fbe" },
              { "Key": "FinalisedTime", "Value": 20170727101415 },
              { "Key": "Amount", "Value": 10 },
              { "Key": "TransactionStatus", "Value": "Completed" },
              { "Key": "ReasonType", "Value": "Salary Payment via API" },
              { "Key": "TransactionReason" },
              { "Key": "DebitPartyCharges", "Value": "Fee For B2C Payment|KES|33.00" },
              { "Key": "DebitAccountType", "Value": "Utility Account" },
              { "Key": "InitiatedTime", "Value": 20170727101415 },
              { "Key": "Originator Conversation ID", "Value": "19455-773836-1" },
              { "Key": "CreditPartyName", "Value": "254708374149 - John Doe" },
              { "Key": "DebitPartyName", "Value": "600134 - Safaricom157" } ] },
            "ReferenceData": { "ReferenceItem": { "Key": "Occasion", "Value": "aaaa" } } } }
        """;
    TransactionStatusResult status = (TransactionStatusResult) DarajaCallbacks.parse(json);
    assertThat(status.receiptNo()).contains("LGR919G2AV");
    assertThat(status.originalConversationId()).contains("AG_20170727_00004492b1b6d0078fbe");
    assertThat(status.originalOriginatorConversationId()).contains("19455-773836-1");
    assertThat(status.finalisedTime()).contains(LocalDateTime.of(2017, 7, 27, 10, 14, 15));
    assertThat(status.initiatedTime()).contains(LocalDateTime.of(2017, 7, 27, 10, 14, 15));
    assertThat(status.amount()).contains(kes("10.00"));
    assertThat(status.reasonType()).contains("Salary Payment via API");
    assertThat(status.parameter("ConversationID")).contains("AG_20170727_00004492b1b6d0078fbe");
    assertThat(status.envelope().referenceItem("occasion")).contains("aaaa");
  }

  @Test
  void legacyEnvelopeKeysWithSpacesAreReadToo() {
    String json =
        """
        {"Result":{"ResultType":0,"ResultCode":2032,
          "ResultDesc":"The transaction receipt number does not exist.",
          "Originator Conversation ID":"10816-694520-9","Conversation ID":"AG_20170727_x",
          "TransactionID":"LGR0000000"}}
        """;
    TransactionStatusResult status =
        (TransactionStatusResult) DarajaCallbacks.parseResult(json, Family.TRANSACTION_STATUS);
    assertThat(status.originatorConversationId()).isEqualTo("10816-694520-9");
    assertThat(status.conversationId()).isEqualTo("AG_20170727_x");
    assertThat(status.resultCode().code()).isEqualTo("2032");
    assertThat(status.resultCode().known()).isTrue();
    assertThat(status.receiptNo()).isEmpty();
  }

  // ---- §10 Account balance --------------------------------------------------------------------

  @Test
  void accountBalanceResultParsesFiveTypedAccounts() {
    String json =
        """
        { "Result": {
            "ResultType": "0", "ResultCode": "0",
            "ResultDesc": "The service request is processed successfully",
            "OriginatorConversationID": "16917-22577599-3",
            "ConversationID": "AG_20200206_00005e091a8ec6b9eac5",
            "TransactionID": "OA90000000",
            "ResultParameters": { "ResultParameter": [
              { "Key": "AccountBalance",
                "Value": "Working Account|KES|700000.00|700000.00|0.00|0.00&Float Account|KES|0.00|0.00|0.00|0.00&Utility Account|KES|228037.00|228037.00|0.00|0.00&Charges Paid Account|KES|-1540.00|-1540.00|0.00|0.00&Organization Settlement Account|KES|0.00|0.00|0.00|0.00" },
              { "Key": "BOCompletedTime", "Value": "20200109125710" } ] },
            "ReferenceData": { "ReferenceItem": { "Key": "QueueTimeoutURL",
              "Value": "https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit" } } } }
        """;
    AccountBalanceResult balance = (AccountBalanceResult) DarajaCallbacks.parse(json);
    assertThat(DarajaCallbacks.parseResult(json, Family.ACCOUNT_BALANCE)).isEqualTo(balance);
    assertThat(DarajaCallbacks.parseAccountBalanceResult(json)).isEqualTo(balance);
    assertThat(balance.accounts())
        .containsExactly(
            new Account(
                "Working Account",
                "KES",
                kes("700000.00"),
                kes("700000.00"),
                kes("0.00"),
                kes("0.00")),
            new Account("Float Account", "KES", kes("0.00"), kes("0.00"), kes("0.00"), kes("0.00")),
            new Account(
                "Utility Account",
                "KES",
                kes("228037.00"),
                kes("228037.00"),
                kes("0.00"),
                kes("0.00")),
            new Account(
                "Charges Paid Account",
                "KES",
                kes("-1540.00"),
                kes("-1540.00"),
                kes("0.00"),
                kes("0.00")),
            new Account(
                "Organization Settlement Account",
                "KES",
                kes("0.00"),
                kes("0.00"),
                kes("0.00"),
                kes("0.00")));
    assertThat(balance.account("utility").orElseThrow().available()).isEqualTo(kes("228037.00"));
    assertThat(balance.account("Charges Paid Account").orElseThrow().current())
        .isEqualTo(kes("-1540.00"));
    assertThat(balance.account("Merchant")).isEmpty();
    assertThat(balance.completedTime()).contains(LocalDateTime.of(2020, 1, 9, 12, 57, 10));
    assertThat(balance.errorMessage()).isEmpty();
  }

  @Test
  void accountBalanceLockedCredentialFailureKeepsItsErrorMessageAndValuelessReference() {
    // §10: live sandbox 2026, ResultCode 8006 with ResultParameters still present and a
    // value-less ReferenceItem.
    String json =
        """
        { "Result": {
            "ResultType": 0, "ResultCode": 8006,
            "ResultDesc": "The security credential is locked.",
            "OriginatorConversationID": "9f4c-4e2b-8a4a-1b2c3d4e5f601234567",
            "ConversationID": "AG_20261007_2010186c4e0f4a9b8e3c",
            "TransactionID": "XXXXXXXXXX",
            "ResultParameters": { "ResultParameter": [
              { "Key": "ActionType", "Value": "AccountBalance" },
              { "Key": "ErrorMsg", "Value": "API Password is locked. " },
              { "Key": "BOCompletedTime", "Value": 20261007101530 } ] },
            "ReferenceData": { "ReferenceItem": { "Key": "QueueTimeoutURL" } } } }
        """;
    AccountBalanceResult balance = (AccountBalanceResult) DarajaCallbacks.parse(json);
    assertThat(balance.resultCode().code()).isEqualTo("8006");
    assertThat(balance.resultCode().known()).isTrue();
    assertThat(balance.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(balance.accounts()).isEmpty();
    assertThat(balance.errorMessage()).contains("API Password is locked.");
    assertThat(balance.completedTime()).contains(LocalDateTime.of(2026, 10, 7, 10, 15, 30));
    assertThat(balance.referenceItems()).containsExactlyEntriesOf(Map.of("QueueTimeoutURL", ""));
  }

  @Test
  void accountBalanceWithThePortalsStrayDigitTypoStillParses() {
    // The [PORTAL-v2] sample ends four accounts in "0.008&": a valid decimal, so it reads as
    // 0.008; nothing here can know it was a typo for 0.00.
    String value =
        "Working Account|KES|700000.00|700000.00|0.00|0.008&Float Account|KES|0.00|0.00|0.00|0.008"
            + "&Utility Account|KES|228037.00|228037.00|0.00|0.008&Charges Paid"
            + " Account|KES|-1540.00|-1540.00|0.00|0.008&Organization Settlement"
            + " Account|KES|0.00|0.00|0.00|0.00";
    String json =
        """
        {"Result":{"ResultType":"0","ResultCode":"0","ResultDesc":"ok",
          "OriginatorConversationID":"16917-22577599-3","ConversationID":"AG_x","TransactionID":"OA90000000",
          "ResultParameters":{"ResultParameter":[{"Key":"AccountBalance","Value":"%s"}]}}}
        """
            .formatted(value);
    AccountBalanceResult balance = (AccountBalanceResult) DarajaCallbacks.parse(json);
    assertThat(balance.accounts()).hasSize(5);
    assertThat(balance.accounts().get(0).unclear()).isEqualTo(kes("0.008"));
    assertThat(balance.accounts().get(4).unclear()).isEqualTo(kes("0.00"));
  }

  // ---- §11 Reversal ---------------------------------------------------------------------------

  /** REFERENCE §11, the portal's reversal success sample (identical in sandbox captures). */
  static final String REVERSAL_SUCCESS =
      """
      { "Result": {
          "ResultType": 0, "ResultCode": 0,
          "ResultDesc": "The service request is processed successfully.",
          "OriginatorConversationID": "dad6-4c34-8787-c8cb963a496d1268232",
          "ConversationID": "AG_20211114_201018edbbf9f1582eaa",
          "TransactionID": "SKE52PAWR9",
          "ResultParameters": { "ResultParameter": [
            { "Key": "DebitAccountBalance", "Value": "Utility Account|KES|7722179.62|7722179.62|0.00|0.00" },
            { "Key": "Amount", "Value": 1.00 },
            { "Key": "TransCompletedTime", "Value": 20211114132711 },
            { "Key": "OriginalTransactionID", "Value": "SKC82PACB8" },
            { "Key": "Charge", "Value": 0.00 },
            { "Key": "CreditPartyPublicName", "Value": "254705912645 - NICHOLAS JOHN SONGOK" },
            { "Key": "DebitPartyPublicName", "Value": "600992 - Safaricom Daraja 992" } ] },
          "ReferenceData": { "ReferenceItem": { "Key": "QueueTimeoutURL",
            "Value": "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit" } } } }
      """;

  @Test
  void reversalSuccessResultIsTyped() {
    ReversalResult reversal = (ReversalResult) DarajaCallbacks.parse(REVERSAL_SUCCESS);
    assertThat(DarajaCallbacks.parseResult(REVERSAL_SUCCESS, Family.REVERSAL)).isEqualTo(reversal);
    assertThat(DarajaCallbacks.parseReversalResult(REVERSAL_SUCCESS)).isEqualTo(reversal);
    assertThat(reversal.resultCode().isSuccess()).isTrue();
    assertThat(reversal.transactionId()).isEqualTo("SKE52PAWR9");
    assertThat(reversal.originalTransactionId()).contains("SKC82PACB8");
    assertThat(reversal.amount()).contains(kes("1.00"));
    assertThat(reversal.charge()).contains(kes("0.00"));
    assertThat(reversal.completedTime()).contains(LocalDateTime.of(2021, 11, 14, 13, 27, 11));
    assertThat(reversal.debitAccountBalance().orElseThrow())
        .isEqualTo(
            new Account(
                "Utility Account",
                "KES",
                kes("7722179.62"),
                kes("7722179.62"),
                kes("0.00"),
                kes("0.00")));
    assertThat(reversal.creditPartyPublicName()).contains("254705912645 - NICHOLAS JOHN SONGOK");
    assertThat(reversal.debitPartyPublicName()).contains("600992 - Safaricom Daraja 992");
  }

  @Test
  void reversalFailureWithTheStringCodeR000002() {
    String json =
        """
        { "Result": {
            "ResultType": 0, "ResultCode": "R000002",
            "ResultDesc": "The OriginalTransactionID is invalid.",
            "OriginatorConversationID": "dad6-4c34-8787-c8cb963a496d1268299",
            "ConversationID": "AG_20211114_201018edbbf9f1582ebb",
            "TransactionID": "SKE0000000",
            "ReferenceData": { "ReferenceItem": { "Key": "QueueTimeoutURL",
              "Value": "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit" } } } }
        """;
    ReversalResult reversal = (ReversalResult) DarajaCallbacks.parseResult(json, Family.REVERSAL);
    assertThat(reversal.resultCode().code()).isEqualTo("R000002");
    assertThat(reversal.resultCode().known()).isTrue();
    assertThat(reversal.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(reversal.transactionId()).isEqualTo("SKE0000000");
    assertThat(reversal.originalTransactionId()).isEmpty();
    DarajaResult byShape = (DarajaResult) DarajaCallbacks.parse(json);
    assertThat(byShape).isInstanceOf(UnknownResult.class);
    assertThat(byShape.resultCode().code()).isEqualTo("R000002");
  }

  @Test
  void everyReferenceResultKeepsItsRawJson() {
    for (String json : List.of(B2C_FAILURE, B2B_FAILURE)) {
      assertThat(DarajaCallbacks.parse(json).rawJson()).isEqualTo(json);
    }
  }
}
