package io.github.darajakit.spring;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.DarajaValidationException;
import io.github.darajakit.client.events.DarajaEventListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.env.Environment;

/**
 * Builds the client from {@code daraja.*} settings, falling back key by key to the {@code MPESA_*}
 * variables. It hands both to {@link DarajaClient#fromEnv(Map, java.util.function.UnaryOperator)},
 * so the SDK's rules (emulator defaults, initiator password or credential, their messages) stay in
 * one place; this class only renames the settings in what it throws.
 */
final class DarajaClientFactory {

  /** Each {@code MPESA_*} variable and the {@code daraja.*} setting that takes its place. */
  private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put("MPESA_ENV", new Setting("daraja.env", DarajaProperties::getEnv));
    SETTINGS.put("MPESA_BASE_URL", new Setting("daraja.base-url", DarajaProperties::getBaseUrl));
    SETTINGS.put(
        "MPESA_CONSUMER_KEY", new Setting("daraja.consumer-key", DarajaProperties::getConsumerKey));
    SETTINGS.put(
        "MPESA_CONSUMER_SECRET",
        new Setting("daraja.consumer-secret", DarajaProperties::getConsumerSecret));
    SETTINGS.put(
        "MPESA_SHORTCODE", new Setting("daraja.short-code", DarajaProperties::getShortCode));
    SETTINGS.put("MPESA_PASSKEY", new Setting("daraja.passkey", DarajaProperties::getPasskey));
    SETTINGS.put(
        "MPESA_INITIATOR_NAME",
        new Setting("daraja.initiator-name", DarajaProperties::getInitiatorName));
    SETTINGS.put(
        "MPESA_INITIATOR_PASSWORD",
        new Setting("daraja.initiator-password", DarajaProperties::getInitiatorPassword));
    SETTINGS.put(
        "MPESA_SECURITY_CREDENTIAL",
        new Setting("daraja.security-credential", DarajaProperties::getSecurityCredential));
    SETTINGS.put(
        "MPESA_CERTIFICATE", new Setting("daraja.certificate", DarajaProperties::getCertificate));
  }

  private record Setting(String property, Function<DarajaProperties, String> value) {}

  private DarajaClientFactory() {}

  /**
   * The client for these settings.
   *
   * @param environment where {@code MPESA_*} variables are looked up (Spring's environment holds
   *     the process environment, and lets tests set them as properties)
   * @throws DarajaValidationException naming the {@code daraja.*} setting at fault, with its
   *     variable when neither was set
   */
  static DarajaClient create(
      DarajaProperties properties, Environment environment, List<DarajaEventListener> listeners) {
    Map<String, String> variables = new HashMap<>();
    Map<String, String> origin = new HashMap<>();
    SETTINGS.forEach(
        (variable, setting) -> {
          String value = blankToNull(setting.value().apply(properties));
          if (value != null) {
            variables.put(variable, value);
            origin.put(variable, setting.property());
          } else {
            String fromEnvironment = blankToNull(environment.getProperty(variable));
            if (fromEnvironment != null) {
              variables.put(variable, fromEnvironment);
              origin.put(variable, variable);
            }
          }
        });
    try {
      return DarajaClient.fromEnv(
          variables,
          builder -> {
            if (properties.getConnectTimeout() != null) {
              builder.connectTimeout(properties.getConnectTimeout());
            }
            if (properties.getReadTimeout() != null) {
              builder.readTimeout(properties.getReadTimeout());
            }
            if (properties.getMaxRetries() != null) {
              builder.maxRetries(properties.getMaxRetries());
            }
            if (properties.getTokenRefreshMargin() != null) {
              builder.tokenRefreshMargin(properties.getTokenRefreshMargin());
            }
            if (!listeners.isEmpty()) {
              builder.listener(new CompositeListener(List.copyOf(listeners)));
            }
            return builder;
          });
    } catch (DarajaValidationException e) {
      throw renamed(e, origin);
    }
  }

  /** The same failure, naming the setting a Spring user edits instead of the SDK's name for it. */
  private static DarajaValidationException renamed(
      DarajaValidationException e, Map<String, String> origin) {
    String field = e.field();
    String name;
    if (SETTINGS.containsKey(field)) {
      // An MPESA_* variable: name what was set, or both ways of setting it when nothing was.
      name = origin.getOrDefault(field, SETTINGS.get(field).property() + " (or " + field + ")");
    } else {
      // A builder field the SDK names itself, e.g. connectTimeout: daraja.connect-timeout.
      name = kebab("daraja." + field);
    }
    String detail = e.getMessage().substring(field.length() + 2);
    for (Map.Entry<String, String> set : origin.entrySet()) {
      // "is required with MPESA_INITIATOR_PASSWORD": name the other setting as it was set too.
      detail = detail.replace(set.getKey(), set.getValue());
    }
    return new DarajaValidationException(name, detail);
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Hands every event to each listener bean in order; one that throws does not stop the others. */
  private record CompositeListener(List<DarajaEventListener> listeners)
      implements DarajaEventListener {

    @Override
    public void requestStarted(String operation, String path, int attempt) {
      each(l -> l.requestStarted(operation, path, attempt));
    }

    @Override
    public void requestFinished(
        String operation, int httpStatus, String errorCode, java.time.Duration elapsed) {
      each(l -> l.requestFinished(operation, httpStatus, errorCode, elapsed));
    }

    @Override
    public void retryScheduled(
        String operation, int nextAttempt, java.time.Duration delay, String reason) {
      each(l -> l.retryScheduled(operation, nextAttempt, delay, reason));
    }

    @Override
    public void retryRefused(String operation, String reason) {
      each(l -> l.retryRefused(operation, reason));
    }

    @Override
    public void tokenRefreshed(java.time.Duration expiresIn) {
      each(l -> l.tokenRefreshed(expiresIn));
    }

    @Override
    public void requestFailed(String operation, RuntimeException failure) {
      each(l -> l.requestFailed(operation, failure));
    }

    private void each(java.util.function.Consumer<DarajaEventListener> event) {
      for (DarajaEventListener listener : listeners) {
        try {
          event.accept(listener);
        } catch (RuntimeException ignored) {
          // The SPI's contract: a listener must not break a request, nor the listeners after it.
        }
      }
    }
  }
}
