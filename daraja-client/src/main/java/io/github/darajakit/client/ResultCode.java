package io.github.darajakit.client;

/**
 * One Daraja ResultCode with what it means.
 *
 * @param code the code exactly as Daraja sends it, as text ({@code "0"}, {@code "1032"}, {@code
 *     "SFC_IC0003"})
 * @param description Daraja's usual ResultDesc
 * @param meaning what it means in plain words, and what to do
 * @param outcome what it means for the money
 * @param retryable whether trying the business operation again (a new push, a new payout) makes
 *     sense — never a re-send of the same request
 * @param known false if the code is not in the catalogue
 */
public record ResultCode(
    String code,
    String description,
    String meaning,
    Outcome outcome,
    boolean retryable,
    boolean known) {

  /** True for {@link Outcome#SUCCESS}. */
  public boolean isSuccess() {
    return outcome == Outcome.SUCCESS;
  }

  /** True unless {@link Outcome#PENDING}. */
  public boolean isFinal() {
    return outcome != Outcome.PENDING;
  }
}
