package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleAnalyzer;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.testing.TestArticles;

/**
 * Exact phrases with a common word are asked as the word pairs the index keeps, and must find
 * exactly what the word-by-word phrase finds. Tried: 400 random phrases of two to four words over
 * 600 generated English, Urdu and Persian articles of common and rare words with paragraph breaks,
 * compared with the same phrases asked word by word on the same index; a phrase that would reach
 * across a paragraph; a sloppy phrase; word queries scored with and without pairs; an index whose
 * pairs came from another list of common words; the snippet's marks; an index made before the
 * pairs.
 */
class PhraseGramsTest {
  private static final String[] EN_COMMON = {"the", "of", "and", "in", "was", "has"};
  private static final String[] EN_RARE = {
    "border", "militants", "post", "taftan", "crossing", "attack", "saravan", "trade"
  };
  private static final String[] UR = {"کے", "میں", "سرحد", "حملہ", "بلوچستان", "پر", "چوکی"};
  private static final String[] FA = {"در", "به", "مرز", "حمله", "سراوان", "از", "پاسگاه"};

  @Test
  void theTextFieldsHoldEachCommonWordsPairsAtTheFirstWordsPositionWithTheirOffsets()
      throws IOException {
    List<String> tokens = new ArrayList<>();
    ArticleAnalyzer analyzer = ArticleFields.analyzer();
    String text = "Attack on the border.\n\nThe crossing";
    try (TokenStream s = analyzer.tokenStream(ArticleFields.BODY, text)) {
      CharTermAttribute term = s.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = s.addAttribute(PositionIncrementAttribute.class);
      OffsetAttribute offset = s.addAttribute(OffsetAttribute.class);
      s.reset();
      int position = -1;
      while (s.incrementToken()) {
        position += inc.getPositionIncrement();
        tokens.add(
            term
                + "@"
                + position
                + "["
                + text.substring(offset.startOffset(), offset.endOffset())
                + "]");
      }
      s.end();
    }
    assertEquals(
        List.of(
            "attack@0[Attack]",
            "attack on@0[Attack on]",
            "on@1[on]",
            "on the@1[on the]",
            "the@2[the]",
            "the border@2[the border]",
            "border@3[border]",
            // the paragraph gap: no "border the" pair
            "the@104[The]",
            "the cross@104[The crossing]",
            "cross@105[crossing]"),
        tokens);
    assertFalse(ArticleFields.analyzer(false).hasPhraseGrams(ArticleFields.BODY));
    assertFalse(analyzer.hasPhraseGrams(ArticleFields.SOURCE));
  }

