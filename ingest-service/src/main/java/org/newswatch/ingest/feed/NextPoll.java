package org.newswatch.ingest.feed;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.newswatch.common.model.Feed;

/**
 * When to poll a feed next, from how the last poll went: the feed's interval after a success,
 * exponential backoff after failures (doubling, capped), the server's {@code Retry-After} when it
 * asked for more time, never again after a 410. Each delay is spread by a random ±{@link #JITTER}
 * so that feeds registered together drift apart instead of firing together forever.
 */
public final class NextPoll {
  /** ±10 % of each delay. */
  static final double JITTER = 0.10;
  /** Backoff never waits longer than this, so a feed that recovers is noticed within hours. */
  static final Duration MAX_BACKOFF = Duration.ofHours(6);
  /** A {@code Retry-After} beyond a day is taken as a day. */
  static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private NextPoll() {}

  /** The delay before the next poll, or null when the feed is not to be polled again. */
  public static Duration after(Feed feed, PollReport report, int consecutiveFailures) {
    Duration interval = feed.interval();
    if (report.outcome() == PollOutcome.GONE) {
      return null;
    }
    if (report.retryAfter() != null) {
      Duration asked = report.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : report.retryAfter();
      // Honour the server's wish exactly (no jitter below it), but never poll faster than the interval.
      return asked.compareTo(interval) > 0 ? asked.plus(spread(asked).abs()) : jitter(interval);
    }
    if (report.outcome().failed() && consecutiveFailures > 0) {
      int doublings = Math.min(consecutiveFailures - 1, 16);
      Duration backoff = interval.multipliedBy(1L << doublings);
      return jitter(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    }
    return jitter(interval);
  }

  static Duration jitter(Duration d) {
    return d.plus(spread(d));
  }

  private static Duration spread(Duration d) {
    long ms = d.toMillis();
    long range = (long) (ms * JITTER);
    return Duration.ofMillis(range == 0 ? 0 : ThreadLocalRandom.current().nextLong(-range, range + 1));
  }
}
