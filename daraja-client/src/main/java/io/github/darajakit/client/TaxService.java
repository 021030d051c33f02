package io.github.darajakit.client;

import io.github.darajakit.client.internal.ClientContext;

/** Placeholder until this service is implemented on the SDK branch. */
public final class TaxService {

  private final ClientContext context;

  TaxService(ClientContext context) {
    this.context = context;
  }
}
