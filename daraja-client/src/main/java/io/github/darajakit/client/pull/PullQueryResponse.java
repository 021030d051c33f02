package io.github.darajakit.client.pull;

import java.util.List;

/**
 * One page of Pull Transactions: up to 100 payments from {@code offset} on (REFERENCE §13.2).
 * Daraja's array of arrays is flattened. "No transactions" ({@code ResponseCode 1001}) is an empty
 * page, not an error.
 *
 * @param responseRefId Daraja's {@code ResponseRefID} (or {@code RequestID}, as the sandbox may
 *     send)
 * @param responseCode {@code "1000"} with transactions, {@code "1001"} without
 * @param responseMessage e.g. {@code Success}
 * @param transactions the payments on this page, oldest first as Daraja sent them
 * @param rawJson the answer as received, for audit
 */
public record PullQueryResponse(
    String responseRefId,
    String responseCode,
    String responseMessage,
    List<PulledTransaction> transactions,
    String rawJson) {

  /** Copies the list: the response is immutable. */
  public PullQueryResponse {
    transactions = List.copyOf(transactions);
  }

  /** True when this page holds no payments. */
  public boolean isEmpty() {
    return transactions.isEmpty();
  }
}
