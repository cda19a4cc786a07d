package org.newswatch.alert.match;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * The monitor's per-article matcher: runs each candidate subscription against the article the
 * monitor indexed in memory (with offsets) and, only when it matches, collects the matched words'
 * offsets with Lucene's Matches API. Candidates whose language or source filter refuses the article
 * are not run at all; weighted subscriptions must also reach their threshold.
 *
 * <p>The query is rewritten and its weight built once per candidate, serving both the match test
 * and the offsets.
 */
final class ArticleHits extends CandidateMatcher<ArticleHits.Hit> {
  /**
   * A matching subscription, the offsets of its matched words per field in text order, and the
   * parts of its query that matched (with the weighted score, or null for the Lucene form).
   */
  static final class Hit extends QueryMatch {
    private final Map<String, List<int[]>> spans;
    private final List<QueryPart> fired;
    private final Double score;

    Hit(String queryId, Map<String, List<int[]>> spans, List<QueryPart> fired, Double score) {
      super(queryId);
      this.spans = spans;
      this.fired = fired;
      this.score = score;
    }

    Map<String, List<int[]>> spans() {
      return spans;
    }

    List<QueryPart> fired() {
      return fired;
    }

    Double score() {
      return score;
    }
  }

  private final Predicate<String> accepts;
  private final Function<String, WeightedQuery> weighted;
  private final Function<String, List<QueryPart>> parts;

  /**
   * The parts that matched, per subscription: the monitor may run one subscription in several
   * pieces.
   */
  private final Map<String, List<QueryPart>> fired = new HashMap<>();

  /**
   * @param accepts whether a subscription id is held and its filters take this article
   * @param weighted the weighted form of a subscription id, or null
   * @param parts the parts of a subscription's query to explain a match with
   */
  ArticleHits(
      IndexSearcher searcher,
      Predicate<String> accepts,
      Function<String, WeightedQuery> weighted,
      Function<String, List<QueryPart>> parts) {
    super(searcher);
    this.accepts = accepts;
    this.weighted = weighted;
    this.parts = parts;
  }

  @Override
  public void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata)
      throws IOException {
    if (!accepts.test(queryId)) {
      return;
    }
    // The monitor's batch is one document in one segment.
    LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
    Weight weight =
        searcher.createWeight(searcher.rewrite(matchQuery), ScoreMode.COMPLETE_NO_SCORES, 1f);
    if (!matches(weight, leaf)) {
      return;
    }
    WeightedQuery w = weighted.apply(queryId);
    if (w != null && score(w.query()) < w.threshold()) {
      return;
    }
    List<QueryPart> matched = fired(queryId);
    Double score =
        w == null
            ? null
            : matched.stream().filter(p -> p.weight() != null).mapToDouble(QueryPart::weight).sum();
    addMatch(new Hit(queryId, spans(weight.matches(leaf, 0)), matched, score), 0);
  }

  /**
   * The parts of the subscription's query that match this article on their own (run once per
   * subscription).
   */
  private List<QueryPart> fired(String queryId) throws IOException {
    List<QueryPart> known = fired.get(queryId);
    if (known == null) {
      known = new ArrayList<>();
      for (QueryPart part : parts.apply(queryId)) {
        if (searcher.count(part.query()) > 0) {
          List<QueryPart> alternatives = new ArrayList<>();
          for (QueryPart alternative : part.alternatives()) {
            if (searcher.count(alternative.query()) > 0) {
              alternatives.add(alternative);
            }
          }
          known.add(new QueryPart(part.narrowedTo(alternatives), part.weight(), part.query()));
        }
      }
      fired.put(queryId, known);
    }
    return known;
  }

  /** Whether document 0 matches, as a search would decide (two-phase queries included). */
  private static boolean matches(Weight weight, LeafReaderContext leaf) throws IOException {
    Scorer scorer = weight.scorer(leaf);
    if (scorer == null) {
      return false;
    }
    TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
    if (twoPhase == null) {
      return scorer.iterator().advance(0) == 0;
    }
    return twoPhase.approximation().advance(0) == 0 && twoPhase.matches();
  }

  /**
   * The weighted query's score: constant-score lines, so the sum of the matching lines' weights.
   */
  private float score(Query query) throws IOException {
    TopDocs top = searcher.search(query, 1);
    return top.scoreDocs.length == 0 ? 0f : top.scoreDocs[0].score;
  }

  private static Map<String, List<int[]>> spans(Matches matches) throws IOException {
    Map<String, List<int[]>> out = new HashMap<>();
    if (matches == null) {
      return out;
    }
    for (String field : matches) {
      MatchesIterator it = matches.getMatches(field);
      if (it == null) {
        continue;
      }
      List<int[]> spans = new ArrayList<>();
      while (it.next()) {
        MatchesIterator sub = it.getSubMatches();
        if (sub != null) {
          // A phrase: each word separately, so that "border guards" lists both words in order.
          while (sub.next()) {
            if (sub.startOffset() >= 0) {
              spans.add(new int[] {sub.startOffset(), sub.endOffset()});
            }
          }
        } else if (it.startOffset() >= 0) {
          spans.add(new int[] {it.startOffset(), it.endOffset()});
        }
      }
      spans.sort(Comparator.comparingInt(a -> a[0]));
      out.put(field, spans);
    }
    return out;
  }

  /**
   * A subscription split by the monitor's decomposer matches through any part: its words are all
   * parts' words.
   */
  @Override
  public Hit resolve(Hit a, Hit b) {
    Map<String, List<int[]>> merged = new HashMap<>(a.spans());
    b.spans()
        .forEach(
            (field, spans) ->
                merged.merge(
                    field,
                    spans,
                    (x, y) -> {
                      List<int[]> all = new ArrayList<>(x);
                      all.addAll(y);
                      all.sort(Comparator.comparingInt(h -> h[0]));
                      return all;
                    }));
    return new Hit(a.getQueryId(), merged, a.fired(), a.score());
  }
}
