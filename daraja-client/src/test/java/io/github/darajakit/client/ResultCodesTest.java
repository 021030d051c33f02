package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.ResultCodes.Family;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ResultCode catalogue against REFERENCE §17, no I/O. */
class ResultCodesTest {

  /** Every code of REFERENCE §17.1, with its outcome and whether a new push makes sense. */
  @ParameterizedTest(name = "STK {0}: {1}, retryable {2}")
  @CsvSource({
    "0,          SUCCESS,   false, The service request is processed successfully.",
    "1,          FAILED,    false, The balance is insufficient for the transaction.",
    "2,          FAILED,    false, Declined due to limit rule.",
    "3,          FAILED,    false, greater than the maximum transaction amount",
    "4,          FAILED,    false, would exceed daily transfer limit",
    "8,          FAILED,    false, would exceed the maximum balance",
    "17,         FAILED,    true,  Rule limited.",
    "26,         FAILED,    true,  System busy. The service request is rejected.",
    "1001,       FAILED,    true,  Unable to lock subscriber",
    "1019,       TIMEOUT,   true,  Transaction has expired.",
    "1025,       FAILED,    true,  An error occurred while sending a push request.",
    "1031,       CANCELLED, true,  Request cancelled by user",
    "1032,       CANCELLED, true,  Request cancelled by user",
    "1036,       TIMEOUT,   true,  SMSC ACK timeout.",
    "1037,       TIMEOUT,   true,  DS timeout user cannot be reached",
    "1101,       FAILED,    false, Prompt message prefix",
    "1102,       FAILED,    false, Prompt message prefix",
    "2001,       FAILED,    true,  The initiator information is invalid.",
    "2026,       TIMEOUT,   true,  The channel session ID has expired.",
    "2028,       FAILED,    false, The request is not permitted according to product assignment.",
    "8006,       FAILED,    false, The security credential is locked.",
    "9999,       FAILED,    true,  Internal error occurred while executing the transaction.",
    "SFC_IC0003, FAILED,    false, The operator does not exist.",
    "4999,       PENDING,   false, The transaction is still under processing",
    "E3008,      FAILED,    false, Error, the user has a bad debt contract.",
  })
  void everyStkCodeOfTheReferenceHasItsOutcome(
      String code, Outcome outcome, boolean retryable, String description) {
    ResultCode result = ResultCodes.stk(code);
    assertThat(result.code()).isEqualTo(code);
    assertThat(result.known()).isTrue();
    assertThat(result.outcome()).isEqualTo(outcome);
    assertThat(result.retryable()).isEqualTo(retryable);
    assertThat(result.description()).contains(description);
    assertThat(result.meaning()).isNotBlank();
    assertThat(result).isEqualTo(ResultCodes.lookup(Family.STK, code));
  }

  /** Every code of REFERENCE §17.2, the legacy generic list included. */
  @ParameterizedTest(name = "B2C {0}: {1}, retryable {2}")
  @CsvSource({
    "0,          SUCCESS, false, The service request is processed successfully.",
    "1,          FAILED,  true,  The balance is insufficient for the transaction.",
    "2,          FAILED,  false, Declined due to limit rule",
    "3,          FAILED,  false, greater than the maximum transaction amount",
    "4,          FAILED,  false, would exceed daily transfer limit",
    "5,          FAILED,  false, Would Exceed Minimum Balance",
    "6,          FAILED,  false, Unresolved Primary Party",
    "7,          FAILED,  false, Unresolved Receiver Party",
    "8,          FAILED,  false, would exceed the maximum balance",
    "11,         FAILED,  false, The DebitParty is in an invalid state.",
    "12,         FAILED,  false, Credit Account Invalid",
    "13,         FAILED,  false, Unresolved Debit Account",
    "14,         FAILED,  false, Unresolved Credit Account",
    "15,         FAILED,  false, Duplicate Detected",
    "17,         FAILED,  true,  Internal Failure",
    "18,         FAILED,  false, Initiator Credential Check Failure",
    "20,         FAILED,  false, Unresolved Initiator",
    "21,         FAILED,  false, The initiator is not allowed to initiate this request",
    "22,         FAILED,  false, Initiator to Receiver Party Permission Failure",
    "2001,       FAILED,  false, The initiator information is invalid.",
    "2006,       FAILED,  false, Declined due to account rule",
    "2028,       FAILED,  false, The request is not permitted according to product assignment.",
    "2040,       FAILED,  false, Credit Party customer type",
    "2043,       FAILED,  false, This organization is not a child organization of the initiator.",
    "8006,       FAILED,  false, The security credential is locked.",
    "SFC_IC0003, FAILED,  false, The operator does not exist.",
  })
  void everyB2cCodeOfTheReferenceHasItsOutcome(
      String code, Outcome outcome, boolean retryable, String description) {
    ResultCode result = ResultCodes.b2c(code);
    assertThat(result.code()).isEqualTo(code);
    assertThat(result.known()).isTrue();
    assertThat(result.outcome()).isEqualTo(outcome);
    assertThat(result.retryable()).isEqualTo(retryable);
    assertThat(result.description()).contains(description);
    assertThat(result.meaning()).isNotBlank();
  }

