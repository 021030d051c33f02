package io.github.darajakit.gateway.transactions;

import io.github.darajakit.gateway.callbacks.CallbackKind;
import io.github.darajakit.gateway.flow.FlowContext;
import io.github.darajakit.gateway.flow.MoneyFlow;
import io.github.darajakit.gateway.flow.Registration;
import io.github.darajakit.gateway.transactions.web.TransactionsApi;

/**
 * Transaction Status questions about receipts: the merchant's lookups ({@code GET
 * /v1/transactions/{receipt}}) and the second opinions on receipts credited on a callback's word
 * ({@code reconciler.checkReceipts}). Moves no money; the other flows hand it their receipts.
 */
public final class TransactionsFlow implements MoneyFlow {

  /** Transaction Status Results of receipt lookups and receipt checks. */
  public static final CallbackKind LOOKUP_RESULT =
      new CallbackKind("LOOKUP_RESULT", "transactions/result");

  private final ReceiptChecks receiptChecks;
  private final TransactionLookups lookups;
  private final ReceiptChecker checker;

  /**
   * @param checkReceipts whether receipts credited on a callback's word are asked about
   */
  public TransactionsFlow(FlowContext context, boolean checkReceipts) {
    receiptChecks =
        new ReceiptChecks(
            context.database(),
            context.receipts(),
            context.clock(),
            checkReceipts,
            context.firstCheck());
    lookups =
        new TransactionLookups(
            context.database(),
            context.business().daraja(),
            context.clock(),
            context.business().lookupShortCode(),
            context.callbackUrls().url(LOOKUP_RESULT),
            context.callbackUrls().url(CallbackKind.QUEUE_TIMEOUT),
            receiptChecks::answered);
    checker =
        new ReceiptChecker(
            receiptChecks,
            lookups,
            context.clock(),
            context.reconcileSchedule(),
            context.instanceId(),
            context.metrics()::reconciler);
  }

  /** Where the flows that credit receipts queue them for a second opinion. */
  public ReceiptChecks receiptChecks() {
    return receiptChecks;
  }

  @Override
  public void register(Registration registration) {
    new TransactionsApi(lookups).routes(registration.routes());
    registration
        .openApi(TransactionsApi.class, "openapi.json")
        .reconciler(checker)
        .gauge(
            "daraja_gateway_receipt_checks_pending",
            "Receipts credited on a callback's word that Transaction Status has not yet confirmed",
            receiptChecks::pending);
    registration
        .callbacks()
        .add(LOOKUP_RESULT, (c, received) -> lookups.result(c, received.body()));
  }
}
