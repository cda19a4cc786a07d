package org.newswatch.common.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names with a guarded request in flight in this JVM, each with the open {@link
 * AddressGuard.Pin}s on it. One table per JVM, because the resolver it serves is one per JVM. A pin
 * lives as long as its request; the table keeps nothing once the last pin on a name closes, so a
 * name's answer is never held longer than its requests run.
 */
final class PinnedHosts {
  static final PinnedHosts JVM = new PinnedHosts();

  private final Map<String, List<AddressGuard.Pin>> byHost = new HashMap<>(); // guarded by this

  synchronized void open(AddressGuard.Pin pin) {
    byHost.computeIfAbsent(key(pin.host()), h -> new ArrayList<>()).add(pin);
  }

  synchronized void close(AddressGuard.Pin pin) {
    String key = key(pin.host());
    List<AddressGuard.Pin> pins = byHost.get(key);
    if (pins != null && pins.remove(pin) && pins.isEmpty()) {
      byHost.remove(key);
    }
  }

  /** The open pins on a name, newest first; empty when no guarded request is in flight to it. */
  synchronized List<AddressGuard.Pin> open(String host) {
    List<AddressGuard.Pin> pins = byHost.get(key(host));
    return pins == null ? List.of() : List.copyOf(pins.reversed());
  }

  /** Every address checked for a name by its open pins, newest pin first, each once. */
  static List<InetAddress> checked(List<AddressGuard.Pin> pins) {
    LinkedHashSet<InetAddress> all = new LinkedHashSet<>();
    pins.forEach(p -> all.addAll(p.addresses()));
    return List.copyOf(all);
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }
}
