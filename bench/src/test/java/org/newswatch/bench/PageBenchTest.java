package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;

/**
 * What of the page bench runs without a browser: its arguments, the words it picks from an index (a
 * committed 200-article index of generated text), and how it reads and checks what the page shows.
 */
class PageBenchTest {
  static final List<Article> ARTICLES = new ArticleGenerator(3, 500, 60).articles(200);

  static Path indexIn(Path dir) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(ARTICLES));
      indexer.commit();
    }
    return dir;
  }

  static String refusal(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> PageBench.Options.parse(args))
        .getMessage();
  }

  @Test
  void refusesAMissingIndexFlagAFolderThatIsNotThereAndOneWithoutAnIndex(@TempDir Path dir)
      throws IOException {
    assertTrue(refusal().startsWith("--index DIR is required"), refusal());
    assertTrue(refusal("--queries", "5").startsWith("--index DIR is required"));

    Path absent = dir.resolve("idx1m-page");
    assertEquals("--index " + absent + " does not exist", refusal("--index", absent.toString()));

    Path file = Files.writeString(dir.resolve("notes.txt"), "not an index");
    assertEquals("--index " + file + " is not a folder", refusal("--index", file.toString()));

    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(
        "--index " + empty + " holds no Lucene index (no segments_N file)",
        refusal("--index", empty.toString()));
    assertTrue(refusal("--index").startsWith("--index needs a value"));
  }

  @Test
  void readsTheIndexAndTheNumberOfQueries(@TempDir Path dir) {
    Path index = indexIn(dir.resolve("index"));

    PageBench.Options d = PageBench.Options.parse(new String[] {"--index", index.toString()});
    assertEquals(index.toAbsolutePath(), d.index());
    assertEquals(50, d.queries());
    assertEquals(
        1_000,
        PageBench.Options.parse(new String[] {"--queries", "1,000", "--index", index.toString()})
            .queries());

    String i = index.toString();
    assertEquals("--queries must be at least 1, was 0", refusal("--index", i, "--queries", "0"));
    assertEquals(
        "--queries needs a whole number, was 'many'", refusal("--index", i, "--queries", "many"));
    assertTrue(refusal("--index", i, "--fast").startsWith("unknown flag --fast"));
  }

  @Test
  void picksBodyWordsInOneToTwentySixPercentOfTheArticles(@TempDir Path dir) throws IOException {
    Path index = indexIn(dir);

    PageWords.Picked picked = PageWords.pick(index, 30, PageBench.SEED);

    assertEquals(200, picked.documents());
    assertEquals(30, picked.words().size());
    assertEquals(30, new HashSet<>(picked.words()).size(), "distinct while there are enough");
    try (FSDirectory directory = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      for (String w : picked.words()) {
        int df = reader.docFreq(new Term(ArticleFields.BODY, w));
        // 1 % and 26 % of 200 articles.
        assertTrue(df >= 2 && df <= 52, w + " is in " + df + " articles");
        assertFalse(w.contains(" "), w);
      }
    }
    assertEquals(picked, PageWords.pick(index, 30, PageBench.SEED), "a seed picks the same");
    assertNotEquals(picked.words(), PageWords.pick(index, 30, PageBench.SEED + 1).words());
  }

  /**
   * Every word that qualifies, counted here from the articles' text rather than from the index's
   * statistics.
   */
  @Test
  void theCandidatesAreExactlyTheQualifyingWordsOfTheBodies(@TempDir Path dir) throws IOException {
    Path index = indexIn(dir);
    Analyzer words = ArticleFields.analyzer().wordsOnly();
    Map<String, Integer> articlesWith = new HashMap<>();
    for (Article a : ARTICLES) {
      for (String w : analysed(words, a.body())) {
        articlesWith.merge(w, 1, Integer::sum);
      }
    }
    Set<String> expected = new HashSet<>();
    for (var e : articlesWith.entrySet()) {
      if (e.getValue() >= 2 && e.getValue() <= 52 && PageWords.typedAs(words, e.getKey())) {
        expected.add(e.getKey());
      }
    }

    try (FSDirectory directory = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      List<String> candidates = PageWords.candidates(reader);
      Set<String> missing = new HashSet<>(expected);
      candidates.forEach(missing::remove);
      Set<String> extra = new HashSet<>(candidates);
      extra.removeAll(expected);
      assertEquals(Set.of(), missing, "qualifying words not picked");
      assertEquals(Set.of(), extra, "words picked that do not qualify");
      assertEquals(expected.size(), candidates.size(), "each once");
      assertTrue(candidates.size() > 100, "a few hundred of the 500 words: " + candidates.size());
      assertFalse(candidates.contains("the"), "in every article");
    }
    // More words asked than the index has: the same ones round again, in the same order.
    PageWords.Picked all = PageWords.pick(index, expected.size() + 3, 1);
    assertEquals(
        all.words().subList(0, 3), all.words().subList(expected.size(), expected.size() + 3));
  }

  @Test
  void aWordIsTypedOnlyWhenItsAnalysisIsItself() throws IOException {
    Analyzer words = ArticleFields.analyzer().wordsOnly();
    assertTrue(PageWords.typedAs(words, "border"));
    assertFalse(PageWords.typedAs(words, "crossings"), "stemmed to cross");
    assertFalse(PageWords.typedAs(words, "of the"), "two words");
  }

  @Test
  void readsTheStatusLineAndFacetButtons() {
    assertEquals(OptionalLong.of(5176), PageClock.total("5176 articles match; showing 20."));
    assertEquals(OptionalLong.of(3), PageClock.total("3 articles match."));
    assertEquals(OptionalLong.empty(), PageClock.total("Enter a valid API key first. (no key)"));
    assertEquals(OptionalLong.empty(), PageClock.total("Searching…"));

    assertEquals(
        List.of(Map.entry("Dunya News", 4000L), Map.entry("BBC (Urdu)", 12L)),
        List.copyOf(
            PageClock.facetCounts(List.of("Dunya News (4000)", "BBC (Urdu) (12)")).entrySet()));
    assertThrows(IllegalArgumentException.class, () -> PageClock.facetCounts(List.of("Dawn")));
  }

  @Test
  void aPageDiffersFromTheApiInItsTotalFacetsOrTimeline() {
    SearchApi.Answer api =
        new SearchApi.Answer(30, Map.of("Dawn", 20L, "VOA", 10L), Map.of("en", 25L, "ur", 5L));
    PageClock.Shown right =
        new PageClock.Shown(
            42.5,
            40.1,
            "30 articles match; showing 20.",
            List.of("Dawn (20)", "VOA (10)"),
            List.of("en (25)", "ur (5)"),
            "Matches per day: 30 articles over 12 days");
    assertEquals(Optional.empty(), right.differenceFrom(api));

    PageClock.Shown stale =
        new PageClock.Shown(
            42.5,
            40.1,
            "31 articles match; showing 20.",
            List.of("Dawn (21)", "VOA (10)"),
            List.of("en (25)", "ur (5)"),
            "Matches per day: 31 articles over 12 days");
    String wrong = stale.differenceFrom(api).orElseThrow();
    assertTrue(wrong.contains("the API's total 30"), wrong);
    assertTrue(wrong.contains("sources [Dawn (21), VOA (10)]"), wrong);
    assertFalse(wrong.contains("languages"), wrong);
    assertTrue(wrong.contains("timeline 'Matches per day: 31 articles"), wrong);
  }

  @Test
  void printsOneRowPerMeasure(@TempDir Path dir) {
    LatencyBench.Summary words =
        LatencyBench.Summary.of(new long[] {20_000_000, 30_000_000, 95_000_000});
    PageClock.Shown every =
        new PageClock.Shown(
            180, 170, "1000000 articles match; showing 20.", List.of(), List.of(), "");
    String table =
        PageBench.table(
            new PageBench.Result(
                dir,
                1_000_000,
                "156.0",
                4.25,
                230,
                every,
                every,
                words,
                words,
                words,
                5_000,
                260_000,
                "segments_1",
                "segments_2"));
    assertTrue(table.contains("| articles in the index | 1,000,000 | " + dir + " |"), table);
    assertTrue(
        table.contains(
            "| **word search → total, facets and timeline shown, p50 / p99 (max)** | **30 ms / 95 ms** (95 ms) | 3 words in 1–26 % of the bodies (5,000 to 260,000 matches), after 20 untimed;"),
        table);
    assertTrue(table.contains("| first search: every article, newest first | 180 ms |"), table);
    assertTrue(
        table.contains(
            "| index folder's commit, before → after | segments_1 → segments_2 | the service committed to it"),
        table);
  }

  static List<String> analysed(Analyzer analyzer, String text) throws IOException {
    List<String> terms = new java.util.ArrayList<>();
    try (TokenStream s = analyzer.tokenStream(ArticleFields.BODY, text)) {
      CharTermAttribute term = s.addAttribute(CharTermAttribute.class);
      s.reset();
      while (s.incrementToken()) {
        terms.add(term.toString());
      }
      s.end();
    }
    return new java.util.ArrayList<>(new HashSet<>(terms));
  }
}
