package io.github.darajakit.client;

import io.github.darajakit.client.internal.ClientContext;

/** Placeholder until this service is implemented on the SDK branch. */
public final class B2bService {

  private final ClientContext context;

  B2bService(ClientContext context) {
    this.context = context;
  }
}
