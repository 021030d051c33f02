package io.github.darajakit.client.orginfo;

import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.IdentifierType;
import io.github.darajakit.client.internal.Check;

/**
 * A Query Org Info request (REFERENCE §16): the organisation behind a PayBill or till, before
 * paying it. Validated when made.
 *
 * <pre>{@code
 * OrgInfoRequest request = new OrgInfoRequest(IdentifierType.SHORTCODE, "600992");
 * }</pre>
 *
 * @param identifierType {@link IdentifierType#SHORTCODE} (a PayBill, {@code "4"}) or {@link
 *     IdentifierType#TILL} ({@code "2"})
 * @param identifier the shortcode or till number, 5 to 9 digits
 */
public record OrgInfoRequest(IdentifierType identifierType, String identifier) {

  /** Validates both fields; each failure names it. */
  public OrgInfoRequest {
    if (identifierType == null || identifierType == IdentifierType.MSISDN) {
      throw new DarajaValidationException(
          "identifierType",
          "must be SHORTCODE (a PayBill, \"4\") or TILL (\"2\")"
              + (identifierType == null ? "" : ": Org Info does not look up phone numbers"));
    }
    Check.shortCode("identifier", identifier);
  }
}
