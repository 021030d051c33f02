package io.github.darajakit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.client.b2c.B2cPaymentRequest;
import io.github.darajakit.client.pull.PullRegisterRequest;
import io.github.darajakit.client.support.TestClients;
import io.github.darajakit.docs.JavaSnippets;
import io.github.darajakit.docs.JavaSnippets.Snippet;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.DarajaEmulatorExtension;
import io.github.darajakit.emulator.Sandbox;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snippets of {@code docs/sdk.md} that compile are not enough when they throw: these run the
 * documented code itself, as a reader would paste it, against the emulator.
 */
@ExtendWith(DarajaEmulatorExtension.class)
class SdkDocsSnippetsRunTest {

  private final InitiatorResultServer receiver = new InitiatorResultServer();

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  /** The one {@code ```java} block of docs/sdk.md that contains {@code text}. */
  static Snippet snippetContaining(String text) throws Exception {
    List<Snippet> found =
        JavaSnippets.in(List.of(JavaSnippets.REPOSITORY.resolve("docs/sdk.md"))).stream()
            .filter(s -> s.code().contains(text))
            .toList();
    assertThat(found).as("docs/sdk.md snippets containing %s", text).hasSize(1);
    return found.get(0);
  }

  /**
   * Compiles a snippet as {@link SdkDocsTest} does, gives its context the values in {@code fields}
   * ({@code daraja}, {@code resultUrl}…) and runs it, rethrowing what it throws.
   */
  static void run(Snippet snippet, Path classes, Map<String, Object> fields) throws Exception {
    assertThat(SdkDocsTest.compile(List.of(snippet), classes)).isEmpty();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, SdkDocsSnippetsRunTest.class.getClassLoader())) {
      Class<?> type = loader.loadClass(snippet.className());
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      Object instance = constructor.newInstance();
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        Field declared = type.getDeclaredField(field.getKey());
        declared.setAccessible(true);
        declared.set(instance, field.getValue());
      }
      Method code = type.getDeclaredMethod("snippet");
      code.setAccessible(true);
      try {
        code.invoke(instance);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof Exception thrown) {
          throw thrown;
        }
        throw e;
      }
    }
  }

  @Test
  void theStatusBalanceAndPullSnippetRunsAndItsResultsArrive(
      DarajaEmulator emulator, @TempDir Path classes) throws Exception {
    try (DarajaClient daraja =
        TestClients.builder(emulator).shortCode(Sandbox.SHORTCODE_1).build()) {
      String payoutId = "payout-docs-1";
      daraja
          .b2c()
          .pay(
              B2cPaymentRequest.builder()
                  .originatorConversationId(payoutId)
                  .phone(Sandbox.TEST_MSISDN)
                  .amount(300)
                  .remarks("Docs payout")
                  .resultUrl(receiver.url("/b2c/result"))
                  .queueTimeOutUrl(receiver.url("/b2c/timeout"))
                  .build());
      String receipt = receiver.result("/b2c/result").path("TransactionID").asText();
      daraja // the one-time registration the docs name beside the snippet
          .pull()
          .register(
              PullRegisterRequest.builder()
                  .nominatedNumber("0722000000")
                  .callbackUrl(receiver.url("/pull"))
                  .build());

      run(
          snippetContaining("daraja.account().balance("),
          classes,
          Map.of(
              "daraja", daraja,
              "payoutId", payoutId,
              "resultUrl", receiver.url("/result"),
              "timeoutUrl", receiver.url("/timeout"),
              "since", Instant.now().minus(Duration.ofHours(1)),
              "now", Instant.now()));

      List<String> commands =
          List.of(
              receiver.awaitBody("/result", 1).path("Result").path("ResultCode").asText(),
              receiver.awaitBody("/result", 2).path("Result").path("ResultCode").asText());
      assertThat(commands).containsOnly("0");
      assertThat(receiver.bodies("/result").toString()).contains(receipt).contains("Working");
    }
  }
}
