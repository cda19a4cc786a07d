package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
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
 * A phrase answered from word pairs finds exactly what the phrase over positions finds: the same
 * articles, the same total and facets, the same scores to the bit, the same explanation and
 * snippets; across a paragraph break neither matches. Tried on English, Urdu and Persian bodies of
 * several paragraphs, common words, repeated words, three- and four-word phrases, a name variant, a
 * phrase in the title only, and an index made before the pairs (which answers from positions).
 */
class PairPhraseQueryTest {
  static final List<String> PHRASES =
      List.of(
          "\"the border\"",
          "\"border crossing\"",
          "\"the border crossing\"",
          "\"at the border crossing\"",
          "\"closed the border\"",
          "\"the the\"",
          "\"very very\"",
          "\"very very very\"",
          "\"Baluchistan police\"",
          "\"Balochistan police\"",
          "\"police station\"",
          "\"station the\"",
          "\"weekly bulletin\"",
          "\"سرحد بند\"",
          "\"مرز تفتان\"",
          "\"crossing militants\"",
          "\"said militants\"",
          "\"border crossing\" AND police",
          "\"the border\" OR \"police station\"",
          "title:\"border report\"",
          "body:\"the border\" NOT \"police station\"",
          "\"border crossing\"~2",
          "\"no such phrase\"");

