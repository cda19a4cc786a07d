package org.newswatch.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.search.ArticleSearcher;
import org.newswatch.index.search.SearchRequest;
import org.newswatch.index.search.SortOrder;
import org.newswatch.index.search.Timeline;

/**
 * Fuzzes what {@code GET /api/search} (and {@code /api/timeline}) do with a researcher's query:
 * {@link ArticleSearcher} parses {@code q} with the Lucene query syntax and its limits, decodes the
 * {@code cursor}, runs the query over a small real index and highlights the hits. An answer or an
 * {@link IllegalArgumentException} (the route's 400, {@code BadQueryException} included) are
 * acceptable; anything else would be a 500.
 */
@ExtendWith(FuzzSummary.class)
class SearchQueryFuzzTest {
  private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
  @TempDir static Path dir;
  private static ArticleIndexer indexer;
  private static ArticleSearcher searcher;

  @BeforeAll
  static void indexSomeArticles() {
    indexer = ArticleIndexer.open(dir);
    indexer.apply(
        ArticleBatch.of(
            List.of(
                article(
                    "en1",
                    "Border crossing at Taftan reopens",
                    "Trucks crossed the border at Taftan on Saturday.",
                    "VOA",
                    "en",
                    0),
                article(
                    "en2",
                    "Flood warning for Quetta",
                    "Heavy rain in Balochistan; the flood warning covers Quetta.",
                    "Dawn",
                    "en",
                    1),
                article(
                    "ur1",
                    "بلوچستان میں بارش",
                    "کوئٹہ میں شدید بارش اور سیلاب کا خطرہ",
                    "Dunya News",
                    "ur",
                    2),
                article(
                    "fa1",
                    "بازگشایی مرز تفتان",
                    "کامیون‌ها روز شنبه از مرز تفتان گذشتند",
                    "IRNA",
                    "fa",
                    40))));
    indexer.refresh();
    searcher =
        new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ofSeconds(5));
  }

  @AfterAll
  static void close() {
    indexer.close();
  }

  @FuzzTest(maxDuration = "12s")
  void search(FuzzedDataProvider data) {
    FuzzSummary.executed();
    SortOrder sort = data.consumeBoolean() ? SortOrder.NEWEST : SortOrder.RELEVANCE;
    boolean timeline = data.consumeInt(0, 7) == 0;
    int size = data.consumeInt(1, SearchRequest.MAX_SIZE);
    String cursor = data.consumeInt(0, 7) == 0 ? data.consumeString(120) : null;
    String q = data.consumeRemainingAsString();
    try {
      if (timeline) {
        assertNotNull(searcher.timeline(SearchRequest.of(q), Timeline.Interval.parse(null)));
      } else {
        assertNotNull(
            searcher.search(
                new SearchRequest(q, List.of(), List.of(), null, null, sort, size, cursor)));
      }
    } catch (IllegalArgumentException refused) {
      // A 400 whose message says what to fix.
    }
  }

  private static Article article(
      String id, String title, String body, String source, String language, int days) {
    Instant at = T0.minus(Duration.ofDays(days));
    return new Article(
        Article.SCHEMA,
        id,
        "https://news.example.org/" + id,
        null,
        "feed-" + source,
        source,
        title,
        body,
        List.of(),
        language,
        at,
        at,
        null,
        null,
        null);
  }
}
