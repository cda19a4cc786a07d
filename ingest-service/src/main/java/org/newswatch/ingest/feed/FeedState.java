package org.newswatch.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import org.newswatch.ingest.fetch.Validators;

/**
 * What the poller remembers about one feed across restarts: its server's state and what it has
 * learned about the feed's publishing.
 *
 * @param registeredUrl the registered URL this state belongs to; a feed re-registered with another
 *     URL starts afresh
 * @param url where the feed now lives (a permanent redirect moves it), or null for the registered
 *     URL
 * @param etag the last {@code ETag}, sent back as {@code If-None-Match}
 * @param lastModified the last {@code Last-Modified}, sent back as {@code If-Modified-Since}
 * @param gone true after a 410: the publisher removed the feed, so it is not polled again
 * @param usualGap the feed's usual time between items, learned from its items' dates, or null
 * @param ttl the feed's own caching hint (RSS {@code ttl}, {@code sy:updatePeriod}), or null
 * @param newestItemAt the publishing time of the newest item seen in the feed, or null
 */
record FeedState(
    String feedId,
    String registeredUrl,
    String url,
    String etag,
    String lastModified,
    boolean gone,
    Duration usualGap,
    Duration ttl,
    Instant newestItemAt) {

  public static FeedState initial(String feedId, String registeredUrl) {
    return new FeedState(feedId, registeredUrl, null, null, null, false, null, null, null);
  }

  public Validators validators() {
    return new Validators(etag, lastModified);
  }

  /** The URL to poll. */
  public String effectiveUrl() {
    return url != null ? url : registeredUrl;
  }

  public FeedState withValidators(Validators v) {
    return new FeedState(
        feedId, registeredUrl, url, v.etag(), v.lastModified(), gone, usualGap, ttl, newestItemAt);
  }

  public FeedState movedTo(String newUrl) {
    // The validators belonged to the old URL's answers; the new server ignores ones it did not
    // issue.
    return new FeedState(
        feedId, registeredUrl, newUrl, etag, lastModified, gone, usualGap, ttl, newestItemAt);
  }

  public FeedState markGone() {
    return new FeedState(
        feedId, registeredUrl, url, etag, lastModified, true, usualGap, ttl, newestItemAt);
  }

  /**
   * Takes what a freshly read document tells about the feed's rhythm (null values keep what was
   * known).
   */
  public FeedState learned(Duration newGap, Duration newTtl, Instant newest) {
    Instant n =
        newestItemAt == null || (newest != null && newest.isAfter(newestItemAt))
            ? newest
            : newestItemAt;
    return new FeedState(
        feedId,
        registeredUrl,
        url,
        etag,
        lastModified,
        gone,
        newGap != null ? newGap : usualGap,
        newTtl,
        n);
  }
}
