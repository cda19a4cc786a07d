package org.newswatch.ingest.feed;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.newswatch.common.model.Feed;

/**
 * When to poll a feed next, from how the last poll went.
 *
 * <ul>
 *   <li>After a success, adaptively: half the feed's usual gap between items (so a new item waits
 *       on average a quarter of a gap), or the configured interval while the rhythm is unknown;
 *       never sooner than the feed's own {@code ttl} hint when that hint is within the bounds;
 *       always within the {@link PollBounds}.
 *   <li>After failures, exponential backoff from the interval (doubling, capped at {@link
 *       #MAX_BACKOFF}).
 *   <li>A server's {@code Retry-After} is honoured when it asks for longer.
 *   <li>While a WebSub hub pushes the feed, at the upper bound only: a safety net for lost pushes.
 *   <li>After a 410, never.
 * </ul>
 *
 * Each delay is spread by a random ±{@link #JITTER} so that feeds registered together drift apart
 * instead of firing together forever.
 */
public final class NextPoll {
  /** ±10 % of each delay. */
  static final double JITTER = 0.10;

  /** Backoff never waits longer than this, so a feed that recovers is noticed within hours. */
  static final Duration MAX_BACKOFF = Duration.ofHours(6);

  /** A {@code Retry-After} beyond a day is taken as a day. */
  static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private NextPoll() {}

  /** The delay before the next poll with the configured interval only (no adaptation). */
  public static Duration after(Feed feed, PollReport report, int consecutiveFailures) {
    return after(
        feed, report, consecutiveFailures, new PollBounds(feed.interval(), feed.interval()));
  }

  /** The delay before the next poll, or null when the feed is not to be polled again. */
  public static Duration after(
      Feed feed, PollReport report, int consecutiveFailures, PollBounds bounds) {
    Duration interval = feed.interval();
    if (report.outcome() == PollOutcome.GONE) {
      return null;
    }
    if (report.retryAfter() != null) {
      Duration asked =
          report.retryAfter().compareTo(MAX_RETRY_AFTER) > 0
              ? MAX_RETRY_AFTER
              : report.retryAfter();
      // Honour the server's wish exactly (no jitter below it), but never poll faster than the
      // interval.
      return asked.compareTo(interval) > 0 ? asked.plus(spread(asked).abs()) : jitter(interval);
    }
    if (report.outcome().failed() && consecutiveFailures > 0) {
      int doublings = Math.min(consecutiveFailures - 1, 16);
      Duration backoff = interval.multipliedBy(1L << doublings);
      return jitter(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    }
    if (report.pushActive()) {
      return jitter(bounds.highest(interval)); // the hub pushes; this poll is only the safety net
    }
    return jitter(adaptive(interval, report, bounds));
  }

  static Duration adaptive(Duration interval, PollReport report, PollBounds bounds) {
    Duration lo = bounds.lowest(interval);
    Duration hi = bounds.highest(interval);
    Duration d = report.usualGap() != null ? report.usualGap().dividedBy(2) : interval;
    if (report.ttl() != null && report.ttl().compareTo(hi) <= 0 && report.ttl().compareTo(d) > 0) {
      d = report.ttl(); // the publisher asked not to be polled more often; sane, so honoured
    }
    if (d.compareTo(lo) < 0) {
      return lo;
    }
    return d.compareTo(hi) > 0 ? hi : d;
  }

  static Duration jitter(Duration d) {
    return d.plus(spread(d));
  }

  private static Duration spread(Duration d) {
    long ms = d.toMillis();
    long range = (long) (ms * JITTER);
    return Duration.ofMillis(
        range == 0 ? 0 : ThreadLocalRandom.current().nextLong(-range, range + 1));
  }
}
