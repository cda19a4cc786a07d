package org.newswatch.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Hashes;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.feed.PollBounds;

/**
 * Issue 12: one story id per event while ingest is restarted and scaled to two instances
 * mid-stream. Eight feeds (English, Urdu, Persian) on a loopback server gain items in three phases:
 * one instance; the same instance restarted; a second instance beside it (the feeds are split
 * between them, and the second re-publishes what the first had, not knowing it). Each event's
 * reports (near-duplicate texts from {@code extract/stories/}, one event in three languages) are
 * spread over feeds and phases; at the end every report of an event carries one story id, and no
 * two events share one.
 */
@Tag("slow")
@ExtendWith(KafkaBrokerExtension.class)
class OneStoryIdPerEventTest {
  static final String ADMIN = "admin-key-0123456789abcdef";

  /** Events and their reports (story fixtures); a report's position is the phase it appears in. */
  static final Map<String, List<String>> EVENTS = new LinkedHashMap<>();

  static {
    // The crossings' reopening, reported in three languages (one event: one story across them).
    EVENTS.put("reopening/en", List.of("border-original", "border-syndicated", "border-rewrite"));
    EVENTS.put("reopening/ur", List.of("ur-border-original", "-", "ur-border-rewrite"));
    EVENTS.put("reopening/fa", List.of("fa-border-original", "-", "fa-border-rewrite"));
    // The attack that closed the crossings a month before (the reopening reports recall it).
    EVENTS.put("en-attack", List.of("border-attack"));
    EVENTS.put("en-rain-1", List.of("-", "karachi-rain-day1"));
    EVENTS.put("en-rain-2", List.of("-", "-", "karachi-rain-later"));
    EVENTS.put("ur-flood", List.of("-", "ur-flood"));
    EVENTS.put("fa-drought", List.of("-", "-", "fa-drought"));
  }

  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  /** Reports not published with the rest: the attack came a month before the reopening. */
  private static final Map<String, Instant> PUBLISHED =
      Map.of("border-attack", NOW.minus(Duration.ofDays(30)));

  @TempDir Path dir;
  private StaticHttpServer server;
  private final List<IngestService> services = new CopyOnWriteArrayList<>();

  /** Items per feed, as served now (the newest last). */
  private final Map<String, List<String>> items = new ConcurrentHashMap<>();

  @AfterEach
  void tearDown() {
    services.forEach(IngestService::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyReportOfAnEventHasOneStoryIdAcrossARestartAndTwoInstances(KafkaBroker broker)
      throws IOException {
    server = StaticHttpServer.start(0);
    List<String> feeds = List.of("en-0", "en-1", "en-2", "en-3", "ur-0", "ur-1", "fa-0", "fa-1");
    StringBuilder yaml = new StringBuilder("feeds:\n");
    for (String feed : feeds) {
      items.put(feed, new CopyOnWriteArrayList<>());
      server.handle(
          "/" + feed + ".xml",
          ex -> {
            byte[] rss = rss(feed).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            ex.sendResponseHeaders(200, rss.length);
            ex.getResponseBody().write(rss);
            ex.close();
          });
      yaml.append("  - {id: ")
          .append(feed)
          .append(", url: \"")
          .append(server.url("/" + feed + ".xml"))
          .append("\", source: ")
          .append(feed)
          .append(", language: ")
          .append(feed, 0, 2)
          .append(", interval: 5s}\n");
    }
    Files.writeString(dir.resolve("feeds.yaml"), yaml);
    Topics topics = broker.newTopics();
    Map<String, String> eventOf = new HashMap<>(); // article id → event
    Map<String, String> contentOf = new HashMap<>(); // article id → last published text hash

    // Phase 1: one instance.
    IngestService a = start(broker, topics, "a");
    publish(0, eventOf, contentOf);
    awaitArticles(broker, topics, contentOf);

    // Phase 2: the same instance restarted (same data folder) while feeds keep publishing.
    a.close();
    services.remove(a);
    publish(1, eventOf, contentOf);
    a = start(broker, topics, "a");
    awaitArticles(broker, topics, contentOf);

    // Phase 3: a second instance; the feeds are split between the two, and the new one publishes
    // again what the first had published (its own dedup store is empty). One report is updated.
    IngestService b = start(broker, topics, "b");
    IngestService first = a;
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !b.feedPartitions().isEmpty() && !first.feedPartitions().isEmpty());
    publish(2, eventOf, contentOf);
    String updated = update("border-original", contentOf);
    awaitArticles(broker, topics, contentOf);

    assertTrue(
        b.statuses().snapshot().values().stream().anyMatch(s -> s.itemsNew() > 0),
        "the second instance published reports too: " + b.statuses().snapshot().keySet());
    Map<String, Article> articles = latest(broker, topics);
    Map<String, Set<String>> storiesOfEvent = new HashMap<>();
    Map<String, Set<String>> eventsOfStory = new HashMap<>();
    for (Article article : articles.values()) {
      String event = eventOf.get(article.id());
      storiesOfEvent.computeIfAbsent(event, e -> new HashSet<>()).add(article.storyId());
      eventsOfStory.computeIfAbsent(article.storyId(), s -> new HashSet<>()).add(event);
    }
    assertEquals(
        EVENTS.keySet().stream()
            .map(OneStoryIdPerEventTest::event)
            .collect(java.util.stream.Collectors.toSet()),
        storiesOfEvent.keySet());
    storiesOfEvent.forEach(
        (event, stories) -> assertEquals(1, stories.size(), event + " has stories " + stories));
    eventsOfStory.forEach(
        (story, events) -> assertEquals(1, events.size(), story + " joins events " + events));
    assertEquals(
        contentOf.get(updated),
        articles.get(updated).contentHash(),
        "the update is on news.articles");
  }

  private IngestService start(KafkaBroker broker, Topics topics, String name) {
    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(),
            topics,
            dir.resolve(name),
            0,
            true,
            ADMIN,
            "https://example.org/" + name);
    IngestService s =
        IngestService.start(
            ctx,
            dir.resolve("feeds.yaml"),
            IngestOptions.defaults()
                .withInitialSpread(Duration.ZERO)
                .withBounds(new PollBounds(Duration.ofSeconds(5), Duration.ofSeconds(5))));
    services.add(s);
    return s;
  }

