package org.newswatch.index.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.WordPairs;

/**
 * An exact phrase on a text field, answered from the field's word pairs ({@link
 * ArticleFields#PAIR_FIELDS}): the same matches and the same score, to the bit, as the {@link
 * PhraseQuery} it stands for. A phrase's words may be common ({@code "the border"}); its pairs are
 * rare, so the search reads a short postings list instead of every position of the common word in
 * every article that has the rarer one.
 *
 * <p>Two words: the articles with their pair, the pair's count there as the phrase's frequency.
 * Three or more: the articles with all their pairs, at consecutive positions. Scored as {@link
 * PhraseQuery} scores (the text field's statistics and length norms; the frequency counted the same
 * way), explained in its words. A segment without the pair field (an index made before it) runs the
 * phrase itself.
 */
final class PairPhraseQuery extends Query {
  private final PhraseQuery phrase;
  private final String pairField;
  private final Term[] pairs;

  private PairPhraseQuery(PhraseQuery phrase, String pairField) {
    this.phrase = phrase;
    this.pairField = pairField;
    Term[] words = phrase.getTerms();
    this.pairs = new Term[words.length - 1];
    for (int i = 0; i < pairs.length; i++) {
      pairs[i] = new Term(pairField, WordPairs.term(words[i].bytes(), words[i + 1].bytes()));
    }
  }

  /**
   * {@code query} with each exact phrase of two or more words on consecutive positions of a text
   * field answered from pairs; other queries (with slop, a gap, several words at one position) as
   * they are.
   */
  static Query pairs(Query query) {
    if (query instanceof PhraseQuery p) {
      String pairField = ArticleFields.PAIR_FIELDS.get(p.getField());
      return pairField != null && consecutive(p) ? new PairPhraseQuery(p, pairField) : p;
    }
    if (query instanceof BooleanQuery bq) {
      BooleanQuery.Builder b =
          new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      for (BooleanClause c : bq.clauses()) {
        b.add(pairs(c.query()), c.occur());
      }
      return b.build();
    }
    if (query instanceof BoostQuery boost) {
      return new BoostQuery(pairs(boost.getQuery()), boost.getBoost());
    }
    return query;
  }

