package io.github.darajakit.client;

import io.github.darajakit.client.internal.ClientContext;

/** Placeholder until this service is implemented on the SDK branch. */
public final class C2bService {

  private final ClientContext context;

  C2bService(ClientContext context) {
    this.context = context;
  }
}
