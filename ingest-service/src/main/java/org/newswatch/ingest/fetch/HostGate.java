package org.newswatch.ingest.fetch;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-host politeness: at most {@code maxInFlight} requests to one host at a time, and at least
 * {@code minGap} between the starts of two requests to it. Feeds and article pages of one publisher
 * usually share a host, and a poller with many workers must not hammer it.
 */
public final class HostGate {
  /** Two at a time, a quarter second apart: under ten requests a second to any one site. */
  public static final HostGate DEFAULT_POLICY = new HostGate(2, Duration.ofMillis(250));

  private static final class Host {
    int inFlight;
    long lastStartNanos = Long.MIN_VALUE / 2;
  }

  private final int maxInFlight;
  private final long minGapNanos;
  private final Map<String, Host> hosts = new HashMap<>();

  public HostGate(int maxInFlight, Duration minGap) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    this.minGapNanos = minGap.toNanos();
  }

  /** A gate of the same policy with no hosts in it (each fetcher has its own). */
  public HostGate fresh() {
    return new HostGate(maxInFlight, Duration.ofNanos(minGapNanos));
  }

  /** Waits for a slot on the host; pair with {@link #release}. */
  public synchronized void acquire(String host) throws InterruptedException {
    String key = host.toLowerCase(Locale.ROOT);
    while (true) {
      // Looked up again after every wait: release() drops an idle host's entry, and a waiter that
      // kept the old one would count against an entry nobody releases any more (a deadlock).
      Host h = hosts.computeIfAbsent(key, k -> new Host());
      long now = System.nanoTime();
      long gapLeft = h.lastStartNanos + minGapNanos - now;
      if (h.inFlight < maxInFlight && gapLeft <= 0) {
        h.inFlight++;
        h.lastStartNanos = now;
        return;
      }
      long waitMs = h.inFlight >= maxInFlight ? 0 : Math.max(1, gapLeft / 1_000_000);
      wait(waitMs); // 0 = until a release notifies
    }
  }

  public synchronized void release(String host) {
    String key = host.toLowerCase(Locale.ROOT);
    Host h = hosts.get(key);
    if (h == null) {
      return;
    }
    h.inFlight--;
    if (h.inFlight == 0 && System.nanoTime() - h.lastStartNanos > minGapNanos) {
      hosts.remove(key); // keeps the map to the hosts in use, not every host ever seen
    }
    notifyAll();
  }
}
