package io.github.darajakit.gateway.payouts.web;

import io.github.darajakit.gateway.core.GatewayError;
import io.github.darajakit.gateway.payouts.PayoutBatchService;
import io.github.darajakit.gateway.payouts.PayoutService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A batch's rows as they are read from JSON or CSV. An amount that cannot be read (a fraction, a
 * number past any M-Pesa amount) is kept as that row's problem, so the batch reports it in the
 * words that fit, alongside every other row's problems, rather than as some stand-in amount being
 * out of Daraja's range.
 */
final class BatchRows {

  private final List<PayoutService.NewPayout> rows = new ArrayList<>();
  private final List<GatewayError.RowProblem> unreadable = new ArrayList<>();

  /** The number (from 1) of the row being read. */
  int current() {
    return rows.size() + 1;
  }

  /**
   * The current row's amount, or 0 (which {@link PayoutBatchService} never checks) after keeping
   * why it cannot be read.
   */
  long amount(LongSupplier read) {
    try {
      return read.getAsLong();
    } catch (GatewayError.Invalid e) {
      unreadable.add(new GatewayError.RowProblem(current(), e.param(), e.getMessage()));
      return 0;
    }
  }

  void add(PayoutService.NewPayout row) {
    rows.add(row);
  }

  PayoutBatchService.NewBatch batch(String description, String idempotencyKey, String apiKeyId) {
    return new PayoutBatchService.NewBatch(description, rows, unreadable, idempotencyKey, apiKeyId);
  }
}
