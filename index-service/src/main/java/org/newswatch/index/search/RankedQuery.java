package org.newswatch.index.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.newswatch.index.indexing.ArticleFields;

/**
 * The text query's score times the article's {@link RankFactors} (recency and desk), computed as
 * Lucene's {@code FunctionScoreQuery.boostByValue} did ({@code (float) (text × factor)}), so scores
 * and orders are the same; unlike it, the scorer passes the text score's upper bounds on, times the
 * largest factor a segment can have, so that a top-hits search skips blocks of matches that cannot
 * make the page (block-max WAND / MAXSCORE) instead of scoring every match.
 *
 * <p>The largest factor of a segment is the recency of its newest article (from the {@code
 * publishedAt} points' maximum) times the largest desk factor; it is never below a real factor, and
 * bounds are widened by a millionth so that float rounding cannot skip a competitive article.
 */
final class RankedQuery extends Query {
  /** Relative slack on bounds: far above float rounding (6e-8), far below any score gap. */
  private static final double SLACK = 1e-6;

  private final Query text;
  private final RankFactors factors;

  RankedQuery(Query text, RankFactors factors) {
    this.text = Objects.requireNonNull(text);
    this.factors = Objects.requireNonNull(factors);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = text.rewrite(searcher);
    return rewritten == text ? this : new RankedQuery(rewritten, factors);
  }

  @Override
  public void visit(QueryVisitor visitor) {
    text.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    Weight inner = text.createWeight(searcher, scoreMode, boost);
    if (!scoreMode.needsScores()) {
      return inner;
    }
    return new RankedWeight(this, inner);
  }

  /** The largest factor any article of the segment can get: its newest, on the best desk. */
  double maxFactor(LeafReaderContext ctx) throws IOException {
    double recency = 1.0;
    PointValues points = ctx.reader().getPointValues(ArticleFields.PUBLISHED);
    if (points != null && points.size() > 0) {
      recency = factors.recency().factor(LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
    }
    return recency * factors.maxDeskFactor();
  }

  private final class RankedWeight extends FilterWeight {
    RankedWeight(Query query, Weight inner) {
      super(query, inner);
    }

    @Override
    public Explanation explain(LeafReaderContext context, int doc) throws IOException {
      Explanation textExplanation = in.explain(context, doc);
      if (!textExplanation.isMatch()) {
        return textExplanation;
      }
      DoubleValues values = factors.getValues(context, null);
      double factor = values.advanceExact(doc) ? values.doubleValue() : 1.0;
      return Explanation.match(
          (float) (textExplanation.getValue().floatValue() * factor),
          "text score × recency and desk, product of:",
          textExplanation,
          Explanation.match(factor, factors.toString()));
    }

    @Override
    public Matches matches(LeafReaderContext context, int doc) throws IOException {
      return in.matches(context, doc);
    }

    @Override
    public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
      ScorerSupplier textSupplier = in.scorerSupplier(context);
      if (textSupplier == null) {
        return null;
      }
      double maxFactor = maxFactor(context);
      DoubleValues values = factors.getValues(context, null);
      return new ScorerSupplier() {
        @Override
        public Scorer get(long leadCost) throws IOException {
          return new RankedScorer(textSupplier.get(leadCost), values, maxFactor);
        }

        @Override
        public long cost() {
          return textSupplier.cost();
        }

        @Override
        public void setTopLevelScoringClause() throws IOException {
          textSupplier.setTopLevelScoringClause();
        }
      };
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
      return false; // scores change every hour (recency); nothing here is worth caching
    }

    @Override
    public int count(LeafReaderContext context) throws IOException {
      return in.count(context);
    }
  }

  /** Text score × factor per match; bounds and minimum scores scaled by the segment's largest. */
  static final class RankedScorer extends Scorer {
    private final Scorer text;
    private final DoubleValues factors;
    private final double maxFactor;

    RankedScorer(Scorer text, DoubleValues factors, double maxFactor) {
      this.text = text;
      this.factors = factors;
      this.maxFactor = maxFactor;
    }

    @Override
    public int docID() {
      return text.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
      return text.iterator();
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      return text.twoPhaseIterator();
    }

    @Override
    public float score() throws IOException {
      double t = text.score();
      double factor = factors.advanceExact(text.docID()) ? factors.doubleValue() : 1.0;
      // As FunctionScoreQuery: a negative product scores 0 (cannot happen: factors are > 0).
      double score = t * factor;
      return score >= 0 ? (float) score : 0f;
    }

    @Override
    public int advanceShallow(int target) throws IOException {
      return text.advanceShallow(target);
    }

    @Override
    public float getMaxScore(int upTo) throws IOException {
      float textMax = text.getMaxScore(upTo);
      if (Float.isInfinite(textMax)) {
        return textMax;
      }
      return Math.nextUp((float) (textMax * maxFactor * (1 + SLACK)));
    }

    @Override
    public void setMinCompetitiveScore(float minScore) throws IOException {
      // A match whose text score t is below minScore / maxFactor scores at most t · maxFactor <
      // minScore: not competitive. Lowered by the slack so rounding never excludes an equal score.
      if (maxFactor > 0) {
        float textMin = (float) (minScore / maxFactor * (1 - SLACK));
        text.setMinCompetitiveScore(Math.max(0f, Math.nextDown(textMin)));
      }
    }

    @Override
    public Collection<ChildScorable> getChildren() {
      return List.of(new ChildScorable(text, "MUST"));
    }
  }

  @Override
  public String toString(String field) {
    return "ranked(" + text.toString(field) + ", " + factors + ")";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && text.equals(((RankedQuery) other).text)
        && factors.equals(((RankedQuery) other).factors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), text, factors);
  }
}
