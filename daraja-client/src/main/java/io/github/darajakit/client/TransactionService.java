package io.github.darajakit.client;

import io.github.darajakit.client.internal.ClientContext;

/** Placeholder until this service is implemented on the SDK branch. */
public final class TransactionService {

  private final ClientContext context;

  TransactionService(ClientContext context) {
    this.context = context;
  }
}
