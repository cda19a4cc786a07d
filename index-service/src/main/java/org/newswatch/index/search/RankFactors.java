package org.newswatch.index.search;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.Desk;

/**
 * What multiplies an article's text score: its {@link Recency} factor times its {@link Desk}'s
 * factor. Read from doc values ({@code publishedAt}, which the newest-first sort uses too, and
 * {@code desk}): two numbers per matching article, no stored field, so it stays cheap at millions.
 */
final class RankFactors extends DoubleValuesSource {
  private final Recency recency;
  private final Map<Desk, Double> desks;

  /** {@link #desks} by the ordinal kept in the index: an array read per match, not a map lookup. */
  private final double[] byOrdinal;

  RankFactors(Recency recency, Map<Desk, Double> desks) {
    this.recency = recency;
    this.desks = Map.copyOf(desks);
    Desk[] all = Desk.values();
    this.byOrdinal = new double[all.length];
    for (Desk d : all) {
      byOrdinal[d.ordinal()] = deskFactor(d);
    }
  }

  Recency recency() {
    return recency;
  }

  double deskFactor(Desk desk) {
    return desks.getOrDefault(desk, 1.0);
  }

  /** The largest desk factor an article can get (an unknown desk counts as news; bounds scores). */
  double maxDeskFactor() {
    double max = deskFactor(Desk.NEWS);
    for (double f : byOrdinal) {
      max = Math.max(max, f);
    }
    return max;
  }

  /**
   * The desk of one document (for explanations; searching reads the values in {@link #getValues}).
   */
  static Desk desk(LeafReaderContext ctx, int doc) throws IOException {
    NumericDocValues values = DocValues.getNumeric(ctx.reader(), ArticleFields.DESK);
    return values.advanceExact(doc) ? Desk.ofOrdinal(values.longValue()) : Desk.NEWS;
  }

  /** As {@link Desk#ofOrdinal}: an ordinal out of range (a newer index's desk) counts as news. */
  private double deskFactorOf(long ordinal) {
    return ordinal >= 0 && ordinal < byOrdinal.length
        ? byOrdinal[(int) ordinal]
        : deskFactor(Desk.NEWS);
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    NumericDocValues times = DocValues.getNumeric(ctx.reader(), ArticleFields.PUBLISHED);
    NumericDocValues deskValues = DocValues.getNumeric(ctx.reader(), ArticleFields.DESK);
    return new DoubleValues() {
      private double value;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        // Every article has a time; one without (none should exist) ranks as if very old.
        double r = times.advanceExact(doc) ? recency.factor(times.longValue()) : recency.floor();
        // No desk: indexed before desks existed, counted as news.
        double d = deskValues.advanceExact(doc) ? deskFactorOf(deskValues.longValue()) : 1.0;
        value = r * d;
        return true;
      }
    };
  }

  @Override
  public boolean needsScores() {
    return false;
  }

  @Override
  public DoubleValuesSource rewrite(IndexSearcher searcher) {
    return this;
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return DocValues.isCacheable(ctx, ArticleFields.PUBLISHED, ArticleFields.DESK);
  }

  @Override
  public int hashCode() {
    return Objects.hash(recency, desks);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RankFactors f && f.recency.equals(recency) && f.desks.equals(desks);
  }

  @Override
  public String toString() {
    return "recency(halfLife="
        + recency.halfLifeMillis()
        + "ms, floor="
        + recency.floor()
        + ") × desk"
        + desks;
  }
}
