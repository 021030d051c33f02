package io.github.darajakit.client;

/** What a Daraja ResultCode means for the money, whatever the API. */
public enum Outcome {
  /** The money moved. */
  SUCCESS,
  /** The request failed and nothing moved. */
  FAILED,
  /** The customer declined or cancelled; nothing moved. */
  CANCELLED,
  /** Nobody answered in time (customer, phone or queue); nothing moved. */
  TIMEOUT,
  /** Not final yet: ask again later. */
  PENDING
}
