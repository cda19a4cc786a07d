package org.newswatch.ingest.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.newswatch.common.net.InternalAddresses;

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
    return InternalAddresses.isInternal(address);
  }
}
