package io.github.darajakit.client.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.darajakit.client.DarajaValidationException;

/** The assertion every request-validation test makes: refused, naming the field and the fix. */
public final class Refusals {

  private Refusals() {}

  /**
   * {@code build} throws a {@link DarajaValidationException} on {@code field} saying {@code
   * fragment}.
   */
  public static void refused(Runnable build, String field, String fragment) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            DarajaValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).contains(fragment);
            });
  }
}
