package io.github.darajakit.spring.callbacks;

/**
 * Where the callback endpoint keeps every body before it answers Daraja. Implement it on your own
 * storage, or use {@link JdbcDarajaCallbackStore}.
 *
 * <pre>{@code
 * @Bean
 * DarajaCallbackStore darajaCallbackStore(DataSource dataSource) {
 *   return new JdbcDarajaCallbackStore(dataSource);
 * }
 * }</pre>
 */
public interface DarajaCallbackStore {

  /**
   * Stores the callback durably: when this returns, the body must survive a crash, because the
   * endpoint then tells Daraja it has it. Storing the same {@link ReceivedCallback#id()} again must
   * be harmless.
   *
   * @return true if it was new, false if a callback with the same id was already stored
   * @throws RuntimeException if it could not be stored; the endpoint then answers 500, so that a
   *     sender that retries sends it again
   */
  boolean store(ReceivedCallback callback);
}
