package org.newswatch.index.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.model.Article;
import org.newswatch.index.indexing.ArticleBatch;
import org.newswatch.index.indexing.ArticleFields;
import org.newswatch.index.indexing.ArticleIndexer;
import org.newswatch.index.testing.TestArticles;

/**
 * The timeline's per-day counting ({@link DayCounter}) at its edges. Tried: times before 1970
 * (negative epoch days, where plain division would put an evening on the next day), a day's last
 * millisecond, and a segment spanning 66 years (counted in a map rather than an array).
 */
class TimelineCountsTest {
  static Article at(String id, String when) {
    return TestArticles.article(
        id, "Border report", "Border report.", "VOA", "en", Instant.parse(when));
  }

  /** The timeline of "border" over these articles, indexed in one segment. */
  static Timeline timeline(Path dir, Timeline.Interval interval, Article... articles) {
    try (ArticleIndexer indexer = ArticleIndexer.open(dir)) {
      indexer.apply(ArticleBatch.of(List.of(articles)));
      indexer.refresh();
      return new ArticleSearcher(
              indexer.searchers(), ArticleFields.analyzer(), Duration.ofMinutes(1))
          .timeline(SearchRequest.of("border"), interval);
    }
  }

  @Test
  void countsAroundTheEpochByUtcDay(@TempDir Path dir) {
    Timeline t =
        timeline(
            dir,
            Timeline.Interval.DAY,
            at("a", "1969-12-31T00:00:00Z"),
            at("b", "1969-12-31T23:59:59.999Z"),
            at("c", "1970-01-01T00:00:00Z"));
    assertEquals(3, t.total());
    assertEquals(
        List.of(
            new Timeline.Bucket(Instant.parse("1969-12-31T00:00:00Z"), 2),
            new Timeline.Bucket(Instant.parse("1970-01-01T00:00:00Z"), 1)),
        t.buckets());
  }

  @Test
  void countsASegmentSpanningDecadesByMonth(@TempDir Path dir) {
    Timeline t =
        timeline(
            dir,
            Timeline.Interval.MONTH,
            at("old", "1960-06-01T12:00:00Z"),
            at("old2", "1960-06-30T23:00:00Z"),
            at("new", "2026-03-01T08:00:00Z"));
    assertEquals(3, t.total());
    assertEquals(790, t.buckets().size(), "June 1960 to March 2026, empty months included");
    assertEquals(new Timeline.Bucket(Instant.parse("1960-06-01T00:00:00Z"), 2), t.buckets().get(0));
    assertEquals(
        new Timeline.Bucket(Instant.parse("2026-03-01T00:00:00Z"), 1), t.buckets().get(789));
    assertEquals(3, t.buckets().stream().mapToLong(Timeline.Bucket::count).sum());
  }
}
