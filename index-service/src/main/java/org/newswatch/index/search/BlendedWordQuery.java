package org.newswatch.index.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.Impact;
import org.apache.lucene.index.Impacts;
import org.apache.lucene.index.ImpactsEnum;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.sandbox.search.CombinedFieldQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;

/**
 * One word's BM25F query ({@link CombinedFieldQuery}, which scores it) with upper bounds per block
 * of documents, which Lucene 10.3's combined-field scorer does not give (it reports one constant
 * maximum). The bounds come from each field's own impacts (per block of postings, the pairs of
 * highest term frequency and shortest length): for each set of fields a match may have the word in,
 * the frequency at most the weighted sum of those fields' highest, the combined length at least the
 * weighted sum of their shortest (other fields at the segment's shortest, 0 if an article lacks
 * one), scored by the same BM25 function. A field's last block, which has no impacts, is bounded by
 * the whole field's postings when there are few. With them, a top-hits search ({@code TOP_SCORES})
 * skips blocks that cannot reach the page (block-max WAND); every score is still the combined-field
 * scorer's own, so orders do not change. Searches that score every match get the combined query's
 * weight unchanged.
 */
final class BlendedWordQuery extends Query {
  /** Relative slack on bounds: far above float rounding, far below any score gap. */
  private static final double SLACK = 1e-5;

  private final CombinedFieldQuery combined;
  private final BytesRef word;

  /** Field → BM25F weight, as given to the combined query (each at least 1). */
  private final Map<String, Float> weights;

  BlendedWordQuery(CombinedFieldQuery combined, BytesRef word, Map<String, Float> weights) {
    this.combined = combined;
    this.word = word;
    this.weights = Map.copyOf(weights);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = combined.rewrite(searcher);
    return rewritten == combined ? this : rewritten;
  }

