package org.newswatch.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.app.faults.StoryFeed;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/**
 * The hostile inputs of issue 11 sent through the three services wired as the all-in-one wires
 * them: feed items with a 40,000-character author, a 40 KB link and a 5 MB description among
 * ordinary stories, and, beside one analyst's good webhook, another analyst's two receivers: one
 * answers 200 and then sends a body that never ends, one answers only after 15 s. No stage may
 * stop: every ordinary story is indexed, the good receiver gets every alert due to it exactly once,
 * and ingest and index stay ready.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class HostileInputsThroughTheAllInOneTest {
  static final String KEY = "hostile-inputs-admin-key-0123456789";

  /** Bounds, not expectations: five-second feed polls on a busy two-core machine. */
  static final Duration PATIENCE = Duration.ofSeconds(180);

  static final int STORIES = 10;

  @TempDir Path data;

  @Test
  void hostileItemsAndReceiversStopNoStageAndDelayNoOtherAnalyst(KafkaBroker broker)
      throws Exception {
    Topics topics = broker.newTopics();
    Api admin = new Api(KEY);
    try (NewsSite site = NewsSite.start();
        StoryFeed stories = new StoryFeed(site, 11);
        WebhookReceivers receivers = WebhookReceivers.start();
        Pipeline pipeline =
            Pipeline.start(
                broker.bootstrapServers(),
                topics,
                data,
                site.writeFeedsFile(data.resolve("feeds.yaml")),
                KEY)) {
      int alertPort = pipeline.alert.port();

      // Given one analyst with a good webhook, and another whose receivers stall and crawl,
      Api good = analyst(admin, alertPort, "Good Receiver");
      Api bad = analyst(admin, alertPort, "Bad Receivers");
      String goodSubscription = subscribe(good, alertPort, "good hook", receivers.url("/good"));
      subscribe(bad, alertPort, "stalled hook", receivers.url("/stalled"));
      subscribe(bad, alertPort, "slow hook", receivers.url("/slow"));

      // when a feed carries hostile items among ordinary stories,
      for (int i = 0; i < STORIES / 2; i++) {
        stories.publishOne();
      }
      site.publishRawItem(
          item(
              "Reporter with a long name",
              site.url("/hostile/author.html"),
              "<author>" + "Correspondent ".repeat(2_900) + "</author>",
              "An item whose author is about 40,000 characters."));
      site.publishRawItem(
          item(
              "An item with a 40 KB link",
              site.url("/hostile/" + "l".repeat(40_000) + ".html"),
              "",
              "An item whose link is forty kilobytes long."));
      site.publishRawItem(
          item(
              "An item with a 5 MB description",
              site.url("/hostile/huge.html"),
              "",
              "A huge description. "
                  + "Words upon words in a description that never ends. ".repeat(100_000)));
      for (int i = STORIES / 2; i < STORIES; i++) {
        stories.publishOne();
      }
      List<StoryFeed.Published> published = stories.published();
      Set<String> due =
          published.stream()
              .filter(StoryFeed.Published::alerting)
              .map(StoryFeed.Published::articleId)
              .collect(Collectors.toSet());

      // then every ordinary story is indexed,
      await("every ordinary story indexed")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  admin
                          .search(pipeline.index.port(), StoryFeed.MARKER)
                          .body()
                          .path("total")
                          .asLong()
                      >= STORIES);
      // the good receiver gets the alerts due to it while the other analyst's receivers misbehave,
      await("every due alert delivered to the good receiver")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> deliveredArticles(receivers, goodSubscription).containsAll(due));
      assertTrue(
          receivers.stalledRequests() > 0 && receivers.slowRequests() > 0,
          () ->
              "the bad receivers were tried: stalled "
                  + receivers.stalledRequests()
                  + ", slow "
                  + receivers.slowRequests());

      // and once every service has read all there is, nothing came twice and ingest and index are
      // ready.
      int polls = site.feedFetches();
      await("two more feed polls")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> site.feedFetches() >= polls + 2);
      await("alert-service read every article")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  TopicRecords.groupsCaughtUp(
                      broker.bootstrapServers(), topics.prefix(), topics.articles().name()));
      assertEquals(
          STORIES,
          admin.search(pipeline.index.port(), StoryFeed.MARKER).body().path("total").asLong(),
          "ordinary stories indexed");
      Map<String, Integer> deliveries = new TreeMap<>();
      receivers.good().stream()
          .filter(d -> d.subscriptionId().equals(goodSubscription))
          .forEach(d -> deliveries.merge(d.alertId(), 1, Integer::sum));
      assertEquals(
          due,
          deliveredArticles(receivers, goodSubscription),
          "the good receiver got exactly the due alerts");
      assertTrue(
          deliveries.values().stream().allMatch(n -> n == 1),
          () -> "an alert delivered twice to the good receiver: " + deliveries);
      Api.Response ingestHealth = admin.get(pipeline.ingest.port(), "/health");
      Api.Response indexHealth = admin.get(pipeline.index.port(), "/health");
      assertEquals(
          200, ingestHealth.status(), () -> "ingest-service health: " + ingestHealth.body());
      assertEquals(200, indexHealth.status(), () -> "index-service health: " + indexHealth.body());
    }
  }

  private static Set<String> deliveredArticles(WebhookReceivers receivers, String subscription) {
    return receivers.good().stream()
        .filter(d -> d.subscriptionId().equals(subscription))
        .map(WebhookReceivers.Delivery::articleId)
        .collect(Collectors.toSet());
  }

  /** Creates an analyst through the admin API; answers a client with the analyst's own key. */
  private static Api analyst(Api admin, int alertPort, String name) {
    Api.Response created = admin.post(alertPort, "/api/analysts", Map.of("name", name));
    assertEquals(201, created.status(), () -> "creating analyst " + name + ": " + created.body());
    return new Api(created.body().path("apiKey").asText());
  }

  /** Subscribes to the stories' alert word with one webhook; answers the subscription's id. */
  private static String subscribe(Api analyst, int alertPort, String name, String webhook) {
    Api.Response created =
        analyst.post(
            alertPort,
            "/api/subscriptions",
            Map.of(
                "name",
                name,
                "query",
                StoryFeed.ALERT_WORD,
                "channels",
                List.of(Map.of("type", "webhook", "url", webhook))));
    assertEquals(
        201, created.status(), () -> "creating subscription " + name + ": " + created.body());
    return created.body().path("id").asText();
  }

  private static String item(String title, String link, String extraElements, String description) {
    return "<item><title>"
        + Html.escape(title)
        + "</title><link>"
        + Html.escape(link)
        + "</link>"
        + extraElements
        + "<description>"
        + Html.escape(description)
        + "</description></item>";
  }
}
