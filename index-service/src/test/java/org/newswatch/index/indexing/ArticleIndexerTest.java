package org.newswatch.index.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.LongArticles;
import org.newswatch.index.search.ArticleSearcher;
import org.newswatch.index.search.SearchRequest;
import org.newswatch.index.testing.TestArticles;

class ArticleIndexerTest {
  @Test
  void documentLuceneRefusesIsLeftOutAndTheRestOfTheBatchIsIndexedAndCommitted(@TempDir Path dir) {
    // Hostile input: a document with a single 40,000-byte keyword term, past the schema's bounds
    // (as a schema bug would let through): Lucene refuses the whole document.
    Article bad = TestArticles.numbered(2);
    java.util.function.Function<Article, org.apache.lucene.document.Document> refusing =
        a -> {
          org.apache.lucene.document.Document doc = ArticleFields.toDocument(a);
          if (a.id().equals(bad.id()) && a.title().startsWith("Updated")) {
            doc.add(
                new org.apache.lucene.document.StringField(
                    ArticleFields.AUTHORS,
                    "x".repeat(40_000),
                    org.apache.lucene.document.Field.Store.NO));
          }
          return doc;
        };
    Article updated =
        new Article(
            bad.schema(),
            bad.id(),
            bad.url(),
            bad.canonicalUrl(),
            bad.feedId(),
            bad.source(),
            "Updated " + bad.title(),
            bad.body(),
            bad.authors(),
            bad.language(),
            bad.publishedAt(),
            bad.fetchedAt(),
            bad.storyId(),
            bad.contentHash(),
            bad.extraction(),
            bad.keywords());
    try (ArticleIndexer indexer =
        ArticleIndexer.open(dir, java.util.function.UnaryOperator.identity(), refusing)) {
      assertEquals(List.of(), indexer.apply(ArticleBatch.of(List.of(bad))));
      List<ArticleIndexer.Refused> refused =
          indexer.apply(
              new ArticleBatch(
                  List.of(TestArticles.numbered(1), updated, TestArticles.numbered(3)),
                  List.of(),
                  Map.of("news.articles/0", 4L)));
      assertEquals(1, refused.size());
      assertEquals(1, refused.get(0).position());
      assertEquals(bad.id(), refused.get(0).id());
      assertTrue(
          refused.get(0).cause() instanceof IllegalArgumentException,
          refused.get(0).cause().toString());
      indexer.commit();
      indexer.refresh();
      assertEquals(
          3, indexer.count(), "the other two, and the previous version of the refused one");
      assertEquals(
          bad.title(),
          indexer.find(bad.id()).orElseThrow().title(),
          "the refused update left the previous version");
      assertEquals(Map.of("news.articles/0", 4L), indexer.committedPositions());
    }
  }

