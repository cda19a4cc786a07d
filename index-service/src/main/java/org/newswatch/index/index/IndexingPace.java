package org.newswatch.index.index;

import java.time.Duration;

/**
 * How often the consumer loop makes its work visible and durable.
 *
 * @param refreshEvery how stale a search may be: new articles are searchable after at most this
 * @param commitEvery the longest time applied work stays uncommitted (redone after a crash)
 * @param commitDocs commit sooner when this many documents are waiting, bounding the redo work
 * @param maxPollRecords records per poll; larger polls amortise the per-batch cost when catching up
 */
public record IndexingPace(Duration refreshEvery, Duration commitEvery, int commitDocs, int maxPollRecords) {
  /** Searchable within a quarter second, durable within a second or 20,000 documents. */
  public static final IndexingPace DEFAULT = new IndexingPace(Duration.ofMillis(250), Duration.ofSeconds(1), 20_000, 2_000);

  public IndexingPace {
    if (refreshEvery.isNegative() || commitEvery.isNegative() || commitEvery.isZero()) {
      throw new IllegalArgumentException("refreshEvery must be >= 0 and commitEvery > 0");
    }
    if (commitDocs < 1 || maxPollRecords < 1) {
      throw new IllegalArgumentException("commitDocs and maxPollRecords must be at least 1");
    }
  }
}
