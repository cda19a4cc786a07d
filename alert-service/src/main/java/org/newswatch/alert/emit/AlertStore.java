package org.newswatch.alert.emit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.newswatch.common.model.Alert;

/**
 * Every alert on {@code news.alerts}, in memory, in the order they were read: the source of {@code
 * GET /api/alerts} and of the "already alerted" check. Rebuilt at every start by reading the topic
 * from the beginning, so it holds exactly the committed alerts.
 *
 * <p>Memory: an alert is about 1 KB; a million alerts fit in about a gigabyte. A store that outgrows
 * that should keep only the ids of old alerts (TODO when retention is decided).
 */
public final class AlertStore {
  private final List<Alert> alerts = new ArrayList<>();
  private final Map<String, Integer> positionById = new HashMap<>();
  private final List<Consumer<Alert>> listeners = new CopyOnWriteArrayList<>();

  /** Adds an alert not seen before; true if it was new. Listeners hear of new alerts only. */
  public boolean add(Alert alert) {
    synchronized (this) {
      if (alert == null || positionById.containsKey(alert.id())) {
        return false;
      }
      positionById.put(alert.id(), alerts.size());
      alerts.add(alert);
    }
    listeners.forEach(l -> l.accept(alert));
    return true;
  }

  public synchronized boolean contains(String alertId) {
    return positionById.containsKey(alertId);
  }

  public synchronized int size() {
    return alerts.size();
  }

  public void onAdd(Consumer<Alert> listener) {
    listeners.add(listener);
  }

  /** One page, newest first. */
  public record Page(List<Alert> items, String cursor) {}

  /**
   * Alerts accepted by {@code filter}, created at or after {@code since} (null = any time), newest
   * first, at most {@code limit}; {@code cursor} (from a previous page, or null) continues a listing.
   */
  public synchronized Page page(Predicate<Alert> filter, Instant since, String cursor, int limit) {
    int before = alerts.size();
    if (cursor != null) {
      try {
        before = Math.min(before, Integer.parseInt(cursor));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cursor must be a cursor from a previous answer, was '" + cursor + "'");
      }
    }
    List<Alert> items = new ArrayList<>();
    int i = before - 1;
    for (; i >= 0 && items.size() < limit; i--) {
      Alert a = alerts.get(i);
      if (filter.test(a) && (since == null || (a.createdAt() != null && !a.createdAt().isBefore(since)))) {
        items.add(a);
      }
    }
    return new Page(items, i >= 0 && items.size() == limit ? String.valueOf(i + 1) : null);
  }
}