  @Test
  void keywordValuesOverTheTermLimitAreIndexedBoundedAndStoredWhole(@TempDir Path dir) {
    // Hostile input: a 40,000-character author, a 40 KB link and id, a 40 KB tag of 4-byte
    // characters.
    String huge = "x".repeat(40_000);
    String emoji = "\uD83D\uDCF0".repeat(10_000);
    Article a =
        new Article(
            Article.SCHEMA,
            "id-" + huge,
            "https://news.example/" + huge,
            null,
            "feed",
            "VOA",
            "Title",
            "Body.",
            List.of("Jane " + huge),
            "en",
            TestArticles.T0,
            TestArticles.T0,
            null,
            null,
            null,
            List.of(emoji));
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      assertEquals(List.of(), indexer.apply(ArticleBatch.of(List.of(a))));
      indexer.refresh();
      Article back = indexer.find(a.id()).orElseThrow();
      assertEquals(a.url(), back.url());
      assertEquals(a.authors(), back.authors());
      assertEquals(a.keywords(), back.keywords());
    }
    assertTrue(
        ArticleFields.term(emoji).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            <= ArticleFields.MAX_TERM_BYTES);
    assertFalse(
        ArticleFields.term(emoji).contains("\uFFFD"), "cut between characters, not inside one");
    assertEquals("Jane Doe", ArticleFields.term("Jane Doe"));
  }

  @Test
  void commitKeepsPositionsForTheNextOpenAndUncommittedWorkIsDropped(@TempDir Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      assertEquals(Map.of(), indexer.committedPositions());
      indexer.apply(
          new ArticleBatch(
              List.of(TestArticles.numbered(1)), List.of(), Map.of("news.articles/0", 1L)));
      indexer.commit();
      // Applied but never committed: as after a crash, it must not count.
      indexer.apply(
          new ArticleBatch(
              List.of(TestArticles.numbered(2)), List.of(), Map.of("news.articles/0", 2L)));
    }
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      assertEquals(Map.of("news.articles/0", 1L), indexer.committedPositions());
      assertEquals(1, indexer.count());
    }
  }

  @Test
  void upsertsByIdAndDeletesOnTombstones(@TempDir Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      Article a = TestArticles.numbered(1);
      indexer.apply(ArticleBatch.of(List.of(a, a, TestArticles.numbered(2))));
      indexer.refresh();
      assertEquals(2, indexer.count());
      indexer.apply(new ArticleBatch(List.of(), List.of(a.id()), Map.of()));
      indexer.refresh();
      assertEquals(1, indexer.count());
      assertFalse(indexer.find(a.id()).isPresent());
    }
  }

  @Test
  void storedFieldsGiveTheArticleBack(@TempDir Path dir) {
    Article ur =
        TestArticles.article(
            "ur1", "بلوچستان میں حملہ", "متن", "Dunya News", "ur", TestArticles.T0);
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(List.of(ur)));
      indexer.refresh();
      Article back = indexer.find("ur1").orElseThrow();
      assertEquals(ur.title(), back.title());
      assertEquals(ur.body(), back.body());
      assertEquals(ur.authors(), back.authors());
      assertEquals(ur.publishedAt(), back.publishedAt());
      assertEquals(ur.fetchedAt(), back.fetchedAt());
      assertEquals(ur.feedId(), back.feedId());
      assertEquals(ur.storyId(), back.storyId());
      assertEquals(ur.contentHash(), back.contentHash());
      assertEquals("page", back.extraction().method());
    }
  }

  @Test
  void aSearchOutOfTimeAnswersPartially(@TempDir Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(
          ArticleBatch.of(
              java.util.stream.IntStream.range(0, 2_000)
                  .mapToObj(TestArticles::numbered)
                  .toList()));
      indexer.refresh();
      ArticleSearcher noTime =
          new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ZERO);
      assertTrue(noTime.search(SearchRequest.of("report")).partial());
      ArticleSearcher enough =
          new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1));
      assertFalse(enough.search(SearchRequest.of("report")).partial());
      assertEquals(2_000, enough.search(SearchRequest.of("report")).total());
    }
  }

  @Test
  void publishersKeywordsAreStoredAndMatchedWhole(@TempDir Path dir) {
    Article base =
        TestArticles.article(
            "kw1",
            "Border crossing reopens",
            "Trucks crossed at Taftan.",
            "VOA",
            "en",
            TestArticles.T0);
    Article tagged =
        new Article(
            base.schema(),
            base.id(),
            base.url(),
            base.canonicalUrl(),
            base.feedId(),
            base.source(),
            base.title(),
            base.body(),
            base.authors(),
            base.language(),
            base.publishedAt(),
            base.fetchedAt(),
            base.storyId(),
            base.contentHash(),
            base.extraction(),
            List.of("Sistan-Baluchestan", "Trade"));
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(List.of(tagged, TestArticles.numbered(1))));
      indexer.refresh();
      assertEquals(
          List.of("Sistan-Baluchestan", "Trade"), indexer.find("kw1").orElseThrow().keywords());
      ArticleSearcher searcher =
          new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1));
      assertEquals(1, searcher.search(SearchRequest.of("keywords:\"Sistan-Baluchestan\"")).total());
      assertEquals(0, searcher.search(SearchRequest.of("keywords:Sistan")).total());
    }
  }

  @Test
  void aPhraseMatchesWithinAParagraphButNotAcrossTwo(@TempDir Path dir) {
    Article across =
        TestArticles.article(
            "p1",
            "Sports round-up",
            "The final was played in Quetta, Balochistan\n\nBorder crossings "
                + "at Taftan reopened for trade.",
            "VOA",
            "en",
            TestArticles.T0);
    Article within =
        TestArticles.article(
            "p2",
            "Trade",
            "Traders said the Balochistan border crossings reopened.",
            "VOA",
            "en",
            TestArticles.T0);
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(List.of(across, within)));
      indexer.refresh();
      ArticleSearcher searcher =
          new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1));
      assertEquals(
          List.of("p2"),
          searcher.search(SearchRequest.of("\"Balochistan border\"")).hits().stream()
              .map(h -> h.id())
              .toList());
      assertEquals(
          2,
          searcher.search(SearchRequest.of("Balochistan AND border")).total(),
          "words still match anywhere in the body");
      assertEquals(
          across.body(),
          indexer.find("p1").orElseThrow().body(),
          "the body comes back whole, paragraphs and all");
    }
  }

  /**
   * Hostile input: fourteen-paragraph articles in English, Urdu and Persian with soft hyphens,
   * zero-width non-joiners, tatweel and harakat, and blank lines of several shapes (issue 16). For
   * each place name, searched by its Latin spelling, every highlighted word in every hit is the
   * name exactly as that article writes it, however deep into the article it is.
   */
  @Test
  void highlightedWordsAreTheArticlesOwnWordsDeepIntoLongArticles(@TempDir Path dir) {
    List<Article> articles =
        LongArticles.ALL.stream()
            .map(
                t ->
                    TestArticles.article(
                        "long-" + t.language(),
                        t.title(),
                        t.body(),
                        "VOA",
                        t.language(),
                        TestArticles.T0))
            .toList();
    List<String> queries = List.of(LongArticles.PLACES_QUERY.split(" OR "));
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(articles));
      indexer.refresh();
      ArticleSearcher searcher =
          new ArticleSearcher(indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1));
      for (int i = 0; i < queries.size(); i++) {
        var hits = searcher.search(SearchRequest.of(queries.get(i))).hits();
        assertEquals(3, hits.size(), queries.get(i));
        for (var hit : hits) {
          String place =
              LongArticles.ALL.stream()
                  .filter(t -> hit.id().equals("long-" + t.language()))
                  .findFirst()
                  .orElseThrow()
                  .places()
                  .get(i);
          Matcher marked = MARK.matcher(hit.snippet());
          assertTrue(marked.find(), hit.snippet());
          do {
            assertEquals(place, marked.group(1), hit.id() + ": " + hit.snippet());
          } while (marked.find());
        }
      }
    }
  }

  private static final Pattern MARK = Pattern.compile("<mark>(.*?)</mark>");
}