  @Test
  void aPhraseAskedAsPairsFindsExactlyWhatItFindsWordByWord(@TempDir Path dir) {
    Random random = new Random(11);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String[] words = i % 3 == 0 ? null : i % 3 == 1 ? UR : FA;
      articles.add(
          TestArticles.article(
              String.format("p%04d", i),
              text(random, words, 6, false),
              text(random, words, 40, true),
              "VOA",
              List.of("en", "ur", "fa").get(i % 3),
              TestArticles.T0.plusSeconds(60L * i)));
    }
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(articles));
      indexer.commit();
      indexer.refresh();
      assertTrue(indexer.analyzer().hasPhraseGrams(ArticleFields.BODY));
      ArticleSearcher pairs = searcher(indexer, indexer.analyzer());
      ArticleSearcher wordByWord = searcher(indexer, ArticleFields.analyzer(false));
      int asPairs = 0;
      int found = 0;
      for (int q = 0; q < 400; q++) {
        String[] words = q % 3 == 0 ? null : q % 3 == 1 ? UR : FA;
        String phrase = "\"" + text(random, words, 2 + random.nextInt(3), false) + "\"";
        SearchRequest request = SearchRequest.of(phrase).withSize(100);
        if (!pairs.query(request).toString().equals(wordByWord.query(request).toString())) {
          asPairs++;
        }
        SearchResult expected = wordByWord.search(request);
        SearchResult actual = pairs.search(request);
        assertEquals(expected.total(), actual.total(), phrase);
        assertEquals(ids(expected), ids(actual), phrase);
        found += expected.total() > 0 ? 1 : 0;
      }
      // The comparison means something only if many phrases were asked as pairs and found some.
      assertTrue(asPairs > 150, "phrases asked as pairs: " + asPairs);
      assertTrue(found > 100, "phrases that found an article: " + found);
    }
  }

  @Test
  void wordQueriesScoreTheSameWithPairsAsWithout(@TempDir Path withPairs, @TempDir Path without)
      throws IOException {
    Random random = new Random(5);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      articles.add(
          TestArticles.article(
              "w" + i,
              text(random, null, 6, false),
              text(random, null, 10 + random.nextInt(60), true),
              "VOA",
              "en",
              TestArticles.T0.plusSeconds(i)));
    }
    // The same articles in the same order, so that document numbers match.
    List<float[]> scores = new ArrayList<>();
    for (Path dir : List.of(withPairs, without)) {
      boolean pairs = dir == withPairs;
      try (Directory directory = FSDirectory.open(dir);
          IndexWriter w =
              new IndexWriter(directory, new IndexWriterConfig(ArticleFields.analyzer(pairs)))) {
        for (Article a : articles) {
          w.addDocument(ArticleFields.toDocument(a, true));
        }
        w.commit();
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          IndexSearcher searcher =
              new WordOnlyStatistics(ArticleFields.analyzer(pairs)).searcher(reader, null);
          QuerySyntax syntax = new QuerySyntax(ArticleFields.analyzer(pairs));
          float[] byDoc = new float[articles.size() * 3];
          int q = 0;
          for (String query : List.of("border", "taftan OR attack", "the")) {
            for (ScoreDoc hit : searcher.search(syntax.parse(query), articles.size()).scoreDocs) {
              byDoc[q * articles.size() + hit.doc] = hit.score;
            }
            q++;
          }
          scores.add(byDoc);
        }
      }
    }
    int found = 0;
    for (float score : scores.get(1)) {
      found += score > 0 ? 1 : 0;
    }
    assertTrue(found > 200, "matches compared: " + found);
    // A norm keeps a length to within an eighth, so the words' average is estimated from them
    // (without the correction, scores were 9 % off).
    float[] expected = scores.get(1);
    float[] actual = scores.get(0);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], expected[i] * 0.002, "match " + i);
    }
  }

  @Test
  void pairsDoNotReachAcrossAParagraphAndASloppyPhraseIsAskedWordByWord(@TempDir Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(
          ArticleBatch.of(
              List.of(
                  TestArticles.article(
                      "gap",
                      "Report",
                      "Guards stood at the\n\nborder post all night.",
                      "VOA",
                      "en",
                      TestArticles.T0),
                  TestArticles.article(
                      "apart",
                      "Report",
                      "The long border was quiet.",
                      "VOA",
                      "en",
                      TestArticles.T0))));
      indexer.refresh();
      ArticleSearcher searcher = searcher(indexer, indexer.analyzer());
      assertEquals(0, searcher.search(SearchRequest.of("\"the border\"")).total());
      assertEquals(Set.of("apart"), ids(searcher.search(SearchRequest.of("\"the border\"~1"))));
      assertEquals(Set.of("gap"), ids(searcher.search(SearchRequest.of("\"at the\""))));
    }
  }

  @Test
  void theSnippetMarksThePhraseFoundAsAPair(@TempDir Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(
          ArticleBatch.of(
              List.of(
                  TestArticles.article(
                      "a1",
                      "Report",
                      "Traders waited. Trucks crossed the border at Taftan on Monday.",
                      "VOA",
                      "en",
                      TestArticles.T0))));
      indexer.refresh();
      SearchResult result =
          searcher(indexer, indexer.analyzer()).search(SearchRequest.of("\"the border\""));
      assertEquals(1, result.total());
      assertTrue(
          result.hits().get(0).snippet().contains("<mark>the border</mark>"),
          result.hits().get(0).snippet());
    }
  }

  @Test
  void aPhraseOfPairsAndPlainWordsIsMarkedOnceInTheSnippet(@TempDir Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(
          ArticleBatch.of(
              List.of(
                  TestArticles.article(
                      "a1",
                      "Report",
                      "Traders waited. Trucks stood at the border crossing at Taftan all day.",
                      "VOA",
                      "en",
                      TestArticles.T0))));
      indexer.refresh();
      SearchResult result =
          searcher(indexer, indexer.analyzer())
              .search(SearchRequest.of("\"border crossing at taftan\""));
      assertEquals(1, result.total());
      String snippet = result.hits().get(0).snippet();
      assertTrue(snippet.contains("<mark>border crossing at Taftan</mark>"), snippet);
    }
  }

  @Test
  void anIndexMadeBeforeThePairsIsSearchedWordByWordAndKeepsTakingArticles(@TempDir Path dir)
      throws IOException {
    Article before =
        TestArticles.article(
            "old", "Report", "Trucks crossed the border at Taftan.", "VOA", "en", TestArticles.T0);
    IndexWriterConfig config = new IndexWriterConfig(ArticleFields.analyzer(false));
    config.setIndexSort(ArticleFields.NEWEST_FIRST);
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter old = new IndexWriter(directory, config)) {
      old.addDocument(ArticleFields.toDocument(before, true));
      old.commit();
    }
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      assertFalse(indexer.analyzer().hasPhraseGrams(ArticleFields.BODY));
      indexer.apply(
          ArticleBatch.of(
              List.of(
                  TestArticles.article(
                      "new",
                      "Report",
                      "Buses crossed the border at Mirjaveh.",
                      "VOA",
                      "en",
                      TestArticles.T0.plusSeconds(60)))));
      indexer.commit();
      indexer.refresh();
      ArticleSearcher searcher = searcher(indexer, indexer.analyzer());
      assertEquals(Set.of("old", "new"), ids(searcher.search(SearchRequest.of("\"the border\""))));
    }
    // Reopened, it stays without pairs: the commit did not claim them.
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      assertFalse(indexer.analyzer().hasPhraseGrams(ArticleFields.BODY));
    }
  }

  @Test
  void anIndexWhosePairsCameFromAnotherListOfCommonWordsIsSearchedWordByWord(@TempDir Path dir)
      throws IOException {
    // Made with pairs, but its commit names a list version this code does not have: a phrase asked
    // as pairs of this list could miss articles, so it must be asked word by word.
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter old =
            new IndexWriter(directory, new IndexWriterConfig(ArticleFields.analyzer(true)))) {
      old.addDocument(
          ArticleFields.toDocument(
              TestArticles.article(
                  "old", "Report", "Trucks crossed the border.", "VOA", "en", TestArticles.T0),
              true));
      old.setLiveCommitData(java.util.Map.of("newswatch.phrase-grams", "0").entrySet());
      old.commit();
    }
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      assertFalse(indexer.analyzer().hasPhraseGrams(ArticleFields.BODY));
      indexer.refresh();
      assertEquals(
          Set.of("old"),
          ids(searcher(indexer, indexer.analyzer()).search(SearchRequest.of("\"the border\""))));
    }
  }

  @Test
  void aNewIndexSaysInItsCommitsThatItHoldsThePairs(@TempDir Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(List.of(TestArticles.numbered(1))));
      indexer.commit();
    }
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      assertTrue(indexer.analyzer().hasPhraseGrams(ArticleFields.BODY));
      assertTrue(
          indexer.analyzer().hasPhraseGrams(ArticleFields.TITLE)
              && indexer.analyzer().hasPhraseGrams(ArticleFields.LEAD));
    }
  }

  @Test
  void aPhraseOfRareWordsStaysWordByWord() {
    var query = new QuerySyntax(ArticleFields.analyzer()).parse("\"border crossing\"").toString();
    assertTrue(query.contains("body:\"border cross\""), query);
    var pair = new QuerySyntax(ArticleFields.analyzer()).parse("\"the border\"");
    assertTrue(pair.toString().contains("body:\"the border\""), pair.toString());
    assertFalse(pair instanceof TermQuery);
  }

  /** {@code n} words, common ones in about two of five, paragraph breaks when asked. */
  private static String text(Random random, String[] script, int n, boolean paragraphs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String word;
      if (script == null) {
        word =
            random.nextInt(5) < 2
                ? EN_COMMON[random.nextInt(EN_COMMON.length)]
                : EN_RARE[random.nextInt(EN_RARE.length)];
      } else {
        word = script[random.nextInt(script.length)];
      }
      b.append(i == 0 ? "" : paragraphs && random.nextInt(12) == 0 ? "\n\n" : " ").append(word);
    }
    return b.toString();
  }

  private static ArticleSearcher searcher(ArticleIndexer indexer, ArticleAnalyzer analyzer) {
    return new ArticleSearcher(indexer.searchers(), analyzer, Duration.ofMinutes(1));
  }

  private static Set<String> ids(SearchResult result) {
    Set<String> ids = new TreeSet<>();
    result.hits().forEach(h -> ids.add(h.id()));
    return ids;
  }
}
