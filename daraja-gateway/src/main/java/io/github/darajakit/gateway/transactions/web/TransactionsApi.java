package io.github.darajakit.gateway.transactions.web;

import io.github.darajakit.gateway.http.ApiError;
import io.github.darajakit.gateway.http.HttpCall;
import io.github.darajakit.gateway.http.Reply;
import io.github.darajakit.gateway.http.Router;
import io.github.darajakit.gateway.transactions.TransactionLookups;
import java.util.Set;

/** {@code /v1/transactions/{receipt}}: what M-Pesa says of a receipt (Transaction Status). */
public final class TransactionsApi {

  private final TransactionLookups lookups;

  public TransactionsApi(TransactionLookups lookups) {
    this.lookups = lookups;
  }

  /** Adds the routes. */
  public void routes(Router router) {
    router.add("GET", "/v1/transactions/{receipt}", Set.of("short_code"), this::lookup);
  }

  /**
   * A receipt lookup. The shortcode override is checked here, as Daraja's own rule (5 to 9 digits),
   * so that a wrong one is the caller's 400 rather than a refusal from the SDK reported as Daraja
   * being unavailable.
   */
  private Reply lookup(HttpCall call) {
    String shortCode = call.query("short_code");
    if (shortCode != null && !shortCode.matches("[0-9]{5,9}")) {
      throw ApiError.invalid(
          "short_code",
          "short_code must be the shortcode to ask as: 5 to 9 digits, e.g. 600000; got '"
              + shortCode
              + "'");
    }
    TransactionLookups.Lookup lookup = lookups.lookup(call.pathParam("receipt"), shortCode);
    return Reply.json(lookup.answered() ? 200 : 202, lookup.body());
  }
}
