package org.newswatch.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.newswatch.common.Json;
import org.newswatch.common.config.ServiceContext;
import org.newswatch.common.kafka.Topics;
import org.newswatch.common.model.Article;
import org.newswatch.common.testing.KafkaBroker;
import org.newswatch.common.testing.KafkaBrokerExtension;
import org.newswatch.common.web.StaticHttpServer;
import org.newswatch.ingest.feed.FeedStatus;
import org.newswatch.ingest.publish.ArticleCaps;

/**
 * Issue 11, items 1 and 3: feed items with oversized fields, through the whole service (loopback
 * feed server, real broker, /health). Hostile input tried: a 40,000-character {@code <author>}, a
 * 40 KB {@code <link>}, a 100,000-character title, 5,000 {@code <category>} elements, and a 5 MB
 * Urdu {@code <description>}, each among ordinary items.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileItemsTest {
  /** A default broker's message.max.bytes is 1,048,588; a record must stay well below it. */
  private static final int DEFAULT_BROKER_LIMIT = 1_048_588;

  @TempDir Path dir;
  private KafkaBroker broker;
  private Topics topics;
  private StaticHttpServer server;
  private IngestService service;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp(KafkaBroker broker) {
    this.broker = broker;
    topics = broker.newTopics();
    server = StaticHttpServer.start(0);
  }

  @AfterEach
  void tearDown() {
    if (service != null) {
      service.close();
    }
    server.close();
    http.close();
  }

  @Test
  void everyFieldIsBoundedAndATooLongLinkIsRefusedWithAReason() throws Exception {
    String longLink = server.url("/articles/") + "a".repeat(40_000);
    serveFeed(
        item(
            "normal-1",
            server.url("/articles/n1"),
            "Border crossing reopens",
            "",
            1,
            ordinaryText("Taftan")),
        item(
            "long-author",
            server.url("/articles/author"),
            "Long author",
            "x".repeat(40_000),
            1,
            ordinaryText("Quetta")),
        item("long-link", longLink, "Long link", "", 1, ordinaryText("Gwadar")),
        item(
            "long-title",
            server.url("/articles/title"),
            "T".repeat(100_000),
            "",
            1,
            ordinaryText("Turbat")),
        item(
            "categories",
            server.url("/articles/cats"),
            "Many categories",
            "",
            5_000,
            ordinaryText("Chaman")),
        item(
            "normal-2",
            server.url("/articles/n2"),
            "Convoy attacked near Panjgur",
            "",
            1,
            ordinaryText("Panjgur")));
    service = start();

    await().atMost(Duration.ofSeconds(90)).until(() -> status().polls() >= 1);
    List<Article> articles = published();
    assertBounded(articles);
    List<String> titles = articles.stream().map(Article::title).toList();
    assertTrue(
        titles.containsAll(
            List.of(
                "Border crossing reopens",
                "Convoy attacked near Panjgur",
                "Long author",
                "Many categories")),
        titles.toString());
    assertTrue(
        articles.stream().anyMatch(a -> a.title().startsWith("TTTT")),
        "the long title is cut, not refused");
    assertFalse(
        articles.stream().anyMatch(a -> a.title().equals("Long link")),
        "a 40 KB link must not become an id");
    FeedStatus status = status();
    assertEquals(1, status.itemsFailed(), status.toString());
    assertTrue(
        status.warnings().stream()
            .anyMatch(
                w -> w.contains("link") && w.contains(String.valueOf(ArticleCaps.MAX_URL_CHARS))),
        status.warnings().toString());
    assertEquals(200, health().statusCode(), health().body());
  }

  @Test
  void aFiveMegabyteItemIsCutAndTheRestOfTheFeedGoesOnWithHealthUp() throws Exception {
    // Urdu is two UTF-8 bytes a character: about 3 million characters make more than 5 MB.
    String huge = "<p>" + "بلوچستان میں سرحدی گزرگاہ ".repeat(115_000) + "</p>";
    assertTrue(huge.getBytes(StandardCharsets.UTF_8).length > 5_000_000);
    // Listed last, so polled first (oldest first): before the fix it stopped every item after it.
    serveFeed(
        item(
            "normal-1",
            server.url("/articles/n1"),
            "Border crossing reopens",
            "",
            1,
            ordinaryText("Taftan")),
        item(
            "normal-2",
            server.url("/articles/n2"),
            "Convoy attacked near Panjgur",
            "",
            1,
            ordinaryText("Panjgur")),
        item("normal-3", server.url("/articles/n3"), "Floods in Kech", "", 1, ordinaryText("Kech")),
        item("huge", server.url("/articles/huge"), "Five megabytes", "", 1, huge));
    service = start();

    await().atMost(Duration.ofSeconds(120)).until(() -> status().polls() >= 1);
    List<Article> articles = published();
    assertBounded(articles);
    assertEquals(
        List.of(
            "Border crossing reopens",
            "Convoy attacked near Panjgur",
            "Five megabytes",
            "Floods in Kech"),
        articles.stream().map(Article::title).sorted().toList());
    Article cut =
        articles.stream().filter(a -> a.title().equals("Five megabytes")).findFirst().orElseThrow();
    assertTrue(
        cut.extraction().warnings().stream().anyMatch(w -> w.contains("body cut")),
        cut.extraction().toString());
    assertEquals(200, health().statusCode(), health().body());

    // The next poll finds nothing new and still publishes nothing twice.
    service.pollNow("hostile");
    await().atMost(Duration.ofSeconds(60)).until(() -> status().polls() >= 2);
    assertEquals(4, published().size());
    assertEquals(200, health().statusCode(), health().body());
  }

  /** Every field within its cap, and the whole JSON record far below a default broker's limit. */
  private static void assertBounded(List<Article> articles) {
    String lengths =
        articles.stream()
            .map(
                a ->
                    a.id()
                        + ": url "
                        + a.url().length()
                        + ", canonicalUrl "
                        + a.canonicalUrl().length()
                        + ", title "
                        + a.title().length()
                        + ", body bytes "
                        + a.body().getBytes(StandardCharsets.UTF_8).length
                        + ", authors "
                        + a.authors().stream()
                            .map(s -> String.valueOf(s.length()))
                            .collect(Collectors.joining("/"))
                        + ", keywords "
                        + a.keywords().size())
            .collect(Collectors.joining("; "));
    for (Article a : articles) {
      assertTrue(a.url().length() <= ArticleCaps.MAX_URL_CHARS, lengths);
      assertTrue(a.canonicalUrl().length() <= ArticleCaps.MAX_URL_CHARS, lengths);
      assertTrue(a.title().length() <= ArticleCaps.MAX_TITLE_CHARS, lengths);
      assertTrue(
          a.body().getBytes(StandardCharsets.UTF_8).length <= ArticleCaps.MAX_BODY_BYTES, lengths);
      assertTrue(a.authors().size() <= ArticleCaps.MAX_NAMES, lengths);
      assertTrue(
          a.authors().stream().allMatch(s -> s.length() <= ArticleCaps.MAX_NAME_CHARS), lengths);
      assertTrue(a.keywords().size() <= ArticleCaps.MAX_NAMES, lengths);
      assertTrue(Json.toBytes(a).length < DEFAULT_BROKER_LIMIT / 2, lengths);
    }
  }

  private static String ordinaryText(String place) {
    return "<p>Officials in "
        + place
        + " said on Saturday that the border crossing would stay open for trade, "
        + "after talks between the two sides ended late on Friday evening with an agreement on security.</p>";
  }

  private static String item(
      String guid, String link, String title, String author, int categories, String description) {
    StringBuilder xml =
        new StringBuilder("<item><guid isPermaLink=\"false\">")
            .append(guid)
            .append("</guid>")
            .append("<title>")
            .append(title)
            .append("</title><link>")
            .append(link)
            .append("</link>");
    if (!author.isEmpty()) {
      xml.append("<author>").append(author).append("</author>");
    }
    for (int i = 0; i < categories; i++) {
      xml.append("<category>category-")
          .append(i)
          .append("-")
          .append("c".repeat(50))
          .append("</category>");
    }
    return xml.append("<description><![CDATA[")
        .append(description)
        .append("]]></description></item>")
        .toString();
  }

  private void serveFeed(String... items) throws IOException {
    String rss =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Hostile</title><link>"
            + server.url("/")
            + "</link><description>d</description>"
            + String.join("", items)
            + "</channel></rss>";
    server.put(
        "/feed.xml", "application/rss+xml; charset=utf-8", rss.getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("feeds.yaml"),
        """
        feeds:
          - {id: hostile, url: "%s", source: Hostile, language: en, interval: 1h}
        """
            .formatted(server.url("/feed.xml")));
  }

  private IngestService start() {
    ServiceContext ctx =
        new ServiceContext(
            broker.bootstrapServers(),
            topics,
            dir.resolve("data"),
            0,
            true,
            IngestServiceTest.ADMIN,
            "https://example.org/c");
    return IngestService.start(
        ctx, dir.resolve("feeds.yaml"), IngestOptions.defaults().withInitialSpread(Duration.ZERO));
  }

  private FeedStatus status() {
    return service.statuses().get("hostile").orElse(FeedStatus.initial("hostile", ""));
  }

  private List<Article> published() {
    Fixtures.awaitLinked(
        broker.bootstrapServers(),
        topics); // what ingest published to news.intake is on news.articles
    return Fixtures.articles(broker.bootstrapServers(), topics.articles()).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  private HttpResponse<String> health() throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/health"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
