package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.testing.TestArticles;

/**
 * Relevance pages found with skipping (block-max WAND through {@link RankedQuery} and {@link
 * BlendedWordQuery}) and the search's own pages are the pages an exhaustive scoring of every match
 * gives, and the scores are those of the ranking before ({@code FunctionScoreQuery}): English, Urdu
 * and Persian words, a phrase, boolean queries, a filter, first and second pages. Also: no match
 * ever scores above the bound its block reported, the property skipping rests on.
 */
class TopHitsSkippingTest {
  private static final Instant NOW = TestArticles.T0.plus(Duration.ofDays(60));

  /** Words drawn with a skew (the first often, the last rarely), in three languages. */
  private static final List<String> WORDS =
      List.of(
          "report",
          "border",
          "attack",
          "balochistan",
          "سرحد",
          "حملہ",
          "مرز",
          "حمله",
          "police",
          "district",
          "convoy",
          "cricket",
          "quetta",
          "کوئٹہ",
          "زاهدان",
          "militants",
          "river",
          "market",
          "flood",
          "road",
          "school",
          "election",
          "minister",
          "curfew",
          "strike");

  private static final List<String> QUERIES =
      List.of(
          "border",
          "report",
          "balochistan",
          "سرحد",
          "مرز",
          "حمله",
          "کوئٹہ",
          "\"border attack\"",
          "\"police convoy\"",
          "border AND (attack OR convoy) NOT cricket",
          "quetta OR زاهدان OR کوئٹہ",
          "border attack militants",
          "river -flood");

  @TempDir static Path dir;
  private static ArticleIndexer indexer;
  private static ArticleSearcher searcher;
  private static NewsRelevance relevance;

