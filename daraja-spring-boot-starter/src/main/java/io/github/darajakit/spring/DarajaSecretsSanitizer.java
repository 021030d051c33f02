package io.github.darajakit.spring;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks DarajaKit's secrets in Actuator's {@code configprops} and {@code env} endpoints, even where
 * {@code management.endpoint.*.show-values} shows other values: the consumer secret, the passkey,
 * the initiator password, the security credential and the callback path's secret, whether set as
 * {@code daraja.*} properties or {@code MPESA_*} variables. The same class serves Boot 3 and 4,
 * whose {@code SanitizingFunction} is the same interface.
 */
public final class DarajaSecretsSanitizer implements SanitizingFunction {

  /** The secret settings' names without case, dots, dashes or underscores, as keys end. */
  private static final List<String> SECRETS =
      List.of(
          "consumersecret",
          "passkey",
          "initiatorpassword",
          "securitycredential",
          "callbackssecret");

  /** Creates the sanitizer. */
  public DarajaSecretsSanitizer() {}

  @Override
  public SanitizableData apply(SanitizableData data) {
    return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
  }

  /** Whether a property or variable name is one of DarajaKit's secrets. */
  static boolean isSecret(String key) {
    if (key == null) {
      return false;
    }
    String bare = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    boolean ours = bare.startsWith("daraja") || bare.startsWith("mpesa");
    return ours && SECRETS.stream().anyMatch(bare::endsWith);
  }
}
