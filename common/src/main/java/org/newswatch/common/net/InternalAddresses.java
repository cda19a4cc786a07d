package org.newswatch.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The addresses inside an operator's own network, which a URL given by a user (a feed, a page, a
 * webhook) must not reach unless private targets are allowed: loopback, private (RFC 1918, IPv6
 * unique-local), link-local (the cloud metadata service at 169.254.169.254), carrier-grade NAT,
 * unspecified, reserved and multicast addresses, also when written as IPv4-mapped IPv6. One place
 * for the server-side request forgery rules of every service.
 */
final class InternalAddresses {
  private InternalAddresses() {}

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
          || (first == 192
              && second == 0
              && (b[2] & 0xff) == 0) // IETF protocol assignments, RFC 6890
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
