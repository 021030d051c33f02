package io.github.darajakit.spring.callbacks;

import io.github.darajakit.spring.callbacks.DarajaCallbackReceiver.Answer;
import io.github.darajakit.spring.callbacks.DarajaCallbackReceiver.Endpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code <daraja.callbacks.path>/<secret>} (any callback, its shape says which), {@code
 * …/<secret>/<token>} (the same, with an STK push's callback token) and {@code
 * …/<secret>/queue-timeout} (QueueTimeOutURLs). A wrong secret is 404, and nothing is stored.
 *
 * <p>The secret is a path variable compared in constant time rather than part of the mapping, so it
 * never appears in Spring's mapping logs.
 */
@RestController
public class DarajaCallbackController {

  private static final String PATH = "${daraja.callbacks.path:/daraja/callbacks}/{secret}";

  private final DarajaCallbackReceiver receiver;
  private final byte[] secret;

  /** A controller for this receiver, answering only under this secret. */
  public DarajaCallbackController(DarajaCallbackReceiver receiver, String secret) {
    this.receiver = receiver;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Any callback. */
  @PostMapping(PATH)
  public ResponseEntity<String> callback(
      @PathVariable("secret") String secret, @RequestBody(required = false) byte[] body) {
    return answer(secret, body, Endpoint.CALLBACK, Optional.empty());
  }

  /** A callback whose URL ends with a token of yours (an STK push's callback token). */
  @PostMapping(PATH + "/{token}")
  public ResponseEntity<String> callbackWithToken(
      @PathVariable("secret") String secret,
      @PathVariable("token") String token,
      @RequestBody(required = false) byte[] body) {
    return answer(secret, body, Endpoint.CALLBACK, Optional.of(token));
  }

  /** A queue timeout. */
  @PostMapping(PATH + "/queue-timeout")
  public ResponseEntity<String> queueTimeout(
      @PathVariable("secret") String secret, @RequestBody(required = false) byte[] body) {
    return answer(secret, body, Endpoint.QUEUE_TIMEOUT, Optional.empty());
  }

  private ResponseEntity<String> answer(
      String given, byte[] body, Endpoint endpoint, Optional<String> token) {
    if (!MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
      return ResponseEntity.notFound().build();
    }
    Answer answer = receiver.receive(body, endpoint, token);
    return ResponseEntity.status(answer.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(answer.body());
  }
}
