package org.newswatch.index.indexing;

import java.time.Duration;

/**
 * How often the consumer loop makes its work visible and durable.
 *
 * @param refreshEvery how stale a search may be: new articles are searchable after at most this
 * @param commitEvery the longest time applied work stays uncommitted (redone after a crash)
 * @param commitDocs commit sooner when this many documents are waiting, bounding the redo work
 * @param maxPollRecords records per poll; larger polls amortise the per-batch cost when catching up
 * @param retryEvery while indexing is paused by a write failure (a full disk), how often to try
 *     again
 */
public record IndexingPace(
    Duration refreshEvery,
    Duration commitEvery,
    int commitDocs,
    int maxPollRecords,
    Duration retryEvery) {
  /** Often enough to resume soon after space returns, rare enough not to flood the log. */
  public static final Duration DEFAULT_RETRY = Duration.ofSeconds(10);

  /** Searchable within a quarter second, durable within a second or 20,000 documents. */
  public static final IndexingPace DEFAULT =
      new IndexingPace(Duration.ofMillis(250), Duration.ofSeconds(1), 20_000, 2_000);

  public IndexingPace {
    if (refreshEvery.isNegative() || commitEvery.isNegative() || commitEvery.isZero()) {
      throw new IllegalArgumentException("refreshEvery must be >= 0 and commitEvery > 0");
    }
    if (retryEvery.isNegative() || retryEvery.isZero()) {
      throw new IllegalArgumentException("retryEvery must be > 0");
    }
    if (commitDocs < 1 || maxPollRecords < 1) {
      throw new IllegalArgumentException("commitDocs and maxPollRecords must be at least 1");
    }
  }

  /** The pace with the default retry interval. */
  public IndexingPace(
      Duration refreshEvery, Duration commitEvery, int commitDocs, int maxPollRecords) {
    this(refreshEvery, commitEvery, commitDocs, maxPollRecords, DEFAULT_RETRY);
  }

  /** The same pace, retrying after a write failure every {@code retry}. */
  public IndexingPace withRetryEvery(Duration retry) {
    return new IndexingPace(refreshEvery, commitEvery, commitDocs, maxPollRecords, retry);
  }
}
