package io.github.darajakit.emulator;

import io.github.darajakit.emulator.internal.EmulatorServer;
import java.time.Clock;
import java.util.Objects;

/**
 * A local, stateful Safaricom Daraja: every endpoint with Daraja's validation and errors, real
 * asynchronous callbacks, a world of customers and organisations whose balances move, magic
 * scenario numbers and an admin API under {@code /__admin/}.
 *
 * <p>Embedded in a test, on a free port:
 *
 * <pre>{@code
 * try (DarajaEmulator emulator = DarajaEmulator.start()) {
 *   String baseUrl = emulator.baseUrl(); // point any Daraja client here
 * }
 * }</pre>
 *
 * <p>With settings:
 *
 * <pre>{@code
 * DarajaEmulator emulator = DarajaEmulator.builder()
 *     .config(EmulatorConfig.builder().resultDelay(Duration.ofMillis(50)).build())
 *     .port(0)
 *     .start();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the server and every thread it started.
 */
public final class DarajaEmulator implements AutoCloseable {

  private final EmulatorServer server;

  private DarajaEmulator(EmulatorServer server) {
    this.server = server;
  }

  /** Starts an emulator with the default settings on a free port. */
  public static DarajaEmulator start() {
    return builder().port(0).start();
  }

  /** A builder; by default it uses {@link EmulatorConfig#defaults()} (port 8090). */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>}: the base URL to give a Daraja client. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** The admin API's base, {@code <baseUrl>/__admin}. */
  public String adminUrl() {
    return server.baseUrl() + "/__admin";
  }

  /** The port actually bound. */
  public int port() {
    return server.port();
  }

  /** The settings in force now (the admin API can change them at runtime). */
  public EmulatorConfig config() {
    return server.config();
  }

  /**
   * Restores everything to how it was at start: world, ledger, tokens, registrations, counters,
   * faults, settings and clock. Callbacks already scheduled may still arrive.
   */
  public void reset() {
    server.reset();
  }

  /**
   * The emulator's certificate (PEM) for encrypting initiator passwords into SecurityCredentials.
   */
  public String certificatePem() {
    return server.mpesa().credentials().certificatePem();
  }

  /**
   * Encrypts an initiator password with the emulator's certificate, as a client would: a
   * SecurityCredential this emulator can check.
   */
  public String securityCredential(String initiatorPassword) {
    return server.mpesa().credentials().encryptForTests(initiatorPassword);
  }

  /** Stops the server and its threads. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  /** Same as {@link #close()}. */
  public void stop() {
    close();
  }

  @Override
  public String toString() {
    return "DarajaEmulator[" + baseUrl() + "]";
  }

  /** Builds and starts a {@link DarajaEmulator}. */
  public static final class Builder {
    private EmulatorConfig config = EmulatorConfig.defaults();
    private Integer port;
    private String host;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** All settings; {@link #port} and {@link #host} override the config's own. */
    public Builder config(EmulatorConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Port to bind; 0 picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Interface to bind. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The clock the emulator's time starts from (tests may pin it). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Starts the emulator.
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public DarajaEmulator start() {
      EmulatorConfig.Builder effective = config.toBuilder();
      if (port != null) {
        effective.port(port);
      }
      if (host != null) {
        effective.host(host);
      }
      EmulatorServer server = new EmulatorServer(effective.build(), clock);
      server.start();
      return new DarajaEmulator(server);
    }
  }
}
