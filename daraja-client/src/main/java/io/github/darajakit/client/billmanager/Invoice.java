package io.github.darajakit.client.billmanager;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An e-invoice Bill Manager sends to a customer by SMS (REFERENCE §14). Validated when built;
 * nothing is sent until {@code client.billManager().withAppKey(appKey).sendInvoice(invoice)}.
 *
 * <pre>{@code
 * Invoice invoice = Invoice.builder()
 *     .externalReference("INV-2026-0042")      // yours, unique: Bill Manager refuses a second one
 *     .billedFullName("John Doe")
 *     .billedPhoneNumber("0722 000 000")        // a Safaricom number; sent as 2547XXXXXXXX
 *     .billedPeriod(YearMonth.of(2026, 8))      // sent as "August 2026"
 *     .invoiceName("School fees")
 *     .dueDate(LocalDate.of(2026, 9, 15))       // sent as 2026-09-15
 *     .accountReference("ADM-1042")             // what the customer pays with, as the account
 *     .amount(800)                              // whole KES
 *     .item("Tuition", 700).item("Lunch", 100)  // optional lines
 *     .build();
 * }</pre>
 *
 * @param externalReference your id for the invoice: Bill Manager refuses a second invoice with it
 *     (409), which makes sending it again after a lost answer safe
 * @param billedFullName the customer's name
 * @param billedPhoneNumber who gets the invoice (a Safaricom number), sent as {@code 2547XXXXXXXX}
 * @param billedPeriod the month billed, sent as {@code "August 2021"}
 * @param invoiceName what the invoice is for, e.g. {@code School fees}
 * @param dueDate {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss.SS}, as sent
 * @param accountReference the account number the customer pays with at the PayBill, 1 to {@value
 *     #MAX_ACCOUNT_REFERENCE} characters; the payment push carries it back
 * @param amount whole KES, 1 to {@value #MAX_AMOUNT}, sent as a string without commas
 * @param invoiceItems the invoice's lines, possibly none (Bill Manager does not require them to add
 *     up to the amount ⚠, so the SDK does not either)
 */
public record Invoice(
    String externalReference,
    String billedFullName,
    Msisdn billedPhoneNumber,
    YearMonth billedPeriod,
    String invoiceName,
    String dueDate,
    String accountReference,
    long amount,
    List<InvoiceItem> invoiceItems) {

  /**
   * The largest amount the SDK sends, in KES. ⚠ Bill Manager documents no ceiling (a customer may
   * pay an invoice in parts); this one only catches a misplaced digit.
   */
  public static final long MAX_AMOUNT = 999_999_999;

  /** Longest account reference: what a customer can type as a PayBill account (REFERENCE §5.3). */
  public static final int MAX_ACCOUNT_REFERENCE = 20;

  /**
   * Longest text field. ⚠ Bill Manager documents no lengths: this keeps an invoice within what an
   * SMS can show.
   */
  public static final int MAX_TEXT = 100;

  private static final DateTimeFormatter DUE_DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DUE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SS", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern DUE_SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2}\\.\\d{2})?");
  private static final DateTimeFormatter PERIOD =
      DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);

  /** Validates every field; each failure names it. */
  public Invoice {
    Check.text("externalReference", externalReference, 1, MAX_TEXT);
    Check.text("billedFullName", billedFullName, 1, MAX_TEXT);
    if (billedPhoneNumber == null) {
      throw new DarajaValidationException(
          "billedPhoneNumber", "is required: the customer's Safaricom number, e.g. 0722000000");
    }
    if (!billedPhoneNumber.value().startsWith("2547")) {
      // Bill Manager's own hint for a refused number: "use 254722XXXXXX / 0722XXXXXX".
      throw new DarajaValidationException(
          "billedPhoneNumber",
          "'"
              + billedPhoneNumber.local()
              + "' is not a number Bill Manager takes: expected 07XXXXXXXX or 2547XXXXXXXX");
    }
    if (billedPeriod == null) {
      throw new DarajaValidationException(
          "billedPeriod", "is required: the month billed, e.g. YearMonth.of(2026, 8)");
    }
    Check.text("invoiceName", invoiceName, 1, MAX_TEXT);
    dueDate = dueDate(dueDate);
    Check.text("accountReference", accountReference, 1, MAX_ACCOUNT_REFERENCE);
    Check.amount("amount", amount, 1, MAX_AMOUNT);
    invoiceItems = invoiceItems == null ? List.of() : List.copyOf(invoiceItems);
  }

  /** The billed period as Bill Manager takes it: {@code "August 2021"}. */
  public String billedPeriodText() {
    return PERIOD.format(billedPeriod);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Masks the phone number: requests end up in logs. */
  @Override
  public String toString() {
    return "Invoice[externalReference="
        + externalReference
        + ", billedPhoneNumber="
        + Objects.toString(billedPhoneNumber)
        + ", billedPeriod="
        + billedPeriod
        + ", dueDate="
        + dueDate
        + ", accountReference="
        + accountReference
        + ", amount="
        + amount
        + ", items="
        + invoiceItems.size()
        + "]";
  }

  private static String dueDate(String text) {
    String fix =
        "expected yyyy-MM-dd (2026-09-15) or yyyy-MM-dd HH:mm:ss.SS (2026-09-15 00:00:00.00)";
    if (text == null || text.isBlank()) {
      throw new DarajaValidationException("dueDate", "is required: " + fix);
    }
    if (!DUE_SHAPE.matcher(text).matches()) {
      throw new DarajaValidationException(
          "dueDate", "'" + text + "' is not a Bill Manager due date: " + fix);
    }
    try {
      if (text.length() == 10) {
        LocalDate.parse(text, DUE_DAY);
      } else {
        LocalDateTime.parse(text, DUE_TIME);
      }
    } catch (DateTimeParseException e) {
      throw new DarajaValidationException(
          "dueDate", "'" + text + "' is not a real date and time: " + fix);
    }
    return text;
  }

  /** Builds an {@link Invoice}. */
  public static final class Builder {
    private String externalReference;
    private String billedFullName;
    private String billedPhoneNumber;
    private YearMonth billedPeriod;
    private String invoiceName;
    private String dueDate;
    private String accountReference;
    private long amount;
    private final List<InvoiceItem> items = new ArrayList<>();

    private Builder() {}

    /** Your unique id for the invoice. */
    public Builder externalReference(String externalReference) {
      this.externalReference = externalReference;
      return this;
    }

    /** The customer's name. */
    public Builder billedFullName(String billedFullName) {
      this.billedFullName = billedFullName;
      return this;
    }

    /** The customer's Safaricom number, written any way people write it. */
    public Builder billedPhoneNumber(String billedPhoneNumber) {
      this.billedPhoneNumber = billedPhoneNumber;
      return this;
    }

    /** The month billed. */
    public Builder billedPeriod(YearMonth billedPeriod) {
      this.billedPeriod = billedPeriod;
      return this;
    }

    /** What the invoice is for. */
    public Builder invoiceName(String invoiceName) {
      this.invoiceName = invoiceName;
      return this;
    }

    /** Due on this day: sent as {@code yyyy-MM-dd}. */
    public Builder dueDate(LocalDate dueDate) {
      this.dueDate = dueDate == null ? null : DUE_DAY.format(dueDate);
      return this;
    }

    /**
     * Due at this time: sent as {@code yyyy-MM-dd HH:mm:ss.SS} (hundredths of a second, the rest
     * dropped).
     */
    public Builder dueDate(LocalDateTime dueDate) {
      this.dueDate = dueDate == null ? null : DUE_TIME.format(dueDate);
      return this;
    }

    /** Due as Bill Manager writes it: {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss.SS}. */
    public Builder dueDate(String dueDate) {
      this.dueDate = dueDate;
      return this;
    }

    /** The account number the customer pays with. */
    public Builder accountReference(String accountReference) {
      this.accountReference = accountReference;
      return this;
    }

    /** Whole KES billed. */
    public Builder amount(long amount) {
      this.amount = amount;
      return this;
    }

    /** Adds a line to the invoice. */
    public Builder item(String itemName, long amount) {
      items.add(new InvoiceItem(itemName, amount));
      return this;
    }

    /**
     * Builds the invoice.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public Invoice build() {
      return new Invoice(
          externalReference,
          billedFullName,
          Msisdn.parse("billedPhoneNumber", billedPhoneNumber),
          billedPeriod,
          invoiceName,
          dueDate,
          accountReference,
          amount,
          items);
    }
  }
}