  @Override
  public void visit(QueryVisitor visitor) {
    combined.visit(visitor);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    Weight inner = combined.createWeight(searcher, scoreMode, boost);
    if (scoreMode != ScoreMode.TOP_SCORES) {
      return inner; // every match is scored: bounds would go unused
    }
    // The combined field's statistics as CombinedFieldQuery merges them; only the length
    // normalisation matters here (the word's own weight comes from the real scorer's maximum).
    long maxDoc = 0;
    long docCount = 0;
    long sumTotalTermFreq = 0;
    long sumDocFreq = 0;
    for (Map.Entry<String, Float> w : weights.entrySet()) {
      CollectionStatistics stats = searcher.collectionStatistics(w.getKey());
      if (stats != null) {
        maxDoc = Math.max(stats.maxDoc(), maxDoc);
        docCount = Math.max(stats.docCount(), docCount);
        sumDocFreq = Math.max(stats.sumDocFreq(), sumDocFreq);
        sumTotalTermFreq += (double) w.getValue() * stats.sumTotalTermFreq();
      }
    }
    if (docCount == 0) {
      return inner;
    }
    Similarity.SimScorer shape =
        searcher
            .getSimilarity()
            .scorer(
                1f,
                new CollectionStatistics(
                    "pseudo_field", maxDoc, docCount, sumTotalTermFreq, sumDocFreq),
                new TermStatistics(new BytesRef("pseudo_term"), 1, 1));
    return new FilterWeight(this, inner) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        ScorerSupplier supplier = in.scorerSupplier(context);
        if (supplier == null) {
          return null;
        }
        List<String> fields = new ArrayList<>();
        List<ImpactsEnum> impacts = new ArrayList<>();
        List<float[]> whole = new ArrayList<>();
        for (String field : weights.keySet()) {
          Terms terms = context.reader().terms(field);
          if (terms == null) {
            continue;
          }
          TermsEnum te = terms.iterator();
          if (te.seekExact(word)) {
            fields.add(field);
            whole.add(te.docFreq() <= FEW ? wholeField(context, field, te) : null);
            impacts.add(te.impacts(PostingsEnum.FREQS));
          }
        }
        // Every article's length counts in the combined length, the word in the field or not: the
        // segment's shortest of each field is a floor (weighted, as in the combined length).
        float[] floor = new float[fields.size()];
        float absent = 0;
        for (Map.Entry<String, Float> w : weights.entrySet()) {
          float shortest = w.getValue() * SHORTEST.of(context, w.getKey());
          int i = fields.indexOf(w.getKey());
          if (i >= 0) {
            floor[i] = shortest;
          } else {
            absent += shortest;
          }
        }
        float absentLength = absent;
        return new ScorerSupplier() {
          @Override
          public Scorer get(long leadCost) throws IOException {
            Scorer scorer = supplier.get(leadCost);
            float[] w = new float[fields.size()];
            for (int i = 0; i < w.length; i++) {
              w[i] = weights.get(fields.get(i));
            }
            return new BlendedScorer(
                scorer,
                impacts.toArray(ImpactsEnum[]::new),
                whole.toArray(float[][]::new),
                w,
                floor,
                absentLength,
                shape);
          }

          @Override
          public long cost() {
            return supplier.cost();
          }

          @Override
          public void setTopLevelScoringClause() throws IOException {
            supplier.setTopLevelScoringClause();
          }
        };
      }
    };
  }

  /**
   * Postings of a word in a field up to this many are read once per segment for the field's highest
   * frequency and shortest length: the last block of postings, under 128, has no impacts, and a
   * word that is rare in titles has only that block there.
   */
  private static final int FEW = 1024;

  /** Highest frequency and shortest length (decoded) of the word's postings in one field. */
  private static float[] wholeField(LeafReaderContext context, String field, TermsEnum te)
      throws IOException {
    PostingsEnum postings = te.postings(null, PostingsEnum.FREQS);
    NumericDocValues norms = context.reader().getNormValues(field);
    float freq = 0;
    float length = Float.MAX_VALUE;
    for (int doc = postings.nextDoc();
        doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = postings.nextDoc()) {
      freq = Math.max(freq, postings.freq());
      long norm = norms != null && norms.advanceExact(doc) ? norms.longValue() : 0;
      length = Math.min(length, BlendedScorer.LENGTH[Byte.toUnsignedInt((byte) norm)]);
    }
    return new float[] {freq, length};
  }

  private static final ShortestLengths SHORTEST = new ShortestLengths();

  /**
   * Per segment and field, the shortest length (decoded from the norms) of any article, 0 when some
   * article lacks the field; read once per segment (a byte per article) and kept while the segment
   * lives.
   */
  static final class ShortestLengths {
    private final Map<Object, Map<String, Float>> bySegment =
        java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    float of(LeafReaderContext context, String field) throws IOException {
      var helper = context.reader().getCoreCacheHelper();
      if (helper == null) {
        return read(context, field);
      }
      Map<String, Float> fields =
          bySegment.computeIfAbsent(
              helper.getKey(), k -> new java.util.concurrent.ConcurrentHashMap<>());
      Float known = fields.get(field);
      if (known == null) {
        known = read(context, field);
        fields.put(field, known);
      }
      return known;
    }

    private static float read(LeafReaderContext context, String field) throws IOException {
      NumericDocValues norms = context.reader().getNormValues(field);
      if (norms == null) {
        return 0;
      }
      float shortest = Float.MAX_VALUE;
      int seen = 0;
      for (int doc = norms.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = norms.nextDoc()) {
        shortest =
            Math.min(shortest, BlendedScorer.LENGTH[Byte.toUnsignedInt((byte) norms.longValue())]);
        seen++;
      }
      return seen < context.reader().maxDoc() ? 0 : shortest;
    }
  }

  /** The combined-field scorer, with block bounds and an iterator that skips blocks below them. */
  static final class BlendedScorer extends Scorer {
    private static final float[] LENGTH = new float[256];

    static {
      for (int i = 0; i < 256; i++) {
        LENGTH[i] = SmallFloat.byte4ToInt((byte) i);
      }
    }

    private final Scorer scorer;
    private final ImpactsEnum[] impacts;

    /** Per field, its highest frequency and shortest length in the segment, or null if unread. */
    private final float[][] whole;

    private final float[] weights;

    /** Per field, the segment's shortest weighted length: a floor with the word there or not. */
    private final float[] floor;

    /** The weighted shortest lengths of the fields without the word in this segment, summed. */
    private final float absentLength;

    private final Similarity.SimScorer shape;

    /** The combined scorer's own constant bound: BM25's weight for this word. */
    private final float ceiling;

    /** {@link #shape}'s value at the same point: the ratio turns shape bounds into scores. */
    private final double scale;

    private final DocIdSetIterator iterator;
    private float minCompetitive;

    /** Last doc of the block known to reach {@link #minCompetitive} (no check needed before). */
    private int competitiveUpTo = -1;

    private int shallowTarget = -1;

    BlendedScorer(
        Scorer scorer,
        ImpactsEnum[] impacts,
        float[][] whole,
        float[] weights,
        float[] floor,
        float absentLength,
        Similarity.SimScorer shape)
        throws IOException {
      this.scorer = scorer;
      this.impacts = impacts;
      this.whole = whole;
      this.floor = floor;
      this.absentLength = absentLength;
      this.weights = weights;
      this.shape = shape;
      this.ceiling = scorer.getMaxScore(DocIdSetIterator.NO_MORE_DOCS);
      this.scale = ceiling / (double) shape.score(Float.POSITIVE_INFINITY, 1L);
      DocIdSetIterator in = scorer.iterator();
      this.iterator =
          new DocIdSetIterator() {
            @Override
            public int docID() {
              return in.docID();
            }

            @Override
            public int nextDoc() throws IOException {
              return advance(in.docID() + 1);
            }

            @Override
            public int advance(int target) throws IOException {
              int next = competitiveTarget(target);
              return next == DocIdSetIterator.NO_MORE_DOCS
                  ? in.advance(DocIdSetIterator.NO_MORE_DOCS)
                  : in.advance(next);
            }

            @Override
            public long cost() {
              return in.cost();
            }
          };
    }

    /** The first doc at or after {@code target} in a block whose bound reaches the minimum. */
    private int competitiveTarget(int target) throws IOException {
      if (minCompetitive <= 0
          || target <= competitiveUpTo
          || target == DocIdSetIterator.NO_MORE_DOCS) {
        return target;
      }
      while (true) {
        int blockEnd = advanceShallow(target);
        if (getMaxScore(blockEnd) >= minCompetitive) {
          competitiveUpTo = blockEnd;
          return target;
        }
        if (blockEnd == DocIdSetIterator.NO_MORE_DOCS) {
          return DocIdSetIterator.NO_MORE_DOCS;
        }
        target = blockEnd + 1;
      }
    }

    @Override
    public int docID() {
      return scorer.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
      return iterator;
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      return null; // the combined scorer matches exactly (a disjunction of postings)
    }

    @Override
    public float score() throws IOException {
      return scorer.score();
    }

    @Override
    public void setMinCompetitiveScore(float minScore) {
      minCompetitive = minScore;
      competitiveUpTo = -1;
    }

    @Override
    public int advanceShallow(int target) throws IOException {
      shallowTarget = Math.max(shallowTarget, target);
      int upTo = DocIdSetIterator.NO_MORE_DOCS;
      for (int i = 0; i < impacts.length; i++) {
        impacts[i].advanceShallow(shallowTarget);
        upTo = Math.min(upTo, impacts[i].getImpacts().getDocIdUpTo(0));
      }
      return upTo;
    }

    @Override
    public float getMaxScore(int upTo) throws IOException {
      int n = impacts.length;
      float[] maxFreq = new float[n];
      float[] minLength = new float[n];
      for (int i = 0; i < n; i++) {
        Impacts levels = impacts[i].getImpacts();
        int level = 0;
        while (level < levels.numLevels() && levels.getDocIdUpTo(level) < upTo) {
          level++;
        }
        if (level == levels.numLevels()) {
          return ceiling; // no level of this field covers the range: no tighter bound
        }
        int freq = 0;
        float length = Float.MAX_VALUE;
        for (Impact impact : levels.getImpacts(level)) {
          freq = Math.max(freq, impact.freq);
          length = Math.min(length, LENGTH[Byte.toUnsignedInt((byte) impact.norm)]);
        }
        if (freq == Integer.MAX_VALUE) {
          // The field's last, partial block has no impacts: the whole field's, if read.
          if (whole[i] == null) {
            return ceiling;
          }
          maxFreq[i] = weights[i] * whole[i][0];
          minLength[i] = weights[i] * whole[i][1];
          continue;
        }
        maxFreq[i] = weights[i] * freq;
        minLength[i] = weights[i] * length;
      }
      for (int i = 0; i < n; i++) {
        minLength[i] = Math.max(minLength[i], floor[i]);
      }
      // A match has the word in some non-empty set of the fields; the others may be empty.
      double best = 0;
      for (int set = 1; set < (1 << n); set++) {
        float freq = 0;
        float length = absentLength;
        for (int i = 0; i < n; i++) {
          if ((set & (1 << i)) != 0) {
            freq += maxFreq[i];
            length += minLength[i];
          } else {
            length += floor[i];
          }
        }
        // Lowered by the slack: the real sum adds the same parts in another order.
        long norm = SmallFloat.intToByte4(Math.round((float) (length * (1 - SLACK))));
        best = Math.max(best, shape.score(freq, norm) * scale);
      }
      return (float) Math.min(ceiling, Math.nextUp((float) (best * (1 + SLACK))));
    }

    @Override
    public java.util.Collection<ChildScorable> getChildren() {
      return List.of(new ChildScorable(scorer, "MUST"));
    }
  }

  @Override
  public String toString(String field) {
    return combined.toString(field);
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && combined.equals(((BlendedWordQuery) other).combined);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), combined);
  }
}
