package org.newswatch.ingest.fetch;

import java.time.Duration;

/**
 * Bounds on one fetch, so that no server can hold the poller or fill its memory.
 *
 * @param connectTimeout to open the connection
 * @param totalTimeout from the request to the last byte of the body (also catches a server that
 *     stalls mid-body)
 * @param maxBytes the largest body taken, counted after gzip decoding (a gzip bomb stops here)
 * @param maxRedirects hops followed before giving up
 */
public record FetchLimits(
    Duration connectTimeout, Duration totalTimeout, long maxBytes, int maxRedirects) {
  /** Feeds and article pages are rarely above 2 MB; 10 MB leaves room for the odd huge feed. */
  public static final FetchLimits DEFAULT =
      new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 10L << 20, 5);

  public FetchLimits {
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || totalTimeout.isNegative()
        || totalTimeout.isZero()) {
      throw new IllegalArgumentException("fetch timeouts must be positive");
    }
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("maxBytes must be at least 1024, was " + maxBytes);
    }
    if (maxRedirects < 0 || maxRedirects > 20) {
      throw new IllegalArgumentException("maxRedirects must be 0-20, was " + maxRedirects);
    }
  }
}
