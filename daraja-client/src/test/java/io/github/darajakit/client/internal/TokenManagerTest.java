package io.github.darajakit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.darajakit.client.DarajaUnavailableException;
import io.github.darajakit.client.events.DarajaEventListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The token cache with a fake OAuth function and a hand-moved clock: no HTTP, no sleeping. */
class TokenManagerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-01T08:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /** A fake OAuth endpoint: token-1, token-2, … with a chosen {@code expires_in} JSON value. */
  private static final class FakeOAuth implements Function<String, Transport.Answer> {
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> credentials = new CopyOnWriteArrayList<>();
    private volatile String expiresInJson;

    FakeOAuth(String expiresInJson) {
      this.expiresInJson = expiresInJson;
    }

    @Override
    public Transport.Answer apply(String basicCredentials) {
      credentials.add(basicCredentials);
      int n = calls.incrementAndGet();
      String body =
          expiresInJson == null
              ? "{\"access_token\":\"token-" + n + "\"}"
              : "{\"access_token\":\"token-" + n + "\",\"expires_in\":" + expiresInJson + "}";
      try {
        JsonNode json = JSON.readTree(body);
        return new Transport.Answer(200, json, body);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final MutableClock clock = new MutableClock();
  private final List<Duration> refreshed = new CopyOnWriteArrayList<>();
  private final DarajaEventListener listener =
      new DarajaEventListener() {
        @Override
        public void tokenRefreshed(Duration expiresIn) {
          refreshed.add(expiresIn);
        }
      };

  private TokenManager manager(Duration margin, Function<String, Transport.Answer> oauth) {
    TokenManager tokens = new TokenManager("the-key", "the-secret", clock, margin, listener);
    tokens.oauth(answeringAtOnce(oauth));
    return tokens;
  }

  /** An OAuth function whose answer is ready when it returns (or which throws). */
  private static Function<String, CompletableFuture<Transport.Answer>> answeringAtOnce(
      Function<String, Transport.Answer> oauth) {
    return credentials -> CompletableFuture.completedFuture(oauth.apply(credentials));
  }

  /**
   * Fifty asynchronous callers on a cold cache while the OAuth answer has not arrived: one fetch,
   * shared by all, and no caller blocked waiting for it.
   */
  @Test
  void asynchronousCallersShareTheOneFetchInFlight() {
    FakeOAuth fake = new FakeOAuth("\"3599\"");
    CompletableFuture<Transport.Answer> answer = new CompletableFuture<>();
    AtomicInteger fetches = new AtomicInteger();
    TokenManager tokens = new TokenManager("k", "s", clock, Duration.ofSeconds(60), listener);
    tokens.oauth(
        credentials -> {
          fetches.incrementAndGet();
          return answer;
        });
    List<CompletableFuture<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      waiting.add(tokens.tokenAsync());
    }
    assertThat(waiting).noneMatch(CompletableFuture::isDone);
    assertThat(fetches).hasValue(1);
    answer.complete(fake.apply("k:s"));
    assertThat(waiting).allSatisfy(token -> assertThat(token.join()).isEqualTo("token-1"));
    assertThat(tokens.tokenAsync().join()).isEqualTo("token-1");
    assertThat(fetches).hasValue(1);
  }

  @Test
  void theFirstCallFetchesWithBasicCredentialsAndLaterCallsUseTheCache() {
    FakeOAuth oauth = new FakeOAuth("\"3599\"");
    TokenManager tokens = manager(Duration.ofSeconds(60), oauth);
    assertThat(tokens.token()).isEqualTo("token-1");
    assertThat(tokens.token()).isEqualTo("token-1");
    assertThat(tokens.token()).isEqualTo("token-1");
    assertThat(oauth.calls).hasValue(1);
    assertThat(oauth.credentials)
        .containsExactly(
            Base64.getEncoder()
                .encodeToString("the-key:the-secret".getBytes(StandardCharsets.UTF_8)));
    assertThat(refreshed).containsExactly(Duration.ofSeconds(3599));
  }

  @Test
  void theTokenIsRenewedTheMarginBeforeItExpires() {
    FakeOAuth oauth = new FakeOAuth("\"3599\"");
    TokenManager tokens = manager(Duration.ofSeconds(60), oauth);
    assertThat(tokens.token()).isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(3599 - 60).minusMillis(1));
    assertThat(tokens.token()).isEqualTo("token-1");
    clock.advance(Duration.ofMillis(1));
    assertThat(tokens.token()).isEqualTo("token-2");
    assertThat(oauth.calls).hasValue(2);
    // The new token's life counts from when it was fetched.
    clock.advance(Duration.ofSeconds(3538));
    assertThat(tokens.token()).isEqualTo("token-2");
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.token()).isEqualTo("token-3");
  }

  @Test
  void expiresInAsANumberCountsTheSameAsAString() {
    FakeOAuth oauth = new FakeOAuth("600");
    TokenManager tokens = manager(Duration.ofSeconds(60), oauth);
    assertThat(tokens.token()).isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(539));
    assertThat(tokens.token()).isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.token()).isEqualTo("token-2");
    assertThat(refreshed).containsExactly(Duration.ofSeconds(600), Duration.ofSeconds(600));
  }

  @Test
  void expiresInWithSpacesIsStillANumber() {
    FakeOAuth oauth = new FakeOAuth("\" 600 \"");
    manager(Duration.ofSeconds(60), oauth).token();
    assertThat(refreshed).containsExactly(Duration.ofSeconds(600));
  }

  @Test
  void garbageMissingOrNonPositiveExpiresInMeansDarajasUsual3599Seconds() {
    for (String expiresIn :
        new String[] {"\"soon\"", "\"\"", "null", "0", "-5", "\"-5\"", "{}", null}) {
      refreshed.clear();
      FakeOAuth oauth = new FakeOAuth(expiresIn);
      TokenManager tokens = manager(Duration.ofSeconds(60), oauth);
      Instant start = clock.instant();
      assertThat(tokens.token()).as(expiresIn).isEqualTo("token-1");
      assertThat(refreshed).as(expiresIn).containsExactly(Duration.ofSeconds(3599));
      clock.advance(Duration.ofSeconds(3538));
      assertThat(tokens.token()).as(expiresIn).isEqualTo("token-1");
      clock.advance(Duration.ofSeconds(1));
      assertThat(tokens.token()).as(expiresIn).isEqualTo("token-2");
      assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(3539));
    }
  }

  @Test
  void theMarginIsNeverMoreThanHalfTheLifetime() {
    // A 30 s token (the emulator's tokenTtl fault) with the default 60 s margin: renewing 60 s
    // early would mean fetching a new token on every call.
    FakeOAuth oauth = new FakeOAuth("30");
    TokenManager tokens = manager(Duration.ofSeconds(60), oauth);
    assertThat(tokens.token()).isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(15).minusMillis(1));
    assertThat(tokens.token()).isEqualTo("token-1");
    clock.advance(Duration.ofMillis(1));
    assertThat(tokens.token()).isEqualTo("token-2");
    assertThat(oauth.calls).hasValue(2);
  }

  @Test
  void aZeroMarginUsesTheWholeLifetime() {
    FakeOAuth oauth = new FakeOAuth("100");
    TokenManager tokens = manager(Duration.ZERO, oauth);
    tokens.token();
    clock.advance(Duration.ofSeconds(100).minusMillis(1));
    assertThat(tokens.token()).isEqualTo("token-1");
    clock.advance(Duration.ofMillis(1));
    assertThat(tokens.token()).isEqualTo("token-2");
  }

  @Test
  void invalidateForgetsOnlyTheCurrentToken() {
    FakeOAuth oauth = new FakeOAuth("\"3599\"");
    TokenManager tokens = manager(Duration.ofSeconds(60), oauth);
    assertThat(tokens.token()).isEqualTo("token-1");
    // A request that failed with an older token must not throw away a newer one.
    tokens.invalidate("token-0");
    tokens.invalidate(null);
    assertThat(tokens.token()).isEqualTo("token-1");
    assertThat(oauth.calls).hasValue(1);
    tokens.invalidate("token-1");
    assertThat(tokens.token()).isEqualTo("token-2");
    tokens.invalidate("token-1");
    assertThat(tokens.token()).isEqualTo("token-2");
    assertThat(oauth.calls).hasValue(2);
  }

  @Test
  void invalidatingBeforeAnyTokenDoesNothing() {
    FakeOAuth oauth = new FakeOAuth("\"3599\"");
    TokenManager tokens = manager(Duration.ofSeconds(60), oauth);
    tokens.invalidate("token-1");
    assertThat(oauth.calls).hasValue(0);
    assertThat(tokens.token()).isEqualTo("token-1");
  }

  @Test
  void aFailedFetchCachesNothingAndTheNextCallTriesAgain() {
    AtomicInteger attempts = new AtomicInteger();
    FakeOAuth working = new FakeOAuth("\"3599\"");
    TokenManager tokens =
        manager(
            Duration.ofSeconds(60),
            credentials -> {
              if (attempts.incrementAndGet() == 1) {
                throw new DarajaUnavailableException("OAuth is down", null);
              }
              return working.apply(credentials);
            });
    assertThatThrownBy(tokens::token)
        .isInstanceOf(DarajaUnavailableException.class)
        .hasMessage("OAuth is down");
    assertThat(refreshed).isEmpty();
    assertThat(tokens.token()).isEqualTo("token-1");
    assertThat(attempts).hasValue(2);
  }

  @Test
  void aFailingListenerDoesNotLoseTheToken() {
    FakeOAuth oauth = new FakeOAuth("\"3599\"");
    TokenManager tokens =
        new TokenManager(
            "k",
            "s",
            clock,
            Duration.ofSeconds(60),
            new DarajaEventListener() {
              @Override
              public void tokenRefreshed(Duration expiresIn) {
                throw new IllegalStateException("listener bug");
              }
            });
    tokens.oauth(answeringAtOnce(oauth));
    assertThat(tokens.token()).isEqualTo("token-1");
    assertThat(tokens.token()).isEqualTo("token-1");
    assertThat(oauth.calls).hasValue(1);
  }

  /**
   * 50 threads ask for a token on a cold cache. The fake OAuth call does not return until every
   * other thread is parked waiting for it, so all 50 really are in flight at once; exactly one
   * OAuth call is made and everybody gets its token.
   */
  @Test
  void fiftyConcurrentCallersOnAColdCacheCostExactlyOneOAuthCall() throws Exception {
    int callers = 50;
    List<Thread> threads = new ArrayList<>();
    AtomicInteger entered = new AtomicInteger();
    FakeOAuth fake = new FakeOAuth("\"3599\"");
    TokenManager tokens =
        manager(
            Duration.ofSeconds(60),
            credentials -> {
              Thread fetcher = Thread.currentThread();
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(
                      () ->
                          entered.get() == callers
                              && threads.stream()
                                  .filter(t -> t != fetcher)
                                  .allMatch(t -> t.getState() == Thread.State.WAITING));
              return fake.apply(credentials);
            });
    CountDownLatch start = new CountDownLatch(1);
    List<String> results = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int i = 0; i < callers; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  entered.incrementAndGet();
                  results.add(tokens.token());
                } catch (Throwable t) {
                  failures.add(t);
                }
              },
              "token-caller-" + i);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(thread.isAlive()).as(thread.getName()).isFalse();
    }
    assertThat(failures).isEmpty();
    assertThat(fake.calls).hasValue(1);
    assertThat(results).hasSize(callers).containsOnly("token-1");
    assertThat(refreshed).containsExactly(Duration.ofSeconds(3599));
  }
}
