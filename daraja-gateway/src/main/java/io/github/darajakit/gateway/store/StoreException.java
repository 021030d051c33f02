package io.github.darajakit.gateway.store;

/** The database failed (unreachable, full, a constraint the code did not expect). */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A database failure. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
