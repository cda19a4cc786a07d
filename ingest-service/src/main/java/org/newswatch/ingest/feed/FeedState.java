package org.newswatch.ingest.feed;

import org.newswatch.ingest.fetch.Validators;

/**
 * What the poller remembers about one feed's server across restarts.
 *
 * @param url where the feed now lives (a permanent redirect moves it), or null for the registered URL
 * @param etag the last {@code ETag}, sent back as {@code If-None-Match}
 * @param lastModified the last {@code Last-Modified}, sent back as {@code If-Modified-Since}
 * @param gone true after a 410: the publisher removed the feed, so it is not polled again
 * @param registeredUrl the registered URL this state belongs to; a feed re-registered with another URL starts afresh
 */
public record FeedState(String feedId, String registeredUrl, String url, String etag, String lastModified, boolean gone) {

  public static FeedState initial(String feedId, String registeredUrl) {
    return new FeedState(feedId, registeredUrl, null, null, null, false);
  }

  public Validators validators() {
    return new Validators(etag, lastModified);
  }

  /** The URL to poll. */
  public String effectiveUrl() {
    return url != null ? url : registeredUrl;
  }

  public FeedState withValidators(Validators v) {
    return new FeedState(feedId, registeredUrl, url, v.etag(), v.lastModified(), gone);
  }

  public FeedState movedTo(String newUrl) {
    // The validators belonged to the old URL's answers; keeping them is harmless (the new server ignores unknown ones).
    return new FeedState(feedId, registeredUrl, newUrl, etag, lastModified, gone);
  }

  public FeedState markGone() {
    return new FeedState(feedId, registeredUrl, url, etag, lastModified, true);
  }
}
