package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newswatch.common.model.Article;

class StoryLinkingBenchTest {
  @Test
  void flagsAndDefaults() {
    StoryLinkingBench.Options d = StoryLinkingBench.Options.parse(new String[0]);
    assertEquals(200_000, d.remembered());
    assertEquals(20_000, d.articles());
    StoryLinkingBench.Options o =
        StoryLinkingBench.Options.parse(
            new String[] {
              "--link-remembered", "1,000", "--link-articles", "50", "--link-border-share", "1"
            });
    assertEquals(1_000, o.remembered());
    assertEquals(1.0, o.borderShare());
    assertThrows(
        IllegalArgumentException.class,
        () -> StoryLinkingBench.Options.parse(new String[] {"--link-border-share", "2"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> StoryLinkingBench.Options.parse(new String[] {"--fast"}));
    assertTrue(BenchMain.Options.parse(new String[] {"--skip-linking"}).skipLinking());
  }

  @Test
  void borderReportsNamePlacesInEveryLanguageAndRunIsSmallEnoughToTry() {
    var stream = new StoryLinkingBench.Stream(new StoryLinkingBench.Options(100, 10, 20, 1.0), 3);
    List<Article> articles =
        java.util.stream.IntStream.range(0, 60).mapToObj(i -> stream.next(false)).toList();
    assertTrue(
        articles.stream().allMatch(a -> !a.places().isEmpty()), "every border report is tagged");
    assertEquals(3, articles.stream().map(Article::language).distinct().count());
    List<String[]> rows = StoryLinkingBench.run(new StoryLinkingBench.Options(300, 30, 20, 0.5));
    assertEquals(4, rows.size());
  }
}
