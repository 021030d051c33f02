package io.github.darajakit.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the HTTP ceilings' {@code async} modes wait on instead of the gateway's group commit: a
 * future that one other thread completes, as the gateway's callback writer thread completes each
 * callback's future once the transaction holding it has committed — here with no transaction, so
 * only the hand-off between threads is measured. The answer is then written on the server's pool,
 * as the gateway writes it, never on the committing thread.
 */
final class StandInCommit {

  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "ceiling-stand-in-commit");
            thread.setDaemon(true);
            return thread;
          });

  /** A future completed on the stand-in writer thread, as {@code CallbackIntake.submit}'s is. */
  CompletableFuture<Void> submit() {
    return CompletableFuture.runAsync(() -> {}, writer);
  }
}
