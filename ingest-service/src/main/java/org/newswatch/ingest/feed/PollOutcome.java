package org.newswatch.ingest.feed;

import java.util.Locale;

/** How one poll of a feed ended; the metric tag and the status word are {@link #label()}. */
public enum PollOutcome {
  /** A feed document was read (items may or may not have been new). */
  OK,
  /** 304: the feed did not change since the last poll. */
  NOT_MODIFIED,
  /** A WebSub hub pushed the feed's new content (not a poll, but recorded like one). */
  PUSHED,
  /** The server answered with an error status (404, 429, 500, ...). */
  HTTP_ERROR,
  /** 410: the publisher removed the feed; it is not polled again. */
  GONE,
  /** No usable answer: DNS, connection, timeout, size cap, redirects. */
  FETCH_ERROR,
  /** The URL resolves to an internal address and private feeds are not allowed. */
  REFUSED,
  /** An answer came but it is not a readable feed. */
  PARSE_ERROR;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public boolean failed() {
    return this != OK && this != NOT_MODIFIED && this != PUSHED;
  }
}
