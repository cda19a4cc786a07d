package org.newswatch.common.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Keeps the services' HTTP clients out of the operator's own network (server-side request forgery):
 * a feed, page, WebSub hub or webhook URL whose host resolves to an {@link InternalAddresses
 * internal address} is refused, unless private targets are allowed (tests, the demo: {@code
 * NEWSWATCH_ALLOW_PRIVATE_FEEDS}). The one guard of ingest-service and alert-service.
 *
 * <p>Checking is not enough, because {@code java.net.http.HttpClient} resolves the name again when
 * it connects: a name server that answers a public address to the check and an internal one to the
 * connect (DNS rebinding) would get through. So a request is sent while holding a {@link Pin} from
 * {@link #pin}: while any pin on a name is open, this JVM's resolver ({@link PinningResolver},
 * installed by {@link PinningResolverProvider}) answers that name only with addresses that pass the
 * same rule, and falls back to the addresses checked here when the name server turns internal. The
 * client therefore connects to a checked address on every attempt, and TLS still checks the
 * certificate against the name. Why a JVM-wide resolver and not a client of our own: the JDK's HTTP
 * client has no resolver setting, and rewriting the URL to the address breaks TLS (SNI, certificate
 * names) and the Host header.
 *
 * <p>Scope: a pin covers one name for as long as its request runs, nothing else. Other names
 * (Kafka's brokers, the index-service address) and names no guarded request is open to are answered
 * by the JDK's resolver as before; with private targets allowed nothing is pinned. Concurrent
 * requests to one name each hold their own pin and the name answers their checked addresses
 * together. The JVM's DNS cache sits in front of any resolver, so {@link #pin} checks what that
 * cache holds once the pin is open; from then on the cache only learns from the pinning resolver.
 * Take one pin per attempt and per redirect hop (each is checked again, so a retry also sees a name
 * that has turned internal), and close it when the answer is in.
 */
public final class AddressGuard {
  private static final String HINT = "set NEWSWATCH_ALLOW_PRIVATE_FEEDS=true to allow";

  private final boolean allowPrivate;

  /**
   * @throws IllegalStateException when private targets are not allowed and this JVM's resolver is
   *     not the pinning one (its service file was lost in repackaging, or {@code
   *     jdk.net.hosts.file} is set): refusing to start beats an open rebinding hole
   */
  public AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
    if (!allowPrivate && !PinningResolverProvider.installed()) {
      throw new IllegalStateException(
          "the pinning DNS resolver is not installed (META-INF/services/java.net.spi.InetAddressResolverProvider"
              + " missing from the class path, or jdk.net.hosts.file set); guarded requests would be open to DNS rebinding");
    }
  }

  public boolean allowsPrivate() {
    return allowPrivate;
  }

  /** Thrown when a URL may not be requested; the message names the host and the reason. */
  public static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  /**
   * Checks the URL (http or https, a host, no credentials) and every address its host resolves to
   * now, without pinning: for refusing a URL when it is saved.
   *
   * @throws UnknownHostException when the name does not resolve
   * @throws RefusedException when the URL or an address is refused
   */
  public void check(URI uri) throws UnknownHostException, RefusedException {
    String host = hostOf(uri);
    InetAddress[] addresses = InetAddress.getAllByName(host);
    if (!allowPrivate) {
      requirePublic(host, addresses);
    }
  }

  /**
   * Checks like {@link #check} and pins the addresses for the request about to be sent; close the
   * pin when its answer is in. With private targets allowed nothing is pinned.
   */
  public Pin pin(URI uri) throws UnknownHostException, RefusedException {
    String host = hostOf(uri);
    InetAddress[] seen = InetAddress.getAllByName(host);
    if (allowPrivate) {
      return new Pin(host, List.of(seen), null);
    }
    requirePublic(host, seen);
    Pin pin = new Pin(host, List.of(seen), PinnedHosts.JVM);
    PinnedHosts.JVM.open(pin);
    try {
      // The JVM's cache may have taken an unguarded answer between the lookup above and the pin;
      // what the client will see from now on is that cache entry or the resolver's pinned answer.
      requirePublic(host, InetAddress.getAllByName(host));
      return pin;
    } catch (UnknownHostException | RefusedException | RuntimeException e) {
      pin.close();
      throw e;
    }
  }

  private String hostOf(URI uri) throws RefusedException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedException("url must be http or https, was " + uri);
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new RefusedException("url has no host: " + uri);
    }
    if (uri.getRawUserInfo() != null) {
      throw new RefusedException("url must not carry credentials");
    }
    return uri.getHost();
  }

  private static void requirePublic(String host, InetAddress[] addresses) throws RefusedException {
    for (InetAddress a : addresses) {
      if (InternalAddresses.isInternal(a)) {
        throw new RefusedException(
            host
                + " resolves to "
                + a.getHostAddress()
                + ", an internal address (loopback, private, link-local or reserved); "
                + HINT);
      }
    }
  }

  /**
   * The addresses checked for one request, pinned for it until closed. Closing twice is harmless.
   */
  public static final class Pin implements AutoCloseable {
    private final String host;
    private final List<InetAddress> addresses;
    private final PinnedHosts table;
    private volatile InetAddress rebound;

    Pin(String host, List<InetAddress> addresses, PinnedHosts table) {
      this.host = host;
      this.addresses = addresses;
      this.table = table;
    }

    String host() {
      return host;
    }

    List<InetAddress> addresses() {
      return addresses;
    }

    /** The resolver saw the name turn internal while this pin was open; true the first time. */
    boolean rebound(InetAddress to) {
      boolean first = rebound == null;
      rebound = to;
      return first;
    }

    /**
     * Where the request went, for an error message: empty when nothing was pinned, else e.g. {@code
     * " (feeds.example.org at 203.0.113.7)"}, naming a rebinding attempt if one was seen.
     */
    public String where() {
      if (table == null) {
        return "";
      }
      String at =
          addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
      InetAddress r = rebound;
      return r == null
          ? " (" + host + " at " + at + ")"
          : " ("
              + host
              + " at "
              + at
              + ", the address checked; its DNS answer turned to "
              + r.getHostAddress()
              + " during the request, which was not used: DNS rebinding?)";
    }

    @Override
    public void close() {
      if (table != null) {
        table.close(this);
      }
    }
  }
}
