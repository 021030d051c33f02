package io.github.darajakit.client.support;

import io.github.darajakit.client.b2c.B2cPaymentRequest;

/** A valid B2C payment for tests, to adjust with the builder. */
public final class Payouts {

  private Payouts() {}

  /** 1500 KES of salary to the sandbox's test number, with https result URLs. */
  public static B2cPaymentRequest.Builder sample() {
    return B2cPaymentRequest.builder()
        .phone("0708374149")
        .amount(1500)
        .remarks("March salary")
        .resultUrl("https://shop.example.com/b2c/result")
        .queueTimeOutUrl("https://shop.example.com/b2c/timeout");
  }
}
