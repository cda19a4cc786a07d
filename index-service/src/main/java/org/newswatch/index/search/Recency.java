package org.newswatch.index.search;

/**
 * The recency factor of an article: {@code floor + (1 − floor) · 2^(−age / halfLife)}, from 1 for
 * an article published now down towards {@code floor} for old ones ({@link RankFactors} reads the
 * publication time from the doc values the newest-first sort already uses).
 *
 * @param nowMillis the time ages are counted from (an article dated in the future counts as new)
 * @param halfLifeMillis the age at which an article has lost half of what recency can take away
 * @param floor the factor of a very old article, in (0, 1]: old news still ranks, behind fresh news
 */
record Recency(long nowMillis, long halfLifeMillis, double floor) {

  Recency {
    if (halfLifeMillis <= 0 || !(floor > 0 && floor <= 1)) {
      throw new IllegalArgumentException(
          "recency needs a positive half-life and a floor in (0, 1]");
    }
  }

  /** The factor for an article published at {@code publishedMillis}. */
  double factor(long publishedMillis) {
    double age = Math.max(0, nowMillis - publishedMillis);
    return floor + (1 - floor) * Math.pow(2, -age / halfLifeMillis);
  }
}
