package io.github.darajakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.stk.StkPushRequest;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.Sandbox;
import io.github.darajakit.spring.health.DarajaHealthAutoConfiguration;
import io.github.darajakit.spring.health.DarajaHealthCheck;
import io.github.darajakit.spring.metrics.DarajaMetricsAutoConfiguration;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The client bean against the embedded emulator: health and metrics over real HTTP. */
class DarajaStarterEmulatorTest {

  private static DarajaEmulator emulator;

  private ApplicationContextRunner runner(String baseUrl) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DarajaAutoConfiguration.class,
                DarajaMetricsAutoConfiguration.class,
                DarajaHealthAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues(
            "daraja.env=emulator",
            "daraja.base-url=" + baseUrl,
            "daraja.max-retries=0",
            "daraja.connect-timeout=2s");
  }

  @BeforeAll
  static void startEmulator() {
    emulator = DarajaEmulator.start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  @Test
  void healthIsUpWhenTheClientGetsAToken() {
    runner(emulator.baseUrl())
        .run(
            context -> {
              Object indicator = context.getBean("darajaHealthIndicator");
              assertThat(indicator).isInstanceOf(StarterTestSupport.healthIndicatorType());
              assertThat(StarterTestSupport.status(indicator)).isEqualTo("UP");
              Map<?, ?> details = (Map<?, ?>) StarterTestSupport.details(indicator);
              assertThat(details.get("baseUrl")).isEqualTo(emulator.baseUrl());
              assertThat(details.get("checkedAt")).isNotNull();
            });
  }

  @Test
  void healthIsDownWhenDarajaCannotBeReached() {
    // A port the emulator listened on and no longer does.
    String gone;
    try (DarajaEmulator stopped = DarajaEmulator.start()) {
      gone = stopped.baseUrl();
    }
    runner(gone)
        .run(
            context -> {
              Object indicator = context.getBean("darajaHealthIndicator");
              assertThat(StarterTestSupport.status(indicator)).isEqualTo("DOWN");
              assertThat(((Map<?, ?>) StarterTestSupport.details(indicator)).get("error"))
                  .asString()
                  .isNotBlank();
            });
  }

  @Test
  void healthChecksReuseTheirAnswerUntilItIsStale() {
    AtomicInteger tokenRequests = new AtomicInteger();
    DarajaClient client =
        DarajaClient.builder()
            .baseUrl(emulator.baseUrl())
            .consumerKey("key")
            .consumerSecret("secret")
            .tokenRefreshMargin(Duration.ZERO)
            .listener(
                new io.github.darajakit.client.events.DarajaEventListener() {
                  @Override
                  public void requestStarted(String operation, String path, int attempt) {
                    tokenRequests.incrementAndGet();
                  }
                })
            .build();
    MutableClock clock = new MutableClock();
    DarajaHealthCheck check = new DarajaHealthCheck(client, Duration.ofMinutes(1), clock);
    DarajaHealthCheck.Result first = check.check();
    int afterFirst = tokenRequests.get();
    clock.advance(Duration.ofSeconds(59));
    assertThat(check.check()).isSameAs(first);
    assertThat(tokenRequests.get()).as("requests within the time to live").isEqualTo(afterFirst);
    clock.advance(Duration.ofSeconds(1));
    assertThat(check.check()).isNotSameAs(first);
    assertThat(first.up()).isTrue();
    client.close();
  }

  @Test
  void requestsAreTimedPerOperationAndOutcomeWithoutPhoneNumbers() {
    runner(emulator.baseUrl())
        .run(
            context -> {
              DarajaClient client = context.getBean(DarajaClient.class);
              client
                  .stk()
                  .push(
                      StkPushRequest.builder()
                          .phone(Sandbox.TEST_MSISDN)
                          .amount(10)
                          .accountReference("ORDER-1")
                          .description("Order 1")
                          .callbackUrl("http://127.0.0.1:9/daraja")
                          .build());
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              Timer push =
                  registry
                      .find("daraja.client.requests")
                      .tags("operation", "stk.push", "outcome", "SUCCESS", "status", "200")
                      .timer();
              assertThat(push).isNotNull();
              assertThat(push.count()).isEqualTo(1);
              assertThat(registry.find("daraja.client.token.refreshes").counter().count())
                  .isEqualTo(1);
              for (Meter meter : registry.getMeters()) {
                for (Tag tag : meter.getId().getTags()) {
                  assertThat(tag.getValue()).doesNotContain("708374149");
                }
              }
            });
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-07T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
