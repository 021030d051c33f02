package io.github.darajakit.gateway.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Who sent a request, seen through the gateway's own reverse proxies and no one else's. */
public final class ClientAddress {

  private ClientAddress() {}

  /**
   * The sender of a request. Behind our own proxy the peer is the proxy: then, and only then, the
   * sender is the right-most address in {@code X-Forwarded-For} that is not one of our proxies —
   * the left part of that header is whatever the client chose to write, so it is never trusted.
   *
   * @param peer the address the connection came from
   * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order
   * @param trustedProxies the addresses of our own proxies ({@code security.trustedProxies})
   */
  public static String of(String peer, List<String> forwardedFor, Set<String> trustedProxies) {
    if (!trustedProxies.contains(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.trim());
        }
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!trustedProxies.contains(hops.get(i))) {
        return hops.get(i);
      }
    }
    return peer;
  }
}
