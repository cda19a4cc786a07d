package org.newswatch.common.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A DNS server a test can script, for the JVM's name lookups: a scripted host answers its first
 * address list to the first lookup and its second to every later one (what a rebinding attacker's
 * name server does with a zero TTL); every other name goes to the JVM's built-in resolver, so the
 * rest of the test JVM (Kafka clients, loopback servers) is unaffected. Installed by {@link
 * ScriptedDnsProvider}; scripted names should end in {@code .test} (RFC 6761 §6.2), which no real
 * name server answers.
 *
 * <p>The JVM caches answers (30 s by default) before any resolver is asked, so a test that needs
 * the second answer to reach the client runs with {@code -Dsun.net.inetaddr.ttl=0} and checks
 * {@link #lookups} to know that it did.
 */
public final class ScriptedDns implements InetAddressResolver {
  private record Script(List<InetAddress> first, List<InetAddress> then, AtomicInteger lookups) {}

  private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

  private final InetAddressResolver builtin;

  ScriptedDns(InetAddressResolver builtin) {
    this.builtin = builtin;
  }

  /** From now on, {@code host} answers {@code first} once, then {@code then} to every lookup. */
  public static void rebind(String host, String first, String then) {
    SCRIPTS.put(
        host, new Script(List.of(literal(first)), List.of(literal(then)), new AtomicInteger()));
  }

  /** How many times the JVM asked for {@code host} since it was scripted. */
  public static int lookups(String host) {
    Script s = SCRIPTS.get(host);
    return s == null ? 0 : s.lookups().get();
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + address, e);
    }
  }

  @Override
  public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
      throws UnknownHostException {
    Script s = SCRIPTS.get(host);
    if (s == null) {
      return builtin.lookupByName(host, policy);
    }
    return (s.lookups().getAndIncrement() == 0 ? s.first() : s.then()).stream();
  }

  @Override
  public String lookupByAddress(byte[] address) throws UnknownHostException {
    return builtin.lookupByAddress(address);
  }
}
