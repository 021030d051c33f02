package io.github.darajakit.client.support;

import io.github.darajakit.client.stk.StkPushRequest;

/** Valid STK pushes for tests: each its own account reference and callback token. */
public final class Pushes {

  private Pushes() {}

  /** Push {@code n}: KES 10 for invoice {@code INV-n}, callback token {@code order-n}. */
  public static StkPushRequest numbered(int n) {
    return StkPushRequest.builder()
        .phone("0708374149")
        .amount(10)
        .accountReference("INV-" + n)
        .description("Invoice " + n)
        .callbackUrl("https://shop.example.com/daraja/stk")
        .callbackToken("order-" + n)
        .build();
  }
}
