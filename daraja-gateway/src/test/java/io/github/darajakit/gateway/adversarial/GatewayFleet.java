package io.github.darajakit.gateway.adversarial;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.darajakit.gateway.support.GatewayHarness;
import io.github.darajakit.gateway.support.GatewayProcess;
import io.github.darajakit.gateway.support.MerchantClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway instances of a run, each a {@link GatewayProcess} in its own JVM on one database,
 * each on a port of its own that it keeps across restarts (so Results addressed to it before a
 * crash still find it after). An instance is killed with {@code SIGKILL} and started again on the
 * same database; the callback front and the merchants only use instances that are up.
 */
final class GatewayFleet implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern READY =
      Pattern.compile("^" + GatewayProcess.READY + " (\\d+)$", Pattern.MULTILINE);

  /**
   * Small heaps and the client compiler only: the machine has two cores, shared by the emulator,
   * PostgreSQL and every instance, and the instances restart often.
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xmx384m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** One gateway instance. */
  final class Instance {
    private final String name;
    private final int port;
    private final Path settings;
    private final MerchantClient merchant;
    private volatile Process process;
    private volatile boolean up;
    private int starts;

    private Instance(String name, int port, Path settings) {
      this.name = name;
      this.port = port;
      this.settings = settings;
      this.merchant = new MerchantClient(baseUrl(), GatewayHarness.API_KEY);
    }

    String name() {
      return name;
    }

    String baseUrl() {
      return "http://127.0.0.1:" + port;
    }

    /** The merchant API of this instance. */
    MerchantClient merchant() {
      return merchant;
    }

    boolean up() {
      return up;
    }

    private synchronized void start() {
      long began = System.nanoTime();
      starts++;
      Path output = logs.resolve(name + "-" + starts + ".log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(JVM_OPTIONS);
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              GatewayProcess.class.getName(),
              settings.toString()));
      try {
        process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Process started = process;
      await("instance " + name + " listening")
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                if (!started.isAlive()) {
                  throw new IllegalStateException(
                      name
                          + " exited with "
                          + started.exitValue()
                          + " before READY: see "
                          + output);
                }
                Matcher ready = READY.matcher(Files.readString(output, StandardCharsets.UTF_8));
                return ready.find();
              });
      up = true;
      startTimes.add(Duration.ofNanos(System.nanoTime() - began));
    }

    /** {@code kill -9}, then waits for the process to be gone. */
    private synchronized void kill() {
      up = false;
      process.destroyForcibly();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException(name + " survived SIGKILL");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private final Path logs;
  private final Properties common = new Properties();
  private final ObjectNode gatewaySettings;
  private final List<Instance> instances = new ArrayList<>();
  private final AtomicInteger kills = new AtomicInteger();
  private final List<Duration> startTimes = new CopyOnWriteArrayList<>();

  /**
   * Writes each instance's settings; starts nothing yet.
   *
   * @param gatewaySettings settings every instance gets (docs/gateway.md#configuration); each
   *     instance adds its own {@code instanceId}
   */
  GatewayFleet(
      int count,
      Path dir,
      String darajaUrl,
      String certificatePem,
      String databaseUrl,
      ObjectNode gatewaySettings) {
    this.logs = dir;
    this.gatewaySettings = gatewaySettings;
    try {
      Path certificate = dir.resolve("emulator.pem");
      Files.writeString(certificate, certificatePem, StandardCharsets.UTF_8);
      common.setProperty(GatewayProcess.EMULATOR_URL, darajaUrl);
      common.setProperty(GatewayProcess.CERTIFICATE_FILE, certificate.toString());
      common.setProperty(GatewayProcess.DATABASE_URL, databaseUrl);
      common.setProperty(GatewayProcess.API_KEY, GatewayHarness.API_KEY);
      common.setProperty(GatewayProcess.CALLBACK_SECRET, GatewayHarness.CALLBACK_SECRET);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < count; i++) {
      instances.add(instance("gw-" + (char) ('a' + i)));
    }
  }

  /** An instance's settings file, on a port of its own; not started. */
  private Instance instance(String name) {
    try {
      int port = freePort();
      Properties values = new Properties();
      values.putAll(common);
      values.setProperty(GatewayProcess.PORT, Integer.toString(port));
      values.setProperty(GatewayProcess.BACKGROUND_WORKERS, "true");
      values.setProperty(
          GatewayProcess.GATEWAY_JSON,
          gatewaySettings.deepCopy().put("instanceId", name).toString());
      Path settings = logs.resolve(name + ".properties");
      GatewayProcess.writeSettings(settings, values);
      return new Instance(name, port, settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts every instance at once (instances starting together take turns to migrate the schema,
   * under an advisory lock on PostgreSQL).
   */
  void startAll() {
    instances.parallelStream().forEach(Instance::start);
  }

  /** Starts any instance that is down (after the run, before settling). */
  void startStopped() {
    instances.stream().filter(i -> !i.up()).forEach(Instance::start);
  }

  /** Kills every instance (not counted as a crash): nothing more is written to the database. */
  void stopAll() {
    instances.stream().filter(Instance::up).forEach(Instance::kill);
  }

  /** Kills one instance with SIGKILL and starts it again on the same database and port. */
  void crashAndRestart(Instance instance) {
    instance.kill();
    kills.incrementAndGet();
    instance.start();
  }

  int crashes() {
    return kills.get();
  }

  /** How long each start took, from launching the JVM to the gateway listening. */
  List<Duration> startTimes() {
    return List.copyOf(startTimes);
  }

  List<Instance> all() {
    return List.copyOf(instances);
  }

  /**
   * An instance chosen at random among those up, waiting for one while every instance restarts (as
   * a merchant waits for its payment service to come back; requests in flight when an instance is
   * killed still go unanswered).
   */
  Instance pick(SplittableRandom random) {
    Optional<Instance> now = pickIfUp(random);
    if (now.isPresent()) {
      return now.get();
    }
    List<Instance> up =
        await("an instance up")
            .atMost(START_TIMEOUT)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> instances.stream().filter(Instance::up).toList(), list -> !list.isEmpty());
    return up.get(random.nextInt(up.size()));
  }

  /** An instance that is up, at random, without waiting; empty while none is. */
  Optional<Instance> pickIfUp(SplittableRandom random) {
    List<Instance> up = instances.stream().filter(Instance::up).toList();
    return up.isEmpty() ? Optional.empty() : Optional.of(up.get(random.nextInt(up.size())));
  }

  /** An instance that is up, waiting for one if every instance is restarting. */
  Instance anyUp() {
    return pick(new SplittableRandom(0));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Instance instance : instances) {
      if (instance.process != null) {
        instance.up = false;
        instance.process.destroyForcibly();
      }
    }
    for (Instance instance : instances) {
      if (instance.process != null) {
        try {
          instance.process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
