package org.newswatch.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's name resolver: the JDK's own answers, except for a name with an open {@link
 * AddressGuard.Pin}. Such a name gets the name server's fresh answer only when none of it is
 * internal, and otherwise the addresses its guards checked (a rebinding attempt, which is logged).
 * So a client that connects while its pin is open never gets an internal address for a guarded
 * name. The JVM's own cache (30 s by default, {@code networkaddress.cache.ttl}) sits in front of
 * this resolver; {@link AddressGuard#pin} checks what that cache holds once the pin is open, and
 * after that the cache only takes answers from here.
 */
final class PinningResolver implements InetAddressResolver {
  private static final Logger LOG = LoggerFactory.getLogger(PinningResolver.class);

  private final InetAddressResolver upstream;
  private final PinnedHosts pins;

  PinningResolver(InetAddressResolver upstream, PinnedHosts pins) {
    this.upstream = upstream;
    this.pins = pins;
  }

  @Override
  public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
      throws UnknownHostException {
    List<AddressGuard.Pin> open = pins.open(host);
    if (open.isEmpty()) {
      return upstream.lookupByName(host, policy);
    }
    List<InetAddress> fresh;
    try {
      fresh = upstream.lookupByName(host, policy).toList();
    } catch (UnknownHostException e) {
      fresh = List.of(); // a name server gone quiet mid-request: the checked addresses still hold
    }
    InetAddress internal =
        fresh.stream().filter(InternalAddresses::isInternal).findFirst().orElse(null);
    if (!fresh.isEmpty() && internal == null) {
      return fresh.stream();
    }
    // Logged once per request, though the client may ask several times.
    if (internal != null
        && open.stream().map(p -> p.rebound(internal)).reduce(false, Boolean::logicalOr)) {
      LOG.warn(
          "{} now resolves to {}, an internal address, while a guarded request to it is open (DNS rebinding?); answering the addresses checked",
          host,
          internal.getHostAddress());
    }
    List<InetAddress> checked = byPolicy(PinnedHosts.checked(open), policy);
    if (checked.isEmpty()) {
      throw new UnknownHostException(host + ": no checked address of the family asked for");
    }
    return checked.stream();
  }

  /** The families and order the JVM asked for ({@code java.net.preferIPv4Stack} and the like). */
  private static List<InetAddress> byPolicy(List<InetAddress> addresses, LookupPolicy policy) {
    int c = policy.characteristics();
    Stream<InetAddress> kept =
        addresses.stream()
            .filter(
                a ->
                    (a instanceof Inet4Address && (c & LookupPolicy.IPV4) != 0)
                        || (a instanceof Inet6Address && (c & LookupPolicy.IPV6) != 0));
    if ((c & LookupPolicy.IPV4_FIRST) != 0) {
      kept = kept.sorted(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
    } else if ((c & LookupPolicy.IPV6_FIRST) != 0) {
      kept = kept.sorted(Comparator.comparing(a -> a instanceof Inet6Address ? 0 : 1));
    }
    return kept.toList();
  }

  @Override
  public String lookupByAddress(byte[] address) throws UnknownHostException {
    return upstream.lookupByAddress(address);
  }
}
