package io.github.darajakit.gateway.adversarial;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every callback posted to a gateway during a run — the emulator's (through {@link CallbackFront})
 * and the ones the harness forges or replays — with the gateway's answer. It is the oracle's record
 * of what each gateway acknowledged: a callback answered 2xx must be stored, and stored once.
 */
final class CallbackLog {

  /** Who posted a callback. */
  enum Source {
    /** The emulator, as Daraja: real callbacks, possibly dropped, duplicated or reordered. */
    EMULATOR,
    /** The harness, sending a real callback body again to any instance. */
    REPLAYED,
    /** The harness, pretending to be Daraja with a callback nothing sent. */
    FORGED
  }

  /**
   * One post.
   *
   * @param label what a forged callback claims ({@link Operation.Forgery}), else {@code ""}
   * @param path the path after the callback secret, e.g. {@code b2c/result}
   * @param status the gateway's HTTP status, or {@code -1} when no answer came (refused, reset)
   * @param answer the gateway's answer body ({@code ""} without one)
   */
  record Post(
      Source source,
      String label,
      String path,
      String body,
      String instance,
      int status,
      String answer) {
    boolean acknowledged() {
      return status >= 200 && status < 300;
    }
  }

  private final String callbackSecret;
  private final Queue<Post> posts = new ConcurrentLinkedQueue<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  CallbackLog(String callbackSecret) {
    this.callbackSecret = callbackSecret;
  }

  /**
   * Posts a callback body to one gateway instance's callback path, as Daraja does, and records the
   * answer.
   */
  Post post(Source source, String label, GatewayFleet.Instance instance, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(instance.baseUrl() + "/daraja/" + callbackSecret + "/" + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    int status = -1;
    String answer = "";
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      answer = response.body();
    } catch (IOException e) {
      // no answer: not acknowledged
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Post post = new Post(source, label, path, body, instance.name(), status, answer);
    posts.add(post);
    return post;
  }

  /** Records a callback that reached no gateway (every instance was down). */
  Post refused(Source source, String path, String body) {
    Post post = new Post(source, "", path, body, "none", -1, "");
    posts.add(post);
    return post;
  }

  /** Every post so far. */
  List<Post> posts() {
    return new ArrayList<>(posts);
  }
}
