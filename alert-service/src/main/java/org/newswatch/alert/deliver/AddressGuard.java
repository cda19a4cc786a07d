package org.newswatch.alert.deliver;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Refuses webhook URLs that would make the service call into its own network (SSRF): loopback,
 * private (RFC 1918, RFC 4193), link-local (cloud metadata at 169.254.169.254), carrier-grade NAT
 * and wildcard addresses, unless private targets are allowed (tests, the demo).
 */
public final class AddressGuard {
  private final boolean allowPrivate;

  public AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /**
   * Checks the URL and every address its host resolves to, now (the check is repeated at each
   * delivery, since DNS answers change).
   *
   * @throws IllegalArgumentException naming what is refused
   */
  public void check(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("webhook url must be http or https, was " + uri);
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("webhook url has no host: " + uri);
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException("webhook url must not carry credentials");
    }
    if (allowPrivate) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("webhook host does not resolve: " + uri.getHost(), e);
    }
    for (InetAddress a : addresses) {
      if (isInternal(a)) {
        throw new IllegalArgumentException("webhook host " + uri.getHost() + " resolves to an internal address (" + a.getHostAddress() + "); refused");
      }
    }
  }

  static boolean isInternal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8.
      return (first == 100 && second >= 64 && second < 128) || first == 0;
    }
    // fc00::/7, unique local IPv6 (isSiteLocalAddress covers only the deprecated fec0::/10).
    return (b[0] & 0xfe) == 0xfc;
  }
}
