package io.github.darajakit.client.billmanager;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.Msisdn;
import io.github.darajakit.client.internal.Check;
import java.util.regex.Pattern;

/**
 * A biller's Bill Manager registration (REFERENCE §14): what {@code optIn} sends, and what {@code
 * updateOptIn} replaces. Validated when built; nothing is sent until {@code
 * client.billManager().optIn(request)}.
 *
 * <pre>{@code
 * OptInRequest biller = OptInRequest.builder()
 *     .shortCode("718003")                               // optional: the client's shortcode
 *     .email("billing@shop.example.com")
 *     .officialContact("0710 123 456")
 *     .sendReminders(true)                               // SMS 7 and 3 days before, and on, the due date
 *     .callbackUrl("https://shop.example.com/daraja/bills")  // where payments are pushed
 *     .build();
 * }</pre>
 *
 * @param shortCode the PayBill or till opted in: 5 or 6 digits, or {@code null} for the client's
 * @param email the biller's official email address
 * @param officialContact the biller's official phone number, sent as {@code 07XXXXXXXX}
 * @param sendReminders whether Bill Manager reminds customers 7 days and 3 days before the due date
 *     and on it ({@code sendReminders "1"}), or not ({@code "0"})
 * @param logo the biller's logo (JPEG) as Bill Manager takes it, or {@code null} for none
 * @param callbackUrl where Bill Manager pushes each payment ({@code callbackurl}); https in
 *     production
 */
public record OptInRequest(
    String shortCode,
    String email,
    Msisdn officialContact,
    boolean sendReminders,
    String logo,
    String callbackUrl) {

  /** What Bill Manager takes as a shortcode: "a 5 to 6 digit account number". */
  public static final Pattern SHORT_CODE = Pattern.compile("\\d{5,6}");

  // Enough to catch a slip (no @, spaces, no domain); Bill Manager documents no rule.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** Validates every field; each failure names it. */
  public OptInRequest {
    if (shortCode != null) {
      shortCode = shortCode(shortCode);
    }
    if (email == null || !EMAIL.matcher(email.strip()).matches()) {
      throw new DarajaValidationException(
          "email",
          (email == null || email.isBlank() ? "is required" : "'" + email + "' is not an email")
              + ": the biller's official address, e.g. billing@shop.example.com");
    }
    email = email.strip();
    if (officialContact == null) {
      throw new DarajaValidationException(
          "officialContact", "is required: the biller's official phone number, e.g. 0710123456");
    }
    logo = Check.optionalText("logo", logo, Integer.MAX_VALUE);
    Check.callbackUrl("callbackUrl", callbackUrl, false);
  }

  /**
   * A Bill Manager shortcode: 5 or 6 digits ("a 5 to 6 digit account number", REFERENCE §14).
   *
   * @throws DarajaValidationException naming {@code shortCode} otherwise
   */
  public static String shortCode(String value) {
    if (value == null || !SHORT_CODE.matcher(value).matches()) {
      throw new DarajaValidationException(
          "shortCode",
          "'"
              + value
              + "' is not a Bill Manager shortcode: expected the PayBill or till number, 5 or 6"
              + " digits, e.g. 718003");
    }
    return value;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link OptInRequest}. */
  public static final class Builder {
    private String shortCode;
    private String email;
    private String officialContact;
    private boolean sendReminders;
    private String logo;
    private String callbackUrl;

    private Builder() {}

    /** The PayBill or till opted in; the client's shortcode if not set. */
    public Builder shortCode(String shortCode) {
      this.shortCode = shortCode;
      return this;
    }

    /** The biller's official email address. */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /** The biller's official phone number, written any way people write it. */
    public Builder officialContact(String officialContact) {
      this.officialContact = officialContact;
      return this;
    }

    /** Whether customers get reminders before and on the due date (off unless set). */
    public Builder sendReminders(boolean sendReminders) {
      this.sendReminders = sendReminders;
      return this;
    }

    /** The biller's logo, as Bill Manager takes it (a JPEG image); none unless set. */
    public Builder logo(String logo) {
      this.logo = logo;
      return this;
    }

    /** Where Bill Manager pushes each payment. */
    public Builder callbackUrl(String callbackUrl) {
      this.callbackUrl = callbackUrl;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws DarajaValidationException naming the first field that is missing or wrong
     */
    public OptInRequest build() {
      return new OptInRequest(
          shortCode,
          email,
          Msisdn.parse("officialContact", officialContact),
          sendReminders,
          logo,
          callbackUrl);
    }
  }
}
