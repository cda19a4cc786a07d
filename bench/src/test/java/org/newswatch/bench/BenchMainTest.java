package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchMainTest {
  @Test
  void defaultsAndFlags() {
    BenchMain.Options d = BenchMain.Options.parse(new String[0]);
    assertEquals(20_000, d.articles());
    assertEquals(100_000, d.searchDocs());
    assertFalse(d.skipSearch());
    BenchMain.Options o =
        BenchMain.Options.parse(
            new String[] {
              "--articles",
              "50_000",
              "--search-docs",
              "1,000,000",
              "--rounds",
              "3",
              "--skip-alerts",
              "--skip-extraction"
            });
    assertEquals(50_000, o.articles());
    assertEquals(1_000_000, o.searchDocs());
    assertEquals(3, o.rounds());
    assertTrue(o.skipAlerts());
    assertTrue(o.skipExtraction());
    assertEquals(600, d.latencyArticles());
    assertFalse(d.skipLatency());
    BenchMain.Options l =
        BenchMain.Options.parse(new String[] {"--latency-articles", "1,200", "--skip-latency"});
    assertEquals(1_200, l.latencyArticles());
    assertTrue(l.skipLatency());
    assertEquals(500, d.searchWarmup());
    assertEquals(
        2_000, BenchMain.Options.parse(new String[] {"--search-warmup", "2,000"}).searchWarmup());
  }

  @Test
  void refusesUnknownFlagsAndMissingOrBadNumbers() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchMain.Options.parse(new String[] {"--fast"}))
            .getMessage()
            .contains("unknown flag"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchMain.Options.parse(new String[] {"--articles"}))
            .getMessage()
            .contains("needs a number"));
    assertThrows(
        IllegalArgumentException.class,
        () -> BenchMain.Options.parse(new String[] {"--articles", "0"}));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchMain.Options.parse(new String[] {"--queries", "many"}))
            .getMessage()
            .contains("--queries needs a whole number, was 'many'"));
  }

  @Test
  void generatedArticlesAreDeterministicAndValid() {
    var a = new ArticleGenerator(1, 1_000, 50).articles(20);
    var b = new ArticleGenerator(1, 1_000, 50).articles(20);
    assertEquals(a, b);
    assertEquals(20, a.stream().map(x -> x.id()).distinct().count());
    assertTrue(a.get(0).body().split(" ").length >= 50);
  }
}