  @BeforeAll
  static void index() {
    indexer = ArticleIndexer.open(dir);
    SplittableRandom random = new SplittableRandom(13);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      String source = List.of("VOA", "Dawn", "Radio Farda").get(random.nextInt(3));
      String language = source.equals("Radio Farda") ? "fa" : source.equals("Dawn") ? "ur" : "en";
      articles.add(
          TestArticles.article(
              "a" + i,
              text(random, 2 + random.nextInt(8)),
              text(random, 5 + random.nextInt(20))
                  + "\n\n"
                  + text(random, 10 + random.nextInt(random.nextInt(3) == 0 ? 600 : 120)),
              source,
              language,
              NOW.minus(Duration.ofMinutes(random.nextInt(90 * 24 * 60)))));
    }
    // Batches of 500 with a refresh each: several segments, each with blocks to skip.
    for (int i = 0; i < articles.size(); i += 500) {
      indexer.apply(ArticleBatch.of(articles.subList(i, i + 500)));
      indexer.refresh();
    }
    indexer.commit();
    indexer.refresh();
    relevance = new NewsRelevance(Clock.fixed(NOW, ZoneOffset.UTC));
    searcher =
        new ArticleSearcher(
            indexer.searchers(), ArticleFields.analyzer(), Duration.ofSeconds(30), relevance);
  }

  @AfterAll
  static void close() {
    indexer.close();
  }

  private static String text(SplittableRandom random, int words) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words; i++) {
      // Skewed: the minimum of two or three uniform draws favours the first words.
      int w = Math.min(random.nextInt(WORDS.size()), random.nextInt(WORDS.size()));
      if (random.nextBoolean()) {
        w = Math.min(w, random.nextInt(WORDS.size()));
      }
      s.append(i == 0 ? "" : " ").append(WORDS.get(w));
    }
    return s.toString();
  }

  @Test
  void pagesEqualThoseOfScoringEveryMatch() throws IOException {
    for (String q : QUERIES) {
      for (SearchRequest request :
          List.of(SearchRequest.of(q).withSize(10), SearchRequest.of(q).withSize(3))) {
        comparePages(request);
        comparePages(
            new SearchRequest(
                q,
                List.of(),
                List.of("ur", "fa"),
                null,
                null,
                SortOrder.RELEVANCE,
                request.size(),
                null));
      }
    }
  }

  private void comparePages(SearchRequest request) throws IOException {
    SearchResult first = searcher.search(request);
    assertEquals(exhaustive(request, null), ids(first), request.q() + ", first page");
    if (first.cursor() != null) {
      SearchResult second = searcher.search(request.withCursor(first.cursor()));
      FieldDoc after = SearchCursor.decode(SortOrder.RELEVANCE, first.cursor());
      assertEquals(exhaustive(request, after), ids(second), request.q() + ", second page");
    }
  }

  /**
   * The page with every match scored (no threshold: COMPLETE), by the ranked query and by the
   * FunctionScoreQuery it replaced; their scores must be equal to the last bit.
   */
  private List<String> exhaustive(SearchRequest request, FieldDoc after) throws IOException {
    Query text = searcher.query(request);
    RankFactors factors = relevance.factors();
    return searcher.withSearcher(
        s -> {
          TopFieldDocs ranked = top(s, NewsRelevance.rank(text, factors), request, after);
          TopFieldDocs before =
              top(s, FunctionScoreQuery.boostByValue(text, factors), request, after);
          assertEquals(before.scoreDocs.length, ranked.scoreDocs.length);
          for (int i = 0; i < ranked.scoreDocs.length; i++) {
            FieldDoc r = (FieldDoc) ranked.scoreDocs[i];
            FieldDoc b = (FieldDoc) before.scoreDocs[i];
            assertEquals(b.doc, r.doc, request.q());
            assertEquals(b.fields[0], r.fields[0], request.q() + ": score as before");
          }
          // The page with skipping: the threshold at the page's size lets the collector raise the
          // minimum competitive score (TOP_SCORES), and the scorers skip blocks below it.
          TopFieldCollectorManager skipping =
              new TopFieldCollectorManager(
                  SortOrder.RELEVANCE.sort(), request.size(), after, request.size());
          assertEquals(ScoreMode.TOP_SCORES, skipping.newCollector().scoreMode());
          TopFieldDocs skipped = s.search(NewsRelevance.rank(text, factors), skipping);
          assertEquals(ranked.scoreDocs.length, skipped.scoreDocs.length, request.q());
          for (int i = 0; i < ranked.scoreDocs.length; i++) {
            assertEquals(ranked.scoreDocs[i].doc, skipped.scoreDocs[i].doc, request.q());
            assertEquals(
                ((FieldDoc) ranked.scoreDocs[i]).fields[0],
                ((FieldDoc) skipped.scoreDocs[i]).fields[0],
                request.q());
          }
          StoredFields stored = s.storedFields();
          List<String> ids = new ArrayList<>();
          for (ScoreDoc d : ranked.scoreDocs) {
            ids.add(stored.document(d.doc).get(ArticleFields.ID));
          }
          return ids;
        });
  }

  private static TopFieldDocs top(
      IndexSearcher s, Query query, SearchRequest request, FieldDoc after) throws IOException {
    TopFieldCollectorManager all =
        new TopFieldCollectorManager(
            SortOrder.RELEVANCE.sort(), request.size(), after, Integer.MAX_VALUE);
    TopFieldDocs docs = s.search(query, all);
    assertEquals(ScoreMode.COMPLETE, all.newCollector().scoreMode());
    return docs;
  }

  private static List<String> ids(SearchResult result) {
    return result.hits().stream().map(SearchResult.Hit::id).toList();
  }

  @Test
  void noMatchScoresAboveItsBlocksBound() throws IOException {
    RankFactors factors = relevance.factors();
    for (String q : QUERIES) {
      Query ranked = NewsRelevance.rank(searcher.query(SearchRequest.of(q)), factors);
      searcher.withSearcher(
          s -> {
            Weight weight = s.createWeight(s.rewrite(ranked), ScoreMode.TOP_SCORES, 1f);
            int checked = 0;
            boolean tighter = false;
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
              Scorer scorer = weight.scorer(leaf);
              if (scorer == null) {
                continue;
              }
              float ceiling = scorer.getMaxScore(DocIdSetIterator.NO_MORE_DOCS);
              for (int doc = scorer.iterator().nextDoc();
                  doc != DocIdSetIterator.NO_MORE_DOCS;
                  doc = scorer.iterator().nextDoc()) {
                int upTo = scorer.advanceShallow(doc);
                float bound = scorer.getMaxScore(upTo);
                float score = scorer.score();
                assertTrue(
                    score <= bound,
                    q + ": doc " + doc + " scored " + score + " above its bound " + bound);
                assertTrue(score <= scorer.getMaxScore(doc), q + ": bound up to the doc itself");
                tighter |= bound < ceiling;
                checked++;
              }
            }
            assertTrue(checked > 0, q + " matches nothing: the check would be empty");
            if (!q.contains(" ")) {
              // A single word: some block bound below the constant one (a word rarer in a field
              // than one block, 128 postings, has no impacts there, so combinations may have none).
              assertTrue(tighter, q + ": no block bound tighter than the constant one");
            }
            return null;
          });
    }
    assertFalse(QUERIES.isEmpty());
  }
}