  /**
   * Articles of several paragraphs; phrases that stand at a paragraph's end and the next's start.
   */
  static List<Article> corpus() {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String body =
          switch (i % 5) {
            case 0 ->
                "Officials closed the border at the border crossing on Monday, the the police said.\n\n"
                    + "Militants were seen near the police station in Baluchistan. Report "
                    + i;
            case 1 ->
                "The border was quiet. Traders waited at the border crossing.\n\n"
                    + "Militants attacked; Balochistan police said it was very very very serious.";
            case 2 ->
                "Trade resumed after the crossing\n\nMilitants said the border crossing would stay"
                    + " shut. "
                    + "Police station staff were very very tired. "
                    + i;
            case 3 -> "بلوچستان میں سرحد بند رہی۔\n\nسرحد بند کر دی گئی۔ رپورٹ " + i;
            default -> "مرز تفتان بسته شد.\n\nدر مرز تفتان درگیری رخ داد. گزارش " + i;
          };
      articles.add(
          TestArticles.article(
              String.format("p%03d", i),
              i % 7 == 0 ? "Weekly bulletin " + i : "Border report " + i,
              body,
              List.of("VOA", "Dawn", "Radio Farda").get(i % 3),
              List.of("en", "en", "en", "ur", "fa").get(i % 5),
              TestArticles.T0.plusSeconds(3_600L * i)));
    }
    return articles;
  }

  @Test
  void pairsStandWhereTwoWordsStandSideBySide() throws IOException {
    Analyzer analyzer = ArticleFields.analyzer();
    List<String> pairs = new ArrayList<>();
    List<Integer> increments = new ArrayList<>();
    try (TokenStream ts =
        analyzer.tokenStream(
            ArticleFields.PAIR_FIELDS.get(ArticleFields.BODY),
            "The border crossing\n\nMilitants attack")) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        pairs.add(term.toString().replace('\u001f', '+'));
        increments.add(increment.getPositionIncrement());
      }
      ts.end();
    }
    // Stemmed and folded as the words are; none across the blank line ("crossing militant").
    assertEquals(List.of("the+border", "border+cross", "milit+attack"), pairs);
    assertEquals(List.of(1, 1), increments.subList(0, 2));
    assertTrue(
        increments.get(2) > org.newswatch.common.text.NewsAnalyzer.PARAGRAPH_GAP, "" + increments);
  }

  @Test
  void aPhraseFromPairsMatchesAndScoresAsThePhrase(@TempDir Path dir) throws Exception {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(corpus()));
      indexer.commit();
      indexer.refresh();
      assertTrue(ArticleFields.hasWordPairs(fieldInfos(indexer)), "a new index keeps pairs");
      IndexSearcher searcher = indexer.searchers().acquire();
      try {
        int matched = 0;
        for (String q : PHRASES) {
          Query phrase = new QuerySyntax(ArticleFields.analyzer()).parse(q);
          Query pairs = PairPhraseQuery.pairs(phrase);
          if (!q.contains("~")) {
            assertTrue(readsPairs(pairs), q + " reads pairs: " + pairs);
          }
          TopDocs a = searcher.search(phrase, 100);
          TopDocs b = searcher.search(pairs, 100);
          assertEquals(a.totalHits, b.totalHits, q + ": total");
          assertEquals(docsAndScores(a), docsAndScores(b), q + ": same articles, same scores");
          assertEquals(searcher.count(phrase), searcher.count(pairs), q + ": count");
          for (ScoreDoc d : a.scoreDocs) {
            Explanation e = searcher.explain(phrase, d.doc);
            Explanation f = searcher.explain(pairs, d.doc);
            assertEquals(e.getValue(), f.getValue(), q + ": explained score");
            assertEquals(e.toString(), f.toString(), q + ": explanation");
          }
          matched += a.scoreDocs.length > 0 ? 1 : 0;
        }
        // All but four: "no such phrase", "station the" and the two across a paragraph.
        assertEquals(PHRASES.size() - 4, matched, "phrases that match something");
      } finally {
        indexer.searchers().release(searcher);
      }
    }
  }

  @Test
  void noPhraseReachesAcrossAParagraph(@TempDir Path dir) throws Exception {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(corpus()));
      indexer.refresh();
      ArticleSearcher searcher = searcher(indexer);
      // "… at the border crossing on Monday …" matches; "… after the crossing\n\nMilitants …" not.
      assertEquals(0, searcher.search(SearchRequest.of("\"crossing militants\"")).total());
      assertEquals(0, searcher.search(SearchRequest.of("\"said militants\"")).total());
      assertEquals(12, searcher.search(SearchRequest.of("\"militants said\"")).total());
      assertEquals(12, searcher.search(SearchRequest.of("\"the the\"")).total());
    }
  }

  @Test
  void anIndexMadeBeforePairsAnswersTheSame(@TempDir Path dir) throws Exception {
    List<Article> articles = corpus();
    Path old = dir.resolve("old");
    writeIndexWithoutPairs(old, articles.subList(0, 40));
    try (ArticleIndexer fresh = ArticleIndexer.open(dir.resolve("new"));
        ArticleIndexer before = ArticleIndexer.open(old)) {
      fresh.apply(ArticleBatch.of(articles));
      fresh.refresh();
      // New articles in an index made before: no pairs for them either.
      before.apply(ArticleBatch.of(articles.subList(40, 60)));
      before.commit();
      before.refresh();
      assertFalse(ArticleFields.hasWordPairs(fieldInfos(before)), "the old index stays as it was");
      assertTrue(ArticleFields.hasWordPairs(fieldInfos(fresh)));
      for (String q : PHRASES) {
        for (SortOrder order : SortOrder.values()) {
          SearchRequest request = SearchRequest.of(q).withSort(order).withSize(7);
          SearchResult a = searcher(fresh).search(request);
          SearchResult b = searcher(before).search(request);
          assertEquals(b.total(), a.total(), q + " " + order + ": total");
          assertEquals(b.facets(), a.facets(), q + " " + order + ": facets");
          assertEquals(b.hits(), a.hits(), q + " " + order + ": hits and snippets");
          assertEquals(b.cursor(), a.cursor(), q + " " + order + ": cursor");
          if (a.cursor() != null) {
            SearchRequest next = request.withCursor(a.cursor());
            assertEquals(
                searcher(before).search(next).hits(),
                searcher(fresh).search(next).hits(),
                q + " " + order + ": second page");
          }
        }
      }
      SearchResult marked = searcher(fresh).search(SearchRequest.of("\"border crossing\""));
      assertNotEquals(0, marked.total());
      assertTrue(
          marked.hits().stream()
              .allMatch(h -> h.snippet().contains("<mark>border crossing</mark>")),
          "the phrase's words are marked: " + marked.hits());
    }
  }

  @Test
  void onlyExactPhrasesOfTextFieldsArePaired() {
    QuerySyntax syntax = new QuerySyntax(ArticleFields.analyzer());
    assertFalse(readsPairs(PairPhraseQuery.pairs(syntax.parse("\"border crossing\"~1"))));
    assertFalse(readsPairs(PairPhraseQuery.pairs(syntax.parse("border crossing"))));
    assertFalse(readsPairs(PairPhraseQuery.pairs(syntax.parse("\"border\""))));
    PhraseQuery gap =
        new PhraseQuery.Builder().add(term("border"), 0).add(term("cross"), 2).build();
    assertInstanceOf(PhraseQuery.class, PairPhraseQuery.pairs(gap));
    Query both = PairPhraseQuery.pairs(syntax.parse("\"border crossing\" AND police"));
    assertInstanceOf(BooleanQuery.class, both);
    assertTrue(readsPairs(both));
    assertEquals(
        syntax.parse("\"border crossing\" AND police").toString(),
        both.toString(),
        "reads as the phrase");
  }

  private static org.apache.lucene.index.Term term(String word) {
    return new org.apache.lucene.index.Term(ArticleFields.BODY, word);
  }

  private static boolean readsPairs(Query query) {
    return contains(query);
  }

  /** Whether a PairPhraseQuery stands anywhere in the tree (visit shows the phrase inside). */
  private static boolean contains(Query query) {
    if (query instanceof PairPhraseQuery) {
      return true;
    }
    if (query instanceof BooleanQuery bq) {
      return bq.clauses().stream().anyMatch(c -> contains(c.query()));
    }
    if (query instanceof org.apache.lucene.search.BoostQuery boost) {
      return contains(boost.getQuery());
    }
    return false;
  }

  private static List<String> docsAndScores(TopDocs docs) {
    List<String> out = new ArrayList<>();
    for (ScoreDoc d : docs.scoreDocs) {
      out.add(d.doc + ":" + Float.floatToIntBits(d.score));
    }
    return out;
  }

  private static void writeIndexWithoutPairs(Path dir, List<Article> articles) throws IOException {
    // The index as the service wrote it before pairs: body offsets, sorted newest first.
    IndexWriterConfig config = new IndexWriterConfig(ArticleFields.analyzer());
    config.setIndexSort(ArticleFields.NEWEST_FIRST);
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter old = new IndexWriter(directory, config)) {
      for (Article a : articles) {
        old.addDocument(ArticleFields.toDocument(a, true, false));
      }
      old.commit();
    }
  }

  private static ArticleSearcher searcher(ArticleIndexer indexer) {
    return new ArticleSearcher(
        indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1));
  }

  private static FieldInfos fieldInfos(ArticleIndexer indexer) throws IOException {
    IndexSearcher s = indexer.searchers().acquire();
    try {
      return FieldInfos.getMergedFieldInfos(s.getIndexReader());
    } finally {
      indexer.searchers().release(s);
    }
  }
}
