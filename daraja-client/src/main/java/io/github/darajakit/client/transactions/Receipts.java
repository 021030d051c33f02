package io.github.darajakit.client.transactions;

import io.github.darajakit.client.DarajaValidationException;
import java.util.regex.Pattern;

/** M-Pesa receipt numbers (REFERENCE §1.7): 10 uppercase letters and digits. */
final class Receipts {

  private static final Pattern RECEIPT = Pattern.compile("[A-Z0-9]{10}");

  private Receipts() {}

  static String check(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new DarajaValidationException(
          field, "is required: the M-Pesa receipt number, e.g. NLJ7RT61SV");
    }
    if (!RECEIPT.matcher(value).matches()) {
      throw new DarajaValidationException(
          field,
          "'"
              + value
              + "' is not an M-Pesa receipt number: expected 10 uppercase letters and digits,"
              + " e.g. NLJ7RT61SV");
    }
    return value;
  }
}
