package org.newswatch.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a broken source from a quiet news day. A feed is flagged when it has gone {@code quiet}
 * well beyond its learned rhythm, when it keeps answering 304 through such a silence ({@code
 * stale-304}: a stuck cache or a feed the site stopped updating), when its pages suddenly extract
 * to almost nothing ({@code thin-pages}: a redesign or a consent wall), or when polls keep failing
 * ({@code failing}). An analyst sees the flags in the status, the page and metrics.
 */
final class CoverageHealth {
  /** Silence longer than this many usual gaps is unusual. */
  static final int QUIET_GAPS = 4;

  /** ... but never flag silence shorter than this: nights and weekends are quiet everywhere. */
  static final Duration QUIET_FLOOR = Duration.ofHours(2);

  static final int STALE_304_STREAK = 3;

  /** Share of recent pages that fell back to the feed's description before a feed is flagged. */
  static final double THIN_SHARE = 0.6;

  static final int THIN_MIN_SAMPLES = 5;
  static final int FAILING_STREAK = 3;

  private CoverageHealth() {}

  public static List<String> flags(FeedStatus s, Instant now) {
    List<String> flags = new ArrayList<>();
    boolean quiet = false;
    if (s.usualGap() != null && s.newestItemAt() != null) {
      Duration limit = s.usualGap().multipliedBy(QUIET_GAPS);
      if (limit.compareTo(QUIET_FLOOR) < 0) {
        limit = QUIET_FLOOR;
      }
      quiet = Duration.between(s.newestItemAt(), now).compareTo(limit) > 0;
    }
    if (quiet) {
      flags.add("quiet");
      if (s.notModifiedStreak() >= STALE_304_STREAK) {
        flags.add("stale-304");
      }
    }
    if (s.thinPageShare() != null && s.thinPageShare() >= THIN_SHARE) {
      flags.add("thin-pages");
    }
    if (s.consecutiveFailures() >= FAILING_STREAK) {
      flags.add("failing");
    }
    return flags;
  }
}
