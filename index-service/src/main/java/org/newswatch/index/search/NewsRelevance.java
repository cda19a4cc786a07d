package org.newswatch.index.search;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.Desk;

/**
 * How relevance is scored for news: one BM25F score over the title, the lead (the body's first
 * paragraph) and the body, each word weighted by where it stands ({@link FieldBlend}), times a
 * recency factor on the publication time and a factor for the article's desk (sport below news).
 * The factors read two doc values per matching article ({@link RankFactors}), no stored field.
 *
 * <p>Measured on the judged set ({@code RankingQualityTest}; the root README, "Ranking"): mean
 * nDCG@10 0.7309 before (per-field BM25, title 2, body 1, no recency), 0.7668 with this. The
 * weights, half-life and factors are round numbers picked on that small set, not fitted finely.
 */
public final class NewsRelevance {
  /**
   * The fields a free-text query searches, with their BM25F weights ({@link FieldBlend}): a word in
   * the title counts as two occurrences, one in the lead as three (two in the lead, one more in the
   * body, which holds the lead too), one further down as one.
   */
  public static final Map<String, Float> FIELD_WEIGHTS = weights(2.0f, 2.0f, 1.0f);

  /** After a week an article has lost half of what recency can take away. */
  static final Duration HALF_LIFE = Duration.ofDays(7);

  /**
   * Old news keeps half its text score: a strong match from last year still beats a weak one from
   * today.
   */
  static final double FLOOR = 0.5;

  /** Sport ranks below news of an equal text match (see {@link Desk}). */
  static final Map<Desk, Double> DESK_FACTORS = Map.of(Desk.NEWS, 1.0, Desk.SPORT, 0.6);

  private final Clock clock;
  private final Map<String, Float> weights;
  private final Duration halfLife;
  private final double floor;
  private final Map<Desk, Double> desks;

  public NewsRelevance(Clock clock) {
    this(clock, FIELD_WEIGHTS, HALF_LIFE, FLOOR, DESK_FACTORS);
  }

  NewsRelevance(
      Clock clock,
      Map<String, Float> weights,
      Duration halfLife,
      double floor,
      Map<Desk, Double> desks) {
    this.clock = clock;
    this.weights = weights;
    this.halfLife = halfLife;
    this.floor = floor;
    this.desks = desks;
  }

  /** The parser for researchers' queries, searching the text fields with these weights. */
  QuerySyntax syntax(org.apache.lucene.analysis.Analyzer analyzer) {
    return new QuerySyntax(analyzer, weights);
  }

  /** In title, lead, body order, so that parsed queries read the same on every run. */
  static Map<String, Float> weights(float title, float lead, float body) {
    Map<String, Float> w = new LinkedHashMap<>();
    w.put(ArticleFields.TITLE, title);
    w.put(ArticleFields.LEAD, lead);
    w.put(ArticleFields.BODY, body);
    return Collections.unmodifiableMap(w);
  }

  /**
   * Recency as of now, to the hour: within an hour every search scores alike, so a relevance cursor
   * (which holds the last score) stays valid from one page to the next.
   */
  RankFactors factors() {
    long now = clock.instant().truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    return new RankFactors(new Recency(now, halfLife.toMillis(), floor), desks);
  }

  /**
   * The text query's score times the recency and desk factors; the matches are the text query's.
   * Its scorer keeps the text score's upper bounds ({@link RankedQuery}), so top hits can skip.
   */
  static Query rank(Query text, RankFactors factors) {
    return new RankedQuery(text, factors);
  }

