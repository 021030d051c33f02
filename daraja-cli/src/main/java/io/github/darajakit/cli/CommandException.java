package io.github.darajakit.cli;

/** A failure while running, with nothing moved (Daraja refused, or was unreachable): exit 1. */
final class CommandException extends RuntimeException {
  CommandException(String message) {
    super(message);
  }
}
