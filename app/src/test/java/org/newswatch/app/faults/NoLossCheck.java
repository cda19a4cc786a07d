package org.newswatch.app.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.newswatch.app.Api;
import org.newswatch.common.Json;
import org.newswatch.common.model.Alert;
import org.newswatch.common.testing.TopicRecords;

/**
 * What users must see after a fault: every article the site published searchable exactly once,
 * under the id the ingest-service gives its URL, and every expected alert listed exactly once,
 * never two for one subscription and story, neither in the API nor on {@code news.alerts}.
 *
 * <p>It first waits for everything to have gone through, then for the services to have read all
 * there is (two more feed polls, the index's lag at zero, the alert group's offsets at the end of
 * {@code news.articles}), so that a late duplicate has had its chance to appear before it counts.
 */
final class NoLossCheck {
  private static final Pattern INDEX_LAG =
      Pattern.compile("^newswatch_index_lag(?:\\{[^}]*\\})? ([0-9.E+-]+)$", Pattern.MULTILINE);

  private static final java.net.http.HttpClient METRICS = java.net.http.HttpClient.newHttpClient();

  private final ProcessPipeline pipeline;

  NoLossCheck(ProcessPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * What the check saw, for the test's report; {@code republished} is informational (the index
   * upserts).
   */
  record Outcome(int articles, int alerts, int articleRecords, Map<String, Long> republished) {}

