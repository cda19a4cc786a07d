package org.newswatch.index.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.newswatch.index.indexing.ArticleFields;

/**
 * Counts the matches of a search per UTC day of publication while the search collects, for the
 * timeline: a plain array per segment over the segment's span of days (from its points' minimum and
 * maximum), so a million matches cost a million array increments, not a million dates.
 */
final class DayCounter implements CollectorManager<DayCounter.Days, TreeMap<Long, Long>> {
  private static final long DAY_MILLIS = 86_400_000L;

  /**
   * Wider spans (a stray date centuries away) are counted in a map instead: about 55 years; the
   * array is 160 KB at most.
   */
  private static final long MAX_ARRAY_DAYS = 20_000;

  @Override
  public Days newCollector() {
    return new Days();
  }

  /** Epoch day → matches, for days with at least one. */
  @Override
  public TreeMap<Long, Long> reduce(Collection<Days> collectors) {
    TreeMap<Long, Long> days = new TreeMap<>();
    for (Days d : collectors) {
      d.counts.forEach((day, n) -> days.merge(day, n, Long::sum));
      for (Span span : d.spans) {
        for (int i = 0; i < span.perDay.length; i++) {
          if (span.perDay[i] > 0) {
            days.merge(span.first + i, span.perDay[i], Long::sum);
          }
        }
      }
    }
    return days;
  }

  static long epochDay(long epochMillis) {
    return Math.floorDiv(epochMillis, DAY_MILLIS);
  }

  /** One segment's counts: {@code perDay[i]} matches on epoch day {@code first + i}. */
  private record Span(long first, long[] perDay) {}

  /**
   * The counts of one slice of segments (read in {@link #reduce}, so a search cut short by its time
   * limit keeps its counts).
   */
  static final class Days implements Collector {
    private final Map<Long, Long> counts = new HashMap<>();
    private final List<Span> spans = new ArrayList<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      NumericDocValues times = DocValues.getNumeric(context.reader(), ArticleFields.PUBLISHED);
      PointValues points = context.reader().getPointValues(ArticleFields.PUBLISHED);
      if (points == null) {
        return counting(times, null, 0); // no article in this segment has a time
      }
      long first = epochDay(LongPoint.decodeDimension(points.getMinPackedValue(), 0));
      long last = epochDay(LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
      long[] perDay = last - first < MAX_ARRAY_DAYS ? new long[(int) (last - first + 1)] : null;
      if (perDay != null) {
        spans.add(new Span(first, perDay));
      }
      return counting(times, perDay, first);
    }

    private LeafCollector counting(NumericDocValues times, long[] perDay, long first) {
      long firstMillis = first * DAY_MILLIS;
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (!times.advanceExact(doc)) {
            return;
          }
          if (perDay != null) {
            // Never negative (the segment's first day starts at or before every time in it), so a
            // plain division: cheaper than floorDiv, which the profile showed per match.
            perDay[(int) ((times.longValue() - firstMillis) / DAY_MILLIS)]++;
          } else {
            counts.merge(epochDay(times.longValue()), 1L, Long::sum);
          }
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
