package org.newswatch.ingest.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Hashes;
import org.newswatch.common.kafka.KafkaSettings;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.model.Feed;
import org.newswatch.common.net.AddressGuard;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.Fixtures;
import org.newswatch.ingest.IngestMetrics;
import org.newswatch.ingest.extract.ArticleExtractor;
import org.newswatch.ingest.fetch.FetchLimits;
import org.newswatch.ingest.fetch.HttpFetcher;
import org.newswatch.ingest.item.ItemIngester;
import org.newswatch.ingest.publish.ArticlePublisher;
import org.newswatch.ingest.publish.SeenStore;

/** FeedPoller against a real broker and a real loopback feed server. */
@ExtendWith(KafkaBrokerExtension.class)
class FeedPollerTest {
  static final String RSS = "application/rss+xml; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";

  @TempDir Path dataDir;
  private KafkaBroker broker;
  private Topics topics;
  private StaticHttpServer server;
  private Producer<String, byte[]> producer;
  private SeenStore seen;
  private FeedStateStore states;
  private HttpFetcher fetcher;
  private FeedPoller poller;

  @BeforeEach
  void setUp(KafkaBroker broker) {
    this.broker = broker;
    topics = broker.newTopics();
    server = StaticHttpServer.start(0);
    server
        .put("/feed.xml", RSS, Fixtures.bytes("voa-rss2.xml"))
        .put("/articles/border-attack.html", HTML, Fixtures.bytes("border-attack.html"))
        .put("/articles/cricket.html", HTML, Fixtures.bytes("cricket.html"));
    producer =
        new KafkaProducer<>(KafkaSettings.producer(broker.bootstrapServers(), "poller-test"));
    poller = newPoller(true);
  }