  /**
   * Waits for all {@code expected} stories to have gone through, then asserts no loss and no
   * duplicate.
   */
  Outcome assertEveryArticleAndAlertExactlyOnce(int expected) {
    StoryFeed stories = pipeline.stories;
    await("all " + expected + " stories published")
        .atMost(ProcessPipeline.PATIENCE)
        .until(() -> stories.count() >= expected);
    List<StoryFeed.Published> published = stories.published();
    long alerting = published.stream().filter(StoryFeed.Published::alerting).count();

    await("every story indexed (" + expected + ")")
        .atMost(ProcessPipeline.PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> pipeline.indexed() >= expected);
    await("every expected alert listed (" + alerting + ")")
        .atMost(ProcessPipeline.PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> pipeline.alerted() >= alerting);
    pipeline.note("every story indexed and every expected alert listed");
    settle();
    pipeline.note("services caught up; checking");

    // The index: each published article once, under its own id, and nothing else.
    List<JsonNode> hits = searchAll(StoryFeed.MARKER);
    Map<String, String> expectedIdByUrl =
        published.stream()
            .collect(Collectors.toMap(StoryFeed.Published::url, StoryFeed.Published::articleId));
    List<String> hitIds = hits.stream().map(h -> h.path("id").asText()).toList();
    assertEquals(
        sorted(expectedIdByUrl.values()),
        sorted(hitIds),
        "article ids in the index (each published one exactly once)");
    for (JsonNode hit : hits) {
      assertEquals(
          expectedIdByUrl.get(hit.path("url").asText()),
          hit.path("id").asText(),
          () -> "id of " + hit.path("url").asText());
    }
    assertEquals(expected, pipeline.indexed(), "search total");

    // The alerts API: one alert per alerting story, none for the others, none twice.
    Api.Response listed =
        pipeline.api.get(
            pipeline.alert.port(),
            "/api/alerts?subscription=" + ProcessPipeline.SUBSCRIPTION + "&limit=500");
    assertTrue(listed.ok(), listed::toString);
    List<String> alertedArticles = Api.field(listed, "items", "articleId");
    List<String> expectedAlerted =
        published.stream()
            .filter(StoryFeed.Published::alerting)
            .map(StoryFeed.Published::articleId)
            .toList();
    assertEquals(
        sorted(expectedAlerted),
        sorted(alertedArticles),
        "articles alerted (each alerting story exactly once)");
    assertNoneTwice(Api.field(listed, "items", "id"), "alert ids listed");
    List<String> storyKeys = new ArrayList<>();
    listed
        .body()
        .path("items")
        .forEach(
            a ->
                storyKeys.add(
                    a.path("subscriptionId").asText() + "/" + a.path("storyId").asText()));
    assertNoneTwice(storyKeys, "subscription and story of the alerts listed");

    // news.alerts itself: every committed alert record has its own id (alert delivery reads this
    // topic). It is compacted, but only closed segments are cleaned, and a test's records all sit
    // in
    // the active one: a duplicate would still be there.
    List<Alert> alertRecords =
        TopicRecords.read(pipeline.bootstrap, pipeline.topics.alerts().name()).stream()
            .map(r -> Json.fromBytes(r.value(), Alert.class))
            .toList();
    assertNoneTwice(
        alertRecords.stream().map(Alert::id).toList(),
        "alert ids on " + pipeline.topics.alerts().name());
    assertEquals(
        alerting,
        alertRecords.stream()
            .filter(a -> a.subscriptionId().equals(ProcessPipeline.SUBSCRIPTION))
            .count(),
        "alert records of the subscription on " + pipeline.topics.alerts().name());

    // news.articles: a re-publication under the same id is allowed (upserted, deduplicated);
    // reported.
    List<String> articleKeys =
        TopicRecords.read(pipeline.bootstrap, pipeline.topics.articles().name()).stream()
            .map(r -> r.key())
            .toList();
    Map<String, Long> republished =
        new TreeMap<>(
            articleKeys.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
    republished.values().removeIf(n -> n < 2);
    return new Outcome(hits.size(), alertedArticles.size(), articleKeys.size(), republished);
  }

  /**
   * Waits until the services have read everything there is: two more polls of the feed (a
   * re-publication would be on the topic by then), then the index and the alert group at the end of
   * {@code news.articles}.
   */
  private void settle() {
    int fetches = pipeline.site.feedFetches();
    await("two more feed polls")
        .atMost(ProcessPipeline.PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> pipeline.site.feedFetches() >= fetches + 2);
    await("index-service read all of news.articles")
        .atMost(ProcessPipeline.PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> indexLag() == 0);
    await("alert-service read all of news.articles")
        .atMost(ProcessPipeline.PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                TopicRecords.groupsCaughtUp(
                    pipeline.bootstrap,
                    pipeline.topics.prefix() + "newswatch-alert",
                    pipeline.topics.articles().name()));
  }

  /**
   * The index-service's own count of records not yet indexed, from {@code /metrics}; -1 when
   * unknown.
   */
  private long indexLag() {
    // /metrics is Prometheus text, not JSON: read raw.
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + pipeline.index.port() + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    String text;
    try {
      var response =
          METRICS.send(
              request, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        return -1;
      }
      text = response.body();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    Matcher m = INDEX_LAG.matcher(text);
    if (!m.find()) {
      throw new AssertionError("index-service /metrics has no newswatch_index_lag gauge");
    }
    return (long) Double.parseDouble(m.group(1));
  }

  /** Every hit for {@code query}, following the cursor page by page. */
  private List<JsonNode> searchAll(String query) {
    List<JsonNode> hits = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/api/search?q="
              + URLEncoder.encode(query, StandardCharsets.UTF_8)
              + "&size=100&sort=newest"
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      Api.Response page = pipeline.api.get(pipeline.index.port(), path);
      assertTrue(page.ok(), page::toString);
      page.body().path("hits").forEach(hits::add);
      JsonNode next = page.body().path("cursor");
      cursor =
          next.isTextual() && !next.asText().isEmpty() && !page.body().path("hits").isEmpty()
              ? next.asText()
              : null;
    } while (cursor != null);
    return hits;
  }

  private static List<String> sorted(java.util.Collection<String> values) {
    return values.stream().sorted().toList();
  }

  private static void assertNoneTwice(List<String> values, String what) {
    Map<String, Long> twice =
        values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    twice.values().removeIf(n -> n < 2);
    assertTrue(twice.isEmpty(), () -> what + ": some more than once " + twice);
  }
}
