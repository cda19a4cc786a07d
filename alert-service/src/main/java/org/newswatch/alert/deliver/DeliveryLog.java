package org.newswatch.alert.deliver;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The most recent delivery outcomes, newest first, for the analysts' page and {@code GET
 * /api/deliveries}.
 */
public final class DeliveryLog {
  /**
   * Enough for a screen of history per analyst; older outcomes are in the dead letter topic if they
   * failed.
   */
  static final int CAPACITY = 2_000;

  private final Deque<Delivery> recent = new ArrayDeque<>();

  /** One delivery of one alert to one channel. */
  public record Delivery(
      String alertId,
      String subscriptionId,
      String owner,
      String channel,
      String target,
      boolean delivered,
      List<String> attempts,
      Instant at) {}

  public synchronized void add(Delivery d) {
    recent.addFirst(d);
    while (recent.size() > CAPACITY) {
      recent.removeLast();
    }
  }

  public synchronized List<Delivery> list(Predicate<Delivery> filter, int limit) {
    List<Delivery> out = new ArrayList<>();
    for (Delivery d : recent) {
      if (out.size() >= limit) {
        break;
      }
      if (filter.test(d)) {
        out.add(d);
      }
    }
    return out;
  }
}
