package org.newswatch.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/**
 * One article's way through the whole pipeline: a loopback news site publishes it, the
 * ingest-service polls and fetches it, the index-service makes it searchable and the alert-service
 * alerts on it if, and only if, it is about Balochistan border security. Then a restart on the same
 * folders, which must neither publish, index as new, nor alert anything twice.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class PipelineEndToEndTest {
  static final String KEY = "e2e-admin-key-0123456789abcdef";
  static final String BORDER_TOPIC = "balochistan-border-security";

  /**
   * Bounds, not expectations: a poll every 5 s, a page fetch, two consumers; CI machines are slow.
   */
  static final Duration PATIENCE = Duration.ofSeconds(120);

  /** A word in every fixture article, so one search counts them all. */
  static final String FIXTURE_WORD = "Newswatchfixture";

  static final NewsSite.Item BORDER =
      new NewsSite.Item(
          "/news/saravan-border-guards-attack.html",
          "Militants attack Iranian border guards near Saravan",
          "en",
          "Gunmen from the Jaish al-Adl group attacked a border guard post near Saravan in Sistan-Baluchestan,"
              + " killing two guards, before fleeing toward Pakistan's Balochistan province.",
          "Iran's border regiment sent reinforcements and said the militants had tried to infiltrate again"
              + " a week earlier. "
              + FIXTURE_WORD
              + ".");
  static final NewsSite.Item CRICKET =
      new NewsSite.Item(
          "/sport/quetta-gladiators-final.html",
          "Quetta Gladiators win the final at Bugti Stadium",
          "en",
          "Quetta Gladiators beat Karachi Kings by five wickets in the cricket final at Bugti Stadium in Quetta,"
              + " Balochistan, before a crowd of twenty thousand.",
          "Their captain scored an unbeaten eighty and the spinners took six wickets. "
              + FIXTURE_WORD
              + ".");
  static final NewsSite.Item WEATHER =
      new NewsSite.Item(
          "/weather/karachi-rain.html",
          "Light rain cools Karachi",
          "en",
          "Light rain fell across Karachi on Friday and forecasters expect a cool, cloudy weekend.",
          "Fishermen were told to stay ashore because of rough seas. " + FIXTURE_WORD + ".");

  @TempDir Path data;

  @Test
  void newItemIsSearchableAndOnlyTheBorderItemRaisesAnAlert(KafkaBroker broker) throws Exception {
    Topics topics = broker.newTopics();
    Api api = new Api(KEY);
    try (NewsSite site = NewsSite.start();
        Pipeline pipeline =
            Pipeline.start(
                broker.bootstrapServers(),
                topics,
                data,
                site.writeFeedsFile(data.resolve("feeds.yaml")),
                KEY)) {
      int search = pipeline.index.port();
      int alerts = pipeline.alert.port();

      // Given an unrelated story already through the pipeline,
      site.publish(CRICKET);
      await("cricket story searchable")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  Api.field(api.search(search, "Gladiators"), "hits", "title")
                      .contains(CRICKET.title()));

      // when the site publishes a new item about the border,
      site.publish(BORDER);

      // then it becomes searchable and raises an alert on the built-in topic,
      await("border story searchable")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  Api.field(api.search(search, "Saravan"), "hits", "title")
                      .contains(BORDER.title()));
      await("border alert")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  Api.field(api.alerts(alerts, BORDER_TOPIC), "items", "title")
                      .contains(BORDER.title()));
      Api.Response hit = api.search(search, "Saravan");
      assertTrue(
          Api.field(hit, "hits", "url").stream().anyMatch(u -> u.endsWith(BORDER.path())),
          hit.body()::toString);

      // and once the alert-service has read every article, the cricket story has raised none.
      await("alert-service read every article")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  TopicRecords.groupsCaughtUp(
                      broker.bootstrapServers(), topics.prefix(), topics.articles().name()));
      Api.Response list = api.alerts(alerts, BORDER_TOPIC);
      assertTrue(list.ok(), list::toString);
      List<String> alerted = Api.field(list, "items", "title");
      assertFalse(alerted.contains(CRICKET.title()), () -> "alerted on cricket: " + list.body());
      assertEquals(1, alerted.size(), () -> "one alert, for the border story: " + list.body());
    }
  }

  @Test
  void restartDoesNotRepublishReindexOrRealert(KafkaBroker broker) throws Exception {
    Topics topics = broker.newTopics();
    String bootstrap = broker.bootstrapServers();
    Api api = new Api(KEY);
    try (NewsSite site = NewsSite.start()) {
      Path feeds = site.writeFeedsFile(data.resolve("feeds.yaml"));
      site.publish(CRICKET);
      site.publish(BORDER);
      site.publish(WEATHER);

      // Given a pipeline that has handled three stories, one of them alerted,
      int articles;
      int alertRecords;
      List<String> alertIds;
      try (Pipeline first = Pipeline.start(bootstrap, topics, data, feeds, KEY)) {
        await("three stories searchable")
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    api.search(first.index.port(), FIXTURE_WORD).body().path("total").asLong()
                        == 3);
        await("border alert")
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    Api.field(api.alerts(first.alert.port(), BORDER_TOPIC), "items", "title")
                        .contains(BORDER.title()));
        await("alert-service read every article")
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    TopicRecords.groupsCaughtUp(
                        bootstrap, topics.prefix(), topics.articles().name()));
        articles = TopicRecords.count(bootstrap, topics.articles().name());
        alertRecords = TopicRecords.count(bootstrap, topics.alerts().name());
        alertIds = Api.field(api.alerts(first.alert.port(), BORDER_TOPIC), "items", "id");
      }
      assertEquals(3, articles, "each story published once");
      assertEquals(1, alertIds.size(), "one alert, for the border story");

      // when it is stopped and started again on the same folders, and polls the same feed twice
      // more,
      int fetchesBefore = site.feedFetches();
      try (Pipeline second = Pipeline.start(bootstrap, topics, data, feeds, KEY)) {
        await("two polls after the restart")
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> site.feedFetches() >= fetchesBefore + 2);
        await("search answering")
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> api.search(second.index.port(), FIXTURE_WORD).ok());
        await("alert-service read every article")
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    TopicRecords.groupsCaughtUp(
                        bootstrap, topics.prefix(), topics.articles().name()));

        // then nothing was published, indexed as new or alerted again.
        assertEquals(
            articles,
            TopicRecords.count(bootstrap, topics.articles().name()),
            "articles re-published");
        assertEquals(
            3,
            api.search(second.index.port(), FIXTURE_WORD).body().path("total").asLong(),
            "search total changed");
        assertEquals(
            alertRecords,
            TopicRecords.count(bootstrap, topics.alerts().name()),
            "alerts re-written");
        assertEquals(
            alertIds, Api.field(api.alerts(second.alert.port(), BORDER_TOPIC), "items", "id"));
      }
    }
  }
}
