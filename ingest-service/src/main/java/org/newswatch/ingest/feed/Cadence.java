package org.newswatch.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How often a feed publishes, read from the dates of the items it lists: the median gap between
 * consecutive items among the newest {@link #WINDOW}. The median, not the mean, so one overnight
 * lull or one burst does not swing the estimate. Dated items only; fewer than three dates say
 * nothing.
 */
final class Cadence {
  static final int WINDOW = 20;

  private Cadence() {}

  /** The usual gap between items, or null when the feed gives too few dates. */
  static Duration usualGap(List<FeedItem> items, Instant now) {
    List<Instant> times = new ArrayList<>();
    for (FeedItem item : items) {
      Instant t = item.publishedAt() != null ? item.publishedAt() : item.updatedAt();
      // Dates in the future are publishers' clock or time-zone errors: left out.
      if (t != null && !t.isAfter(now.plus(Duration.ofHours(1)))) {
        times.add(t);
      }
    }
    times = times.stream().distinct().sorted(Collections.reverseOrder()).limit(WINDOW).toList();
    if (times.size() < 3) {
      return null;
    }
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      gaps.add(Duration.between(times.get(i), times.get(i - 1)));
    }
    Collections.sort(gaps);
    return gaps.get(gaps.size() / 2);
  }

  /** The newest dated item, or null. */
  static Instant newest(List<FeedItem> items, Instant now) {
    return items.stream()
        .map(i -> i.publishedAt() != null ? i.publishedAt() : i.updatedAt())
        .filter(Objects::nonNull)
        .filter(t -> !t.isAfter(now.plus(Duration.ofHours(1))))
        .max(Instant::compareTo)
        .orElse(null);
  }
}