  /** Puts each event's report of this phase in a feed of its language (round robin by event). */
  private void publish(int phase, Map<String, String> eventOf, Map<String, String> contentOf) {
    int n = 0;
    for (var e : EVENTS.entrySet()) {
      n++;
      if (e.getValue().size() <= phase || e.getValue().get(phase).equals("-")) {
        continue;
      }
      String fixture = e.getValue().get(phase);
      String language = fixture.startsWith("ur-") ? "ur" : fixture.startsWith("fa-") ? "fa" : "en";
      List<String> ofLanguage =
          items.keySet().stream().filter(f -> f.startsWith(language)).sorted().toList();
      String feed = ofLanguage.get((n + phase) % ofLanguage.size());
      String link = server.url("/" + feed + "/" + fixture);
      eventOf.put(Hashes.id(link), event(e.getKey()));
      String[] text = text(fixture);
      items.get(feed).add(item(link, text[0], text[1], PUBLISHED.getOrDefault(fixture, NOW)));
      contentOf.put(Hashes.id(link), Hashes.sha256Hex(text[0] + "\n" + text[1]));
    }
  }

  /** Changes the text of a report already published (same link, so the same article): an update. */
  private String update(String fixture, Map<String, String> contentOf) {
    String feed =
        items.entrySet().stream()
            .filter(e -> e.getValue().stream().anyMatch(i -> i.contains("/" + fixture + "</link>")))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    String link = server.url("/" + feed + "/" + fixture);
    String[] text = text(fixture);
    String body = text[1] + "\n\nUpdated: the crossings reopened on Thursday morning as planned.";
    List<String> list = items.get(feed);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).contains(link)) {
        list.set(i, item(link, text[0], body, PUBLISHED.getOrDefault(fixture, NOW)));
      }
    }
    contentOf.put(Hashes.id(link), Hashes.sha256Hex(text[0] + "\n" + body));
    return Hashes.id(link);
  }

  /** Waits until every report published so far is on news.articles in its latest text. */
  private void awaitArticles(KafkaBroker broker, Topics topics, Map<String, String> contentOf) {
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> {
                Map<String, Article> now = latest(broker, topics);
                return contentOf.entrySet().stream()
                    .allMatch(
                        e ->
                            now.containsKey(e.getKey())
                                && now.get(e.getKey()).contentHash().equals(e.getValue()));
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      StringBuilder why = new StringBuilder("not every report reached news.articles: ");
      for (IngestService s : services) {
        why.append("\n instance on ")
            .append(s.port())
            .append(" linker owner ")
            .append(s.linker().owner())
            .append(' ')
            .append(s.linker().health())
            .append("\n   feeds ")
            .append(s.statuses().snapshot());
      }
      why.append("\n intake ")
          .append(
              org.newswatch.common.testing.TopicRecords.count(
                  broker.bootstrapServers(), topics.intake().name()))
          .append(", articles ")
          .append(latest(broker, topics).keySet())
          .append(", expected ")
          .append(contentOf.keySet());
      throw new AssertionError(why.toString(), e);
    }
  }

  private static Map<String, Article> latest(KafkaBroker broker, Topics topics) {
    Map<String, Article> out = new HashMap<>();
    for (ConsumerRecord<String, Article> r :
        Fixtures.articles(broker.bootstrapServers(), topics.articles())) {
      out.put(r.key(), r.value());
    }
    return out;
  }

  private String rss(String feed) {
    List<String> listed = new ArrayList<>(items.get(feed));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>"
        + feed
        + "</title><link>"
        + server.url("/")
        + "</link><description>d</description>"
        + String.join("", listed.reversed())
        + "</channel></rss>";
  }

  private static String item(String link, String title, String body, Instant published) {
    String html = "<p>" + body.replace("\n\n", "</p><p>") + "</p>";
    return "<item><guid>"
        + link
        + "</guid><title>"
        + title.replace("&", "&amp;").replace("<", "&lt;")
        + "</title><link>"
        + link
        + "</link><pubDate>"
        + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            published.atZone(java.time.ZoneOffset.UTC))
        + "</pubDate><description><![CDATA["
        + html
        + "]]></description></item>";
  }

  /** An event's name: what comes before the language in {@code reopening/ur}. */
  private static String event(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? key : key.substring(0, slash);
  }

  private static String[] text(String name) {
    String all =
        new String(
            Fixtures.class.getResourceAsStream("/extract/stories/" + name + ".txt") == null
                ? new byte[0]
                : readAll(name),
            StandardCharsets.UTF_8);
    int nl = all.indexOf('\n');
    return new String[] {all.substring(0, nl).strip(), all.substring(nl + 1).strip()};
  }

  private static byte[] readAll(String name) {
    try (var in = Fixtures.class.getResourceAsStream("/extract/stories/" + name + ".txt")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
