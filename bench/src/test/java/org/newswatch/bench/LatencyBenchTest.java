package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.newswatch.common.model.Article;

class LatencyBenchTest {
  @Test
  void nearestRankPercentilesOfOneToHundred() {
    long[] values = LongStream.rangeClosed(1, 100).toArray();
    assertEquals(50, LatencyBench.percentile(values, 50));
    assertEquals(99, LatencyBench.percentile(values, 99));
    assertEquals(100, LatencyBench.percentile(values, 100));
    assertEquals(1, LatencyBench.percentile(values, 0.5));
  }

  @Test
  void p99OfFewValuesIsTheLargestAndP50TheLowerMiddle() {
    long[] ten = LongStream.rangeClosed(1, 10).map(v -> v * 10).toArray();
    assertEquals(50, LatencyBench.percentile(ten, 50));
    assertEquals(100, LatencyBench.percentile(ten, 99));
    long[] one = {7};
    assertEquals(7, LatencyBench.percentile(one, 50));
    assertEquals(7, LatencyBench.percentile(one, 99));
  }

  @Test
  void summarySortsACopyAndReportsMilliseconds() {
    // 200 intervals of 1..200 ms, in descending order: p50 is 100 ms, p99 198 ms, max 200 ms.
    long[] nanos = LongStream.rangeClosed(1, 200).map(v -> (201 - v) * 1_000_000L).toArray();
    long[] before = nanos.clone();
    LatencyBench.Summary s = LatencyBench.Summary.of(nanos);
    assertEquals(200, s.count());
    assertEquals(100.0, s.p50Millis(), 1e-9);
    assertEquals(198.0, s.p99Millis(), 1e-9);
    assertEquals(200.0, s.maxMillis(), 1e-9);
    assertArrayEquals(before, nanos);
  }

  @Test
  void refusesNoValuesAndPercentilesOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> LatencyBench.percentile(new long[0], 50));
    assertThrows(IllegalArgumentException.class, () -> LatencyBench.percentile(new long[] {1}, 0));
    assertThrows(
        IllegalArgumentException.class, () -> LatencyBench.percentile(new long[] {1}, 100.5));
  }

  @Test
  void optionsDefaultsFlagsAndErrors() {
    LatencyBench.Options d = LatencyBench.Options.parse(new String[0]);
    assertEquals(new LatencyBench.Options(600, 20, 1_000, 100), d);
    LatencyBench.Options o =
        LatencyBench.Options.parse(
            new String[] {
              "--articles", "1,200", "--rate", "40", "--subscriptions", "10_000", "--warmup", "0"
            });
    assertEquals(new LatencyBench.Options(1_200, 40, 10_000, 0), o);
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LatencyBench.Options.parse(new String[] {"--rate", "fast"}))
            .getMessage()
            .contains("--rate needs a number"));
    assertThrows(
        IllegalArgumentException.class,
        () -> LatencyBench.Options.parse(new String[] {"--rate", "0"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> LatencyBench.Options.parse(new String[] {"--articles"}));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> LatencyBench.Options.parse(new String[] {"--fast", "1"}))
            .getMessage()
            .contains("unknown flag"));
  }

  @Test
  void articlesHaveIdsOfTheirOwnAndOneInTenIsOnTopic() {
    List<Article> articles = LatencyBench.articles(new MatchingBenchmark(1), 30);
    assertEquals(30, articles.stream().map(Article::id).distinct().count());
    List<Article> onTopic =
        articles.stream()
            .filter(a -> a.body().matches("^(Militants|Security forces|Border guards) .*"))
            .toList();
    assertEquals(3, onTopic.size());
    for (int i = 0; i < articles.size(); i++) {
      assertEquals(LatencyBench.onTopic(i), onTopic.contains(articles.get(i)), "article " + i);
    }
  }
}
