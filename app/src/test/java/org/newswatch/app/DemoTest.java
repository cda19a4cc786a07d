package org.newswatch.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.config.Env;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.testing.TopicRecords;

/**
 * {@code newswatch demo} as a user sees it, on the test broker and ephemeral ports: it prints the
 * admin key and the pages, the landing page shows the three services healthy, every sample article
 * goes through, and exactly the five border-security reports (English, Urdu and Persian) are
 * alerted and printed, once per story (issue 12): the Panjgur attack in English and Urdu is one
 * alert with the other report under it, the Saravan attack in English and Persian another; the
 * cricket, trade, weather and world stories are searchable but silent.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class DemoTest {
  static final Set<String> BORDER_STORIES =
      Set.of(
          "/voa/a/panjgur-frontier-corps-post-attack.html",
          "/voa/a/jaish-al-adl-saravan-border-guards.html",
          "/voa/a/pakistan-iran-border-infiltration-patrols.html",
          "/dunya/ur/panjgur-fc-chowki-hamla.html",
          "/sharq/fa/saravan-marzbani-hamle.html");

  /** Reports of one event in two languages: one story, so one alert. */
  static final List<List<String>> ONE_EVENT =
      List.of(
          List.of(
              "/voa/a/panjgur-frontier-corps-post-attack.html",
              "/dunya/ur/panjgur-fc-chowki-hamla.html"),
          List.of(
              "/voa/a/jaish-al-adl-saravan-border-guards.html",
              "/sharq/fa/saravan-marzbani-hamle.html"));

  static final int ARTICLES = 15;
  static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final Pattern ADMIN_KEY = Pattern.compile("admin key:\\s+(\\S+)");
  private static final Pattern PORT = Pattern.compile("%s:\\s+http://localhost:(\\d+)/");

  @TempDir Path data;

  @Test
  void printsKeyAndPagesThenAlertsOnExactlyTheBorderStories(KafkaBroker broker) throws Exception {
    Topics topics = broker.newTopics();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Env env =
        new Env(
            Map.of(
                "NEWSWATCH_KAFKA", broker.bootstrapServers(),
                "NEWSWATCH_DATA", data.toString(),
                "NEWSWATCH_TOPIC_PREFIX", topics.prefix(),
                "NEWSWATCH_PORT", "0",
                "NEWSWATCH_INGEST_PORT", "0",
                "NEWSWATCH_INDEX_PORT", "0",
                "NEWSWATCH_ALERT_PORT", "0"));
    try (AutoCloseable demo = DemoCommand.start(env, out)) {
      String printed = bytes.toString(StandardCharsets.UTF_8);
      Matcher key = ADMIN_KEY.matcher(printed);
      assertTrue(key.find(), printed);
      Api api = new Api(key.group(1));
      int landing = port(printed, "landing page");
      int search = port(printed, "search page");
      int alerts = port(printed, "analysts' page");

      await("landing page healthy")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> get(landing, "/health").statusCode() == 200);
      String page = get(landing, "/").body();
      for (int p : List.of(search, alerts)) {
        assertTrue(page.contains(":" + p + "/api/openapi.json"), page);
      }

      await("every sample article published")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  TopicRecords.count(broker.bootstrapServers(), topics.articles().name())
                      >= ARTICLES);
      await("alert-service read every article")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  TopicRecords.groupsCaughtUp(
                      broker.bootstrapServers(), topics.prefix(), topics.articles().name()));
      assertEquals(
          ARTICLES,
          TopicRecords.count(broker.bootstrapServers(), topics.articles().name()),
          "each article once");

      // Each alert is a story: its own report and the later ones listed under it (read from
      // news.stories, which the alert-service may read a moment after the articles); every border
      // report is in exactly one alert, and one event's reports in different languages are in one.
      java.util.concurrent.atomic.AtomicReference<Api.Response> latest =
          new java.util.concurrent.atomic.AtomicReference<>();
      await("every border report in an alert")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                latest.set(api.alerts(alerts, PipelineEndToEndTest.BORDER_TOPIC));
                return alertedStories(latest.get()).stream()
                    .flatMap(Set::stream)
                    .collect(Collectors.toSet())
                    .containsAll(BORDER_STORIES);
              });
      Api.Response list = latest.get();
      List<Set<String>> alerted = alertedStories(list);
      assertEquals(
          BORDER_STORIES,
          alerted.stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new)),
          list.body()::toString);
      assertEquals(
          BORDER_STORIES.size(),
          alerted.stream().mapToInt(Set::size).sum(),
          () -> "a report in two alerts: " + list.body());
      for (List<String> event : ONE_EVENT) {
        assertTrue(
            alerted.stream().anyMatch(story -> story.containsAll(event)),
            () -> event + " not one alert: " + list.body());
      }
      // Issue 16: the matched words were cut and shifted further into each article. Each alert's
      // explanation gives every word with its offsets; the article's own text must read the same
      // there.
      for (JsonNode alert : list.body().get("items")) {
        JsonNode article =
            api.get(search, "/api/articles/" + alert.get("articleId").asText()).body();
        List<String> listed = new ArrayList<>();
        for (JsonNode word : alert.get("explanation").get("words")) {
          String text =
              article.get(word.get("where").asText().equals("title") ? "title" : "body").asText();
          assertEquals(
              word.get("text").asText(),
              text.substring(word.get("start").asInt(), word.get("end").asInt()),
              alert::toString);
          listed.add(word.get("text").asText());
        }
        List<String> matched = new ArrayList<>();
        alert.get("matched").forEach(m -> matched.add(m.asText()));
        assertEquals(matched, listed, alert::toString);
      }

      await("search has the border stories")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  paths(Api.field(api.search(search, "Balochistan"), "hits", "url"))
                      .containsAll(BORDER_STORIES));
      await("alerts printed")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  bytes.toString(StandardCharsets.UTF_8).split("ALERT \\[", -1).length - 1
                      == alerted.size());
    }
  }

  /** Per alert, the paths of its report and of the later reports listed under it. */
  private static List<Set<String>> alertedStories(Api.Response list) {
    List<Set<String>> alerted = new ArrayList<>();
    for (JsonNode alert : list.body().get("items")) {
      List<String> urls = new ArrayList<>(List.of(alert.get("url").asText()));
      alert.path("laterMembers").forEach(m -> urls.add(m.get("url").asText()));
      alerted.add(paths(urls));
    }
    return alerted;
  }

  private static Set<String> paths(List<String> urls) {
    return urls.stream()
        .map(u -> URI.create(u).getPath())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static int port(String printed, String label) {
    Matcher m = Pattern.compile(PORT.pattern().formatted(Pattern.quote(label))).matcher(printed);
    assertTrue(m.find(), () -> label + " not printed: " + printed);
    return Integer.parseInt(m.group(1));
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
