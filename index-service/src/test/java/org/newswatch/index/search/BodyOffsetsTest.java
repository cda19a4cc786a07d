package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
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
 * A new index keeps the body's offsets in its postings, so that snippets are read from there rather
 * than from analysing each hit again; the snippets are the same either way, and an index made
 * before (no offsets, which Lucene will not add to an existing field) opens, takes new articles and
 * answers as before. Tried: English, Urdu and Persian bodies of several paragraphs with a name
 * variant (Baluchistan for Balochistan), a phrase, a word only in the last paragraph, a title-only
 * match (the body's first sentence), and a cursor's second page.
 */
class BodyOffsetsTest {
  static final List<String> QUERIES =
      List.of(
          "Balochistan",
          "\"border crossing\"",
          "Taftan",
          "بلوچستان",
          "مرز",
          "Saravan AND militants",
          "Bulletin");

  static List<Article> corpus() {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String body =
          switch (i % 3) {
            case 0 ->
                "Militants attacked a post in Baluchistan on Monday, officials said.\n\n"
                    + "The border crossing at Taftan was closed for the day.\n\n"
                    + "Trade resumed later in Saravan, where militants had been seen. Report "
                    + i;
            case 1 -> "بلوچستان میں سرحدی چوکی پر حملہ ہوا۔\n\nتفتان کی سرحد بند رہی۔ رپورٹ " + i;
            default -> "در سراوان در مرز بلوچستان درگیری رخ داد.\n\nمرز تفتان بسته شد. گزارش " + i;
          };
      articles.add(
          TestArticles.article(
              String.format("b%03d", i),
              i == 7 ? "Bulletin" : "Border report " + i,
              body,
              i % 2 == 0 ? "VOA" : "Dawn",
              List.of("en", "ur", "fa").get(i % 3),
              TestArticles.T0.plusSeconds(3_600L * i)));
    }
    return articles;
  }

  @Test
  void aNewIndexKeepsTheBodysOffsets(@TempDir Path dir) throws Exception {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(corpus()));
      indexer.refresh();
      assertTrue(ArticleFields.bodyHasOffsets(fieldInfos(indexer)));
      assertTrue(
          fieldInfos(indexer)
              .fieldInfo(ArticleFields.BODY)
              .getIndexOptions()
              .name()
              .contains("OFFSETS"),
          "body indexed with offsets");
    }
  }

  @Test
  void snippetsFromOffsetsEqualSnippetsFromAnalysis(@TempDir Path dir) throws Exception {
    List<Article> articles = corpus();
    Path withOffsets = dir.resolve("new");
    Path without = dir.resolve("old");
    writeOldIndex(without, articles);
    try (ArticleIndexer fresh = ArticleIndexer.open(withOffsets);
        ArticleIndexer old = ArticleIndexer.open(without)) {
      fresh.apply(ArticleBatch.of(articles));
      fresh.refresh();
      old.refresh();
      assertFalse(ArticleFields.bodyHasOffsets(fieldInfos(old)), "the old index stays as it was");
      for (String q : QUERIES) {
        for (SortOrder order : SortOrder.values()) {
          SearchRequest first = SearchRequest.of(q).withSort(order).withSize(4);
          SearchResult a = searcher(fresh).search(first);
          SearchResult b = searcher(old).search(first);
          assertTrue(a.total() > 0, q + " matches");
          assertEquals(b.hits(), a.hits(), q + " " + order + ": same hits and snippets");
          assertTrue(
              a.hits().stream().allMatch(h -> !h.snippet().isEmpty()), q + ": every hit a snippet");
          if (a.cursor() != null) {
            SearchRequest next = first.withCursor(a.cursor());
            assertEquals(
                searcher(old).search(next).hits(),
                searcher(fresh).search(next).hits(),
                q + " " + order + ": second page");
          }
        }
      }
      List<SearchResult.Hit> variant =
          searcher(fresh).search(SearchRequest.of("Balochistan").withSize(30)).hits();
      assertTrue(
          variant.stream().anyMatch(h -> h.snippet().contains("<mark>Baluchistan</mark>")),
          "the variant as written is marked: " + variant);
    }
  }

  @Test
  void anIndexMadeBeforeTakesNewArticlesWithoutOffsets(@TempDir Path dir) throws Exception {
    List<Article> articles = corpus();
    writeOldIndex(dir, articles.subList(0, 20));
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      // Lucene refuses a field whose options change within an index: this batch would fail.
      indexer.apply(ArticleBatch.of(articles.subList(15, 30)));
      indexer.commit();
      indexer.refresh();
      assertEquals(30, indexer.count());
      assertFalse(ArticleFields.bodyHasOffsets(fieldInfos(indexer)));
      SearchResult r = searcher(indexer).search(SearchRequest.of("Taftan").withSize(30));
      assertTrue(r.total() >= 10, "the English reports at least: " + r.total());
      assertTrue(r.hits().stream().allMatch(h -> h.snippet().contains("<mark>")), "" + r.hits());
    }
  }

  private static void writeOldIndex(Path dir, List<Article> articles) throws IOException {
    // The index as the service wrote it before: the body without offsets, sorted newest first.
    IndexWriterConfig config = new IndexWriterConfig(ArticleFields.analyzer());
    config.setIndexSort(ArticleFields.NEWEST_FIRST);
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter old = new IndexWriter(directory, config)) {
      for (Article a : articles) {
        old.addDocument(ArticleFields.toDocument(a, false));
      }
      old.commit();
    }
  }

  private static ArticleSearcher searcher(ArticleIndexer indexer) {
    return new ArticleSearcher(
        indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1));
  }

  private static FieldInfos fieldInfos(ArticleIndexer indexer) {
    try {
      IndexSearcher s = indexer.searchers().acquire();
      try {
        return FieldInfos.getMergedFieldInfos(s.getIndexReader());
      } finally {
        indexer.searchers().release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
