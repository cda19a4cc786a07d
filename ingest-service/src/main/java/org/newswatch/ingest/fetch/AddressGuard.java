package org.newswatch.ingest.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses URLs whose host resolves to an address inside the operator's own network: loopback,
 * private (RFC 1918, IPv6 unique-local), link-local (which holds the cloud metadata service at
 * 169.254.169.254), carrier-grade NAT, unspecified and multicast addresses. Without it, anyone who
 * may add a feed could make the poller read internal services (server-side request forgery).
 *
 * <p>The check runs before every request, redirects included. It does not pin the address it
 * checked for the connection itself, so a DNS answer that changes between the check and the
 * connect (rebinding) is not caught; the window is the JVM's DNS cache time.
 */
public final class AddressGuard {
  private final boolean allowPrivate;

  public AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  public boolean allowsPrivate() {
    return allowPrivate;
  }

  /** Thrown when a URL may not be fetched. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  /**
   * Resolves the URL's host and checks every address it has.
   *
   * @throws UnknownHostException when the name does not resolve
   * @throws RefusedException when an address is internal and private addresses are not allowed
   */
  public void check(URI uri) throws UnknownHostException, RefusedException {
    String host = uri.getHost();
    if (host == null) {
      throw new RefusedException("URL has no host: " + uri);
    }
    InetAddress[] addresses = InetAddress.getAllByName(host);
    if (allowPrivate) {
      return;
    }
    for (InetAddress address : addresses) {
      if (isInternal(address)) {
        throw new RefusedException(
            host + " resolves to " + address.getHostAddress()
                + ", a loopback/private/link-local address (set NEWSWATCH_ALLOW_PRIVATE_FEEDS=true to allow)");
      }
    }
  }

  /** True for every address a public news site cannot have. */
  public static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network", RFC 791
          || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT, RFC 6598
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments, RFC 6890
          || (first == 198 && (second == 18 || second == 19)) // benchmarking, RFC 2544
          || first >= 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7, RFC 4193
      }
      if (isMappedV4(b)) {
        byte[] v4 = {b[12], b[13], b[14], b[15]};
        try {
          return isInternal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
          return true; // cannot happen for 4 bytes; refuse rather than guess
        }
      }
    }
    return false;
  }

  private static boolean isMappedV4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
