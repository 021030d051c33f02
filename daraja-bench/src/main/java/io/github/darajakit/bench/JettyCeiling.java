package io.github.darajakit.bench;

import io.github.darajakit.client.callbacks.DarajaCallbacks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * <p>Runs until killed. {@code daraja-bench/run-gateway-bench.sh} starts it with the JVM flags it
 * gives the gateway and drives it with wrk as it drives the gateway:
 *
 * <pre>
 * java -Xmx1g -cp daraja-bench/target/daraja-bench.jar io.github.darajakit.bench.JettyCeiling 8098
 * </pre>
 */
public final class JettyCeiling {

  /** The gateway takes callback bodies up to this size (CallbackEndpoint). */
  private static final int MAX_BODY = 256 * 1024;

  private static final byte[] ACKNOWLEDGEMENT =
      DarajaCallbacks.acknowledge().getBytes(StandardCharsets.UTF_8);

  private JettyCeiling() {}

  /** Listens on 127.0.0.1 at the port given (default 8098) until the process is killed. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8098;
    // As ApiServer builds its server, so that only the handler differs.
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("jetty-ceiling-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(new Acknowledge());
    server.setStopAtShutdown(true);
    server.start();
    System.out.println("jetty ceiling listening on 127.0.0.1:" + connector.getLocalPort());
    server.join();
  }

  /** Reads the body without blocking, as the gateway's callback endpoint does, then answers. */
  private static final class Acknowledge extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Content.Source.asByteArrayAsync(
          request,
          MAX_BODY,
          new Promise.Invocable<byte[]>() {
            @Override
            public void succeeded(byte[] body) {
              response.setStatus(200);
              response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
              response.getHeaders().put(HttpHeader.CONTENT_LENGTH, ACKNOWLEDGEMENT.length);
              response.write(true, ByteBuffer.wrap(ACKNOWLEDGEMENT), callback);
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
  }
}
