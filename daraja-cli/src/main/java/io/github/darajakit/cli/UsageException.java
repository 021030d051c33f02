package io.github.darajakit.cli;

/** Bad usage or input, found before anything was sent: exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