  private static boolean consecutive(PhraseQuery p) {
    int[] positions = p.getPositions();
    if (p.getSlop() != 0 || positions.length < 2) {
      return false;
    }
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] != i) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    return new PairWeight(searcher, scoreMode, boost);
  }

  @Override
  public String toString(String field) {
    return phrase.toString(field);
  }

  @Override
  public void visit(QueryVisitor visitor) {
    phrase.visit(visitor);
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other) && phrase.equals(((PairPhraseQuery) other).phrase);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), phrase);
  }

  private final class PairWeight extends Weight {
    private final IndexSearcher searcher;
    private final ScoreMode scoreMode;
    private final float boost;
    private final Similarity similarity;

    /** As {@link PhraseQuery} makes it; null without scores or when no word is in the index. */
    private final Similarity.SimScorer simScorer;

    /** The phrase itself, for segments without pairs and for matches' offsets; made once needed. */
    private Weight phraseWeight;

    PairWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
      super(PairPhraseQuery.this);
      this.searcher = searcher;
      this.scoreMode = scoreMode;
      this.boost = boost;
      this.similarity = searcher.getSimilarity();
      this.simScorer = scoreMode.needsScores() ? stats() : null;
    }

    /** PhraseQuery's statistics: the text field's, and each word's in the phrase's order. */
    private Similarity.SimScorer stats() throws IOException {
      Term[] words = phrase.getTerms();
      TermStatistics[] termStats = new TermStatistics[words.length];
      int n = 0;
      for (Term word : words) {
        TermStates states = TermStates.build(searcher, word, true);
        if (states.docFreq() > 0) {
          termStats[n++] = searcher.termStatistics(word, states.docFreq(), states.totalTermFreq());
        }
      }
      return n == 0
          ? null
          : similarity.scorer(
              boost, searcher.collectionStatistics(phrase.getField()), Arrays.copyOf(termStats, n));
    }

    private synchronized Weight phraseWeight() throws IOException {
      if (phraseWeight == null) {
        phraseWeight = phrase.createWeight(searcher, scoreMode, boost);
      }
      return phraseWeight;
    }

    @Override
    public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
      LeafReader reader = context.reader();
      if (reader.getFieldInfos().fieldInfo(pairField) == null) {
        return phraseWeight().scorerSupplier(context);
      }
      if (scoreMode.needsScores() && simScorer == null) {
        return null;
      }
      Terms terms = reader.terms(pairField);
      if (terms == null) {
        return null;
      }
      TermsEnum termsEnum = terms.iterator();
      boolean two = pairs.length == 1;
      int flags =
          two
              ? (scoreMode.needsScores() ? PostingsEnum.FREQS : PostingsEnum.NONE)
              : PostingsEnum.POSITIONS;
      PostingsEnum[] postings = new PostingsEnum[pairs.length];
      float matchCost = 0;
      long cost = Long.MAX_VALUE;
      for (int i = 0; i < pairs.length; i++) {
        if (!termsEnum.seekExact(pairs[i].bytes())) {
          return null;
        }
        postings[i] = termsEnum.postings(null, flags);
        matchCost += (float) termsEnum.totalTermFreq() / Math.max(1, termsEnum.docFreq());
        cost = Math.min(cost, termsEnum.docFreq());
      }
      NumericDocValues norms =
          scoreMode.needsScores() ? reader.getNormValues(phrase.getField()) : null;
      PairScorer scorer =
          two
              ? new PairScorer(postings[0], null, simScorer, norms)
              : new PairScorer(
                  ConjunctionUtils.intersectIterators(Arrays.asList(postings)),
                  new Positions(postings, matchCost),
                  simScorer,
                  norms);
      long estimate = cost;
      return new ScorerSupplier() {
        @Override
        public Scorer get(long leadCost) {
          return scorer;
        }

        @Override
        public long cost() {
          return estimate;
        }
      };
    }

    @Override
    public Explanation explain(LeafReaderContext context, int doc) throws IOException {
      if (context.reader().getFieldInfos().fieldInfo(pairField) == null) {
        return phraseWeight().explain(context, doc);
      }
      Scorer scorer = scorer(context);
      if (!(scorer instanceof PairScorer pairScorer) || !pairScorer.matchesAt(doc)) {
        return Explanation.noMatch("no matching pairs of " + phrase);
      }
      float freq = pairScorer.freq();
      Explanation freqExplanation = Explanation.match(freq, "phraseFreq=" + freq);
      Explanation score = simScorer.explain(freqExplanation, pairScorer.norm());
      return Explanation.match(
          score.getValue(),
          "weight("
              + getQuery()
              + " in "
              + doc
              + ") ["
              + similarity.getClass().getSimpleName()
              + "], result of:",
          score);
    }

    /** The phrase's own: the highlighter reads each word's offsets from there. */
    @Override
    public Matches matches(LeafReaderContext context, int doc) throws IOException {
      return phraseWeight().matches(context, doc);
    }

    @Override
    public boolean isCacheable(LeafReaderContext context) {
      return true;
    }
  }

  /**
   * Three or more words: whether the articles' pairs stand at consecutive positions, and how often
   * (every start position counts once, as in an exact {@link PhraseQuery}).
   */
  private static final class Positions {
    private final PostingsEnum[] postings;
    private final float matchCost;
    private int[][] positions;

    Positions(PostingsEnum[] postings, float matchCost) {
      this.postings = postings;
      this.matchCost = matchCost;
      this.positions = new int[postings.length][8];
    }

    /** The phrase's frequency in the current article (0: none). */
    int count() throws IOException {
      int[] sizes = new int[postings.length];
      for (int i = 0; i < postings.length; i++) {
        int freq = postings[i].freq();
        if (positions[i].length < freq) {
          positions[i] = new int[Math.max(freq, positions[i].length * 2)];
        }
        for (int k = 0; k < freq; k++) {
          positions[i][k] = postings[i].nextPosition();
        }
        sizes[i] = freq;
      }
      int[] at = new int[postings.length];
      int count = 0;
      starts:
      for (int s = 0; s < sizes[0]; s++) {
        int start = positions[0][s];
        for (int i = 1; i < postings.length; i++) {
          int want = start + i;
          while (at[i] < sizes[i] && positions[i][at[i]] < want) {
            at[i]++;
          }
          if (at[i] == sizes[i]) {
            break starts; // later starts need later positions still
          }
          if (positions[i][at[i]] != want) {
            continue starts;
          }
        }
        count++;
      }
      return count;
    }
  }

  /** The articles with the phrase's pairs, scored as {@link PhraseQuery}'s scorer scores. */
  private static final class PairScorer extends Scorer {
    private final DocIdSetIterator approximation;
    private final Positions positions;
    private final PostingsEnum single;
    private final Similarity.SimScorer simScorer;
    private final NumericDocValues norms;
    private int freqDoc = -1;
    private int freq;

    PairScorer(
        DocIdSetIterator approximation,
        Positions positions,
        Similarity.SimScorer simScorer,
        NumericDocValues norms) {
      this.approximation = approximation;
      this.positions = positions;
      this.single = positions == null ? (PostingsEnum) approximation : null;
      this.simScorer = simScorer;
      this.norms = norms;
    }

    @Override
    public int docID() {
      return approximation.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
      return positions == null
          ? approximation
          : TwoPhaseIterator.asDocIdSetIterator(twoPhaseIterator());
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      if (positions == null) {
        return null;
      }
      return new TwoPhaseIterator(approximation) {
        @Override
        public boolean matches() throws IOException {
          return freq() > 0;
        }

        @Override
        public float matchCost() {
          return positions.matchCost;
        }
      };
    }

    /** The phrase's frequency in the current article. */
    float freq() throws IOException {
      if (single != null) {
        return single.freq();
      }
      int doc = docID();
      if (freqDoc != doc) {
        freq = positions.count();
        freqDoc = doc;
      }
      return freq;
    }

    /** For explain: moves to {@code doc} and says whether the phrase is there. */
    boolean matchesAt(int doc) throws IOException {
      return approximation.advance(doc) == doc && freq() > 0;
    }

    /** The text field's length norm, as PhraseQuery's scorer reads it (1 when absent). */
    long norm() throws IOException {
      return norms != null && norms.advanceExact(docID()) ? norms.longValue() : 1L;
    }

    @Override
    public float score() throws IOException {
      return simScorer == null ? 0f : simScorer.score(freq(), norm());
    }

    @Override
    public float getMaxScore(int upTo) {
      return Float.POSITIVE_INFINITY;
    }
  }
}
