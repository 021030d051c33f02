package io.github.darajakit.bench;

import io.github.darajakit.client.callbacks.DarajaCallbacks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The platform's own ceiling for the gateway's callback ingest: a bare Jetty server, set up as the
 * gateway's {@code ApiServer} is (same Jetty, same thread pool, connector and HTTP configuration),
 * whose one handler reads each request's body and answers the gateway's acknowledgement, storing
 * nothing. Whatever the gateway does for a callback beyond this — parse, check, commit, hand the
 * answer to its pool — is what its ratio to this ceiling measures.
 *
 * <p>Two modes, chosen by the second argument. {@code sync} (the default) answers in the thread
 * that read the body, usually Jetty's I/O thread. {@code async} answers as the gateway does: the
 * answer waits on a future another thread completes (a {@link StandInCommit} in place of the group
 * commit) and is written on the server's pool. The two apart show what that hand-off costs before
 * any commit does.
 *
 * <p>Runs until killed. {@code daraja-bench/run-gateway-bench.sh} starts it with the JVM flags it
 * gives the gateway and drives it with wrk as it drives the gateway; {@code
 * daraja-bench/run-http-ceilings.sh} runs both modes beside nginx and {@link JavalinCeiling}:
 *
 * <pre>
 * java -Xmx1g -cp daraja-bench/target/daraja-bench.jar io.github.darajakit.bench.JettyCeiling 8098 async
 * </pre>
 */
public final class JettyCeiling {

  /** The gateway takes callback bodies up to this size (CallbackEndpoint). */
  static final int MAX_BODY = 256 * 1024;

  /** The gateway's acknowledgement of a stored callback, the one answer every ceiling gives. */
  static final byte[] ACKNOWLEDGEMENT =
      DarajaCallbacks.acknowledge().getBytes(StandardCharsets.UTF_8);

  private JettyCeiling() {}

  /**
   * Listens on 127.0.0.1 at the port given (default 8098) until the process is killed, answering in
   * the mode given ({@code sync}, the default, or {@code async}).
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    // As ApiServer builds its server, so that only the handler differs.
    QueuedThreadPool threads = gatewayPool("jetty-ceiling-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = gatewayConnector(server, http, options.port());
    server.addConnector(connector);
    server.setHandler(
        options.async() ? new Acknowledge(new StandInCommit(), threads) : new Acknowledge());
    server.setStopAtShutdown(true);
    server.start();
    System.out.println(
        "jetty ceiling ("
            + options.mode()
            + ") listening on 127.0.0.1:"
            + connector.getLocalPort());
    server.join();
  }

  /** A ceiling's arguments, {@code [port] [sync|async]}: 8098 and sync unless given. */
  record Options(int port, boolean async) {
    static Options parse(String[] args) {
      int port = args.length > 0 ? Integer.parseInt(args[0]) : 8098;
      String mode = args.length > 1 ? args[1] : "sync";
      if (!mode.equals("sync") && !mode.equals("async")) {
        throw new IllegalArgumentException(
            "mode '"
                + mode
                + "' is not one of sync (answer on the thread that read the body) or async"
                + " (answer on the pool once another thread has completed a future)");
      }
      return new Options(port, mode.equals("async"));
    }

    String mode() {
      return async ? "async" : "sync";
    }
  }

  /** The gateway's HTTP thread pool, as ApiServer builds it. */
  static QueuedThreadPool gatewayPool(String name) {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName(name);
    return threads;
  }

  /** The gateway's connector, as ApiServer builds it, on 127.0.0.1 at {@code port}. */
  static ServerConnector gatewayConnector(Server server, HttpConfiguration http, int port) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    return connector;
  }

  /**
   * Reads the body without blocking, as the gateway's callback endpoint does, then answers: at
   * once, or once the stand-in commit has completed, on the pool.
   */
  private static final class Acknowledge extends Handler.Abstract.NonBlocking {
    private final StandInCommit commit;
    private final Executor pool;

    /** Answers in the thread that read the body. */
    Acknowledge() {
      this(null, null);
    }

    /** Answers on {@code pool} once {@code commit} has completed the request's future. */
    Acknowledge(StandInCommit commit, Executor pool) {
      this.commit = commit;
      this.pool = pool;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Content.Source.asByteArrayAsync(
          request,
          MAX_BODY,
          new Promise.Invocable<byte[]>() {
            @Override
            public void succeeded(byte[] body) {
              if (commit == null) {
                answer(response, callback);
              } else {
                commit
                    .submit()
                    .whenCompleteAsync((committed, failure) -> answer(response, callback), pool);
              }
            }

            @Override
            public void failed(Throwable failure) {
              callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
              return InvocationType.NON_BLOCKING;
            }
          });
      return true;
    }

    private static void answer(Response response, Callback callback) {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, ACKNOWLEDGEMENT.length);
      response.write(true, ByteBuffer.wrap(ACKNOWLEDGEMENT), callback);
    }
  }
}
