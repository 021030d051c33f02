package io.github.darajakit.bench;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The ceiling the gateway's HTTP layer would have under Javalin: a Javalin app answering the same
 * callback POST as {@link JettyCeiling}, on the same Jetty, thread pool and connector, storing
 * nothing. Set beside JettyCeiling it shows what the framework costs per callback, and so why the
 * gateway's HTTP layer is plain Jetty core handlers rather than Javalin: Javalin runs on Jetty's
 * servlet layer (a servlet, a servlet context, sessions, blocking streams), and the gateway's
 * "acknowledge only after the group commit" makes every answer asynchronous, which Javalin can only
 * do through {@link Context#future} and the servlet's async context.
 *
 * <p>Two modes, chosen by the second argument. {@code sync}: a plain handler reads {@link
 * Context#bodyAsBytes()} and answers, on the pool thread Javalin's servlet runs on. {@code async}:
 * the handler reads the body, then answers through {@link Context#future} with a future another
 * thread completes (a {@link StandInCommit} in place of the group commit), the answer set on the
 * server's pool — as the gateway, and {@code JettyCeiling async}, answer.
 *
 * <p>Everything else is Javalin's default (its servlet, sessions handler, statistics handler and
 * HTTP configuration), since that is what an app built on it gets. Runs until killed; {@code
 * daraja-bench/run-http-ceilings.sh} starts it with the gateway's JVM flags and drives it with wrk
 * as it drives the other ceilings:
 *
 * <pre>
 * java -Xmx1g -cp daraja-bench/target/daraja-bench.jar io.github.darajakit.bench.JavalinCeiling 8098 async
 * </pre>
 */
public final class JavalinCeiling {

  private JavalinCeiling() {}

  /**
   * Listens on 127.0.0.1 at the port given (default 8098) until the process is killed, answering in
   * the mode given ({@code sync}, the default, or {@code async}).
   */
  public static void main(String[] args) {
    JettyCeiling.Options options = JettyCeiling.Options.parse(args);
    // The gateway's pool and connector, so that what differs from JettyCeiling is Javalin.
    QueuedThreadPool threads = JettyCeiling.gatewayPool("javalin-ceiling-http");
    Handler acknowledge = options.async() ? answerLater(new StandInCommit(), threads) : answerNow();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.threadPool = threads;
              config.http.maxRequestSize = JettyCeiling.MAX_BODY;
              config.jetty.addConnector(
                  (server, http) -> JettyCeiling.gatewayConnector(server, http, options.port()));
              config.routes.post("/daraja/{secret}/stk", acknowledge);
            });
    app.start();
    System.out.println(
        "javalin ceiling (" + options.mode() + ") listening on 127.0.0.1:" + app.port());
  }

  private static Handler answerNow() {
    return ctx -> {
      ctx.bodyAsBytes();
      answer(ctx);
    };
  }

  private static Handler answerLater(StandInCommit commit, QueuedThreadPool pool) {
    return ctx -> {
      ctx.bodyAsBytes();
      // Javalin writes the answer on the thread that completes the future: the pool, as the
      // gateway does, not the stand-in writer.
      ctx.future(() -> commit.submit().thenRunAsync(() -> answer(ctx), pool));
    };
  }

  private static void answer(Context ctx) {
    ctx.contentType(ContentType.APPLICATION_JSON).result(JettyCeiling.ACKNOWLEDGEMENT);
  }
}
