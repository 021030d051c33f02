package io.github.darajakit.cli.doctor;

import io.github.darajakit.client.DarajaApiException;
import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaException;
import io.github.darajakit.client.IdentifierType;
import io.github.darajakit.gateway.GatewayConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Check 3: each configured shortcode exists, and is of a kind that fits what it is used for, asked
 * of Query Org Info: as a PayBill ({@code IdentifierType 4}) first, then as a till ({@code 2}). STK
 * pushes ({@code CustomerPayBillOnline}) and B2C payouts need a PayBill; C2B takes either.
 */
final class ShortCodeCheck implements Check {

  /** What Query Org Info says a number is. */
  enum Kind {
    PAYBILL,
    TILL,
    NONE
  }

  /**
   * A shortcode, where it was configured, what it is used for, and whether that needs a PayBill.
   */
  record Use(String shortCode, String setting, String purpose, boolean needsPayBill) {}

  @Override
  public String id() {
    return "shortcodes";
  }

  @Override
  public String title() {
    return "Shortcodes exist and fit their APIs";
  }

  @Override
  public Finding run(DoctorContext context) {
    DarajaClient client = context.client();
    if (client == null) {
      return DoctorContext.noToken();
    }
    List<Use> uses = uses(context, client);
    if (uses.isEmpty()) {
      return Finding.warn(
          "no shortcode is configured",
          "set MPESA_SHORTCODE to the PayBill your STK pushes are for (and MPESA_C2B_SHORTCODE,"
              + " MPESA_B2C_SHORTCODE as you use them)");
    }
    Map<String, Kind> kinds = new HashMap<>();
    List<Finding> findings = Finding.list();
    for (Use use : uses) {
      Kind kind;
      try {
        kind = kinds.computeIfAbsent(use.shortCode(), code -> kind(client, code));
      } catch (DarajaException e) {
        findings.add(
            Finding.warn(
                "could not check "
                    + use.shortCode()
                    + ": Query Org Info answered "
                    + e.getMessage(),
                "add the Query Org Info product to your app on developer.safaricom.co.ke, then run"
                    + " doctor again"));
        continue;
      }
      findings.add(verdict(use, kind));
    }
    return Finding.combine(findings);
  }

  private static Finding verdict(Use use, Kind kind) {
    String named = use.setting() + " " + use.shortCode();
    return switch (kind) {
      case NONE ->
          Finding.fail(
              named + " is neither a PayBill nor a till that Daraja knows",
              "check " + use.setting() + " against your Go-Live letter");
      case TILL ->
          use.needsPayBill()
              ? Finding.fail(
                  named + " is a till (Buy Goods), but " + use.purpose() + " need a PayBill",
                  "set " + use.setting() + " to your PayBill number")
              : Finding.pass(named + " is a till, fit for " + use.purpose());
      case PAYBILL -> Finding.pass(named + " is a PayBill, fit for " + use.purpose());
    };
  }

  private static List<Use> uses(DoctorContext context, DarajaClient client) {
    List<Use> uses = new ArrayList<>();
    if (client.shortCode() != null) {
      uses.add(
          new Use(
              client.shortCode(), "MPESA_SHORTCODE", "STK pushes (CustomerPayBillOnline)", true));
    }
    GatewayConfig gateway = context.gateway();
    if (gateway != null) {
      if (gateway.c2bShortCode() != null) {
        uses.add(
            new Use(
                gateway.c2bShortCode(),
                "MPESA_C2B_SHORTCODE (c2b.shortCode)",
                "C2B payments",
                false));
      }
      if (gateway.payoutShortCode() != null) {
        uses.add(
            new Use(
                gateway.payoutShortCode(),
                "MPESA_B2C_SHORTCODE (payouts.shortCode)",
                "B2C payouts",
                true));
      }
      if (gateway.billManager().shortCode() != null) {
        uses.add(
            new Use(
                gateway.billManager().shortCode(),
                "billManager.shortCode",
                "Bill Manager invoices",
                false));
      }
    }
    return uses;
  }

  /** What Query Org Info says the number is: a PayBill, a till, or neither. */
  static Kind kind(DarajaClient client, String shortCode) {
    if (known(client, IdentifierType.SHORTCODE, shortCode)) {
      return Kind.PAYBILL;
    }
    return known(client, IdentifierType.TILL, shortCode) ? Kind.TILL : Kind.NONE;
  }

  private static boolean known(DarajaClient client, IdentifierType type, String shortCode) {
    try {
      client.orgInfo().query(type, shortCode);
      return true;
    } catch (DarajaApiException e) {
      // "1": Rejected, no organisation of that kind (REFERENCE §16); anything else is a failure to
      // ask, not an answer.
      if ("1".equals(e.errorCode())) {
        return false;
      }
      throw e;
    }
  }
}
