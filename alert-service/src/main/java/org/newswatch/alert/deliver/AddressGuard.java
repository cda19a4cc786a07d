package org.newswatch.alert.deliver;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.newswatch.common.net.InternalAddresses;

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
    return InternalAddresses.isInternal(a);
  }
}