  /** REFERENCE §17.4: the M-Pesa core codes. */
  @ParameterizedTest(name = "core {0}: {1}, retryable {2}")
  @CsvSource({
    "15,        FAILED,  false",
    "17,        FAILED,  true",
    "18,        FAILED,  false",
    "19,        FAILED,  true",
    "20,        FAILED,  false",
    "21,        FAILED,  false",
    "22,        FAILED,  false",
    "24,        FAILED,  false",
    "25,        FAILED,  false",
    "26,        FAILED,  true",
    "29,        FAILED,  false",
    "100000000, PENDING, false",
    "100000001, FAILED,  true",
    "100000002, FAILED,  true",
    "100000004, FAILED,  true",
    "100000005, FAILED,  false",
    "100000007, FAILED,  true",
    "100000009, FAILED,  true",
    "100000010, FAILED,  false",
    "100000011, FAILED,  true",
  })
  void coreCodesApplyToEveryInitiatorFamily(String code, Outcome outcome, boolean retryable) {
    for (Family family :
        EnumSet.of(
            Family.B2C,
            Family.B2B,
            Family.REVERSAL,
            Family.TRANSACTION_STATUS,
            Family.ACCOUNT_BALANCE)) {
      ResultCode result = ResultCodes.lookup(family, code);
      assertThat(result.known()).as("%s %s", family, code).isTrue();
      assertThat(result.code()).isEqualTo(code);
      assertThat(result.outcome()).as("%s %s", family, code).isEqualTo(outcome);
      assertThat(result.retryable()).as("%s %s", family, code).isEqualTo(retryable);
    }
    // The core table is for initiator APIs: an STK result with such a code is not one of them.
    if (!List.of("17", "26").contains(code)) {
      assertThat(ResultCodes.stk(code).known()).as("STK %s", code).isFalse();
    }
  }

  @Test
  void aFamilysOwnMeaningWinsOverTheCoreTable() {
    // 25 in Transaction Status is its own "format of parameter null is invalid".
    assertThat(ResultCodes.lookup(Family.TRANSACTION_STATUS, "25").description())
        .isEqualTo("The format of parameter null is invalid.");
    assertThat(ResultCodes.lookup(Family.B2C, "25").description())
        .isEqualTo("InvalidRequestParameters");
    // 1 is the customer's balance in STK and the business's Utility account in B2C.
    assertThat(ResultCodes.stk("1").meaning()).contains("customer");
    assertThat(ResultCodes.b2c("1").meaning()).contains("Utility");
    assertThat(ResultCodes.lookup(Family.B2B, "1").meaning()).contains("Working");
  }

