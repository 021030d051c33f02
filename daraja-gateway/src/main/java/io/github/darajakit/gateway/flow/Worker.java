package io.github.darajakit.gateway.flow;

/** Work a flow does on its own schedule (sending batches, recovering missed payments). */
public interface Worker extends AutoCloseable {

  /** Starts it on its own thread(s). */
  void start();

  /** Stops it. */
  @Override
  void close();
}
