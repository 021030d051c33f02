package io.github.darajakit.spring.callbacks;

import io.github.darajakit.client.callbacks.C2bRejection;
import io.github.darajakit.client.callbacks.C2bValidation;
import io.github.darajakit.client.callbacks.DarajaCallbacks;
import java.util.Objects;

/**
 * A C2B validation: M-Pesa asks whether to accept a payment. The endpoint accepts unless a listener
 * calls {@link #reject}; listeners run before the answer is sent.
 *
 * <pre>{@code
 * @EventListener
 * void validate(C2bValidationReceived event) {
 *   if (!accounts.exists(event.callback().billRefNumber())) {
 *     event.reject(C2bRejection.INVALID_ACCOUNT_NUMBER);
 *   }
 * }
 * }</pre>
 */
public final class C2bValidationReceived extends DarajaCallbackEvent<C2bValidation> {

  private volatile String answer = DarajaCallbacks.acceptValidation();

  /** The event for this validation. */
  public C2bValidationReceived(C2bValidation callback, CallbackDelivery delivery) {
    super(callback, delivery);
  }

  /** Accept the payment, tagging it with your id (echoed as ThirdPartyTransID). */
  public void accept(String thirdPartyTransId) {
    answer = DarajaCallbacks.acceptValidation(thirdPartyTransId);
  }

  /** Reject the payment; the reason picks the SMS the customer gets. */
  public void reject(C2bRejection reason) {
    answer = DarajaCallbacks.rejectValidation(Objects.requireNonNull(reason, "reason"));
  }

  /** The answer M-Pesa will get: acceptance unless a listener rejected. */
  public String answer() {
    return answer;
  }
}