  /**
   * Adds to each hit of {@code page} why it ranked where it did: the fields and terms that matched
   * with their part of the text score, the recency factor and the final score. One explain per hit
   * (at most a page, 100), on the same index view the page came from.
   */
  SearchResult explain(
      IndexSearcher searcher, Query text, RankFactors factors, SortOrder order, SearchResult page)
      throws IOException {
    Recency recency = factors.recency();
    List<SearchResult.Hit> explained = new ArrayList<>(page.hits().size());
    for (SearchResult.Hit hit : page.hits()) {
      TopDocs found =
          searcher.search(
              new TermQuery(new Term(ArticleFields.ID, ArticleFields.term(hit.id()))), 1);
      if (found.scoreDocs.length == 0) {
        explained.add(hit); // replaced meanwhile cannot happen on one view; kept as is if it did
        continue;
      }
      int doc = found.scoreDocs[0].doc;
      Explanation textExplanation = searcher.explain(text, doc);
      double factor = recency.factor(hit.publishedAt().toEpochMilli());
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      Desk desk = RankFactors.desk(leaf, doc - leaf.docBase);
      // The score the order used: Lucene's own explanation of the ranked query, not a
      // recomputation.
      double score = searcher.explain(rank(text, factors), doc).getValue().doubleValue();
      explained.add(
          hit.withExplanation(
              new HitExplanation(
                  order == SortOrder.NEWEST ? "publishedAt" : "score",
                  round(score),
                  round(textExplanation.getValue().doubleValue()),
                  new HitExplanation.RecencyPart(
                      round(factor),
                      round((recency.nowMillis() - hit.publishedAt().toEpochMilli()) / 3_600_000.0),
                      round(recency.halfLifeMillis() / 3_600_000.0),
                      recency.floor()),
                  new HitExplanation.DeskPart(
                      desk.name().toLowerCase(Locale.ROOT), factors.deskFactor(desk)),
                  matches(
                      textExplanation,
                      (field, term) -> occurrences(leaf, doc - leaf.docBase, field, term)))));
    }
    return new SearchResult(page.total(), explained, page.facets(), page.cursor(), page.partial());
  }

  /**
   * The text score's parts: each BM25 leaf of Lucene's explanation ({@code weight(title:border in
   * 7)}), as field and terms with its value, summed per field and terms, largest first. A query
   * without such leaves (every article) gives one part named by Lucene's description.
   */
  static List<HitExplanation.Match> matches(Explanation text, Occurrences occurrences)
      throws IOException {
    Map<String, Double> parts = new LinkedHashMap<>();
    collect(text, parts);
    if (parts.isEmpty() && text.isMatch()) {
      parts.put(text.getDescription(), text.getValue().doubleValue());
    }
    List<HitExplanation.Match> matches = new ArrayList<>();
    for (Map.Entry<String, Double> part : parts.entrySet()) {
      String clause = part.getKey();
      Matcher blended = BLENDED.matcher(clause);
      if (blended.matches()) {
        // One word over title, lead and body (BM25F): say how often it stands in each.
        Map<String, Integer> where = new LinkedHashMap<>();
        for (String field : FIELD_ORDER) {
          int n = occurrences.count(field, blended.group(2));
          if (n > 0) {
            where.put(field, n);
          }
        }
        matches.add(
            new HitExplanation.Match(
                String.join("+", where.keySet()), blended.group(2), round(part.getValue()), where));
        continue;
      }
      int colon = clause.indexOf(':');
      String field = colon > 0 ? clause.substring(0, colon) : "";
      String terms = colon > 0 ? clause.substring(colon + 1) : clause;
      matches.add(new HitExplanation.Match(field, terms, round(part.getValue()), null));
    }
    matches.sort((a, b) -> Double.compare(b.score(), a.score()));
    return matches;
  }

  /**
   * Lucene's name for a {@link FieldBlend} word: {@code CombinedFieldQuery((body lead^2.0
   * title^2.0)(balochistan))}.
   */
  private static final Pattern BLENDED =
      Pattern.compile("CombinedFieldQuery\\(\\((.*)\\)\\((.*)\\)\\)");

  private static final List<String> FIELD_ORDER =
      List.of(ArticleFields.TITLE, ArticleFields.LEAD, ArticleFields.BODY);

  /** How often an (analysed) term stands in a field of the document being explained. */
  @FunctionalInterface
  interface Occurrences {
    int count(String field, String term) throws IOException;
  }

  private static int occurrences(LeafReaderContext leaf, int doc, String field, String term)
      throws IOException {
    PostingsEnum postings = leaf.reader().postings(new Term(field, term), PostingsEnum.FREQS);
    return postings != null && postings.advance(doc) == doc ? postings.freq() : 0;
  }

  private static void collect(Explanation e, Map<String, Double> parts) {
    if (!e.isMatch()) {
      return;
    }
    String d = e.getDescription();
    if (d.startsWith("weight(")) {
      int in = d.lastIndexOf(" in ");
      String clause = in > 7 ? d.substring(7, in) : d;
      parts.merge(clause, e.getValue().doubleValue(), Double::sum);
      return;
    }
    for (Explanation detail : e.getDetails()) {
      collect(detail, parts);
    }
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
