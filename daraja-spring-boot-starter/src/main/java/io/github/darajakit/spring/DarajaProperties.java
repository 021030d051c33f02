package io.github.darajakit.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code daraja.*} settings: what {@link io.github.darajakit.client.DarajaClient.Builder}
 * takes, plus the health check and the callback endpoint. Each client setting left unset falls back
 * to its {@code MPESA_*} environment variable (as {@code DarajaClient.fromEnv()} reads them), then
 * to the SDK's default.
 *
 * <pre>{@code
 * daraja.env=sandbox
 * daraja.consumer-key=${MY_KEY}
 * daraja.consumer-secret=${MY_SECRET}
 * daraja.short-code=174379
 * daraja.passkey=${MY_PASSKEY}
 * }</pre>
 *
 * <p>{@link #toString()} leaves every secret out.
 */
@ConfigurationProperties("daraja")
public class DarajaProperties {

  /** Where to send requests: sandbox, production or emulator (MPESA_ENV). */
  private String env;

  /** Base URL overriding the environment's, e.g. a proxy or the emulator (MPESA_BASE_URL). */
  private String baseUrl;

  /** The Daraja app's consumer key (MPESA_CONSUMER_KEY). */
  private String consumerKey;

  /** The Daraja app's consumer secret; never logged (MPESA_CONSUMER_SECRET). */
  private String consumerSecret;

  /** Default shortcode: STK PayBill or store, C2B, B2C and B2B payer (MPESA_SHORTCODE). */
  private String shortCode;

  /** Lipa na M-Pesa Online passkey of the STK shortcode (MPESA_PASSKEY). */
  private String passkey;

  /** The API initiator's user name, for B2C, B2B, reversals and queries (MPESA_INITIATOR_NAME). */
  private String initiatorName;

  /**
   * The API initiator's password, encrypted into a SecurityCredential with the environment's
   * certificate (MPESA_INITIATOR_PASSWORD). Set this or security-credential, not both.
   */
  private String initiatorPassword;

  /** The initiator's password already encrypted (MPESA_SECURITY_CREDENTIAL). */
  private String securityCredential;

  /** A PEM certificate file to encrypt the initiator password with (MPESA_CERTIFICATE). */
  private String certificate;

  /** How long to wait for a connection (SDK default 10s). */
  private Duration connectTimeout;

  /** How long to wait for an answer once sent (SDK default 30s). */
  private Duration readTimeout;

  /** Retries for requests that may safely be retried, 0 to 10 (SDK default 2). */
  private Integer maxRetries;

  /** Renew the access token this long before it expires (SDK default 60s). */
  private Duration tokenRefreshMargin;

  private final Health health = new Health();

  private final Callbacks callbacks = new Callbacks();

  private final Metrics metrics = new Metrics();

  /** The environment: sandbox, production or emulator. */
  public String getEnv() {
    return env;
  }

  /** Sets the environment. */
  public void setEnv(String env) {
    this.env = env;
  }

  /** The base URL override. */
  public String getBaseUrl() {
    return baseUrl;
  }

  /** Sets the base URL override. */
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The consumer key. */
  public String getConsumerKey() {
    return consumerKey;
  }

  /** Sets the consumer key. */
  public void setConsumerKey(String consumerKey) {
    this.consumerKey = consumerKey;
  }

  /** The consumer secret. */
  public String getConsumerSecret() {
    return consumerSecret;
  }

  /** Sets the consumer secret. */
  public void setConsumerSecret(String consumerSecret) {
    this.consumerSecret = consumerSecret;
  }

  /** The default shortcode. */
  public String getShortCode() {
    return shortCode;
  }

  /** Sets the default shortcode. */
  public void setShortCode(String shortCode) {
    this.shortCode = shortCode;
  }

  /** The STK passkey. */
  public String getPasskey() {
    return passkey;
  }

  /** Sets the STK passkey. */
  public void setPasskey(String passkey) {
    this.passkey = passkey;
  }

  /** The initiator's user name. */
  public String getInitiatorName() {
    return initiatorName;
  }

  /** Sets the initiator's user name. */
  public void setInitiatorName(String initiatorName) {
    this.initiatorName = initiatorName;
  }

  /** The initiator's password. */
  public String getInitiatorPassword() {
    return initiatorPassword;
  }

  /** Sets the initiator's password. */
  public void setInitiatorPassword(String initiatorPassword) {
    this.initiatorPassword = initiatorPassword;
  }

  /** The encrypted security credential. */
  public String getSecurityCredential() {
    return securityCredential;
  }

  /** Sets the encrypted security credential. */
  public void setSecurityCredential(String securityCredential) {
    this.securityCredential = securityCredential;
  }

  /** The certificate file. */
  public String getCertificate() {
    return certificate;
  }

  /** Sets the certificate file. */
  public void setCertificate(String certificate) {
    this.certificate = certificate;
  }

  /** The connect timeout, or null for the SDK's default. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** Sets the connect timeout. */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** The read timeout, or null for the SDK's default. */
  public Duration getReadTimeout() {
    return readTimeout;
  }

  /** Sets the read timeout. */
  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  /** The retry limit, or null for the SDK's default. */
  public Integer getMaxRetries() {
    return maxRetries;
  }

  /** Sets the retry limit. */
  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  /** The token refresh margin, or null for the SDK's default. */
  public Duration getTokenRefreshMargin() {
    return tokenRefreshMargin;
  }

  /** Sets the token refresh margin. */
  public void setTokenRefreshMargin(Duration tokenRefreshMargin) {
    this.tokenRefreshMargin = tokenRefreshMargin;
  }

  /** The health indicator's settings. */
  public Health getHealth() {
    return health;
  }

  /** The callback endpoint's settings. */
  public Callbacks getCallbacks() {
    return callbacks;
  }

  /** The metrics' settings. */
  public Metrics getMetrics() {
    return metrics;
  }

  /** Names the settings without their values: secrets must not reach logs. */
  @Override
  public String toString() {
    return "DarajaProperties[env="
        + env
        + ", baseUrl="
        + baseUrl
        + ", shortCode="
        + shortCode
        + "]";
  }

  /** {@code daraja.health.*}: the Actuator health indicator. */
  public static class Health {

    /** Whether to contribute a "daraja" health indicator when Actuator is present. */
    private boolean enabled = true;

    /** How long one check's answer is reused, so health probes do not hammer OAuth. */
    private Duration cacheTtl = Duration.ofMinutes(1);

    /** Whether the indicator is on. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Turns the indicator on or off. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** How long a check's answer is reused. */
    public Duration getCacheTtl() {
      return cacheTtl;
    }

    /** Sets how long a check's answer is reused. */
    public void setCacheTtl(Duration cacheTtl) {
      this.cacheTtl = cacheTtl;
    }
  }

  /** {@code daraja.metrics.*}: Micrometer meters fed by the SDK's listener. */
  public static class Metrics {

    /** Whether to record daraja.client.* meters when Micrometer is present. */
    private boolean enabled = true;

    /** Whether meters are recorded. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Turns the meters on or off. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** {@code daraja.callbacks.*}: the endpoint Daraja posts callbacks and results to. */
  public static class Callbacks {

    /** Whether to serve the callback endpoint (needs a servlet web application). */
    private boolean enabled = false;

    /** Where the endpoint is served; the secret follows as the next path segment. */
    private String path = "/daraja/callbacks";

    /**
     * The unguessable path segment after the path (at least 16 characters): Daraja's callbacks are
     * not signed, so only Daraja should know the URL.
     */
    private String secret;

    /**
     * This application's public base URL as Daraja reaches it, e.g. https://shop.example.com;
     * DarajaCallbackUrls joins it to the path and secret.
     */
    private String publicUrl;

    /**
     * Whether JdbcDarajaCallbackStore creates its table (CREATE TABLE IF NOT EXISTS) at startup;
     * turn off when your migrations create it from the shipped schema.sql.
     */
    private boolean initializeSchema = true;

    /** Whether the JDBC store creates its table. */
    public boolean isInitializeSchema() {
      return initializeSchema;
    }

    /** Sets whether the JDBC store creates its table. */
    public void setInitializeSchema(boolean initializeSchema) {
      this.initializeSchema = initializeSchema;
    }

    /** Whether the endpoint is on. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Turns the endpoint on or off. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The endpoint's path. */
    public String getPath() {
      return path;
    }

    /** Sets the endpoint's path. */
    public void setPath(String path) {
      this.path = path;
    }

    /** The secret path segment. */
    public String getSecret() {
      return secret;
    }

    /** Sets the secret path segment. */
    public void setSecret(String secret) {
      this.secret = secret;
    }

    /** The public base URL. */
    public String getPublicUrl() {
      return publicUrl;
    }

    /** Sets the public base URL. */
    public void setPublicUrl(String publicUrl) {
      this.publicUrl = publicUrl;
    }

    /** Leaves the secret out. */
    @Override
    public String toString() {
      return "Callbacks[enabled=" + enabled + ", path=" + path + ", publicUrl=" + publicUrl + "]";
    }
  }
}