  private FeedPoller newPoller(boolean allowPrivate) {
    seen = SeenStore.open(dataDir);
    states = FeedStateStore.open(dataDir);
    fetcher =
        new HttpFetcher(
            new AddressGuard(allowPrivate), FetchLimits.DEFAULT, "https://example.org/contact");
    IngestMetrics pollMetrics = new IngestMetrics(new SimpleMeterRegistry());
    ItemIngester ingester =
        new ItemIngester(
            fetcher,
            new ArticleExtractor(),
            new ArticlePublisher(producer, topics.articles()),
            seen,
            pollMetrics,
            Clock.systemUTC());
    return new FeedPoller(
        fetcher, ingester, seen, states, new FeedStatusBoard(), pollMetrics, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    fetcher.close();
    seen.close();
    states.close();
    producer.close();
    server.close();
  }

  private Feed feed(String id, String path) {
    return new Feed(id, server.url(path), "VOA", "en", Duration.ofMinutes(5));
  }

  private List<ConsumerRecord<String, Article>> published() {
    return Fixtures.articles(broker.bootstrapServers(), topics.articles());
  }

  @Test
  void publishesEachNewItemAsAnArticle() {
    PollReport report = poller.poll(feed("voa", "/feed.xml"));

    assertEquals(PollOutcome.OK, report.outcome());
    assertEquals(2, report.itemsNew());
    List<ConsumerRecord<String, Article>> records = published();
    assertEquals(2, records.size());
    Article border =
        records.stream()
            .map(ConsumerRecord::value)
            .filter(a -> a.title().contains("Balochistan"))
            .findFirst()
            .orElseThrow();
    String canonical = server.url("/articles/border-attack.html");
    assertEquals(canonical, border.canonicalUrl(), "tracking parameters are gone");
    assertEquals(Hashes.id(canonical), border.id());
    assertTrue(border.body().contains("Panjgur"), border.body());
    assertTrue(border.storyId() != null && !border.storyId().isBlank());
    assertEquals("page", border.extraction().method());
    assertEquals("voa", border.feedId());
    assertEquals("VOA", border.source());
    assertEquals("en", border.language());
    assertEquals(java.time.Instant.parse("2026-11-27T08:30:00Z"), border.publishedAt());
    assertEquals(Hashes.sha256Hex(border.title() + "\n" + border.body()), border.contentHash());
    records.forEach(r -> assertEquals(r.value().id(), r.key(), "key = article id"));
  }

  @Test
  void secondPollPublishesNothingNew() {
    AtomicInteger pageHits = countHits("/articles/cricket.html", Fixtures.bytes("cricket.html"));
    Feed feed = feed("voa", "/feed.xml");
    poller.poll(feed);
    PollReport second = poller.poll(feed);

    assertEquals(0, second.itemsNew());
    assertEquals(2, published().size());
    assertEquals(1, pageHits.get(), "an item the feed describes the same way is not fetched again");
    FeedStatus status = poller.board().get("voa").orElseThrow();
    assertEquals(2, status.itemsNew());
    assertEquals(2, status.itemsUnchanged());
    assertEquals(2, status.polls());
  }

  @Test
  void changedArticleIsRepublishedUnderTheSameId() {
    Feed feed = feed("voa", "/feed.xml");
    poller.poll(feed);
    String firstId =
        published().stream()
            .filter(r -> r.value().title().contains("Balochistan"))
            .findFirst()
            .orElseThrow()
            .key();

    // The publisher corrects the story: the page gains a paragraph and the feed's summary changes.
    server.put(
        "/articles/border-attack.html",
        HTML,
        new String(Fixtures.bytes("border-attack.html"), StandardCharsets.UTF_8)
            .replace(
                "</article>",
                "<p>Update: four soldiers were killed in the attack, the military said on Friday.</p></article>"));
    server.put(
        "/feed.xml",
        RSS,
        new String(Fixtures.bytes("voa-rss2.xml"), StandardCharsets.UTF_8)
            .replace(
                "Gunmen attacked a border post near Panjgur.",
                "Four soldiers killed near Panjgur."));
    PollReport report = poller.poll(feed);

    assertEquals(0, report.itemsNew());
    List<ConsumerRecord<String, Article>> records = published();
    assertEquals(3, records.size());
    // Both versions share the key, hence the partition: the update is the later offset.
    List<Article> versions =
        records.stream()
            .filter(r -> r.key().equals(firstId))
            .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
            .map(ConsumerRecord::value)
            .toList();
    assertEquals(2, versions.size());
    assertTrue(versions.get(1).body().contains("four soldiers"));
    assertNotEquals(versions.get(0).contentHash(), versions.get(1).contentHash());
    assertEquals(
        versions.get(0).storyId(), versions.get(1).storyId(), "an update stays in its story");
    assertEquals(1, poller.board().get("voa").orElseThrow().itemsUpdated());
  }

  @Test
  void feedDescriptionStandsInWhenThePageIsMissingOrTooShort() {
    server.remove("/articles/cricket.html");
    server.put("/articles/border-attack.html", HTML, Fixtures.bytes("short.html"));
    poller.poll(feed("voa", "/feed.xml"));

    List<Article> articles = published().stream().map(ConsumerRecord::value).toList();
    assertEquals(2, articles.size());
    for (Article a : articles) {
      assertEquals("feed-description", a.extraction().method(), a.title());
      assertTrue(
          a.extraction().warnings().stream()
              .anyMatch(w -> w.contains("feed's description") || w.contains("feed description")),
          a.extraction().warnings().toString());
    }
    Article cricket =
        articles.stream().filter(a -> a.title().contains("cricket")).findFirst().orElseThrow();
    assertTrue(
        cricket.extraction().warnings().stream().anyMatch(w -> w.contains("HTTP 404")),
        cricket.extraction().warnings().toString());
    assertTrue(cricket.body().contains("six wickets"));
    Article border =
        articles.stream().filter(a -> a.title().contains("Balochistan")).findFirst().orElseThrow();
    assertTrue(
        border.extraction().warnings().stream().anyMatch(w -> w.contains("too short")),
        border.extraction().warnings().toString());
    assertEquals(
        "Gunmen attacked a border post near Panjgur.",
        border.body(),
        "HTML of the description is reduced to text");
  }

  @Test
  void refusesDoctypeWithExternalEntityAndNeverFetchesIt() {
    AtomicInteger secretHits = countHits("/secret", "top secret".getBytes(StandardCharsets.UTF_8));
    server.put("/hostile.xml", RSS, Fixtures.text("doctype-xxe.xml", server.url("")));

    PollReport report = poller.poll(feed("hostile", "/hostile.xml"));

    assertEquals(PollOutcome.PARSE_ERROR, report.outcome());
    assertEquals(0, secretHits.get());
    FeedStatus status = poller.board().get("hostile").orElseThrow();
    assertEquals("parse-error", status.lastOutcome());
    assertTrue(status.lastError().contains("DOCTYPE"), status.lastError());
    assertEquals(0, published().size());
  }

  @Test
  void errorStatusesShowInTheFeedStatus() {
    server.handle(
        "/broken.xml",
        exchange -> {
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    PollReport missing = poller.poll(feed("missing", "/missing.xml"));
    PollReport broken = poller.poll(feed("broken", "/broken.xml"));

    assertEquals(PollOutcome.HTTP_ERROR, missing.outcome());
    assertEquals(404, poller.board().get("missing").orElseThrow().lastHttpStatus());
    assertEquals("HTTP 404", poller.board().get("missing").orElseThrow().lastError());
    assertEquals(500, broken.httpStatus());
    assertEquals(1, poller.board().get("broken").orElseThrow().consecutiveFailures());
    // The poller goes on: the next feed is read as usual.
    assertEquals(PollOutcome.OK, poller.poll(feed("voa", "/feed.xml")).outcome());
    assertEquals(2, published().size());
  }

  @Test
  void ssrfGuardRefusesLoopbackWhenPrivateFeedsAreNotAllowed() {
    AtomicInteger feedHits = countHits("/feed.xml", Fixtures.bytes("voa-rss2.xml"));
    fetcher.close();
    seen.close();
    states.close();
    FeedPoller guarded = newPoller(false);

    PollReport report = guarded.poll(feed("voa", "/feed.xml"));

    assertEquals(PollOutcome.REFUSED, report.outcome());
    assertTrue(report.error().contains("127.0.0.1"), report.error());
    assertEquals(0, feedHits.get(), "no request reached the loopback server");
    assertEquals(0, published().size());
  }

  /** Serves a body at a path and counts the requests. */
  private AtomicInteger countHits(String path, byte[] body) {
    AtomicInteger hits = new AtomicInteger();
    server.handle(
        path,
        (HttpExchange exchange) -> {
          hits.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", path.endsWith(".xml") ? RSS : HTML);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    return hits;
  }
}
