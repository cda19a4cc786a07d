package org.newswatch.index.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;

/**
 * Counts every match of a search, in all and per value of each facet field, while the search
 * collects (no set of matches is built and walked again). The exact total therefore does not depend
 * on the hits collector, which may stop early. One collector per slice of segments, so it runs with
 * concurrent segment search; {@link #reduce} adds them up.
 */
final class FacetCounter implements CollectorManager<FacetCounter.Counts, FacetCounter.Result> {
  /**
   * Every match, and per field its most frequent values (most first; ties in byte order of the
   * value).
   */
  record Result(long total, Map<String, Map<String, Long>> facets) {}

  private final FacetOrdinals ordinals;
  private final List<String> fields;
  private final Map<String, Integer> topValues;

  /**
   * @param topValues per field, how many of its most frequent values to return
   */
  FacetCounter(FacetOrdinals ordinals, Map<String, Integer> topValues) {
    this.ordinals = ordinals;
    this.fields = List.copyOf(topValues.keySet());
    this.topValues = Map.copyOf(topValues);
  }

  @Override
  public Counts newCollector() {
    return new Counts();
  }

  @Override
  public Result reduce(Collection<Counts> collectors) {
    long total = 0;
    List<Map<String, Long>> sums = new ArrayList<>();
    for (int f = 0; f < fields.size(); f++) {
      sums.add(new HashMap<>());
    }
    for (Counts c : collectors) {
      total += c.total;
      for (SegmentCounts s : c.segments) {
        for (int f = 0; f < fields.size(); f++) {
          String[] labels = s.labels[f];
          long[] counts = s.counts[f];
          for (int ord = 1; ord < counts.length; ord++) {
            if (counts[ord] > 0) {
              sums.get(f).merge(labels[ord - 1], counts[ord], Long::sum);
            }
          }
        }
      }
    }
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    for (int f = 0; f < fields.size(); f++) {
      facets.put(fields.get(f), top(sums.get(f), topValues.get(fields.get(f))));
    }
    return new Result(total, facets);
  }

  private static Map<String, Long> top(Map<String, Long> counts, int limit) {
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(e -> new BytesRef(e.getKey())))
        .limit(limit)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }

  /** One segment's counts, index 0 = documents without a value. */
  private record SegmentCounts(String[][] labels, long[][] counts) {}

  /** The counts of one slice of segments. */
  final class Counts implements Collector {
    private long total;
    private final List<SegmentCounts> segments = new ArrayList<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      int n = fields.size();
      FacetOrdinals.Segment[] values = new FacetOrdinals.Segment[n];
      String[][] labels = new String[n][];
      long[][] counts = new long[n][];
      for (int f = 0; f < n; f++) {
        values[f] = ordinals.of(context.reader(), fields.get(f));
        labels[f] = values[f].labels();
        counts[f] = new long[labels[f].length + 1];
      }
      segments.add(new SegmentCounts(labels, counts));
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) {
          total++;
          for (int f = 0; f < n; f++) {
            if (values[f].hasValues()) {
              counts[f][values[f].ord(doc)]++;
              int[] more = values[f].moreOrds(doc);
              if (more != null) {
                for (int ord : more) {
                  counts[f][ord]++;
                }
              }
            }
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
