package org.newswatch.index.search;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;

/**
 * Matches per day (or week, or month) over publication time, for the researchers' plot. Every
 * bucket between the first and the last match is listed, empty ones with 0, so a plot needs no gap
 * filling.
 */
public record Timeline(String interval, long total, List<Bucket> buckets) {
  /** At most this many buckets: ten years of days; longer spans must use a coarser interval. */
  public static final int MAX_BUCKETS = 3_660;

  public record Bucket(Instant start, long count) {}

  /** The bucket width, in UTC calendar terms. */
  public enum Interval {
    DAY,
    WEEK,
    MONTH;

    public static Interval parse(String value) {
      if (value == null || value.isBlank()) {
        return DAY;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "day" -> DAY;
        case "week" -> WEEK;
        case "month" -> MONTH;
        default ->
            throw new IllegalArgumentException(
                "interval must be day, week or month, was '" + value + "'");
      };
    }

    /**
     * The first day of the bucket holding {@code epochMillis}; weeks start on Monday (ISO 8601).
     */
    LocalDate bucketOf(long epochMillis) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
      return switch (this) {
        case DAY -> day;
        case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case MONTH -> day.withDayOfMonth(1);
      };
    }

    LocalDate next(LocalDate bucket) {
      return switch (this) {
        case DAY -> bucket.plusDays(1);
        case WEEK -> bucket.plusWeeks(1);
        case MONTH -> bucket.plusMonths(1);
      };
    }

    long between(LocalDate first, LocalDate last) {
      return switch (this) {
            case DAY -> ChronoUnit.DAYS.between(first, last);
            case WEEK -> ChronoUnit.WEEKS.between(first, last);
            case MONTH -> ChronoUnit.MONTHS.between(first, last);
          }
          + 1;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
