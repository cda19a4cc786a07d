package org.newswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.newswatch.alert.match.AlertMatcher;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Subscription;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.extract.ExtractionResult;
import org.newswatch.ingest.extract.StoryClusterer;

class LoadSubscriptionsTest {
  @Test
  void sameSeedSameQueriesAndEveryShape() {
    List<LoadSubscriptions.Query> a = LoadSubscriptions.generate(100, 7);
    assertEquals(a, LoadSubscriptions.generate(100, 7));
    assertEquals(100, a.stream().map(LoadSubscriptions.Query::name).distinct().count());
    assertTrue(a.stream().anyMatch(q -> q.query().startsWith("weighted threshold=")));
    assertTrue(a.stream().anyMatch(q -> q.query().startsWith("+")));
    assertTrue(a.stream().anyMatch(q -> q.query().startsWith("\"")));
  }

  /**
   * The queries must fire on a small but real share of the live corpus's articles as the service
   * would extract and match them: none would measure no latency, nearly all would flood the stream.
   */
  @Test
  void queriesFireOnASmallShareOfTheCorpusArticles() {
    FeedCorpus corpus =
        FeedCorpus.live(
            400, 40, 3, 8080, Instant.parse("2026-11-28T00:00:00Z"), Duration.ofMinutes(2));
    ArticleExtractor extractor = new ArticleExtractor();
    List<Article> articles = new ArrayList<>();
    for (int f = 0; f < 400; f++) {
      String url =
          "http://" + FeedCorpus.host(corpus.siteOf(f)) + ":8080" + FeedCorpus.pagePath(f, 3);
      ExtractionResult r = extractor.extract(corpus.page(f, 3), "text/html; charset=utf-8", url);
      var page = assertInstanceOf(ExtractionResult.Extracted.class, r).page();
      articles.add(
          new Article(
              Article.SCHEMA,
              "a" + f,
              url,
              null,
              null,
              "bench",
              page.title(),
              page.body(),
              null,
              "en",
              null,
              Instant.EPOCH,
              null,
              null,
              null));
    }
    List<LoadSubscriptions.Query> queries = LoadSubscriptions.generate(100, 2026_11_28L);
    Map<String, Integer> firedBy = new TreeMap<>();
    int alerts = 0;
    try (AlertMatcher matcher = new AlertMatcher()) {
      List<Subscription> subs = new ArrayList<>();
      for (int i = 0; i < queries.size(); i++) {
        subs.add(
            new Subscription(
                Subscription.SCHEMA,
                "s" + i,
                "an-load",
                queries.get(i).name(),
                queries.get(i).query(),
                null,
                null,
                null,
                null,
                Instant.EPOCH));
      }
      matcher.putAll(subs);
      for (Article a : articles) {
        for (var m : matcher.match(a)) {
          alerts++;
          firedBy.merge(m.subscription().id(), 1, Integer::sum);
        }
      }
    }
    // Alerts are once per subscription and story: the corpus's pages must be different stories to
    // the ingest-service's near-duplicate detection, or most matches never become alerts.
    StoryClusterer stories = new StoryClusterer();
    long distinct =
        articles.stream().map(a -> stories.assign(a.title(), a.body(), "en")).distinct().count();
    System.out.printf("%d of %d corpus pages are distinct stories%n", distinct, articles.size());
    assertTrue(
        distinct >= articles.size() * 0.98,
        "only " + distinct + " distinct stories among " + articles.size() + " pages");
    double perArticle = alerts / (double) articles.size();
    System.out.printf(
        "%d alerts on %d articles (%.2f per article); %d of 100 subscriptions fired: %s%n",
        alerts, articles.size(), perArticle, firedBy.size(), firedBy);
    assertTrue(perArticle >= 0.1 && perArticle <= 3, "alerts per article " + perArticle);
    assertTrue(firedBy.size() >= 30, "only " + firedBy.size() + " subscriptions ever fired");
  }
}