  @ParameterizedTest(name = "{0} {1} has no meaning borrowed from B2C")
  @CsvSource({
    "ACCOUNT_BALANCE,    1",
    "B2B,                2",
    "REVERSAL,           3",
    "ACCOUNT_BALANCE,    2028",
    "B2B,                2040",
    "REVERSAL,           SFC_IC0003",
    "ACCOUNT_BALANCE,    SFC_IC0003",
  })
  void b2cSpecificMeaningsDoNotLeakIntoOtherFamilies(Family family, String code) {
    // B2C's "1" says "top up the Utility account", its "SFC_IC0003" says "invalid recipient
    // phone number": neither is what a balance query or a reversal was told.
    ResultCode result = ResultCodes.lookup(family, code);
    assertThat(result.known()).isFalse();
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.retryable()).isFalse();
  }

  @ParameterizedTest(name = "Transaction Status {0} is not final")
  @ValueSource(strings = {"2032", "2033", "1", "4999", "XYZ123"})
  void transactionStatusNotFoundAndUnknownCodesAreNeverFinal(String code) {
    // A query's "not found" seconds after a payment means "not known yet"; a code nobody knows
    // means nothing. Either one ending a polling loop as FAILED would invite paying twice.
    ResultCode result = ResultCodes.lookup(Family.TRANSACTION_STATUS, code);
    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.isFinal()).isFalse();
    assertThat(result.isSuccess()).isFalse();
    assertThat(result.retryable()).isFalse();
    assertThat(result.known()).isEqualTo(code.startsWith("203"));
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
    "B2B,                0,          SUCCESS",
    "B2B,                1,          FAILED",
    "B2B,                21,         FAILED",
    "B2B,                2001,       FAILED",
    "B2B,                2028,       FAILED",
    "B2B,                8006,       FAILED",
    "B2B,                SFC_IC0003, FAILED",
    "TRANSACTION_STATUS, 0,          SUCCESS",
    "TRANSACTION_STATUS, 2032,       PENDING",
    "TRANSACTION_STATUS, 2033,       PENDING",
    "TRANSACTION_STATUS, 25,         FAILED",
    "REVERSAL,           0,          SUCCESS",
    "REVERSAL,           R000001,    FAILED",
    "REVERSAL,           R000002,    FAILED",
    "REVERSAL,           1,          FAILED",
    "REVERSAL,           11,         FAILED",
    "REVERSAL,           21,         FAILED",
    "REVERSAL,           2001,       FAILED",
    "REVERSAL,           2006,       FAILED",
    "REVERSAL,           2028,       FAILED",
    "REVERSAL,           8006,       FAILED",
    "ACCOUNT_BALANCE,    0,          SUCCESS",
    "ACCOUNT_BALANCE,    2001,       FAILED",
    "ACCOUNT_BALANCE,    8006,       FAILED",
    "B2B_EXPRESS,        0,          SUCCESS",
    "B2B_EXPRESS,        4001,       CANCELLED",
    "B2B_EXPRESS,        4102,       FAILED",
    "B2B_EXPRESS,        4104,       FAILED",
    "B2B_EXPRESS,        4201,       FAILED",
    "B2B_EXPRESS,        4203,       FAILED",
  })
  void everyCodeOfReferenceSection17_3IsInItsFamily(Family family, String code, Outcome outcome) {
    ResultCode result = ResultCodes.lookup(family, code);
    assertThat(result.known()).isTrue();
    assertThat(result.code()).isEqualTo(code);
    assertThat(result.outcome()).isEqualTo(outcome);
  }

  @Test
  void theSameCodeMeansDifferentThingsPerFamily() {
    assertThat(ResultCodes.stk("2001").retryable()).isTrue(); // wrong PIN: ask again
    assertThat(ResultCodes.b2c("2001").retryable()).isFalse(); // wrong credential: fix it first
    assertThat(ResultCodes.stk("2001").meaning()).contains("PIN");
    assertThat(ResultCodes.b2c("2001").meaning()).contains("password");
    assertThat(ResultCodes.lookup(Family.B2B, "SFC_IC0003").description())
        .isEqualTo("Receiver party is invalid");
  }

  @Test
  void codesArriveAsNumbersOrPaddedStringsAndAllNormaliseToText() {
    assertThat(ResultCodes.stk("0").code()).isEqualTo("0");
    assertThat(ResultCodes.stk(String.valueOf(0)).code()).isEqualTo("0");
    assertThat(ResultCodes.stk("00").code()).isEqualTo("0");
    assertThat(ResultCodes.stk("000").isSuccess()).isTrue();
    assertThat(ResultCodes.stk(" 0 ").isSuccess()).isTrue();
    assertThat(ResultCodes.stk("01032").code()).isEqualTo("1032");
    assertThat(ResultCodes.stk(String.valueOf(1032)).outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(ResultCodes.b2c("sfc_ic0003").code()).isEqualTo("SFC_IC0003");
    assertThat(ResultCodes.stk(" e3008").code()).isEqualTo("E3008");
    assertThat(ResultCodes.lookup(Family.REVERSAL, "r000002").known()).isTrue();
    assertThat(ResultCodes.normalise("0")).isEqualTo("0");
    assertThat(ResultCodes.normalise("00")).isEqualTo("0");
    assertThat(ResultCodes.normalise("0042")).isEqualTo("42");
    assertThat(ResultCodes.normalise(null)).isEmpty();
    assertThat(ResultCodes.normalise("  ")).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\" is unknown")
  @ValueSource(strings = {"12345", "C2B00011", "-1", "", "4.5", "OK"})
  void unknownCodesAreFailedNotRetryableAndSayToLookTheTransactionUp(String code) {
    for (Family family : EnumSet.complementOf(EnumSet.of(Family.TRANSACTION_STATUS))) {
      ResultCode result = ResultCodes.lookup(family, code);
      assertThat(result.known()).as("%s %s", family, code).isFalse();
      assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(result.retryable()).isFalse();
      assertThat(result.isFinal()).isTrue();
      assertThat(result.meaning()).contains("Unknown Daraja result code").contains("look");
    }
    // Transaction Status codes speak of the query: one nobody knows proves nothing.
    ResultCode status = ResultCodes.lookup(Family.TRANSACTION_STATUS, code);
    assertThat(status.known()).isFalse();
    assertThat(status.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(status.meaning()).contains("proves nothing about the transaction");
    assertThat(ResultCodes.stk(null).known()).isFalse();
    assertThat(ResultCodes.stk("0042").code()).isEqualTo("42");
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void everyFamilyHasExactlyOneSuccessCodeZeroAndOnlyKnownUniqueCodes(Family family) {
    List<ResultCode> all = ResultCodes.all(family);
    assertThat(all).isNotEmpty();
    assertThat(all).extracting(ResultCode::code).doesNotHaveDuplicates();
    assertThat(all).allSatisfy(code -> assertThat(code.known()).isTrue());
    assertThat(all).allSatisfy(code -> assertThat(code.meaning()).isNotBlank());
    // M-Pesa results succeed with 0; the synchronous lookups with their own codes (REFERENCE §16).
    List<String> success =
        switch (family) {
          case HAKIKISHA, SIM_CHECK -> List.of("200");
          case ORG_INFO -> List.of("4000", "0");
          case BONGA -> List.of("200", "6000");
          case BILL_MANAGER -> List.of("200");
          default -> List.of("0");
        };
    assertThat(all)
        .filteredOn(ResultCode::isSuccess)
        .extracting(ResultCode::code)
        .containsExactlyElementsOf(success);
    assertThat(all.get(0).code()).isEqualTo(success.get(0));
    // Codes are stored as Daraja sends them, so lookup by a stored code finds that very entry.
    assertThat(all)
        .allSatisfy(code -> assertThat(ResultCodes.lookup(family, code.code())).isEqualTo(code));
  }

  @Test
  void theStkFamilyIsExactlyReferenceSection17_1() {
    assertThat(ResultCodes.all(Family.STK))
        .extracting(ResultCode::code)
        .containsExactlyInAnyOrder(
            "0",
            "1",
            "2",
            "3",
            "4",
            "8",
            "17",
            "26",
            "1001",
            "1019",
            "1025",
            "1031",
            "1032",
            "1036",
            "1037",
            "1101",
            "1102",
            "2001",
            "2026",
            "2028",
            "8006",
            "9999",
            "SFC_IC0003",
            "4999",
            "E3008");
  }

  @Test
  void onlyPendingCodesAreNotFinal() {
    assertThat(ResultCodes.stk("4999").isFinal()).isFalse();
    assertThat(ResultCodes.b2c("100000000").isFinal()).isFalse();
    for (Family family : Family.values()) {
      assertThat(ResultCodes.all(family))
          .filteredOn(code -> !code.isFinal())
          .allSatisfy(code -> assertThat(code.outcome()).isEqualTo(Outcome.PENDING));
    }
  }
}
