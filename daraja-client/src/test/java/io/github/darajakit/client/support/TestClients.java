package io.github.darajakit.client.support;

import io.github.darajakit.client.DarajaClient;
import io.github.darajakit.client.security.SecurityCredentials;
import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.Sandbox;
import java.util.List;

/**
 * Clients for functional tests, all configured with the same distinctive secrets so the
 * end-of-suite log check can search for them.
 */
public final class TestClients {

  public static final String CONSUMER_KEY = "test-consumer-key-7c1e";
  public static final String CONSUMER_SECRET = "s3cr3t-consumer-9f2a-DO-NOT-LOG";
  public static final String INITIATOR_PASSWORD = Sandbox.INITIATOR_PASSWORD;

  private TestClients() {}

  /** Every configured secret that must never appear in a log line. */
  public static List<String> secrets() {
    return List.of(CONSUMER_SECRET, Sandbox.STK_PASSKEY, INITIATOR_PASSWORD);
  }

  /** A builder pointed at the emulator with the sandbox shortcode, passkey and initiator. */
  public static DarajaClient.Builder builder(DarajaEmulator emulator) {
    return DarajaClient.builder()
        .baseUrl(emulator.baseUrl())
        .consumerKey(CONSUMER_KEY)
        .consumerSecret(CONSUMER_SECRET)
        .shortCode(Sandbox.STK_SHORTCODE)
        .passkey(Sandbox.STK_PASSKEY)
        .initiator(
            Sandbox.INITIATOR_NAME,
            INITIATOR_PASSWORD,
            SecurityCredentials.certificate(emulator.certificatePem()));
  }

  /** A ready client. */
  public static DarajaClient client(DarajaEmulator emulator) {
    return builder(emulator).build();
  }
}
