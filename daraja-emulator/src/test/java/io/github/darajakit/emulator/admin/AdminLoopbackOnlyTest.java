package io.github.darajakit.emulator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.darajakit.emulator.DarajaEmulator;
import io.github.darajakit.emulator.EmulatorConfig;
import io.github.darajakit.emulator.support.DarajaHttp;
import io.github.darajakit.emulator.support.DarajaHttp.Reply;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With {@code admin.loopbackOnly}, as {@code daraja gateway} embeds the emulator, the admin API
 * (which can move the world's money) answers only this machine; Daraja's endpoints stay open.
 */
class AdminLoopbackOnlyTest {

  @Test
  void onlyThisMachineReachesTheAdminApiWhileDarajasEndpointsStayOpen() throws Exception {
    try (DarajaEmulator emulator = startOnEveryInterface(true)) {
      InetAddress outside = anotherAddressOfThisMachine();
      DarajaHttp fromOutside = client(outside, emulator);
      DarajaHttp fromHere = new DarajaHttp("http://127.0.0.1:" + emulator.port());
      fromHere.admin("PUT", "customers/254708374149/balance", "{\"balance\":\"70.00\"}");

      Reply refused = fromOutside.admin("GET", "health", null);
      Reply reset = fromOutside.admin("POST", "reset", null);

      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.text("error"))
          .contains("only requests from this machine")
          .contains("admin.loopbackOnly")
          .contains(outside.getHostAddress());
      assertThat(reset.status()).isEqualTo(403);
      assertThat(fromHere.adminGet("customers/254708374149").path("balance").asText())
          .as("the refused reset changed nothing")
          .isEqualTo("70.00");
      assertThat(fromOutside.token()).as("Daraja's own endpoints answer anyone").isNotBlank();
    }
  }

  @Test
  void withoutTheOptionAnotherAddressReachesTheAdminApi() throws Exception {
    try (DarajaEmulator emulator = startOnEveryInterface(false)) {
      DarajaHttp fromOutside = client(anotherAddressOfThisMachine(), emulator);

      assertThat(fromOutside.admin("GET", "health", null).status()).isEqualTo(200);
    }
  }

  private static DarajaEmulator startOnEveryInterface(boolean adminLoopbackOnly) {
    EmulatorConfig config =
        EmulatorConfig.builder().host("0.0.0.0").adminLoopbackOnly(adminLoopbackOnly).build();
    return DarajaEmulator.builder().config(config).port(0).start();
  }

  private static DarajaHttp client(InetAddress from, DarajaEmulator emulator) {
    return new DarajaHttp("http://" + from.getHostAddress() + ":" + emulator.port());
  }

  /**
   * An address of this machine's network card: a connection to it does not come from loopback, just
   * as one from another machine would not.
   */
  private static InetAddress anotherAddressOfThisMachine() throws SocketException {
    Optional<InetAddress> address =
        NetworkInterface.networkInterfaces()
            .filter(AdminLoopbackOnlyTest::isUp)
            .flatMap(NetworkInterface::inetAddresses)
            .filter(
                a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
            .findFirst();
    Assumptions.assumeTrue(
        address.isPresent(), "this machine has no non-loopback address to call from");
    return address.get();
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
