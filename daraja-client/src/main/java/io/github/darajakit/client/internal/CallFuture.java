package io.github.darajakit.client.internal;

import io.github.darajakit.client.DarajaException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * The future of one Daraja call, whose cancellation and timeout mean what they mean for money.
 *
 * <p>A plain {@link CompletableFuture} would end a cancelled or timed-out payment in a bare {@link
 * CancellationException} or {@link TimeoutException} while the request carries on to Daraja and the
 * customer is paid seconds later. Here {@link #cancel} and a {@link TimeoutException} from {@link
 * #orTimeout} abort the exchange in flight and complete the future with what the failure means:
 * {@link io.github.darajakit.client.DarajaOutcomeUnknownException} when a money-moving request may
 * have been sent, else {@link io.github.darajakit.client.DarajaUnavailableException}. Hence {@link
 * #isCancelled()} stays {@code false}: the future fails with the SDK's exception instead.
 *
 * <p>Stages derived from it ({@code thenApply}, …) are plain futures: cancelling one of those does
 * not reach the exchange, as with any {@link CompletableFuture}.
 *
 * @param <T> the call's result
 */
public final class CallFuture<T> extends CompletableFuture<T> {

  /** What can be abandoned: the call's exchange. */
  interface Abandonable {
    /**
     * Ends the call because of {@code why}, aborting the exchange in flight.
     *
     * @return the exception the call now ends in, or {@code null} if it had already ended (its
     *     outcome is on its way)
     */
    DarajaException abandon(Throwable why);
  }

  private final Abandonable exchange;

  CallFuture(Abandonable exchange) {
    this.exchange = exchange;
  }

  /**
   * A future of {@code reader} applied to {@code answer}'s result on {@code executor}, which
   * cancels and times out the same exchange. A failure is passed through, or to {@code refused}
   * when it is a {@link io.github.darajakit.client.DarajaApiException} (products that read refusals
   * their own way).
   */
  public static <U> CallFuture<U> read(
      CallFuture<Transport.Answer> answer, Transport.Reader<U> reader, Executor executor) {
    CallFuture<U> next = new CallFuture<>(answer.exchange);
    answer
        .whenCompleteAsync(
            (value, failure) -> {
              try {
                next.succeed(failure == null ? reader.read(value) : refused(reader, failure));
              } catch (RuntimeException | Error e) {
                next.fail(e);
              }
            },
            executor)
        // An executor that refuses the task (shut down) must not leave the caller waiting forever.
        .exceptionally(
            refused -> {
              next.fail(unwrap(refused));
              return null;
            });
    return next;
  }

  /**
   * Aborts the exchange and completes this future with {@link
   * io.github.darajakit.client.DarajaOutcomeUnknownException} (a money-moving call that may have
   * been sent) or {@link io.github.darajakit.client.DarajaUnavailableException}; never with a
   * {@link CancellationException}.
   *
   * @return whether this call ended the exchange; {@code false} if its outcome had already arrived
   *     and is being delivered
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return giveUp(new CancellationException("the caller cancelled the call"));
  }

  /**
   * As {@link CompletableFuture#completeExceptionally}, except that a {@link TimeoutException} (as
   * {@link #orTimeout} completes with) or a {@link CancellationException} abandons the exchange
   * instead, as {@link #cancel} does.
   */
  @Override
  public boolean completeExceptionally(Throwable failure) {
    if (failure instanceof TimeoutException || failure instanceof CancellationException) {
      return giveUp(failure);
    }
    return super.completeExceptionally(failure);
  }

  /** Derived stages are plain futures: only this one speaks for the exchange. */
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }

  boolean succeed(T value) {
    return super.complete(value);
  }

  boolean fail(Throwable failure) {
    return super.completeExceptionally(failure);
  }

  private boolean giveUp(Throwable why) {
    if (isDone()) {
      return false;
    }
    DarajaException ended = exchange.abandon(why);
    // Completed here and now, not when the abandoned exchange's failure reaches this stage through
    // the executor: whoever cancelled sees a finished future.
    return ended != null && fail(ended);
  }

  /** Waits for {@code future}: its value, or the exception it failed with, unwrapped. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (InterruptedException e) {
      // Interrupting a blocked caller abandons the call just as cancelling its future does.
      future.completeExceptionally(new CancellationException("the calling thread was interrupted"));
      Thread.currentThread().interrupt();
      try {
        // Done now, or its outcome had already arrived and is moments away.
        return future.join();
      } catch (java.util.concurrent.CompletionException failure) {
        throw rethrow(failure.getCause());
      }
    }
  }

  private static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(failure);
  }

  /** The failure inside {@code failure}'s completion wrappers. */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while (current instanceof java.util.concurrent.CompletionException
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static <U> U refused(Transport.Reader<U> reader, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof io.github.darajakit.client.DarajaApiException refusal) {
      return reader.refused(refusal);
    }
    throw rethrow(cause);
  }
}
