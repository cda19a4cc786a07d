package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.testing.TestArticles;

/**
 * A new index keeps its documents newest first, and that changes no answer: newest-first pages,
 * totals, facets and timeline are what a plain sort of the articles gives, on the sorted index and
 * on an index made before the sort (which opens as it is and keeps working). Tried: many segments,
 * equal publication times (the id decides), updates that move an article in time, a filter, a
 * cursor through every page, and concurrent segment search on two threads.
 */
class NewestFirstTest {
  static final int ARTICLES = 800;

  /**
   * Articles at random minutes over 60 days, every tenth at the same minute as another; three
   * sources, two languages.
   */
  static List<Article> corpus(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < ARTICLES; i++) {
      String source = List.of("VOA", "Dawn", "Radio Farda").get(random.nextInt(3));
      String body = (random.nextInt(3) == 0 ? "border " : "") + "routine report " + i;
      Instant at =
          TestArticles.T0.plusSeconds(60L * (i % 10 == 0 ? 100 : random.nextInt(60 * 24 * 60)));
      articles.add(
          TestArticles.article(
              String.format("n%05d", random.nextInt(100_000)) + "-" + i,
              "Report " + i,
              body,
              source,
              source.equals("Radio Farda") ? "fa" : "en",
              at));
    }
    return articles;
  }

  /**
   * Indexes in batches of 100 with a refresh after each (many segments), then moves every 7th
   * article 3 days on.
   */
  static void fill(ArticleIndexer indexer, List<Article> articles) {
    for (int i = 0; i < articles.size(); i += 100) {
      indexer.apply(ArticleBatch.of(articles.subList(i, Math.min(articles.size(), i + 100))));
      indexer.refresh();
    }
    List<Article> moved = new ArrayList<>();
    for (int i = 0; i < articles.size(); i += 7) {
      moved.add(shifted(articles.get(i)));
    }
    indexer.apply(ArticleBatch.of(moved));
    indexer.commit();
    indexer.refresh();
  }

  static Article shifted(Article a) {
    return TestArticles.article(
        a.id(),
        a.title(),
        a.body(),
        a.source(),
        a.language(),
        a.publishedAt().plus(Duration.ofDays(3)));
  }

  /** The articles as they stand after {@link #fill}. */
  static List<Article> current(List<Article> articles) {
    List<Article> now = new ArrayList<>();
    for (int i = 0; i < articles.size(); i++) {
      now.add(i % 7 == 0 ? shifted(articles.get(i)) : articles.get(i));
    }
    return now;
  }

  @Test
  void aNewIndexIsSortedAndAnswersAsAPlainSortDoes(@TempDir Path dir) {
    List<Article> articles = corpus(1);
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      fill(indexer, articles);
      assertTrue(
          segmentSorts(indexer).stream().allMatch(ArticleFields.NEWEST_FIRST::equals),
          "every segment newest first: " + segmentSorts(indexer));
      assertAnswersLikeAPlainSort(indexer, current(articles));
    }
    try (ArticleIndexer reopened = ArticleIndexer.open(dir)) {
      reopened.apply(ArticleBatch.of(List.of(TestArticles.numbered(1))));
      reopened.refresh();
      assertTrue(
          segmentSorts(reopened).stream().allMatch(ArticleFields.NEWEST_FIRST::equals),
          "still sorted after a reopen");
    }
  }

  @Test
  void anIndexMadeBeforeTheSortOpensAsItIsAndAnswersTheSame(@TempDir Path dir) throws Exception {
    List<Article> articles = corpus(2);
    // The index as the service wrote it before: the same documents, no index sort.
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter old =
            new IndexWriter(directory, new IndexWriterConfig(ArticleFields.analyzer()))) {
      for (Article a : articles.subList(0, 700)) {
        old.addDocument(ArticleFields.toDocument(a));
      }
      old.commit();
    }
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      fill(indexer, articles); // upserts the first 700 again, adds the rest
      assertTrue(
          segmentSorts(indexer).stream().allMatch(s -> s == null),
          "left unsorted: " + segmentSorts(indexer));
      assertAnswersLikeAPlainSort(indexer, current(articles));
    }
  }

  static List<Sort> segmentSorts(ArticleIndexer indexer) {
    try {
      IndexSearcher s = indexer.searchers().acquire();
      try {
        return s.getIndexReader().leaves().stream()
            .map(LeafReaderContext::reader)
            .map(r -> r.getMetaData().sort())
            .toList();
      } finally {
        indexer.searchers().release(s);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void assertAnswersLikeAPlainSort(ArticleIndexer indexer, List<Article> articles) {
    var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (ArticleSearcher searcher :
          List.of(
              new ArticleSearcher(
                  indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1)),
              new ArticleSearcher(
                  indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1), threads))) {
        assertSameAsPlainSort(searcher, SearchRequest.of("report"), articles, a -> true);
        assertSameAsPlainSort(
            searcher, SearchRequest.of("border"), articles, a -> a.body().startsWith("border"));
        assertSameAsPlainSort(
            searcher,
            new SearchRequest(
                "report", List.of(), List.of("fa"), null, null, SortOrder.NEWEST, 20, null),
            articles,
            a -> a.language().equals("fa"));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  static void assertSameAsPlainSort(
      ArticleSearcher searcher,
      SearchRequest first,
      List<Article> articles,
      Predicate<Article> matches) {
    List<Article> expected =
        articles.stream()
            .filter(matches)
            .sorted(
                Comparator.comparing(Article::publishedAt).reversed().thenComparing(Article::id))
            .toList();
    Map<String, Long> sources =
        expected.stream().collect(Collectors.groupingBy(Article::source, Collectors.counting()));
    Map<String, Long> languages =
        expected.stream().collect(Collectors.groupingBy(Article::language, Collectors.counting()));

    List<String> ids = new ArrayList<>();
    SearchRequest request = first.withSort(SortOrder.NEWEST).withSize(60);
    for (int page = 0; page < 100; page++) {
      SearchResult result = searcher.search(request);
      assertEquals(expected.size(), result.total(), "exact total on every page");
      assertEquals(sources, result.facets().get("source"));
      assertEquals(languages, result.facets().get("language"));
      result.hits().forEach(h -> ids.add(h.id()));
      if (result.cursor() == null) {
        break;
      }
      request = request.withCursor(result.cursor());
    }
    assertEquals(
        expected.stream().map(Article::id).toList(), ids, "newest first, ties by id, across pages");

    SearchResult byRelevance = searcher.search(first.withSort(SortOrder.RELEVANCE));
    assertEquals(expected.size(), byRelevance.total());
    assertEquals(sources, byRelevance.facets().get("source"));

    TreeMap<Instant, Long> perDay =
        expected.stream()
            .collect(
                Collectors.groupingBy(
                    a -> a.publishedAt().truncatedTo(java.time.temporal.ChronoUnit.DAYS),
                    TreeMap::new,
                    Collectors.counting()));
    Timeline timeline = searcher.timeline(first, Timeline.Interval.DAY);
    assertEquals(expected.size(), timeline.total());
    Map<Instant, Long> plotted =
        timeline.buckets().stream()
            .filter(b -> b.count() > 0)
            .collect(Collectors.toMap(Timeline.Bucket::start, Timeline.Bucket::count));
    assertEquals(perDay, new TreeMap<>(plotted));
  }
}
