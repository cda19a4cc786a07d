package org.newswatch.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.newswatch.common.web.StaticHttpServer;

/**
 * A news site on loopback for end-to-end tests: one RSS 2.0 feed that gains items when the test
 * publishes them, each with its article page. It counts how often the feed was fetched, so a test
 * can wait for the ingest-service to have polled again.
 */
public final class NewsSite implements AutoCloseable {
  static final String FEED = "/feed.rss";

  /** An article: its page path, headline, paragraphs and language. */
  public record Item(String path, String title, String language, String... paragraphs) {}

  private final StaticHttpServer server;
  private final List<Item> items = new CopyOnWriteArrayList<>();

  /** Items written as the test wants them, hostile ones included, listed after the regular ones. */
  private final List<String> rawItems = new CopyOnWriteArrayList<>();

  private final AtomicInteger feedFetches = new AtomicInteger();
  private final Instant published = Instant.now();

  private NewsSite(StaticHttpServer server) {
    this.server = server;
    server.handle(
        FEED,
        exchange -> {
          feedFetches.incrementAndGet();
          byte[] body = rss().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
  }

  public static NewsSite start() {
    return new NewsSite(StaticHttpServer.start(0));
  }

  /** Adds the item's page and puts it at the top of the feed. */
  public void publish(Item item) {
    StringBuilder paragraphs = new StringBuilder();
    for (String p : item.paragraphs()) {
      paragraphs.append("<p>").append(Html.escape(p)).append("</p>\n");
    }
    server.put(
        item.path(),
        "text/html; charset=utf-8",
        "<!doctype html><html lang=\""
            + item.language()
            + "\"><head><meta charset=\"utf-8\"><title>"
            + Html.escape(item.title())
            + "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>"
            + Html.escape(item.title())
            + "</h1>\n"
            + paragraphs
            + "</article><footer>Test fixture</footer></body></html>");
    items.add(0, item);
  }

  /**
   * Adds an {@code <item>} element exactly as written (nothing escaped or checked), for items no
   * well-behaved site would publish.
   */
  public void publishRawItem(String itemXml) {
    rawItems.add(itemXml);
  }

  public String url(String path) {
    return server.url(path);
  }

  public int feedFetches() {
    return feedFetches.get();
  }

  /** Writes a feeds file (NEWSWATCH_FEEDS format) with this site's feed, polled every 5 s. */
  public Path writeFeedsFile(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(
        file,
        """
        feeds:
          - id: e2e-news
            url: %s
            source: E2E News
            language: en
            interval: 5s
        """
            .formatted(server.url(FEED)),
        StandardCharsets.UTF_8);
  }

  private String rss() {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>E2E News</title><link>"
                + server.url("/")
                + "</link><description>test feed</description>\n");
    for (Item item : items) {
      b.append("<item><title>")
          .append(Html.escape(item.title()))
          .append("</title><link>")
          .append(server.url(item.path()))
          .append("</link><guid isPermaLink=\"true\">")
          .append(server.url(item.path()))
          .append("</guid><pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(published.atOffset(ZoneOffset.UTC)))
          .append("</pubDate><description>")
          .append(Html.escape(item.paragraphs()[0]))
          .append("</description></item>\n");
    }
    rawItems.forEach(raw -> b.append(raw).append('\n'));
    return b.append("</channel></rss>\n").toString();
  }

  @Override
  public void close() {
    server.close();
  }
}
