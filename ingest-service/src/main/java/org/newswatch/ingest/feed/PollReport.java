package org.newswatch.ingest.feed;

import java.time.Duration;

/**
 * What one poll found, for the scheduler's choice of the next poll.
 *
 * @param retryAfter what the server asked for (429/503 {@code Retry-After}), or null
 * @param ttl the feed's own caching hint, or null
 * @param usualGap the feed's learned time between items, or null
 * @param itemsNew articles published for the first time in this poll
 * @param pushActive whether a WebSub hub pushes this feed's updates (polls are then only a safety
 *     net)
 */
public record PollReport(
    PollOutcome outcome,
    int httpStatus,
    String error,
    Duration retryAfter,
    Duration ttl,
    Duration usualGap,
    int itemsNew,
    boolean pushActive) {

  /** A report with no learned rhythm (failures, tests). */
  public PollReport(
      PollOutcome outcome,
      int httpStatus,
      String error,
      Duration retryAfter,
      Duration ttl,
      int itemsNew) {
    this(outcome, httpStatus, error, retryAfter, ttl, null, itemsNew, false);
  }

  public PollReport(
      PollOutcome outcome,
      int httpStatus,
      String error,
      Duration retryAfter,
      Duration ttl,
      Duration usualGap,
      int itemsNew) {
    this(outcome, httpStatus, error, retryAfter, ttl, usualGap, itemsNew, false);
  }

  PollReport withPushActive(boolean active) {
    return new PollReport(outcome, httpStatus, error, retryAfter, ttl, usualGap, itemsNew, active);
  }
}
