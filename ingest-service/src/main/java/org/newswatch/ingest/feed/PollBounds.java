package org.newswatch.ingest.feed;

import java.time.Duration;

/**
 * The operator's bounds on adaptive polling: however often or rarely a feed publishes, it is polled
 * at most every {@code min} and at least every {@code max}. A feed whose configured interval lies
 * outside the bounds widens them for itself (the operator asked for it).
 */
public record PollBounds(Duration min, Duration max) {
  public static final PollBounds DEFAULT =
      new PollBounds(Duration.ofMinutes(1), Duration.ofHours(1));

  public PollBounds {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "poll bounds need 0 < min <= max, were " + min + " and " + max);
    }
  }

  Duration lowest(Duration interval) {
    return interval.compareTo(min) < 0 ? interval : min;
  }

  Duration highest(Duration interval) {
    return interval.compareTo(max) > 0 ? interval : max;
  }
}
